#!/bin/sh
# globals.sh - list the writable globals of compiled objects that the
# allow-list does not name. nnsh keeps per-session state in the session
# (interp.h's extension slots), so a new file-scope variable that a program
# can write is almost always a bug: this check, run by `make test`, says so.
#
# usage: tests/tools/globals.sh ALLOW_LIST OBJECT...
# Prints one line "FILE.o SYMBOL (nm class, section)" per writable global
# not allowed, and exits 1 when there is any; exits 0 when there is none,
# 2 on a usage error.
#
# What counts as writable: every data symbol nm shows as B/b (.bss), D/d
# (.data), C (common), V/v (weak), G/g/S/s (small data), TLS included
# (.tbss, .tdata), except those in .data.rel.ro*: const tables holding
# pointers land there, and the loader makes them read-only after
# relocating them, though nm still calls them D/d.
#
# ALLOW_LIST lines: "FILE.o SYMBOL  reason"; blank lines and lines starting
# with '#' are ignored. A static inside a function is named as the compiler
# names it without its number suffix (kernels.c's `cached`, not `cached.0`).
if [ $# -lt 2 ] || [ ! -f "$1" ]; then
    echo "usage: $0 ALLOW_LIST OBJECT..." >&2
    exit 2
fi
allow=$1
shift
found=$(
    for o in "$@"; do
        nm -f sysv "$o" 2>/dev/null | awk -F'|' -v f="$(basename "$o")" '
            NF >= 7 {
                name = $1; cls = $3; sec = $7
                gsub(/[ \t]/, "", name); gsub(/[ \t]/, "", cls); gsub(/[ \t]/, "", sec)
                if (cls !~ /^[BbDdCVvGgSs]$/) next
                if (sec ~ /^\.data\.rel\.ro/) next
                if (name ~ /^\./) next          # assembler-local labels
                if (name ~ /^__(odr_asan|asan|ubsan|sancov)/) next  # sanitizer bookkeeping
                sub(/\.[0-9]+$/, "", name)      # a function static: cached.0
                print f, name, cls, sec
            }'
    done
)
bad=$(printf '%s\n' "$found" | awk -v allow="$allow" '
    BEGIN {
        while ((getline line < allow) > 0) {
            if (line ~ /^[ \t]*(#|$)/) continue
            split(line, w, /[ \t]+/)
            ok[w[1] " " w[2]] = 1
        }
    }
    NF >= 4 && !((($1 " " $2)) in ok) { printf "%s %s (nm %s, %s)\n", $1, $2, $3, $4 }' | sort -u)
if [ -n "$bad" ]; then
    printf 'writable globals not in %s:\n' "$allow"
    printf '%s\n' "$bad" | sed 's/^/  /'
    echo "  (keep per-session state in the session: see interp_slot in include/interp.h)"
    exit 1
fi
exit 0
