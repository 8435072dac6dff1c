"""The book's batched MNIST evaluation in NumPy, for `make bench`.

Reads the test set and sample_weight.pkl from DATA (argv[1]) the way the
book's dataset/mnist.py does (gzip + frombuffer), then runs the chapter's
batch loop (batch_size 100). Prints the accuracy, the time of the forward pass
alone, and the peak memory, one per line as key=value, for bench.sh.
"""
import gzip
import pickle
import resource
import sys
import time

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(a):
    c = np.max(a, axis=-1, keepdims=True)
    e = np.exp(a - c)
    return e / np.sum(e, axis=-1, keepdims=True)


def main():
    data = sys.argv[1]
    with gzip.open(data + "/t10k-images-idx3-ubyte.gz", "rb") as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)
    with gzip.open(data + "/t10k-labels-idx1-ubyte.gz", "rb") as f:
        t = np.frombuffer(f.read(), np.uint8, offset=8)
    x = x.astype(np.float32)
    x /= 255.0
    with open(data + "/sample_weight.pkl", "rb") as f:
        network = pickle.load(f)
    W1, W2, W3 = network["W1"], network["W2"], network["W3"]
    b1, b2, b3 = network["b1"], network["b2"], network["b3"]

    start = time.perf_counter()
    accuracy_cnt = 0
    for i in range(0, len(x), 100):
        x_batch = x[i:i + 100]
        a1 = np.dot(x_batch, W1) + b1
        z1 = sigmoid(a1)
        a2 = np.dot(z1, W2) + b2
        z2 = sigmoid(a2)
        a3 = np.dot(z2, W3) + b3
        y = softmax(a3)
        p = np.argmax(y, axis=1)
        accuracy_cnt += np.sum(p == t[i:i + 100])
    forward = time.perf_counter() - start
    print("accuracy=%s" % (float(accuracy_cnt) / len(x)))
    print("forward_seconds=%.6f" % forward)
    print("peak_kib=%d" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main()
