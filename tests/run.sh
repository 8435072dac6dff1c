#!/bin/sh
# Run every nnsh test: the cmocka unit tests, the transcript tests
# (tests/transcripts/NAME.nns run through nnsh, output compared with
# NAME.out), the command-line checks, make install and uninstall into a
# staged tree (tests/tools/install_test.sh), and the check that no new
# writable global crept into the objects (tests/tools/globals.sh).
# usage: tests/run.sh NNSH_BINARY UNIT_TEST_DIR DATA_DIR [OBJECT_DIR]
# Ends with the line "N passed, N failed, N skipped"; exits 1 when anything
# failed. A test is skipped only when the MNIST data it needs is missing
# (or groff, for the check that the man page renders cleanly).
BIN=$1
UNITDIR=$2
DATA=$3
OBJDIR=$4
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
# nnsh names the data directory in its messages ("MNIST from DIR"); the
# transcripts write it as $DATA, so they pass whatever DATA is. It is made
# absolute so that the replacement cannot hit other text ("data", ".").
if [ -d "$DATA" ]; then DATA=$(cd "$DATA" && pwd); fi
passed=0
failed=0
skipped=0
failures=""

# Transcripts must not depend on the user's terminal, colours or history.
export NO_COLOR=1 NNSH_HISTORY= NNSH_TEST_DATA="$DATA" COLUMNS=80
export NNSH_CACHE_DIR="$(mktemp -d)"
scratch=$(mktemp -d)
trap 'rm -rf "$NNSH_CACHE_DIR" "$scratch"' EXIT

# pass NAME / fail NAME: count one result
pass() {
    passed=$((passed + 1))
    echo "ok   $1"
}
fail() {
    failed=$((failed + 1))
    failures="$failures $1"
    echo "FAIL $1"
}

echo "== unit tests"
for t in "$UNITDIR"/test_*; do
    [ -x "$t" ] || continue
    out=$("$t" 2>&1)
    rc=$?
    count() { printf '%s\n' "$out" | sed -n "s/^\[  $1  *\] \([0-9]*\) test.*/\1/p" | tail -1; }
    p=$(count PASSED)
    f=$(count FAILED)
    s=$(count SKIPPED)
    p=${p:-0}
    f=${f:-0}
    s=${s:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    skipped=$((skipped + s))
    name=$(basename "$t")
    if [ "$f" -ne 0 ]; then
        printf '%s\n' "$out" | grep -E 'FAIL|ERROR|error|Assert|expected|got' | head -40
        failures="$failures $name"
        echo "FAIL $name"
    elif [ "$s" -ne 0 ]; then
        echo "ok   $name ($p, $s skipped:$(printf '%s\n' "$out" |
            sed -n 's/^\[  SKIPPED \] \(test_[a-z0-9_]*\)$/ \1/p' | awk '!seen[$0]++' |
            tr -d '\n'))"
    else
        echo "ok   $name ($p)"
    fi
done

# Replace the data directory in nnsh's output by the text $DATA.
placeholder() {
    awk -v d="$DATA" -f tests/tools/placeholder.awk
}

echo "== transcript tests"
tmp="$scratch/transcript"
for s in tests/transcripts/*.nns; do
    [ -f "$s" ] || continue
    exp="${s%.nns}.out"
    # an optional first line "# args: ..." gives extra command-line options
    args=$(sed -n '1s/^# args: *//p' "$s")
    # a transcript that needs the MNIST data says so with "# needs: data"
    if grep -q '^# needs: data' "$s" && [ ! -f "$DATA/t10k-images-idx3-ubyte.gz" ]; then
        skipped=$((skipped + 1))
        echo "skip $s (no MNIST data in $DATA)"
        continue
    fi
    # shellcheck disable=SC2086
    "$BIN" --data "$DATA" $args "$s" </dev/null >"$tmp.raw" 2>&1
    rc=$?
    placeholder <"$tmp.raw" >"$tmp"
    echo "[exit $rc]" >>"$tmp"
    if [ -f "$exp" ] && diff -u "$exp" "$tmp" >"$tmp.diff" 2>&1; then
        pass "$s"
    else
        fail "$s"
        if [ -f "$exp" ]; then head -60 "$tmp.diff"; else echo "  (no $exp)"; fi
    fi
done

echo "== 80 columns"
# Every line nnsh prints in a transcript must fit an 80-column terminal,
# measured in display columns (tests/tools/colwidth.c: CJK takes two,
# braille one). A transcript whose lines are the user's own output, as wide
# as Python prints them, opts out with "# wide: user output" on its first or
# second line.
COLWIDTH=${OBJDIR:+$OBJDIR/tools/colwidth}
if [ -z "$COLWIDTH" ] || [ ! -x "$COLWIDTH" ]; then
    COLWIDTH="$scratch/colwidth"
    ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -o "$COLWIDTH" tests/tools/colwidth.c ||
        COLWIDTH=""
fi
if [ -z "$COLWIDTH" ]; then
    fail "columns"
    echo "  (cannot build tests/tools/colwidth.c)"
else
    wide=""
    narrow=""
    for s in tests/transcripts/*.nns; do
        [ -f "${s%.nns}.out" ] || continue
        if sed -n '1,2p' "$s" | grep -q '^# wide: user output'; then
            wide="$wide $(basename "$s" .nns)"
        else
            narrow="$narrow ${s%.nns}.out"
        fi
    done
    # shellcheck disable=SC2086
    if out=$("$COLWIDTH" 80 $narrow 2>&1); then
        pass "columns: every transcript line fits 80 columns (wide by choice:${wide:- none})"
    else
        fail "columns"
        printf '%s\n' "$out" | head -20
    fi
    # ... and the check must be able to fail: 41 CJK characters are 82
    # columns, 80 braille cells are 80, an 81-character line of ASCII is 81
    {
        printf 'x%.0s' $(seq 81)
        printf '\n'
        printf '\342\240\277%.0s' $(seq 80)
        printf '\n'
        printf '\344\270\255%.0s' $(seq 41)
        printf '\n'
    } >"$scratch/wide.txt"
    got=$("$COLWIDTH" 80 "$scratch/wide.txt" 2>&1 | sed 's/^.*:\([0-9]*\): \([0-9]*\) columns$/\1:\2/' |
        tr '\n' ' ')
    if [ "$got" = "1:81 3:82 " ]; then
        pass "columns: the check counts display width (CJK 2, braille 1)"
    else
        fail "columns-selftest"
        echo "  (reported '$got', wanted '1:81 3:82 ')"
    fi
fi

echo "== the course"
# Every lesson and exercise is played with --auto in English and Chinese:
# each exercise's checks must fail before its answer, reject every wrong
# answer, pass the solution, and no hint may give the answer (see
# lessons/README.md). What they print must fit 80 columns too. A Chinese
# file must have its English twin's code, answers and checks
# (tests/unit/test_course_files.c).
export NNSH_PROGRESS=
for f in lessons/[0-9]*.nns lessons/exercises/[0-9]*.nns; do
    [ -f "$f" ] || continue
    n=$(basename "$f" | sed 's/^0*\([0-9][0-9]*\)-.*/\1/')
    case "$f" in */exercises/*) id="e$n" ;; *) id="$n" ;; esac
    for lang in en zh; do
        "$BIN" --data "$DATA" --lesson "$id" --auto --lang "$lang" </dev/null >"$tmp.raw" 2>&1
        rc=$?
        if [ $rc -eq 0 ] && grep -q "^auto: .* skipped: it needs the MNIST files" "$tmp.raw"; then
            skipped=$((skipped + 1))
            echo "skip course $id ($lang): no MNIST data in $DATA"
        elif [ $rc -eq 0 ] && grep -q "^auto: [a-z]* $id ok" "$tmp.raw"; then
            # the data folder's path is the user's, as long as it is: it
            # counts as $DATA, as in the transcripts
            placeholder <"$tmp.raw" >"$tmp.out"
            if [ -n "$COLWIDTH" ] && ! "$COLWIDTH" 80 "$tmp.out" >"$tmp.cols" 2>&1; then
                fail "course $id ($lang): a line passes 80 columns"
                head -5 "$tmp.cols"
            else
                pass "course $id ($lang): $(grep "^auto: " "$tmp.raw" | sed 's/^auto: [a-z]* [e0-9]* ok: //')"
            fi
        else
            fail "course $id ($lang)"
            tail -15 "$tmp.raw"
        fi
    done
done

echo "== value programs"
# tests/values/NNN.py: generated Python programs (tests/tools/gen_values.py)
# run with `nnsh -q`; stdout must equal NNN.out, what Python 3 with NumPy
# printed. A program listed in tests/values/known.txt ("NNN CLASS", the class
# explained on its "= CLASS reason" line) differs for a known reason: when it
# still differs it is counted as skipped, under its reason; when it passes it
# is counted as passed, with a note to take it off the list.
known=tests/values/known.txt
vpass=0
vskip="$scratch/value-skips"
: >"$vskip"
for p in tests/values/[0-9]*.py; do
    [ -f "$p" ] || continue
    n=$(basename "$p" .py)
    class=$([ -f "$known" ] && awk -v n="$n" '$1 == n { print $2; exit }' "$known")
    "$BIN" -q "$p" </dev/null >"$tmp" 2>&1
    if cmp -s "${p%.py}.out" "$tmp"; then
        passed=$((passed + 1))
        vpass=$((vpass + 1))
        [ -n "$class" ] && echo "ok   $p passes now: take it off $known"
    elif [ -n "$class" ]; then
        skipped=$((skipped + 1))
        echo "$class $n" >>"$vskip"
    else
        fail "$p"
        diff -u "${p%.py}.out" "$tmp" | head -20
    fi
done
echo "ok   tests/values: $vpass programs print what Python prints"
# one line per known class: its reason and its programs
for class in $(awk '{ print $1 }' "$vskip" | sort -u); do
    reason=$(awk -v c="$class" '$1 == "=" && $2 == c { $1 = ""; $2 = ""; sub(/^  */, ""); print; exit }' "$known")
    nums=$(awk -v c="$class" '$1 == c { printf " %s", $2 }' "$vskip")
    echo "skip tests/values: $(printf '%s\n' $nums | wc -l) known ($class)"
    echo "     $reason"
    echo "    $nums" | fold -s -w 76 | sed '2,$s/^/     /'
done

echo "== command line"
# check NAME EXPECTED_STATUS EXPECTED_TEXT COMMAND...: run it, compare the exit
# status and look for the text in what it printed (empty: it prints nothing)
check() {
    name=$1 want=$2 text=$3
    shift 3
    out=$("$@" 2>&1 </dev/null)
    rc=$?
    # an empty TEXT means "prints nothing"; "not reached" must never appear
    if [ -z "$text" ]; then found=$([ -z "$out" ] && echo y); else
        found=$(printf '%s' "$out" | grep -qF -- "$text" && echo y); fi
    if printf '%s' "$out" | grep -q 'not reached'; then found=""; fi
    if [ "$rc" -eq "$want" ] && [ -n "$found" ]; then
        pass "cli: $name"
    else
        fail "cli:$name"
        echo "  (status $rc, wanted $want and '$text')"
        printf '%s\n' "$out" | head -10
    fi
}
check version 0 "nnsh " "$BIN" --version
check help 0 "--keep-going" "$BIN" --help
check man 0 ".SH COMMANDS" "$BIN" --man
check bad-option 2 "unknown option" "$BIN" --bogus
check missing-script 1 "cannot open" "$BIN" no/such/script.nns
check dash-c 0 "[0.2 0.5 0.8]" "$BIN" --example -c "dot X W1"
check dash-c-error 1 "shape error" "$BIN" --example -c "dot W1 X"
check stops-at-error 1 "[0.2 0.5 0.8]" "$BIN" --example -c "dot X W1
dot W1 X
print('not reached')"
check quiet 0 "[0.3 0.7 1.1]" "$BIN" -q --example -c "A1 = dot X W1 + B1; print(A1)"
check piped 0 "A list" sh -c "printf 'A = [1,\\n 2]\\nA\\n' | '$BIN'"
check piped-error 1 "name error" sh -c "printf 'x = nope\\n' | '$BIN'"
check quit 0 "" "$BIN" -c "quit; print('not reached')"

# --- hardening (issue 8): output errors, odd input, memory budget, FIFOs,
# signals. Each would fail before its fix.
check output-full 1 "error writing the output" sh -c "'$BIN' -c 'print(1)' >/dev/full"
check nul-byte 1 "a NUL byte in the input" sh -c "printf 'x = 1\\000 + 2\\n' | '$BIN'"
check lone-cr 0 "[2]" sh -c "printf 'a = np.array([1])\\ra = a + 1\\rprint(a)\\r' | '$BIN' -q"
check max-memory 1 "out of memory: 7.6 MiB asked" "$BIN" --max-memory 4M -c "a = np.ones((1000, 1000))"
check max-memory-env 1 "limit 4 MiB (--max-memory)" env NNSH_MAX_MEMORY=4M "$BIN" -c "a = np.ones((1000, 1000))"
check max-memory-bad 2 "is not a size" "$BIN" --max-memory 12X -c "1"
check budget-goes-on 1 "(10,)" "$BIN" --max-memory 4M --keep-going -c "a = np.ones((1000, 1000))
b = np.ones(10)
print(b.shape)"
check huge-zero-shape 1 "array is too big" "$BIN" -c "a = np.zeros((0, 10**18, 10**18, 10**18))"
# the course from the command line
first_lesson=$(ls lessons/01-*.nns 2>/dev/null | head -1)
check lesson-file-plays 0 "== lesson 1:" env NNSH_PROGRESS= "$BIN" "$first_lesson"
check lesson-file-zh 0 "== 第 1 课：" env NNSH_PROGRESS= "$BIN" --lang zh "$first_lesson"
if [ -f "$DATA/t10k-images-idx3-ubyte.gz" ]; then
    check auto-all 0 "auto: all 19 lessons and exercises ok (en)" env NNSH_PROGRESS= "$BIN" --data "$DATA" --auto
else
    check auto-all 0 "lessons and exercises ok, 6 skipped without the MNIST data" env NNSH_PROGRESS= "$BIN" --data "$DATA" --auto
fi
check lesson-none 1 "there is no lesson 99" env NNSH_PROGRESS= "$BIN" --lesson 99 --auto
check lesson-bad-id 2 "--lesson takes a lesson number" "$BIN" --lesson x1
check lesson-bad-lang 2 "--lang takes en or zh" "$BIN" --lang fr --auto
fifo_dir=$(mktemp -d)
mkfifo "$fifo_dir/w.npy" "$fifo_dir/hist"
check load-fifo 1 "not a regular file (a FIFO)" timeout 10 "$BIN" -c "load \"$fifo_dir/w.npy\""
check script-fifo 1 "not a regular file (a FIFO)" timeout 10 "$BIN" "$fifo_dir/w.npy"
rm -rf "$fifo_dir"
# Ctrl-C, SIGTERM and SIGHUP against a running nnsh (tmux gives it a terminal)
sigout=$(sh tests/tools/signals.sh "$BIN" 2>&1)
printf '%s\n' "$sigout"
passed=$((passed + $(printf '%s\n' "$sigout" | grep -c '^ok ')))
nfail=$(printf '%s\n' "$sigout" | grep -c '^FAIL ')
failed=$((failed + nfail))
[ "$nfail" -gt 0 ] && failures="$failures signals"

# a lesson at a real terminal (tmux), in Chinese
ttyout=$(sh tests/tools/lesson_tty.sh "$BIN" 2>&1)
printf '%s\n' "$ttyout"
passed=$((passed + $(printf '%s\n' "$ttyout" | grep -c '^ok ')))
nfail=$(printf '%s\n' "$ttyout" | grep -c '^FAIL ')
failed=$((failed + nfail))
[ "$nfail" -gt 0 ] && failures="$failures lesson-tty"

echo "== make install"
# make install into a staged tree, the staged nnsh run from /, its man page
# rendered, make uninstall (tests/tools/install_test.sh)
instout=$(sh tests/tools/install_test.sh "$BIN" 2>&1)
printf '%s\n' "$instout"
passed=$((passed + $(printf '%s\n' "$instout" | grep -c '^ok ')))
skipped=$((skipped + $(printf '%s\n' "$instout" | grep -c '^skip ')))
nfail=$(printf '%s\n' "$instout" | grep -c '^FAIL ')
failed=$((failed + nfail))
[ "$nfail" -gt 0 ] && failures="$failures install"

echo "== writable globals"
# The objects of src/ may hold no writable global outside the allow-list.
GLOBALS="sh tests/tools/globals.sh"
ALLOWED=tests/tools/globals-allowed.txt
if [ -n "$OBJDIR" ]; then
    if out=$($GLOBALS "$ALLOWED" "$OBJDIR"/*.o 2>&1); then
        pass "globals: $OBJDIR/*.o"
    else
        fail "globals"
        printf '%s\n' "$out"
    fi
else
    echo "(no object directory given: the objects are not checked)"
fi
# ... and the check must be able to fail: a tiny object with a counter, a
# thread-local and an exported variable (writable: reported) beside two
# constant tables (read-only, one of pointers: not reported).
cat >"$scratch/leaky.c" <<'SRC'
static int counter;
static _Thread_local int depth;
int shared = 3;
static const int squares[] = {0, 1, 4, 9};
const char *const names[] = {"zero", "one"};
int leaky_use(int i) { return ++counter + ++depth + shared + squares[i & 3] + names[i & 1][0]; }
SRC
printf '# nothing allowed\n' >"$scratch/none.txt"
printf 'leaky.o counter  test\nleaky.o depth  test\nleaky.o shared  test\n' >"$scratch/all.txt"
if ${CC:-cc} -std=c11 -O2 -fPIE -c -o "$scratch/leaky.o" "$scratch/leaky.c"; then
    out=$($GLOBALS "$scratch/none.txt" "$scratch/leaky.o" 2>&1)
    rc=$?
    got=$(printf '%s\n' "$out" | sed -n 's/^  leaky\.o \([a-z_]*\) .*/\1/p' | tr '\n' ' ')
    if [ "$rc" -eq 1 ] && [ "$got" = "counter depth shared " ]; then
        pass "globals: a new writable global fails the check"
    else
        fail "globals-selftest"
        echo "  (status $rc, reported '$got', wanted 1 and 'counter depth shared ')"
        printf '%s\n' "$out"
    fi
    if $GLOBALS "$scratch/all.txt" "$scratch/leaky.o" >/dev/null 2>&1; then
        pass "globals: the allow-list lets named ones through"
    else
        fail "globals-allowlist"
    fi
else
    fail "globals-selftest"
    echo "  (cannot compile the self-test object with ${CC:-cc})"
fi

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
