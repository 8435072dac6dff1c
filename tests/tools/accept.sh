#!/bin/sh
# Write tests/transcripts/NAME.out from what ./nnsh prints now, after you have
# read that output and checked it line by line (numbers against NumPy).
# usage: tests/tools/accept.sh tests/transcripts/NAME.nns [DATA_DIR]
s=$1
DATA=${2:-../shared/mnist}
args=$(sed -n '1s/^# args: *//p' "$s")
export NO_COLOR=1 NNSH_HISTORY= NNSH_TEST_DATA="$DATA" COLUMNS=80
export NNSH_CACHE_DIR="$(mktemp -d)"
# shellcheck disable=SC2086
./nnsh --data "$DATA" $args "$s" </dev/null >"${s%.nns}.out" 2>&1
echo "[exit $?]" >>"${s%.nns}.out"
rm -rf "$NNSH_CACHE_DIR"
cat "${s%.nns}.out"
