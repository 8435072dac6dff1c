/* data.c - the table of the chapter's data commands and the argument
 * helpers they share (see data.h). */
#include "data.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- argument helpers ------------------------------------------------------------ */

/* The call's arguments split into positional and keyword nodes. A bare
 * command name (an N_NAME) has none. */
bool data_split_args(const Node *call, const char *cmd, DataArgs *ca, Err *e) {
    memset(ca, 0, sizeof *ca);
    if (call->kind != N_CALL) return true;
    for (int i = 1; i < call->nkids; i++) {
        const Node *k = call->kids[i];
        if (k->kind == N_KWARG) {
            if (ca->nkw == DATA_MAXARGS) goto many;
            ca->kw[ca->nkw++] = k;
        } else {
            if (ca->n == DATA_MAXARGS) goto many;
            ca->pos[ca->n++] = k;
        }
    }
    return true;
many:
    err_set_at(e, ERR_TYPE, call->span, "%s: too many arguments", cmd);
    return false;
}

/* Refuse keywords other than those listed (space separated). */
bool data_check_kw(const DataArgs *ca, const char *cmd, const char *allowed, Err *e) {
    for (int i = 0; i < ca->nkw; i++) {
        const char *name = ca->kw[i]->str;
        size_t len = strlen(name);
        const char *p = allowed;
        bool ok = false;
        while (p && *p) {
            size_t w = strcspn(p, " ");
            if (w == len && strncmp(p, name, len) == 0) ok = true;
            p += w;
            while (*p == ' ')
                p++;
        }
        if (!ok) {
            if (allowed && *allowed)
                err_set_at(e, ERR_TYPE, ca->kw[i]->span,
                           "%s got an unexpected keyword '%s' (it takes: %s)", cmd, name, allowed);
            else
                err_set_at(e, ERR_TYPE, ca->kw[i]->span, "%s takes no keyword arguments", cmd);
            return false;
        }
    }
    return true;
}

const Node *data_find_kw(const DataArgs *ca, const char *name) {
    for (int i = 0; i < ca->nkw; i++)
        if (strcmp(ca->kw[i]->str, name) == 0) return ca->kw[i]->kids[0];
    return NULL;
}

/* Evaluate `n` as a Python truth value (numbers and bools). */
bool data_eval_bool(Interp *in, const Node *n, const char *what, bool *out, Err *e) {
    Value *v = interp_eval(in, n, e);
    if (!v) return false;
    bool ok = v->kind == V_ARRAY && v->arr->size == 1;
    if (ok)
        *out = arr_get(v->arr, 0) != 0.0;
    else if (v->kind == V_NONE)
        *out = false, ok = true;
    val_free(v);
    if (!ok) err_set_at(e, ERR_TYPE, n->span, "%s must be True or False", what);
    return ok;
}

/* Evaluate `n` as a whole number. */
bool data_eval_int64(Interp *in, const Node *n, const char *what, int64_t *out, Err *e) {
    Value *v = interp_eval(in, n, e);
    if (!v) return false;
    bool ok = v->kind == V_ARRAY && v->arr->ndim == 0 && !dtype_is_float(v->arr->dtype);
    if (ok) *out = arr_get_i64(v->arr, 0);
    val_free(v);
    if (!ok) err_set_at(e, ERR_TYPE, n->span, "%s must be a whole number", what);
    return ok;
}

/* Evaluate `n` as a string into a new malloc'd copy. */
char *data_eval_string(Interp *in, const Node *n, const char *what, Err *e) {
    Value *v = interp_eval(in, n, e);
    if (!v) return NULL;
    char *s = v->kind == V_STR ? strdup(v->str) : NULL;
    bool wrong = v->kind != V_STR;
    val_free(v);
    if (wrong) return err_set_at(e, ERR_TYPE, n->span, "%s must be a file name in quotes", what);
    if (!s) return err_set(e, ERR_MEMORY, "out of memory");
    return s;
}

bool data_is_word(const Node *n, const char *w) {
    return n->kind == N_NAME && strcmp(n->str, w) == 0;
}

bool data_file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void print_table_row(FILE *f, const char *name, const Array *a, int wname, int wshape) {
    char sh[64];
    fprintf(f, "%-*s  %-*s  %s\n", wname, name, wshape, shape_str(sh, a->ndim, a->shape),
            dtype_name(a->dtype));
}

/* Print a table of name, shape and dtype for arrays names[i] / arrays[i]
 * (NULL arrays are skipped). */
void data_print_table(FILE *f, int n, const char *const *names, const Array *const *arrays) {
    int wname = 4, wshape = 5;
    char sh[64];
    for (int i = 0; i < n; i++) {
        if (!arrays[i]) continue;
        int l = (int)strlen(names[i]);
        if (l > wname) wname = l;
        l = (int)strlen(shape_str(sh, arrays[i]->ndim, arrays[i]->shape));
        if (l > wshape) wshape = l;
    }
    fprintf(f, "%-*s  %-*s  %s\n", wname, "name", wshape, "shape", "dtype");
    for (int i = 0; i < n; i++)
        if (arrays[i]) print_table_row(f, names[i], arrays[i], wname, wshape);
}

/* ---- the table ------------------------------------------------------------------------ */
