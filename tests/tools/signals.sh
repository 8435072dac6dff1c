#!/bin/sh
# signals.sh - Ctrl-C and SIGTERM against a running nnsh, as a user meets them.
# usage: sh tests/tools/signals.sh NNSH_BINARY
# Prints "ok   sig: NAME" or "FAIL sig: NAME ..." per check and "skip sig: ..."
# for checks whose tool (tmux) is missing; exits 1 when a check failed.
# Thresholds are generous (the machine is shared); the exact times are
# printed so a run can be quoted.
BIN=$1
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
tmp=$(mktemp -d)
sock=""
trap '[ -n "$sock" ] && tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok   sig: $1"; }
bad() {
    echo "FAIL sig: $1"
    fail=1
}
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }

# 1. A script read from a pipe: Ctrl-C stops the 6000x6000 product, the
#    script ends with status 130 and says so.
mkfifo "$tmp/in"
"$BIN" -q --keep-going <"$tmp/in" >"$tmp/out" 2>&1 &
pid=$!
exec 3>"$tmp/in"
echo 'a = np.ones((6000, 6000)); print("ready")' >&3
n=0
while ! grep -q ready "$tmp/out" && [ $n -lt 400 ]; do sleep 0.05; n=$((n + 1)); done
echo 'b = a @ a' >&3
sleep 0.5
t0=$(date +%s%N)
kill -INT $pid
wait $pid
rc=$?
ms=$(ms_since "$t0")
exec 3>&-
if [ $rc -eq 130 ] && grep -q '^interrupted: stopped by Ctrl-C' "$tmp/out" && [ "$ms" -lt 2000 ]; then
    ok "script a @ a stopped ${ms} ms after SIGINT (process ended)"
else
    bad "script Ctrl-C: status $rc after ${ms} ms"
    cat "$tmp/out"
fi

# The rest needs a terminal: tmux gives nnsh a real one.
if ! command -v tmux >/dev/null 2>&1; then
    echo "skip sig: terminal checks (no tmux; apt-get install tmux)"
    exit $fail
fi
hist="$tmp/history"
# wait_for TEXT: until the pane shows TEXT (10 s at most)
wait_for() {
    n=0
    while ! tmux -S "$sock" capture-pane -p -t t 2>/dev/null | grep -qF -- "$1"; do
        sleep 0.02
        n=$((n + 1))
        [ $n -gt 500 ] && return 1
    done
    return 0
}
nsock=0
# new_sock: a fresh tmux server for each check (a server being shut down
# must not be asked to start the next session)
new_sock() {
    [ -n "$sock" ] && tmux -S "$sock" kill-server 2>/dev/null
    nsock=$((nsock + 1))
    sock="$tmp/tmux$nsock.sock"
}
start() {
    new_sock
    tmux -S "$sock" new-session -d -s t -x 100 -y 30 \
        "env NO_COLOR=1 NNSH_HISTORY='$hist' NNSH_CACHE_DIR= '$BIN' -q; echo \"exit=\$?\"; stty -a > '$tmp/stty'; sleep 30"
    wait_for 'nnsh>'
}

# 2. At the prompt: Ctrl-C stops `b = a @ a` quickly, the prompt comes back
#    and b was never defined.
start
tmux -S "$sock" send-keys -t t 'a = np.ones((6000, 6000)); print("ready")' Enter
wait_for ready
tmux -S "$sock" send-keys -t t 'b = a @ a' Enter
sleep 0.5
t0=$(date +%s%N)
tmux -S "$sock" send-keys -t t C-c
wait_for 'interrupted: stopped by Ctrl-C'
ms=$(ms_since "$t0")
tmux -S "$sock" send-keys -t t 'print(b)' Enter
if wait_for "name error" && [ "$ms" -lt 1000 ]; then
    ok "prompt a @ a stopped ${ms} ms after Ctrl-C (tmux round trip included), b undefined"
else
    bad "prompt Ctrl-C (${ms} ms)"
    tmux -S "$sock" capture-pane -p -t t | tail -12
fi

# 3. SIGTERM at the prompt: status 143, terminal modes back, history saved.
tmux -S "$sock" send-keys -t t 'x_sigterm_check = 1' Enter
sleep 0.3
pid=$(pgrep -n -f "^$BIN -q" || true)
kill -TERM "$pid"
wait_for 'exit=' || true
sleep 0.3
if tmux -S "$sock" capture-pane -p -t t | grep -q 'exit=143' &&
    grep -qw icanon "$tmp/stty" && grep -qw echo "$tmp/stty" &&
    ! grep -qw -- -icanon "$tmp/stty" && ! grep -qw -- -echo "$tmp/stty" &&
    grep -qF 'x_sigterm_check = 1' "$hist" && [ "$(stat -c %a "$hist")" = 600 ]; then
    ok "SIGTERM at the prompt: status 143, icanon and echo restored, history saved (mode 600)"
else
    bad "SIGTERM at the prompt"
    tmux -S "$sock" capture-pane -p -t t | tail -8
    cat "$tmp/stty" 2>/dev/null | head -5
    cat "$hist" 2>/dev/null
fi

# 4. SIGHUP likewise (status 129).
start
tmux -S "$sock" send-keys -t t 'y_sighup_check = 2' Enter
sleep 0.3
pid=$(pgrep -n -f "^$BIN -q" || true)
kill -HUP "$pid"
wait_for 'exit=' || true
if tmux -S "$sock" capture-pane -p -t t | grep -q 'exit=129' && grep -qF 'y_sighup_check = 2' "$hist"; then
    ok "SIGHUP at the prompt: status 129, history saved"
else
    bad "SIGHUP at the prompt"
    tmux -S "$sock" capture-pane -p -t t | tail -8
fi

# 4b. SIGKILL (no chance to save anything): each line entered is in the
#     history file already.
start
tmux -S "$sock" send-keys -t t 'z_sigkill_check = 3' Enter
sleep 0.3
pid=$(pgrep -n -f "^$BIN -q" || true)
kill -KILL "$pid"
wait_for 'exit=' || true
if grep -qF 'z_sigkill_check = 3' "$hist"; then
    ok "SIGKILL at the prompt: the line entered was already in the history file"
else
    bad "SIGKILL at the prompt: history lost"
    cat "$hist" 2>/dev/null | tail -3
fi

# 5. NNSH_HISTORY naming a FIFO: the prompt comes (no wait in open()), with
#    one warning, and leaving does not write into the FIFO.
mkfifo "$tmp/histfifo"
new_sock
tmux -S "$sock" new-session -d -s t -x 100 -y 30 \
    "env NO_COLOR=1 NNSH_HISTORY='$tmp/histfifo' '$BIN' -q; echo \"exit=\$?\"; sleep 30"
if wait_for 'nnsh>' && tmux -S "$sock" capture-pane -p -t t | grep -q 'history not read' &&
    tmux -S "$sock" send-keys -t t 'quit' Enter && wait_for 'exit=0'; then
    ok "NNSH_HISTORY=fifo: prompt, one warning, clean exit"
else
    bad "NNSH_HISTORY=fifo"
    tmux -S "$sock" capture-pane -p -t t | tail -8
fi

# 6. Ctrl-C during `nnsh -i script` stops the script, not the process.
printf 'a = np.ones((6000, 6000))\nprint("ready")\nb = a @ a\nprint("not reached")\n' >"$tmp/long.nns"
new_sock
tmux -S "$sock" new-session -d -s t -x 100 -y 30 \
    "env NO_COLOR=1 NNSH_HISTORY= '$BIN' -q -i '$tmp/long.nns'; echo \"exit=\$?\"; sleep 30"
wait_for ready
sleep 0.5
tmux -S "$sock" send-keys -t t C-c
wait_for 'interrupted'
tmux -S "$sock" send-keys -t t 'print("alive", b if False else 7)' Enter
tmux -S "$sock" send-keys -t t 'print("still here")' Enter
if wait_for 'still here' && ! tmux -S "$sock" capture-pane -p -t t | grep -q 'not reached'; then
    ok "Ctrl-C in nnsh -i script: the script stops, the prompt stays"
else
    bad "Ctrl-C in nnsh -i script"
    tmux -S "$sock" capture-pane -p -t t | tail -10
fi

# 7. Tab completion through Readline (complete.c gives the candidates,
#    test_complete checks them; this checks that Readline inserts them as
#    they are): a folder inside a string gets its '/' and no quote, a
#    command's words are listed. Run from the top of the source tree.
if [ -d tests/fixtures/npy ]; then
    new_sock
    tmux -S "$sock" new-session -d -s t -x 100 -y 30 \
        "env NO_COLOR=1 NNSH_HISTORY= '$BIN' -q; echo \"exit=\$?\"; sleep 30"
    wait_for 'nnsh>'
    tmux -S "$sock" send-keys -t t 'load "tests/fix' Tab
    wait_for 'load "tests/fixtures/' && got1=y || got1=""
    tmux -S "$sock" send-keys -t t 'n' Tab
    wait_for 'load "tests/fixtures/npy/' && got2=y || got2=""
    tmux -S "$sock" send-keys -t t C-u 'trace ' Tab Tab
    wait_for 'full  off   on' && got3=y || got3=""
    if [ "$got1$got2$got3" = yyy ] &&
        ! tmux -S "$sock" capture-pane -p -t t | grep -qF 'fixtures/"'; then
        ok "Tab completes load \"tests/fix to tests/fixtures/, then npy/; trace's words listed"
    else
        bad "Tab completion in a terminal ($got1/$got2/$got3)"
        tmux -S "$sock" capture-pane -p -t t | tail -8
    fi
    tmux -S "$sock" send-keys -t t C-u 'quit' Enter
    wait_for 'exit=0' || true
else
    echo "skip sig: Tab completion (not run from the top of the source tree)"
fi
exit $fail
