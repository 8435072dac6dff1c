"""Reference numbers for tests/unit/test_data.c, computed with NumPy from the
shared MNIST test set and the book's sample_weight.pkl.

usage: python3 tests/tools/gen_data_ref.py [DATA_DIR] > tests/unit/data_ref.h
(DATA_DIR defaults to ../shared/mnist). The network runs in float32 exactly
as the book's neuralnet_mnist.py and neuralnet_mnist_batch.py do.
"""
import gzip
import pickle
import sys

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(a):
    c = np.max(a, axis=-1, keepdims=True)
    e = np.exp(a - c)
    return e / np.sum(e, axis=-1, keepdims=True)


def predict(net, x):
    a1 = np.dot(x, net["W1"]) + net["b1"]
    z1 = sigmoid(a1)
    a2 = np.dot(z1, net["W2"]) + net["b2"]
    z2 = sigmoid(a2)
    a3 = np.dot(z2, net["W3"]) + net["b3"]
    return softmax(a3)


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/mnist"
    with gzip.open(data + "/t10k-images-idx3-ubyte.gz", "rb") as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)
    with gzip.open(data + "/t10k-labels-idx1-ubyte.gz", "rb") as f:
        t = np.frombuffer(f.read(), np.uint8, offset=8)
    x = x.astype(np.float32)
    x /= 255.0
    with open(data + "/sample_weight.pkl", "rb") as f:
        net = pickle.load(f)

    single = np.array([np.argmax(predict(net, x[i])) for i in range(len(x))])
    ys = np.concatenate([predict(net, x[i:i + 100]) for i in range(0, len(x), 100)])
    batch = np.argmax(ys, axis=1)
    conf = np.max(ys, axis=1)
    assert (single == batch).all()
    counts = np.bincount(t, minlength=10)
    cm = np.zeros((10, 10), dtype=np.int64)
    for a, b in zip(t, batch):
        cm[a, b] += 1
    miss = np.nonzero(batch != t)[0]

    out = []
    out.append("/* data_ref.h - written by tests/tools/gen_data_ref.py from NumPy %s; do not edit. */"
               % np.__version__)
    out.append("#ifndef NNSH_DATA_REF_H")
    out.append("#define NNSH_DATA_REF_H")
    out.append("/* correct predictions of the book's network (both loops agree) */")
    out.append("#define REF_CORRECT %d" % int((batch == t).sum()))
    out.append("/* np.bincount(t_test): how many test images show each digit */")
    out.append("static const int ref_label_counts[10] = {%s};"
               % ", ".join(str(int(c)) for c in counts))
    out.append("/* confusion matrix, rows = true label, columns = prediction */")
    out.append("static const int ref_confusion[10][10] = {")
    for r in cm:
        out.append("    {%s}," % ", ".join(str(int(v)) for v in r))
    out.append("};")
    out.append("#define REF_NMISSES %d" % len(miss))
    out.append("/* the first misclassified images: index, label, prediction, confidence */")
    out.append("static const struct { int index, label, pred; double conf; } ref_misses[5] = {")
    for i in miss[:5]:
        out.append("    {%d, %d, %d, %.6f}," % (i, t[i], batch[i], conf[i]))
    out.append("};")
    out.append("/* the predictions for x_test[0:10] */")
    out.append("static const int ref_first_preds[10] = {%s};"
               % ", ".join(str(int(v)) for v in batch[:10]))
    out.append("/* x_test[0]: label and the largest pixel value */")
    out.append("#define REF_LABEL0 %d" % int(t[0]))
    out.append("#define REF_X0_MAX %.9g" % float(x[0].max()))
    out.append("/* predict(network, x_test[i]) for i < 3: the book's softmax outputs in float32 */")
    out.append("static const double ref_probs[3][10] = {")
    for i in range(3):
        out.append("    {%s}," % ", ".join("%.9g" % float(v) for v in predict(net, x[i])))
    out.append("};")
    out.append("#endif")
    print("\n".join(out))


if __name__ == "__main__":
    main()
