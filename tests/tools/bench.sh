#!/bin/sh
# bench.sh - `make bench`: the chapter's batched MNIST evaluation, nnsh against
# the book's NumPy script, both timed as whole processes on this machine.
# usage: sh tests/tools/bench.sh DATA_DIR     (from the repository root, after make)
#
# Then the book's own scripts as the notes give them (the accuracy loop one
# image at a time, and in batches), run whole by nnsh and by Python with
# NumPy (target: nnsh at least 3x faster for each), and a plain interpreter
# loop, s += i a million times (target: no slower than CPython).
#
# Prints the median of RUNS runs of each whole process and their ratio
# (target: nnsh at least 8x faster end to end), the batched forward pass alone
# (nnsh's from evaluate's report, NumPy's forward_seconds; target: nnsh no
# slower), and both peak memories (target: nnsh under 64 MiB).
DATA=${1:-../shared/mnist}
RUNS=${RUNS:-5}
NNSH=${NNSH:-./nnsh}
PY=/usr/bin/python3

if [ ! -x "$NNSH" ]; then
    echo "bench: $NNSH is not built (run make first)" >&2
    exit 1
fi
if [ ! -f "$DATA/t10k-images-idx3-ubyte.gz" ] || [ ! -f "$DATA/sample_weight.pkl" ]; then
    echo "bench: no MNIST test set or sample_weight.pkl in '$DATA' (make mnist, or make bench DATA=DIR)" >&2
    exit 1
fi

NNSH_CMD='load_mnist test; load "'"$DATA"'/sample_weight.pkl"; evaluate batch=100'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now_ns() { date +%s%N; }

# median of the numbers on standard input
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run_timed OUTFILE CMD...: run once, append the wall time in seconds to OUTFILE.times
run_timed() {
    out=$1
    shift
    t0=$(now_ns)
    "$@" >"$out.last" 2>&1
    rc=$?
    t1=$(now_ns)
    if [ $rc -ne 0 ]; then
        echo "bench: '$*' failed:" >&2
        cat "$out.last" >&2
        exit 1
    fi
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", (b - a) / 1e9 }' >>"$out.times"
    cat "$out.last" >>"$out.all"
}

echo "== machine"
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
echo "cpu: ${model:-unknown}, $(nproc 2>/dev/null || echo '?') cores; $(uname -sr)"
# other work on the machine skews both timings: note how busy it was
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }
echo "load average before: $(loadavg)"

echo "== nnsh: $NNSH -q --data $DATA -c '$NNSH_CMD'"
"$NNSH" -q --data "$DATA" -c "$NNSH_CMD" >"$tmp/warm" 2>&1 || {
    echo "bench: nnsh failed:" >&2
    cat "$tmp/warm" >&2
    exit 1
}
grep -q '^Accuracy:0.9352$' "$tmp/warm" || echo "warning: nnsh did not print Accuracy:0.9352" >&2
i=0
while [ $i -lt "$RUNS" ]; do
    run_timed "$tmp/nnsh" "$NNSH" -q --data "$DATA" -c "$NNSH_CMD"
    i=$((i + 1))
done
nn_wall=$(median <"$tmp/nnsh.times")
nn_fwd=$(sed -n 's/^time: \([0-9.]*\) s.*/\1/p' "$tmp/nnsh.all" | median)
nn_mem=$(sed -n 's/.*peak memory \([0-9.]*\) MiB.*/\1/p' "$tmp/nnsh.all" | sort -g | tail -1)
echo "runs (s): $(tr '\n' ' ' <"$tmp/nnsh.times")"
echo "whole process: $nn_wall s (median of $RUNS)"
echo "batched forward pass: $nn_fwd s (median)"
echo "peak memory: $nn_mem MiB"

if ! "$PY" -c 'import numpy' 2>/dev/null; then
    echo "== NumPy"
    echo "NumPy is not installed, so nnsh was timed alone. To compare, install it:"
    echo "    sudo apt-get install python3-numpy libopenblas0-pthread"
    exit 0
fi

PYRUN="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $PY tests/tools/book_eval.py $DATA"
echo "== NumPy: $PYRUN"
$PYRUN >"$tmp/warm_py" 2>&1 || {
    echo "bench: the NumPy script failed:" >&2
    cat "$tmp/warm_py" >&2
    exit 1
}
blas=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" - <<'EOF' 2>/dev/null
import numpy as np
try:
    from threadpoolctl import threadpool_info
    for i in threadpool_info():
        if i.get("user_api") == "blas":
            print("%s %s (%s, %s threads, %s)" % (i.get("internal_api"), i.get("version"),
                  i.get("architecture"), i.get("num_threads"), i.get("filepath")))
            break
    else:
        raise ImportError
except ImportError:
    # without threadpoolctl: the BLAS library NumPy actually loaded
    import os
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            if "blas" in os.path.basename(path).lower():
                libs.add(os.path.realpath(path))
    print("NumPy %s with %s" % (np.__version__, ", ".join(sorted(libs)) or "its own BLAS"))
EOF
)
echo "BLAS: ${blas:-unknown}"
i=0
while [ $i -lt "$RUNS" ]; do
    run_timed "$tmp/py" $PYRUN
    i=$((i + 1))
done
grep -q '^accuracy=0.9352$' "$tmp/py.last" || echo "warning: NumPy did not give accuracy 0.9352" >&2
py_wall=$(median <"$tmp/py.times")
py_fwd=$(sed -n 's/^forward_seconds=//p' "$tmp/py.all" | median)
py_mem=$(sed -n 's/^peak_kib=//p' "$tmp/py.all" | sort -g | tail -1 | awk '{ printf "%.1f", $1 / 1024 }')
echo "runs (s): $(tr '\n' ' ' <"$tmp/py.times")"
echo "whole process: $py_wall s (median of $RUNS)"
echo "batched forward pass: $py_fwd s (median)"
echo "peak memory: $py_mem MiB"

echo "== nnsh against NumPy"
echo "load average after: $(loadavg)"
awk -v nw="$nn_wall" -v pw="$py_wall" -v nf="$nn_fwd" -v pf="$py_fwd" -v nm="$nn_mem" -v pm="$py_mem" 'BEGIN {
    r = (nw > 0) ? pw / nw : 0
    printf "end to end: nnsh %.3f s, NumPy %.3f s: nnsh is %.1fx faster (target 8x: %s)\n", nw, pw, r, (r >= 8) ? "met" : "NOT met"
    f = (nf > 0) ? pf / nf : 0
    printf "forward pass: nnsh %.4f s, NumPy %.4f s: nnsh is %.2fx as fast (target 1x: %s)\n", nf, pf, f, (f >= 1) ? "met" : "NOT met"
    printf "peak memory: nnsh %.1f MiB, NumPy %.1f MiB (target under 64 MiB: %s)\n", nm, pm, (nm < 64) ? "met" : "NOT met"
}'

# ---- the book's scripts and a plain loop, nnsh against Python ---------------
echo "== the book's scripts as the notes give them, whole process"
cp "$DATA/sample_weight.pkl" "$tmp/"
one="$(pwd)/tests/transcripts/notes_13.nns"
sed '/^x, t = get_data()/,$d' "$one" >"$tmp/batch.py"
awk '/^x, t = get_data\(\)/ { n++ } n == 2' tests/transcripts/notes_15.nns >>"$tmp/batch.py"
printf 's = 0\nfor i in range(1000000):\n    s += i\nprint(s)\n' >"$tmp/loop.py"
book="$(pwd)/tests/tools/book"
nnsh_abs="$(cd "$(dirname "$NNSH")" && pwd)/$(basename "$NNSH")"
data_abs="$(cd "$DATA" && pwd)"
# time_pair NAME SCRIPT: RUNS runs of each, alternating; prints both medians
time_pair() {
    name=$1 script=$2
    rm -f "$tmp/$name.n.times" "$tmp/$name.p.times"
    i=0
    while [ $i -lt "$RUNS" ]; do
        (cd "$tmp" && run_timed "$tmp/$name.n" "$nnsh_abs" -q --data "$data_abs" "$script")
        (cd "$tmp" && run_timed "$tmp/$name.p" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
            NOTES_DATA="$data_abs" PYTHONPATH="$book" "$PY" "$script")
        i=$((i + 1))
    done
    if ! cmp -s "$tmp/$name.n.last" "$tmp/$name.p.last"; then
        echo "warning: $name: nnsh and Python printed different things" >&2
    fi
    n=$(median <"$tmp/$name.n.times")
    p=$(median <"$tmp/$name.p.times")
    awk -v n="$n" -v p="$p" -v name="$name" -v t="$3" 'BEGIN {
        r = (n > 0) ? p / n : 0
        printf "%s: nnsh %.3f s, Python %.3f s: nnsh is %.1fx as fast (target %sx: %s)\n",
               name, n, p, r, t, (r >= t) ? "met" : "NOT met"
    }'
}
time_pair neuralnet_mnist "$one" 3
time_pair neuralnet_mnist_batch "$tmp/batch.py" 3
time_pair "loop s += i (1e6)" "$tmp/loop.py" 1
