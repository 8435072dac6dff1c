#!/bin/sh
# `make mnist`: download the four MNIST files (from the mirror the book's
# dataset/mnist.py uses) and the book's ch03/sample_weight.pkl into DIR,
# checking each one's size. Files already there and whole are kept.
DIR=${1:-data/mnist}
MIRROR=https://ossci-datasets.s3.amazonaws.com/mnist
WEIGHTS=https://github.com/oreilly-japan/deep-learning-from-scratch/raw/master/ch03/sample_weight.pkl
mkdir -p "$DIR" || exit 1

if command -v curl >/dev/null 2>&1; then
    fetch() { curl -fsSL --retry 2 -o "$2" "$1"; }
elif command -v wget >/dev/null 2>&1; then
    fetch() { wget -q -O "$2" "$1"; }
else
    echo "make mnist needs curl or wget (apt-get install curl)"; exit 1
fi

# decoded size of a file: gzip's payload for .gz, else the file itself
decoded_size() {
    case "$1" in
    *.gz) gzip -dc "$1" 2>/dev/null | wc -c ;;
    *) wc -c <"$1" ;;
    esac
}

status=0
# name, decoded size in bytes (idx: header + data; pickle: the file)
for entry in \
    "train-images-idx3-ubyte.gz 47040016" \
    "train-labels-idx1-ubyte.gz 60008" \
    "t10k-images-idx3-ubyte.gz 7840016" \
    "t10k-labels-idx1-ubyte.gz 10008" \
    "sample_weight.pkl 181853"; do
    set -- $entry
    name=$1 want=$2
    path="$DIR/$name"
    if [ -f "$path" ] && [ "$(decoded_size "$path" | tr -d ' ')" = "$want" ]; then
        echo "have     $path"
        continue
    fi
    case "$name" in
    *.pkl) url=$WEIGHTS ;;
    *) url=$MIRROR/$name ;;
    esac
    echo "download $url"
    if ! fetch "$url" "$path.part"; then
        echo "  failed: could not download $name"; rm -f "$path.part"; status=1; continue
    fi
    got=$(decoded_size "$path.part" | tr -d ' ')
    if [ "$got" != "$want" ]; then
        echo "  failed: $name decodes to $got bytes, expected $want"; rm -f "$path.part"; status=1; continue
    fi
    mv "$path.part" "$path"
    echo "  ok     $path ($want bytes decoded)"
done
if [ $status = 0 ]; then
    echo "MNIST and the book's weights are in $DIR; nnsh finds them there by default."
    echo "Try: ./nnsh -c 'load_mnist test; load \"$DIR/sample_weight.pkl\"; evaluate batch=100'"
fi
exit $status
