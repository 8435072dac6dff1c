#!/bin/sh
# install_test.sh - `make install` and `make uninstall` into a staged tree,
# as a packager runs them (DESTDIR, PREFIX=/usr).
# usage: sh tests/tools/install_test.sh NNSH_BINARY   (from the repository root)
# The binary says which build to install (build/san/nnsh: SAN=1), so the
# test installs what `make test` just built instead of building anew.
# Prints "ok   install: NAME", "FAIL install: NAME ..." or "skip install:
# NAME (why)" per check; exits 1 when a check failed.
BIN=$1
san=0
case "$BIN" in */build/san/nnsh | build/san/nnsh) san=1 ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stage="$tmp/stage"
fail=0
ok() { echo "ok   install: $1"; }
bad() {
    echo "FAIL install: $1"
    fail=1
}
# the make of this tree, free of the make that runs the tests
mk() { MAKEFLAGS= make -s --no-print-directory SAN=$san DESTDIR="$stage" PREFIX=/usr "$@"; }

# 1. make install puts the binary, the page and every lesson file in place
if out=$(mk install 2>&1); then
    ok "make install DESTDIR=... PREFIX=/usr"
else
    bad "make install (status $?)"
    printf '%s\n' "$out" | tail -20
    exit 1
fi
nnsh="$stage/usr/bin/nnsh"
share="$stage/usr/share/nnsh/lessons"
page="$stage/usr/share/man/man1/nnsh.1"
missing=""
[ -x "$nnsh" ] || missing="$missing usr/bin/nnsh"
[ -s "$page" ] || missing="$missing usr/share/man/man1/nnsh.1"
# every .nns and .md file under lessons/, subfolders (zh/, exercises/) kept
nlessons=0
for f in $(find lessons -type f \( -name '*.nns' -o -name '*.md' \)); do
    nlessons=$((nlessons + 1))
    cmp -s "$f" "$share/${f#lessons/}" || missing="$missing $f"
done
if [ -z "$missing" ] && [ "$nlessons" -gt 0 ]; then
    ok "the binary, nnsh.1 and all $nlessons lesson files are installed"
else
    bad "installed files: missing or different:${missing:- (no lesson files)}"
fi

# 2. the staged nnsh finds its lessons from any directory, through its
#    real location (also when started through a symbolic link)
first=$(ls lessons/[0-9]*.nns | head -1)
title=$(sed -n 's/^# //p' "$first" | head -1)
ln -s "$nnsh" "$tmp/nnsh-link"
for run in "$nnsh" "$tmp/nnsh-link"; do
    out=$(cd / && echo lesson | env -u NNSH_LESSONS "$run" 2>&1)
    if printf '%s\n' "$out" | grep -qF "(read from $share)" &&
        printf '%s\n' "$out" | grep -qF "$title"; then
        ok "'lesson' run from / by $(basename "$run") lists $share"
    else
        bad "'lesson' from / by $run: wanted the lessons of $share"
        printf '%s\n' "$out" | head -10
    fi
done
n3=$(ls lessons/03-*.nns 2>/dev/null | head -1)
if [ -n "$n3" ]; then
    title3=$(sed -n 's/^# //p' "$n3" | head -1)
    out=$(cd / && echo 'lesson 3' | env -u NNSH_LESSONS timeout 120 "$nnsh" 2>&1)
    rc=$?
    if [ $rc -eq 0 ] && printf '%s\n' "$out" | grep -qF "$title3"; then
        ok "'lesson 3' plays from / (status 0)"
    else
        bad "'lesson 3' from /: status $rc, wanted 0 and '$title3'"
        printf '%s\n' "$out" | tail -10
    fi
fi

# 3. the page: groff renders it without a warning (-ww: every warning on)
if command -v groff >/dev/null 2>&1; then
    warn=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    if [ -z "$warn" ]; then
        ok "groff -man -Tutf8 -ww renders nnsh.1 without a warning"
    else
        bad "groff warns about nnsh.1"
        printf '%s\n' "$warn" | head -10
    fi
    # what man shows names the sections and a built-in from help's table
    text=$(groff -man -Tutf8 -P-cbou "$page" 2>/dev/null)
    for s in NAME SYNOPSIS COMMANDS FUNCTIONS "HELP TOPICS" FILES ENVIRONMENT EXAMPLES; do
        printf '%s\n' "$text" | grep -q "^$s\$" || bad "nnsh.1 has no section $s"
    done
    printf '%s\n' "$text" | grep -q '^ *sigmoid(x)$' || bad "nnsh.1 does not show sigmoid(x)"
else
    echo "skip install: nnsh.1 not rendered (no groff; apt-get install groff-base)"
fi

# 4. every line of the page's EXAMPLES runs as printed, from another
#    directory, with the staged nnsh first on PATH
mkdir "$tmp/elsewhere"
examples=$(awk '/^\.SH /{ex = ($2 == "EXAMPLES")} ex && /^\.fi/{nf = 0} ex && nf {print}
    ex && /^\.nf/{nf = 1}' "$page" | sed 's/\\-/-/g; s/\\&//g; s/\\(rs/\\/g')
nex=0
exfail=0
while IFS= read -r line; do
    [ -n "$line" ] || continue
    nex=$((nex + 1))
    out=$(cd "$tmp/elsewhere" && PATH="$stage/usr/bin:$PATH" env -u NNSH_LESSONS \
        sh -c "$line" </dev/null 2>&1)
    rc=$?
    if [ $rc -ne 0 ]; then
        exfail=1
        bad "example '$line' exits with $rc"
        printf '%s\n' "$out" | head -5
    fi
done <<EOF
$examples
EOF
if [ "$exfail" -eq 1 ]; then
    :
elif [ "$nex" -ge 3 ]; then
    ok "the $nex examples of nnsh.1 run as printed"
else
    bad "nnsh.1 has $nex examples (wanted 3 or more)"
fi

# 5. make uninstall leaves no file behind, and no folder of nnsh's own
if out=$(mk uninstall 2>&1); then
    left=$(find "$stage" -type f -o -type l; [ -d "$stage/usr/share/nnsh" ] && echo usr/share/nnsh)
    if [ -z "$left" ]; then
        ok "make uninstall removes every file it installed"
    else
        bad "make uninstall left: $left"
    fi
else
    bad "make uninstall (status $?)"
    printf '%s\n' "$out" | tail -20
fi
exit $fail
