#!/bin/sh
# lesson_tty.sh - a lesson played at a real terminal (tmux gives nnsh one):
# `nnsh --lesson e1 --lang zh` starts the exercise, a wrong answer gets
# "not yet", `hint` and `solution` answer, the right answer passes, and the
# progress file records it.
# usage: sh tests/tools/lesson_tty.sh NNSH_BINARY
# Prints "ok   tty: ..." or "FAIL tty: ..." (or "skip tty: ..." without
# tmux); exits 1 when a check failed.
BIN=$1
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
if ! command -v tmux >/dev/null 2>&1; then
    echo "skip tty: lesson at a terminal (no tmux; apt-get install tmux)"
    exit 0
fi
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lessons/exercises" "$tmp/lessons/zh/exercises"
cat >"$tmp/lessons/exercises/01-double.nns" <<'LESSON'
# Double it
x = np.array([1.0, 2.0])
# exercise: Store x doubled in y.
# hint: multiply by a number
# wrong: y = x
# wrong: y = x + 1
y = x * 2  # solution
check matches(y, x + x)
LESSON
sed 's/^# Double it/# 加倍/; s/^# exercise: .*/# exercise: 把 x 的两倍存进 y。/; s/^# hint: .*/# hint: 乘以一个数/' \
    "$tmp/lessons/exercises/01-double.nns" >"$tmp/lessons/zh/exercises/01-double.nns"
# wait_for TEXT: until the pane shows TEXT (10 s at most)
wait_for() {
    n=0
    while ! tmux -S "$sock" capture-pane -p -S -200 -t t 2>/dev/null | grep -qF -- "$1"; do
        sleep 0.02
        n=$((n + 1))
        [ $n -gt 500 ] && return 1
    done
    return 0
}
tmux -S "$sock" new-session -d -s t -x 80 -y 40 \
    "env NO_COLOR=1 NNSH_HISTORY= NNSH_LESSONS='$tmp/lessons' NNSH_PROGRESS='$tmp/progress' '$BIN' --lesson e1 --lang zh; echo \"exit=\$?\"; sleep 30"
fail=0
step() { # step KEYS EXPECTED: type a line, wait for what it must show
    tmux -S "$sock" send-keys -t t "$1" Enter
    if ! wait_for "$2"; then
        echo "FAIL tty: after '$1' no '$2'"
        tmux -S "$sock" capture-pane -p -S -200 -t t | tail -15
        fail=1
    fi
}
if ! wait_for "轮到你了"; then
    echo "FAIL tty: the exercise did not start"
    tmux -S "$sock" capture-pane -p -t t | tail -15
    exit 1
fi
# the banner, lines joined as written (-J), fits 80 columns
tmux -S "$sock" capture-pane -p -J -t t | sed -n '1,3p' >"$tmp/banner"
if ! grep -q '^nnsh .*`help` lists everything' "$tmp/banner" ||
    awk 'length($0) > 80 { bad = 1 } END { exit !bad }' "$tmp/banner"; then
    echo "FAIL tty: the banner is missing or wider than 80 columns:"
    cat "$tmp/banner"
    fail=1
fi
step 'y = x + 1' 'y (2,) float64'
step 'check' 'not yet: matches(y, x + x)'
step 'hint' '提示 1/1：乘以一个数'
step 'solution' 'y = x * 2'
step 'y = x * 2' '[2. 4.]'
step 'check' '做得好'
step 'quit' 'exit=0'
if [ $fail -eq 0 ] && grep -q '^exercise 1 of=1 passed=1 ended$' "$tmp/progress"; then
    echo "ok   tty: --lesson e1 --lang zh at a terminal: banner in 80 columns, not yet, hint, solution, passed, progress saved"
else
    [ $fail -eq 0 ] && echo "FAIL tty: progress not saved: $(cat "$tmp/progress" 2>&1)"
    fail=1
fi
exit $fail
