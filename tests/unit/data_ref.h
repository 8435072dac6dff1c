/* data_ref.h - written by tests/tools/gen_data_ref.py from NumPy 1.24.2; do not edit. */
#ifndef NNSH_DATA_REF_H
#define NNSH_DATA_REF_H
/* correct predictions of the book's network (both loops agree) */
#define REF_CORRECT 9352
/* np.bincount(t_test): how many test images show each digit */
static const int ref_label_counts[10] = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};
/* confusion matrix, rows = true label, columns = prediction */
static const int ref_confusion[10][10] = {
    {962, 0, 3, 2, 1, 3, 5, 1, 3, 0},
    {0, 1109, 2, 2, 0, 2, 5, 2, 13, 0},
    {13, 2, 952, 7, 7, 1, 15, 13, 19, 3},
    {1, 1, 24, 937, 0, 20, 1, 11, 11, 4},
    {1, 2, 6, 0, 921, 0, 12, 2, 3, 35},
    {10, 1, 4, 34, 5, 793, 14, 5, 18, 8},
    {16, 3, 5, 1, 10, 9, 910, 1, 3, 0},
    {4, 8, 24, 5, 6, 0, 0, 958, 1, 22},
    {5, 4, 6, 19, 10, 13, 14, 11, 888, 4},
    {12, 6, 1, 9, 31, 7, 1, 16, 4, 922},
};
#define REF_NMISSES 648
/* the first misclassified images: index, label, prediction, confidence */
static const struct { int index, label, pred; double conf; } ref_misses[5] = {
    {8, 5, 6, 0.949990},
    {33, 4, 6, 0.641877},
    {66, 6, 2, 0.638004},
    {92, 9, 4, 0.485930},
    {124, 7, 4, 0.699642},
};
/* the predictions for x_test[0:10] */
static const int ref_first_preds[10] = {7, 2, 1, 0, 4, 1, 4, 9, 6, 9};
/* x_test[0]: label and the largest pixel value */
#define REF_LABEL0 7
#define REF_X0_MAX 1
/* predict(network, x_test[i]) for i < 3: the book's softmax outputs in float32 */
static const double ref_probs[3][10] = {
    {8.4412568e-05, 2.63506831e-06, 0.000715494913, 0.0012586274, 1.1727966e-06, 4.49908948e-05, 1.62693183e-08, 0.997065008, 9.3744884e-06, 0.000818311935},
    {0.00483633485, 0.00110458676, 0.944252312, 0.0143091502, 5.69896144e-07, 0.00667604851, 0.0275333729, 1.27084468e-06, 0.00128642481, 4.78647095e-08},
    {1.03582998e-07, 0.988972604, 0.00428948971, 0.00178320811, 0.000131733599, 0.000759407296, 0.000468909682, 0.00226997212, 0.00123787019, 8.67146664e-05},
};
#endif
