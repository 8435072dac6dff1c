"""A stand-in for the book's dataset/mnist.py (which downloads MNIST): the
same load_mnist(), reading the idx files in $NOTES_DATA with NumPy. Used by
tests/tools/gen_notes.py and tests/tools/bench.sh to run the notes' code in
Python."""
import gzip, os
import numpy as np
_DIR = os.environ["NOTES_DATA"]

def _read(name, offset):
    path = os.path.join(_DIR, name)
    if not os.path.exists(path):
        return None
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)

def load_mnist(normalize=True, flatten=True, one_hot_label=False):
    def img(name):
        x = _read(name, 16)
        if x is None:
            return None
        x = x.reshape(-1, 784)
        if normalize:
            x = x.astype(np.float32) / 255.0
        if not flatten:
            x = x.reshape(-1, 1, 28, 28)
        return x
    def lab(name):
        t = _read(name, 8)
        if t is not None and one_hot_label:
            t = np.eye(10)[t]
        return t
    return ((img("train-images-idx3-ubyte.gz"), lab("train-labels-idx1-ubyte.gz")),
            (img("t10k-images-idx3-ubyte.gz"), lab("t10k-labels-idx1-ubyte.gz")))
