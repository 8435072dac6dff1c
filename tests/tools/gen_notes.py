#!/usr/bin/python3
"""Make the transcript tests of the notes' code blocks.

For every ```python block of ../shared/seed/ch03-neural-network-notes.md
except the dataset downloader (it fetches files from the network), write
tests/transcripts/notes_NN.nns holding the block exactly as it stands
(after the earlier blocks it needs, when it continues them), and, where
Python can run it here, tests/transcripts/notes_NN.out with what Python 3
with NumPy prints for the same text. nnsh runs the transcripts with -q:
like a Python script, it then prints only what print() prints.

Python runs each block in a scratch folder holding the book's
sample_weight.pkl, with tests/tools/book/ on its path: small stand-ins for
the book's helper modules (dataset/mnist.py reading the test set's idx
files with NumPy, and common/functions.py), so `from dataset.mnist import
load_mnist` works as in the book. Blocks that draw (matplotlib is not installed on these machines)
get no .out here: their expected text is nnsh's own drawing, checked by eye
and written by `sh tests/tools/accept.sh`.

usage: /usr/bin/python3 tests/tools/gen_notes.py [DATA_DIR]
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOTES = os.path.join(ROOT, "..", "shared", "seed", "ch03-neural-network-notes.md")
DATA = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "mnist"))
OUT = os.path.join(ROOT, "tests", "transcripts")

# Which earlier blocks a block continues (it uses their names), and a line
# to add after it that shows its result. Block numbers count from 1.
CONTEXT = {5: [4], 6: [4, 5], 14: [13], 15: [13]}
AFTER = {
    6: 'print(Y)  # added by the test: the block computes Y',
    15: 'print("Accuracy:" + str(float(accuracy_cnt) / len(x)))  # added by the test',
}
SKIP = {
    11: "the dataset downloader (it fetches files from the network)",
    12: "it shows x_train[0], and the 60,000 training images are not on these machines",
}


def blocks():
    text = open(NOTES, encoding="utf-8").read()
    return re.findall(r"```python\n(.*?)```", text, re.S)


def main():
    bs = blocks()
    scratch = tempfile.mkdtemp()
    shutil.copy(os.path.join(DATA, "sample_weight.pkl"), scratch)
    book = os.path.join(ROOT, "tests", "tools", "book")
    env = dict(os.environ, NOTES_DATA=DATA, PYTHONPATH=book)
    for n, body in enumerate(bs, 1):
        if n in SKIP:
            print(f"block {n}: skipped, {SKIP[n]}")
            continue
        uses_data = "load_mnist" in body or "init_network()" in body or "get_data" in body
        if n in CONTEXT:
            uses_data = uses_data or any("load_mnist" in bs[c - 1] for c in CONTEXT[n])
        head = "# args: -q\n"
        head += "# needs: data\n" if uses_data else ""
        head += f"# The notes' block {n}, as it stands"
        head += (", after block" + ("s " if len(CONTEXT[n]) > 1 else " ") +
                 " and ".join(str(c) for c in CONTEXT[n]) + " which it continues") if n in CONTEXT else ""
        head += ".\n"
        src = head
        for c in CONTEXT.get(n, []):
            src += bs[c - 1]
        src += body
        if n in AFTER:
            src += AFTER[n] + "\n"
        name = os.path.join(OUT, f"notes_{n:02d}")
        open(name + ".nns", "w", encoding="utf-8").write(src)
        draws = "plt." in body or "img_show(" in body
        if draws:
            print(f"block {n}: draws; its .out is nnsh's own picture")
            continue
        py = os.path.join(scratch, f"block{n}.py")
        open(py, "w", encoding="utf-8").write(src)
        r = subprocess.run(["/usr/bin/python3", py], cwd=scratch, env=env, capture_output=True,
                           text=True)
        if r.returncode != 0:
            print(f"block {n}: Python failed:\n{r.stderr}")
            sys.exit(1)
        open(name + ".out", "w", encoding="utf-8").write(r.stdout + "[exit 0]\n")
        print(f"block {n}: {len(r.stdout.splitlines())} lines from Python")
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
