#!/bin/sh
# valgrind.sh - run the transcripts and the unit tests under valgrind's
# memcheck (`make valgrind`). Fails on any memory error (invalid read or
# write, use of uninitialised values, bad free) and on any definite or
# possible leak, except the one in tests/tools/valgrind.supp (the helper
# thread's TLS). Output is not compared here: `make test` does that.
# usage: tests/tools/valgrind.sh NNSH_BINARY UNIT_TEST_DIR DATA_DIR
# Ends with "N passed, N failed, N skipped"; exits 1 when anything failed.
BIN=$1
UNITDIR=$2
DATA=$3
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
if [ -d "$DATA" ]; then DATA=$(cd "$DATA" && pwd); fi
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind is not installed (apt-get install valgrind)"
    exit 1
fi
passed=0
failed=0
skipped=0
failures=""

export NO_COLOR=1 NNSH_HISTORY= NNSH_TEST_DATA="$DATA" COLUMNS=80
export NNSH_CACHE_DIR="$(mktemp -d)"
scratch=$(mktemp -d)
trap 'rm -rf "$NNSH_CACHE_DIR" "$scratch"' EXIT

# memcheck exits with this status when it found something
VG_STATUS=99
VG="valgrind --quiet --error-exitcode=$VG_STATUS --leak-check=full
    --show-leak-kinds=definite,possible --errors-for-leak-kinds=definite,possible
    --track-origins=yes --suppressions=tests/tools/valgrind.supp"

# memcheck NAME WANT COMMAND...: run COMMAND under valgrind and count the
# result: a failure when memcheck reports anything, or when WANT is "ok"
# and the command itself fails (unit tests must pass under valgrind too;
# transcripts may end with an error on purpose, WANT "any").
memcheck() {
    name=$1 want=$2
    shift 2
    log="$scratch/log"
    # shellcheck disable=SC2086
    NNSH_VALGRIND=1 $VG --log-file="$log" "$@" </dev/null >"$scratch/out" 2>&1
    rc=$?
    if [ "$rc" -eq "$VG_STATUS" ] || [ -s "$log" ]; then
        failed=$((failed + 1))
        failures="$failures $name"
        echo "FAIL $name"
        head -60 "$log"
    elif [ "$want" = ok ] && [ "$rc" -ne 0 ]; then
        failed=$((failed + 1))
        failures="$failures $name"
        echo "FAIL $name (status $rc under valgrind)"
        tail -20 "$scratch/out"
    else
        passed=$((passed + 1))
        echo "ok   $name"
    fi
}

echo "== transcripts under valgrind"
for s in tests/transcripts/*.nns; do
    [ -f "$s" ] || continue
    args=$(sed -n '1s/^# args: *//p' "$s")
    if grep -q '^# needs: data' "$s" && [ ! -f "$DATA/t10k-images-idx3-ubyte.gz" ]; then
        skipped=$((skipped + 1))
        echo "skip $s (no MNIST data in $DATA)"
        continue
    fi
    # shellcheck disable=SC2086
    memcheck "$s" any "$BIN" --data "$DATA" $args "$s"
done

echo "== unit tests under valgrind"
for t in "$UNITDIR"/test_*; do
    [ -x "$t" ] || continue
    memcheck "$(basename "$t")" ok "$t"
done

echo "== the check itself"
# A program that loses a block must fail the check (counted as passed when
# it does): so a broken suppression file or option cannot hide leaks.
printf '#include <stdlib.h>\nint main(void) { char *p = malloc(64); p[0] = 1; p = 0; return 0; }\n' \
    >"$scratch/lose.c"
if ${CC:-cc} -g -O0 -o "$scratch/lose" "$scratch/lose.c"; then
    # shellcheck disable=SC2086
    $VG --log-file="$scratch/log" "$scratch/lose" >/dev/null 2>&1
    if [ $? -eq "$VG_STATUS" ] && grep -q "definitely lost" "$scratch/log"; then
        passed=$((passed + 1))
        echo "ok   a definite leak fails the check"
    else
        failed=$((failed + 1))
        failures="$failures selftest"
        echo "FAIL a definite leak was not reported"
    fi
else
    failed=$((failed + 1))
    failures="$failures selftest"
    echo "FAIL cannot compile the self-test with ${CC:-cc}"
fi

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
