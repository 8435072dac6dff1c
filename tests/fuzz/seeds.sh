#!/bin/sh
# Lay out the seed corpora for `make fuzz` under OUT/<target>/ (generated,
# never committed): the fixtures, the transcript and lesson scripts (whole and
# line by line), small idx files and the PNGs that PNG_GEN writes.
# usage: tests/fuzz/seeds.sh OUT PNG_GEN
set -e
OUT=$1
PNG_GEN=$2
rm -rf "$OUT"
mkdir -p "$OUT/parse" "$OUT/eval" "$OUT/pkl" "$OUT/npy" "$OUT/png" "$OUT/idx"

# parser and evaluator: every script whole, then each line that is not a comment
i=0
for f in tests/transcripts/*.nns lessons/*.nns; do
    cp "$f" "$OUT/parse/$(basename "$f")"
    while IFS= read -r line; do
        case "$line" in ''|'#'*) continue ;; esac
        i=$((i + 1))
        printf '%s\n' "$line" > "$OUT/parse/line$i"
    done < "$f"
done
# the evaluator skips inputs over 512 bytes, so whole scripts only help the parser
cp "$OUT"/parse/line* "$OUT/eval/"
# grammar-built statements (tests/fuzz/stmtgen.h) from the stress test, when
# `make test` has built it: 2,000 seeds for both
STRESS=build/rel/tests/test_stress
if [ -x "$STRESS" ]; then
    NNSH_STRESS_COUNT=2000 NNSH_STRESS_CORPUS="$OUT/eval" "$STRESS" >/dev/null 2>&1 || true
    cp "$OUT"/eval/gen_* "$OUT/parse/" 2>/dev/null || true
fi

# the readers: the committed fixtures
cp tests/fixtures/pkl/* tests/fixtures/evil_os_system.pkl "$OUT/pkl/"
cp tests/fixtures/npy/* "$OUT/npy/"

# idx: labels (idx1), images (idx3, 2 of 2x3), an empty axis, and gzip copies
printf '\000\000\010\001\000\000\000\004\007\002\001\000' > "$OUT/idx/labels.idx1"
printf '\000\000\010\003\000\000\000\002\000\000\000\002\000\000\000\003\000\001\002\003\004\005\377\376\375\374\373\372' \
    > "$OUT/idx/images.idx3"
printf '\000\000\010\002\000\000\000\000\000\000\000\005' > "$OUT/idx/empty.idx2"
for f in "$OUT"/idx/*; do gzip -n -c "$f" > "$f.gz"; done

# PNG: gray and RGB images in each row filter, written by png_write; and
# inputs for fuzz_png's third way (13 IHDR bytes, then raw filtered rows):
# 4x2 gray with filters 1 and 4, 2x2 RGB with filters 2 and 3
"$PNG_GEN" "$OUT/png"
printf '\000\000\000\004\000\000\000\002\010\000\000\000\000\001\012\024\036\050\004\005\006\007\010' \
    > "$OUT/png/raw_gray.bin"
printf '\000\000\000\002\000\000\000\002\010\002\000\000\000\002\001\002\003\004\005\006\003\007\010\011\012\013\014' \
    > "$OUT/png/raw_rgb.bin"
