# Write every occurrence of the data directory d in the input as the text
# $DATA, so a transcript's expected output holds wherever the data lives.
# usage: awk -v d=DIR -f tests/tools/placeholder.awk
{
    out = ""
    while (d != "" && (i = index($0, d)) > 0) {
        out = out substr($0, 1, i - 1) "$DATA"
        $0 = substr($0, i + length(d))
    }
    print out $0
}
