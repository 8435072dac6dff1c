#!/usr/bin/python3
"""Write tests/fixtures/shadow_keys.pkl: a dict of small arrays pickled by
Python and NumPy whose keys cannot all become nnsh variables ('np' and
'print' would hide built-ins, 'two words' and 'if' are no names), beside one
that can ('W1'). `load "..."` in command form must refuse it whole;
`network = load("...")` reads it as a dict (tests/transcripts/load_keys.nns).

Run from the repository root: /usr/bin/python3 tests/tools/gen_key_fixtures.py
"""
import pickle

import numpy as np

d = {
    "W1": np.array([[1.0, 2.0]], dtype=np.float32),
    "np": np.array([3.0, 4.0], dtype=np.float32),
    "print": np.array([5.0], dtype=np.float32),
    "two words": np.array([6.0], dtype=np.float32),
    "if": np.array([7.0], dtype=np.float32),
}
with open("tests/fixtures/shadow_keys.pkl", "wb") as f:
    pickle.dump(d, f, protocol=3)
