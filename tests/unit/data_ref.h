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
    {33, 4, 6, 0.641878},
    {66, 6, 2, 0.638004},
    {92, 9, 4, 0.485930},
    {124, 7, 4, 0.699642},
};
/* the predictions for x_test[0:10] */
static const int ref_first_preds[10] = {7, 2, 1, 0, 4, 1, 4, 9, 6, 9};
/* x_test[0]: label and the largest pixel value */
#define REF_LABEL0 7
#define REF_X0_MAX 1
#endif
