/* value.h - what a variable or an expression can hold: an array (almost
 * always), a string, None, a tuple/list of values, a dict of values (the
 * book's `network` from pickle), or a built-in function.
 *
 * Ownership follows arr.h: a Value owns everything inside it; functions that
 * take `const Value *` borrow; functions returning `Value *` give the caller a
 * new value (or a new reference, see below) to release with val_free().
 *
 * Values are reference counted, as Python's objects are: `b = a` makes both
 * names refer to one value, `t = (a, a)` holds two references to it, and
 * `a = (a,)` costs nothing however deep it nests. val_ref() takes one more
 * reference; val_free() gives one back and frees the value with its last.
 * Changing a value in place (x[0] = 1) is seen through every reference,
 * as in Python; code that wants a private value makes one with val_copy().
 */
#ifndef NNSH_VALUE_H
#define NNSH_VALUE_H

#include "arr.h"

/* V_DTYPE is a dtype used as a value (np.float32, x.dtype); its name is in
 * `str` ("float32") and it prints bare, unlike a V_STR. */
typedef enum ValKind {
    V_NONE,
    V_ARRAY,
    V_STR,
    V_TUPLE,
    V_LIST,
    V_DICT,
    V_FUNC,
    V_DTYPE,
    V_IMAGE,  /* PIL's Image.fromarray(img): the pixels in `arr` (2-D uint8) */
    V_USERFN, /* a function defined with def or lambda: `ext` (the evaluator's) */
    V_RANGE,  /* range(start, stop, step): `arr` holds the three as int64 */
    V_FILE    /* open(name): `str` is the path it was opened with */
} ValKind;

struct Builtin;

typedef struct Value {
    ValKind kind;
    int refs;                 /* references held; 1 when new */
    Array *arr;               /* V_ARRAY, V_IMAGE */
    char *str;                /* V_STR */
    int n;                    /* V_TUPLE, V_LIST, V_DICT: number of items */
    struct Value **items;     /* V_TUPLE, V_LIST, V_DICT values */
    char **keys;              /* V_DICT keys (strings) */
    const struct Builtin *fn; /* V_FUNC (borrowed: builtins are static) */
    void *ext;                /* V_USERFN: owned, released with ext_free */
    /* V_LIST made by d.keys(), d.values(), d.items(): it prints as Python's
     * view does (dict_keys([...])); anything else takes it as a list */
    enum { VIEW_NONE, VIEW_KEYS, VIEW_VALUES, VIEW_ITEMS } view;
    void (*ext_free)(void *ext);
} Value;

/* val_none / val_str / val_func / val_dtype: new values, NULL when out of
 * memory. val_array takes ownership of a (freed on failure; a NULL `a` gives
 * NULL, so `val_array(op_xxx(...))` needs one test). */
Value *val_none(void);
Value *val_array(Array *a);
Value *val_str(const char *s);
Value *val_func(const struct Builtin *fn);
Value *val_dtype(DType t);
/* val_ext: a value of `kind` owning the opaque `ext`, freed with ext_free
 * when the value's last reference goes (ext_free(ext) also on failure). */
Value *val_ext(ValKind kind, void *ext, void (*ext_free)(void *ext));
/* val_range: range(start, stop, step) (step != 0). */
Value *val_range(int64_t start, int64_t stop, int64_t step);
/* val_range_len: how many numbers range v gives. */
int64_t val_range_len(const Value *v);
/* val_seq: a tuple or list that takes ownership of items[0..n) (the array
 * itself is copied). Returns NULL when out of memory, after freeing the
 * items. */
Value *val_seq(ValKind kind, Value **items, int n);
/* val_dict_new / val_dict_put: an empty dict; put takes ownership of v and
 * replaces an existing key. Returns false when out of memory. */
Value *val_dict_new(void);
bool val_dict_put(Value *d, const char *key, Value *v);
/* val_dict_get: borrowed item or NULL. */
const Value *val_dict_get(const Value *d, const char *key);
/* val_ref: one more reference to v (v itself, for chaining; NULL stays
 * NULL). The caller releases it with val_free. */
Value *val_ref(const Value *v);
/* val_copy: a copy of v itself (NULL when out of memory): an array's data
 * is copied; a tuple's, list's or dict's items are shared (new references),
 * as Python's copy.copy does. */
Value *val_copy(const Value *v);
/* val_free: give back one reference to v; with the last one v and all it
 * owns are freed (without recursion, so any nesting depth is fine). NULL is
 * fine. */
void val_free(Value *v);
/* val_kind_name: "array", "str", "None", "tuple", "list", "dict", "function",
 * "dtype". */
const char *val_kind_name(ValKind k);
/* val_nbytes: memory held (arrays' data summed), for `vars`. */
size_t val_nbytes(const Value *v);

#endif
