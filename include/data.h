/* data.h - the chapter's data commands: the table that lists them (load_mnist,
 * load, pickle_load, save, evaluate, confusion, misses, timing) and the
 * argument helpers they share. The commands themselves live by role:
 *   mnist.h     load_mnist: the MNIST data set
 *   files.h     load, pickle_load, save: .pkl, .npy and idx files
 *   evaluate.h  evaluate, confusion, misses, timing: the network on the
 *               test set and its reports
 *
 * Files are looked for where the session's data directory says
 * (interp_data_dir: --data DIR, then $NNSH_DATA, then ./data/mnist).
 */
#ifndef NNSH_DATA_H
#define NNSH_DATA_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "interp.h"
#include "registry.h"

/* A command call's arguments split into positional and keyword nodes (all
 * borrowed from the call). A bare command name has none. */
#define DATA_MAXARGS 8
typedef struct DataArgs {
    int n, nkw;
    const Node *pos[DATA_MAXARGS];
    const Node *kw[DATA_MAXARGS]; /* N_KWARG: str = name, kids[0] = value */
} DataArgs;

/* data_split_args: split `call`; false with a type error naming `cmd` when
 * it has more than DATA_MAXARGS of either kind. */
bool data_split_args(const Node *call, const char *cmd, DataArgs *ca, Err *e);
/* data_check_kw: false with a type error for a keyword not in `allowed`
 * (space separated; "" for none). */
bool data_check_kw(const DataArgs *ca, const char *cmd, const char *allowed, Err *e);
/* data_find_kw: the value node of keyword `name`, or NULL. */
const Node *data_find_kw(const DataArgs *ca, const char *name);

/* data_eval_bool / data_eval_int64 / data_eval_string: evaluate an argument
 * as a truth value, a whole number or a string (a new malloc'd copy);
 * false / NULL with a type error mentioning `what` otherwise. */
bool data_eval_bool(Interp *in, const Node *n, const char *what, bool *out, Err *e);
bool data_eval_int64(Interp *in, const Node *n, const char *what, int64_t *out, Err *e);
char *data_eval_string(Interp *in, const Node *n, const char *what, Err *e);

/* data_is_word: the argument is the bare word w (`load_mnist test`). */
bool data_is_word(const Node *n, const char *w);
/* data_file_exists: a regular file is at path. */
bool data_file_exists(const char *path);
/* data_print_table: a table of name, shape and dtype for names[i] /
 * arrays[i], i < n (NULL arrays are skipped). */
void data_print_table(FILE *f, int n, const char *const *names, const Array *const *arrays);

#endif
