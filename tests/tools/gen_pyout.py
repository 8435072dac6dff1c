#!/usr/bin/python3
"""Write the expected output of a transcript that is plain Python.

usage: /usr/bin/python3 tests/tools/gen_pyout.py tests/transcripts/NAME.nns ...

Each NAME.nns given must be a program Python 3 runs as it stands (its
"# args: -q" first line is a comment to Python). Its NAME.out becomes what
Python with NumPy prints, plus the "[exit 0]" line tests/run.sh adds, so
the transcript test holds nnsh to Python's own output.
"""
import subprocess
import sys

for path in sys.argv[1:]:
    run = subprocess.run([sys.executable, path], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        sys.exit(f"{path}: Python failed:\n{run.stderr}")
    with open(path[: -len(".nns")] + ".out", "w", encoding="utf-8") as out:
        out.write(run.stdout + "[exit 0]\n")
