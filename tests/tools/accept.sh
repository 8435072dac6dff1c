#!/bin/sh
# Write tests/transcripts/NAME.out from what ./nnsh prints now, after you have
# read that output and checked it line by line (numbers against NumPy).
# The data directory in the output is written as $DATA, as tests/run.sh
# compares it, so a `# needs: data` transcript passes wherever the data is.
# usage: tests/tools/accept.sh tests/transcripts/NAME.nns [DATA_DIR]
s=$1
DATA=${2:-../shared/mnist}
# absolute, as tests/run.sh makes it, so the replacement cannot hit other text
if [ -d "$DATA" ]; then DATA=$(cd "$DATA" && pwd); fi
args=$(sed -n '1s/^# args: *//p' "$s")
export NO_COLOR=1 NNSH_HISTORY= NNSH_TEST_DATA="$DATA" COLUMNS=80
export NNSH_CACHE_DIR="$(mktemp -d)"
out="${s%.nns}.out"
# shellcheck disable=SC2086
./nnsh --data "$DATA" $args "$s" </dev/null >"$out.raw" 2>&1
rc=$?
# the same replacement as tests/run.sh makes
awk -v d="$DATA" -f tests/tools/placeholder.awk <"$out.raw" >"$out"
rm -f "$out.raw"
echo "[exit $rc]" >>"$out"
rm -rf "$NNSH_CACHE_DIR"
cat "$out"
