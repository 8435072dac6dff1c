/* pkl.c - a safe reader for NumPy array pickles (see pkl.h).
 *
 * A pickle is a program for a stack machine. This file runs a very small
 * such machine: values live in `Val` nodes chained into one list per load
 * (so sharing through the memo needs no reference counts and everything is
 * freed in one sweep, whatever path the load takes), and the only "calls"
 * are the few NumPy recipes pkl.h lists, each re-implemented here in C after
 * checking its arguments exactly. Every length, count and index read from
 * the file is checked against the bytes that remain before it is used.
 */
#include "pkl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"

#define PKL_STACK_MAX 65536
#define PKL_MARK_MAX 64
#define PKL_MEMO_MAX (1u << 20)
#define PKL_DICT_MAX 10000
#define PKL_FILE_MAX ((size_t)1 << 30)
#define PKL_LINE_MAX 256 /* one line of a GLOBAL opcode */

/* --- values --------------------------------------------------------------- */

typedef enum VKind {
    V_NONE,
    V_BOOL,
    V_INT,
    V_STR,
    V_BYTES,
    V_TUPLE,
    V_DICT,
    V_GLOBAL,
    V_DTYPE,
    V_ARRAY
} VKind;

/* each kind as a message says it: "the key is an int" */
static const char *const kKindName[] = {"None",           "a bool",         "an int", "a str",
                                        "a bytes object", "a tuple",        "a dict", "a global",
                                        "a numpy.dtype",  "a numpy.ndarray"};

/* The globals a pickle may name. Each is a fixed C recipe below. */
typedef enum Global { G_RECONSTRUCT, G_NDARRAY, G_DTYPE, G_ENCODE, G_BYTES, G_FROMBUFFER } Global;

static const struct {
    const char *module, *name;
    Global g;
} kGlobals[] = {
    {"numpy.core.multiarray", "_reconstruct", G_RECONSTRUCT},
    {"numpy._core.multiarray", "_reconstruct", G_RECONSTRUCT},
    {"numpy", "ndarray", G_NDARRAY},
    {"numpy", "dtype", G_DTYPE},
    {"_codecs", "encode", G_ENCODE},
    {"builtins", "bytes", G_BYTES},
    {"numpy.core.numeric", "_frombuffer", G_FROMBUFFER},
    {"numpy._core.numeric", "_frombuffer", G_FROMBUFFER},
};

static const char *const kGlobalName[] = {"_reconstruct",   "numpy.ndarray", "numpy.dtype",
                                          "_codecs.encode", "bytes",         "_frombuffer"};

typedef struct Val {
    VKind kind;
    struct Val *chain; /* next node of this load (for the final sweep) */
    int64_t i;         /* V_BOOL, V_INT: the value; V_GLOBAL: a Global */
    const uint8_t *s;  /* V_STR, V_BYTES: the bytes (in the input or `own`) */
    size_t len;
    uint8_t *own;       /* bytes this node allocated itself, or NULL */
    struct Val **items; /* V_TUPLE: n items; V_DICT: n (key, value) pairs */
    size_t n;
    size_t cap; /* allocated slots of items */
    bool ready; /* V_DTYPE: state applied; V_ARRAY: data filled */
    DType dt;   /* V_DTYPE */
    Array *arr; /* V_ARRAY once ready; NULL after being moved out */
} Val;

/* --- the machine ---------------------------------------------------------- */

typedef struct Pk {
    const uint8_t *p;
    size_t n;         /* bytes of input */
    size_t pos;       /* next byte to read */
    const char *name; /* for messages */
    Err *e;
    size_t off; /* offset of the opcode being run */
    uint8_t op; /* that opcode */
    int proto;
    Val *all; /* every node made so far */
    Val **stack;
    int sp;
    int scap;
    int marks[PKL_MARK_MAX];
    int nmarks;
    Val **memo;
    size_t memocap;
    size_t memocount; /* distinct indices stored (MEMOIZE uses it) */
    size_t budget;    /* bytes of array/decoded data still allowed */
} Pk;

enum {
    OP_MARK = 0x28,
    OP_STOP = 0x2e,
    OP_BININT = 0x4a,
    OP_BININT1 = 0x4b,
    OP_BININT2 = 0x4d,
    OP_NONE = 0x4e,
    OP_REDUCE = 0x52,
    OP_BINUNICODE = 0x58,
    OP_BUILD = 0x62,
    OP_GLOBAL = 0x63,
    OP_EMPTY_DICT = 0x7d,
    OP_BINGET = 0x68,
    OP_LONG_BINGET = 0x6a,
    OP_BINPUT = 0x71,
    OP_LONG_BINPUT = 0x72,
    OP_SETITEM = 0x73,
    OP_TUPLE = 0x74,
    OP_EMPTY_TUPLE = 0x29,
    OP_SETITEMS = 0x75,
    OP_BINBYTES = 0x42,
    OP_SHORT_BINBYTES = 0x43,
    OP_PROTO = 0x80,
    OP_TUPLE1 = 0x85,
    OP_TUPLE2 = 0x86,
    OP_TUPLE3 = 0x87,
    OP_NEWTRUE = 0x88,
    OP_NEWFALSE = 0x89,
    OP_LONG1 = 0x8a,
    OP_SHORT_BINUNICODE = 0x8c,
    OP_BINUNICODE8 = 0x8d,
    OP_BINBYTES8 = 0x8e,
    OP_STACK_GLOBAL = 0x93,
    OP_MEMOIZE = 0x94,
    OP_FRAME = 0x95,
    OP_BYTEARRAY8 = 0x96,
    OP_NEXT_BUFFER = 0x97,
    OP_READONLY_BUFFER = 0x98
};

/* The name of every opcode of protocols 0 to 5, supported or not, so a
 * refusal can say which one it met. NULL: not an opcode at all. */
static const char *op_name(uint8_t c) {
    switch (c) {
    case '(': return "MARK";
    case '.': return "STOP";
    case '0': return "POP";
    case '1': return "POP_MARK";
    case '2': return "DUP";
    case 'F': return "FLOAT";
    case 'I': return "INT";
    case 'J': return "BININT";
    case 'K': return "BININT1";
    case 'L': return "LONG";
    case 'M': return "BININT2";
    case 'N': return "NONE";
    case 'P': return "PERSID";
    case 'Q': return "BINPERSID";
    case 'R': return "REDUCE";
    case 'S': return "STRING";
    case 'T': return "BINSTRING";
    case 'U': return "SHORT_BINSTRING";
    case 'V': return "UNICODE";
    case 'X': return "BINUNICODE";
    case 'a': return "APPEND";
    case 'b': return "BUILD";
    case 'c': return "GLOBAL";
    case 'd': return "DICT";
    case '}': return "EMPTY_DICT";
    case 'e': return "APPENDS";
    case 'g': return "GET";
    case 'h': return "BINGET";
    case 'i': return "INST";
    case 'j': return "LONG_BINGET";
    case 'l': return "LIST";
    case ']': return "EMPTY_LIST";
    case 'o': return "OBJ";
    case 'p': return "PUT";
    case 'q': return "BINPUT";
    case 'r': return "LONG_BINPUT";
    case 's': return "SETITEM";
    case 't': return "TUPLE";
    case ')': return "EMPTY_TUPLE";
    case 'u': return "SETITEMS";
    case 'G': return "BINFLOAT";
    case 'B': return "BINBYTES";
    case 'C': return "SHORT_BINBYTES";
    case 0x80: return "PROTO";
    case 0x81: return "NEWOBJ";
    case 0x82: return "EXT1";
    case 0x83: return "EXT2";
    case 0x84: return "EXT4";
    case 0x85: return "TUPLE1";
    case 0x86: return "TUPLE2";
    case 0x87: return "TUPLE3";
    case 0x88: return "NEWTRUE";
    case 0x89: return "NEWFALSE";
    case 0x8a: return "LONG1";
    case 0x8b: return "LONG4";
    case 0x8c: return "SHORT_BINUNICODE";
    case 0x8d: return "BINUNICODE8";
    case 0x8e: return "BINBYTES8";
    case 0x8f: return "EMPTY_SET";
    case 0x90: return "ADDITEMS";
    case 0x91: return "FROZENSET";
    case 0x92: return "NEWOBJ_EX";
    case 0x93: return "STACK_GLOBAL";
    case 0x94: return "MEMOIZE";
    case 0x95: return "FRAME";
    case 0x96: return "BYTEARRAY8";
    case 0x97: return "NEXT_BUFFER";
    case 0x98: return "READONLY_BUFFER";
    }
    return NULL;
}

/* fail: record an ERR_FORMAT error "<file>: byte N, OPNAME (0xXX): <msg>"
 * about the opcode being run. Always returns -1. */
static int fail(Pk *pk, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(Pk *pk, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *on = op_name(pk->op);
    err_set(pk->e, ERR_FORMAT, "%s: byte %zu, %s (0x%02x): %s", pk->name, pk->off,
            on ? on : "unknown opcode", pk->op, msg);
    return -1;
}

/* fail_plain: an ERR_FORMAT error about the file as a whole. */
static int fail_plain(Pk *pk, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail_plain(Pk *pk, const char *fmt, ...) {
    char msg[440];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_set(pk->e, ERR_FORMAT, "%s: %s", pk->name, msg);
    return -1;
}

static int oom(Pk *pk) {
    err_set(pk->e, ERR_MEMORY, "%s: out of memory while reading the pickle", pk->name);
    return -1;
}

/* show: copy up to ~60 bytes of untrusted text into buf for a message,
 * escaping anything that is not printable ASCII. Returns buf. */
static const char *show(char *buf, size_t cap, const uint8_t *s, size_t len) {
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (o + 8 >= cap || i >= 60) {
            snprintf(buf + o, cap - o, "...");
            return buf;
        }
        uint8_t c = s[i];
        if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\')
            buf[o++] = (char)c;
        else
            o += (size_t)snprintf(buf + o, cap - o, "\\x%02x", c);
    }
    buf[o] = '\0';
    return buf;
}

static Val *newval(Pk *pk, VKind k) {
    Val *v = calloc(1, sizeof *v);
    if (!v) {
        oom(pk);
        return NULL;
    }
    v->kind = k;
    v->chain = pk->all;
    pk->all = v;
    return v;
}

/* spend: take `bytes` from the data budget, or fail. */
static int spend(Pk *pk, size_t bytes) {
    if (bytes > pk->budget)
        return fail(pk,
                    "the arrays would need more memory than the file's size "
                    "allows (%zu bytes more); the pickle reuses its data to "
                    "inflate, which nnsh refuses",
                    bytes - pk->budget);
    pk->budget -= bytes;
    return 0;
}

/* --- reading the input ---------------------------------------------------- */

/* need: fail unless `k` more bytes remain for `what`. */
static int need(Pk *pk, size_t k, const char *what) {
    if (pk->n - pk->pos < k)
        return fail(pk, "the pickle ends early: %s needs %zu bytes, only %zu left", what, k,
                    pk->n - pk->pos);
    return 0;
}

/* rd_le: read an unsigned little-endian integer of k <= 8 bytes. */
static int rd_le(Pk *pk, size_t k, const char *what, uint64_t *out) {
    if (need(pk, k, what) < 0) return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < k; i++)
        v |= (uint64_t)pk->p[pk->pos + i] << (8 * i);
    pk->pos += k;
    *out = v;
    return 0;
}

/* --- the stack, marks and memo -------------------------------------------- */

static int floor_sp(const Pk *pk) {
    return pk->nmarks ? pk->marks[pk->nmarks - 1] : 0;
}

static int push(Pk *pk, Val *v) {
    if (!v) return -1;
    if (pk->sp == pk->scap) {
        if (pk->scap >= PKL_STACK_MAX)
            return fail(pk, "the value stack holds more than %d values", PKL_STACK_MAX);
        int nc = pk->scap ? pk->scap * 2 : 64;
        Val **ns = realloc(pk->stack, (size_t)nc * sizeof *ns);
        if (!ns) return oom(pk);
        pk->stack = ns;
        pk->scap = nc;
    }
    pk->stack[pk->sp++] = v;
    return 0;
}

/* pop: take the top value, never reaching below the innermost MARK. */
static Val *pop(Pk *pk) {
    if (pk->sp <= floor_sp(pk)) {
        fail(pk, "stack underflow: the opcode needs a value and %s",
             pk->nmarks ? "only a MARK is left" : "the stack is empty");
        return NULL;
    }
    return pk->stack[--pk->sp];
}

static Val *top(Pk *pk) {
    if (pk->sp <= floor_sp(pk)) {
        fail(pk, "stack underflow: the opcode needs a value and %s",
             pk->nmarks ? "only a MARK is left" : "the stack is empty");
        return NULL;
    }
    return pk->stack[pk->sp - 1];
}

/* pop_mark: close the innermost MARK; *from is where its values start. */
static int pop_mark(Pk *pk, int *from) {
    if (pk->nmarks == 0) return fail(pk, "there is no open MARK to close");
    *from = pk->marks[--pk->nmarks];
    return 0;
}

static int memo_put(Pk *pk, uint64_t idx) {
    Val *v = top(pk);
    if (!v) return -1;
    if (idx >= PKL_MEMO_MAX)
        return fail(pk, "memo index %llu is too large (nnsh allows below %u)",
                    (unsigned long long)idx, PKL_MEMO_MAX);
    if (idx >= pk->memocap) {
        size_t nc = pk->memocap ? pk->memocap : 64;
        while (nc <= idx)
            nc *= 2;
        Val **nm = realloc(pk->memo, nc * sizeof *nm);
        if (!nm) return oom(pk);
        memset(nm + pk->memocap, 0, (nc - pk->memocap) * sizeof *nm);
        pk->memo = nm;
        pk->memocap = nc;
    }
    if (!pk->memo[idx]) pk->memocount++;
    pk->memo[idx] = v;
    return 0;
}

static int memo_get(Pk *pk, uint64_t idx) {
    if (idx >= pk->memocap || !pk->memo[idx])
        return fail(pk, "memo index %llu was never stored", (unsigned long long)idx);
    return push(pk, pk->memo[idx]);
}

/* --- text ------------------------------------------------------------------ */

/* utf8_next: decode one code point of s[*i..len) as Python's "surrogatepass"
 * UTF-8 decoder does. Returns the code point, or -1 for invalid bytes. */
static long utf8_next(const uint8_t *s, size_t len, size_t *i) {
    uint8_t c = s[*i];
    int extra;
    long cp, min;
    if (c < 0x80) {
        (*i)++;
        return c;
    } else if ((c & 0xe0) == 0xc0) {
        extra = 1;
        cp = c & 0x1f;
        min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        extra = 2;
        cp = c & 0x0f;
        min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        extra = 3;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        return -1;
    }
    if (len - *i <= (size_t)extra) return -1;
    for (int k = 1; k <= extra; k++) {
        uint8_t d = s[*i + (size_t)k];
        if ((d & 0xc0) != 0x80) return -1;
        cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff) return -1;
    *i += (size_t)extra + 1;
    return cp;
}

static bool str_is(const Val *v, const char *lit) {
    return v->kind == V_STR && v->len == strlen(lit) && memcmp(v->s, lit, v->len) == 0;
}

/* --- opcodes that push data ------------------------------------------------ */

/* op_text: BINUNICODE and friends (is_str) or BINBYTES and friends, with a
 * length field of `lenbytes` bytes. The value points into the input. */
static int op_text(Pk *pk, size_t lenbytes, bool is_str) {
    uint64_t len;
    if (rd_le(pk, lenbytes, "the length field", &len) < 0) return -1;
    if (len > pk->n - pk->pos)
        return fail(pk, "its length %llu runs past the end of the pickle (%zu bytes left)",
                    (unsigned long long)len, pk->n - pk->pos);
    const uint8_t *s = pk->p + pk->pos;
    if (is_str) {
        for (size_t i = 0; i < len;)
            if (utf8_next(s, (size_t)len, &i) < 0)
                return fail(pk, "the string is not valid UTF-8 (at its byte %zu)", i);
    }
    Val *v = newval(pk, is_str ? V_STR : V_BYTES);
    if (!v) return -1;
    v->s = s;
    v->len = (size_t)len;
    pk->pos += (size_t)len;
    return push(pk, v);
}

static int push_int(Pk *pk, VKind k, int64_t i) {
    Val *v = newval(pk, k);
    if (!v) return -1;
    v->i = i;
    return push(pk, v);
}

/* op_long1: a little-endian two's complement integer of up to 8 bytes. */
static int op_long1(Pk *pk) {
    uint64_t k, u;
    if (rd_le(pk, 1, "the length field", &k) < 0) return -1;
    if (k > 8)
        return fail(pk, "an integer of %llu bytes is too large for nnsh (at most 8)",
                    (unsigned long long)k);
    if (k == 0) return push_int(pk, V_INT, 0);
    if (rd_le(pk, (size_t)k, "the integer", &u) < 0) return -1;
    if (k < 8 && (u >> (8 * k - 1)) & 1) u |= ~(uint64_t)0 << (8 * k); /* sign */
    return push_int(pk, V_INT, (int64_t)u);
}

/* --- globals ---------------------------------------------------------------- */

static int resolve_global(Pk *pk, const uint8_t *mod, size_t mlen, const uint8_t *nm, size_t nlen) {
    /* protocol 2 pickles name Python 2's module for bytes (fix_imports) */
    if (pk->proto < 3 && mlen == 11 && memcmp(mod, "__builtin__", 11) == 0) {
        mod = (const uint8_t *)"builtins";
        mlen = 8;
    }
    for (size_t i = 0; i < sizeof kGlobals / sizeof kGlobals[0]; i++) {
        if (strlen(kGlobals[i].module) == mlen && strlen(kGlobals[i].name) == nlen &&
            memcmp(kGlobals[i].module, mod, mlen) == 0 && memcmp(kGlobals[i].name, nm, nlen) == 0)
            return push_int(pk, V_GLOBAL, kGlobals[i].g);
    }
    char a[256], b[256];
    return fail(pk,
                "refusing global '%s.%s': nnsh only reads NumPy arrays from "
                "pickles; it never runs code",
                show(a, sizeof a, mod, mlen), show(b, sizeof b, nm, nlen));
}

/* read_line: a GLOBAL operand, up to a newline. */
static int read_line(Pk *pk, const uint8_t **s, size_t *len) {
    size_t left = pk->n - pk->pos;
    size_t lim = left < PKL_LINE_MAX ? left : PKL_LINE_MAX;
    const uint8_t *start = pk->p + pk->pos;
    const uint8_t *nl = memchr(start, '\n', lim);
    if (!nl) {
        if (lim == left) return fail(pk, "the pickle ends inside the global's name");
        return fail(pk, "the global's name is longer than %d bytes", PKL_LINE_MAX);
    }
    *s = start;
    *len = (size_t)(nl - start);
    pk->pos += *len + 1;
    return 0;
}

static int op_global(Pk *pk) {
    const uint8_t *mod, *nm;
    size_t mlen, nlen;
    if (read_line(pk, &mod, &mlen) < 0 || read_line(pk, &nm, &nlen) < 0) return -1;
    return resolve_global(pk, mod, mlen, nm, nlen);
}

static int op_stack_global(Pk *pk) {
    Val *nm = pop(pk);
    if (!nm) return -1;
    Val *mod = pop(pk);
    if (!mod) return -1;
    if (mod->kind != V_STR || nm->kind != V_STR)
        return fail(pk, "the module and name must be str, not %s and %s", kKindName[mod->kind],
                    kKindName[nm->kind]);
    return resolve_global(pk, mod->s, mod->len, nm->s, nm->len);
}

/* --- containers ------------------------------------------------------------- */

static int make_tuple(Pk *pk, int from) {
    size_t n = (size_t)(pk->sp - from);
    Val *t = newval(pk, V_TUPLE);
    if (!t) return -1;
    if (n) {
        t->items = malloc(n * sizeof *t->items);
        if (!t->items) return oom(pk);
        memcpy(t->items, pk->stack + from, n * sizeof *t->items);
    }
    t->n = t->cap = n;
    pk->sp = from;
    return push(pk, t);
}

static int op_tuple_n(Pk *pk, int k) {
    if (pk->sp - floor_sp(pk) < k)
        return fail(pk,
                    "stack underflow: the opcode needs %d values above the last "
                    "MARK, there are %d",
                    k, pk->sp - floor_sp(pk));
    return make_tuple(pk, pk->sp - k);
}

/* dict_set: d[key] = val with Python's rules (a repeated key keeps its place
 * and takes the new value). Keys must be str. */
static int dict_set(Pk *pk, Val *d, Val *key, Val *val) {
    if (key->kind != V_STR)
        return fail(pk, "a dict key is %s; nnsh reads only str keys", kKindName[key->kind]);
    for (size_t i = 0; i < d->n; i++) {
        Val *k = d->items[2 * i];
        if (k->len == key->len && memcmp(k->s, key->s, k->len) == 0) {
            d->items[2 * i + 1] = val;
            return 0;
        }
    }
    if (d->n >= PKL_DICT_MAX) return fail(pk, "the dict has more than %d entries", PKL_DICT_MAX);
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 8;
        Val **ni = realloc(d->items, 2 * nc * sizeof *ni);
        if (!ni) return oom(pk);
        d->items = ni;
        d->cap = nc;
    }
    d->items[2 * d->n] = key;
    d->items[2 * d->n + 1] = val;
    d->n++;
    return 0;
}

static int op_setitem(Pk *pk) {
    Val *val = pop(pk);
    if (!val) return -1;
    Val *key = pop(pk);
    if (!key) return -1;
    Val *d = top(pk);
    if (!d) return -1;
    if (d->kind != V_DICT) return fail(pk, "SETITEM on %s, not a dict", kKindName[d->kind]);
    return dict_set(pk, d, key, val);
}

static int op_setitems(Pk *pk) {
    int from = 0;
    if (pop_mark(pk, &from) < 0) return -1;
    int n = pk->sp - from;
    if (n % 2) return fail(pk, "an odd number of values (%d) for key/value pairs", n);
    if (from <= floor_sp(pk)) return fail(pk, "stack underflow: no dict below the MARK");
    Val *d = pk->stack[from - 1];
    if (d->kind != V_DICT) return fail(pk, "SETITEMS on %s, not a dict", kKindName[d->kind]);
    for (int i = from; i < pk->sp; i += 2)
        if (dict_set(pk, d, pk->stack[i], pk->stack[i + 1]) < 0) return -1;
    pk->sp = from;
    return 0;
}

/* --- building arrays -------------------------------------------------------- */

/* swap_to_host: the file's data is little-endian; reverse each element's
 * bytes on a big-endian host (a no-op everywhere nnsh is tested). */
static void swap_to_host(Array *a) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    size_t isz = dtype_size(a->dtype);
    uint8_t *p = a->data;
    for (int64_t i = 0; i < a->size && isz > 1; i++, p += isz)
        for (size_t k = 0; k < isz / 2; k++) {
            uint8_t t = p[k];
            p[k] = p[isz - 1 - k];
            p[isz - 1 - k] = t;
        }
#else
    (void)a;
#endif
}

/* make_array: an Array of dtype dt and the shape tuple `shp` whose raw data
 * (C or Fortran order) is the bytes value `data`. */
static Array *make_array(Pk *pk, const Val *shp, DType dt, bool fortran, const Val *data) {
    if (shp->kind != V_TUPLE) {
        fail(pk, "the array's shape is %s, not a tuple", kKindName[shp->kind]);
        return NULL;
    }
    if (shp->n > ARR_MAXDIM) {
        fail(pk, "the array has %zu axes; nnsh arrays have at most %d", shp->n, ARR_MAXDIM);
        return NULL;
    }
    int ndim = (int)shp->n;
    int64_t shape[ARR_MAXDIM] = {0};
    for (int k = 0; k < ndim; k++) {
        const Val *d = shp->items[k];
        if (d->kind != V_INT || d->i < 0) {
            fail(pk, "axis %d of the array's shape is %s", k,
                 d->kind == V_INT ? "negative" : kKindName[d->kind]);
            return NULL;
        }
        shape[k] = d->i;
    }
    char sb[64];
    int64_t size = shape_size(ndim, shape);
    size_t isz = dtype_size(dt);
    if (size < 0 || (uint64_t)size > SIZE_MAX / 16) {
        fail(pk, "the array's shape %s is too large", shape_str(sb, ndim, shape));
        return NULL;
    }
    size_t bytes = (size_t)size * isz;
    if (bytes != data->len) {
        fail(pk, "the array's shape %s with dtype %s needs %zu bytes, but its data has %zu",
             shape_str(sb, ndim, shape), dtype_name(dt), bytes, data->len);
        return NULL;
    }
    if (spend(pk, bytes) < 0) return NULL;
    Err ae;
    err_clear(&ae);
    Array *a = arr_new_uninit(dt, ndim, shape, &ae);
    if (!a) { /* too big for any array (as NumPy says), or past the budget */
        fail(pk, "the array of shape %s: %s", shape_str(sb, ndim, shape), ae.msg);
        return NULL;
    }
    if (bytes) {
        if (fortran && ndim > 1)
            arr_fortran_to_c(a->data, data->s, ndim, shape, isz);
        else
            memcpy(a->data, data->s, bytes);
    }
    if (dt == DT_BOOL) /* NumPy reads any non-zero byte as True */
        for (int64_t i = 0; i < size; i++)
            ((uint8_t *)a->data)[i] = ((uint8_t *)a->data)[i] != 0;
    swap_to_host(a);
    return a;
}

/* flag: a Python bool, or the ints 0/1 older NumPy wrote in their place. */
static int flag(const Val *v) {
    if ((v->kind == V_BOOL || v->kind == V_INT) && (v->i == 0 || v->i == 1)) return (int)v->i;
    return -1;
}

/* numpy.dtype(code, align, copy): the dtype codes NumPy's reduce writes. */
static Val *call_dtype(Pk *pk, const Val *args) {
    static const struct {
        const char *code;
        DType dt;
    } codes[] = {
        {"f4", DT_FLOAT32}, {"f8", DT_FLOAT64}, {"i8", DT_INT64}, {"u1", DT_UINT8}, {"b1", DT_BOOL},
    };
    if (args->n != 3 || args->items[0]->kind != V_STR || flag(args->items[1]) != 0 ||
        flag(args->items[2]) != 1) {
        fail(pk, "numpy.dtype called with unexpected arguments (expected a code, False, True)");
        return NULL;
    }
    const Val *c = args->items[0];
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (str_is(c, codes[i].code)) {
            Val *v = newval(pk, V_DTYPE);
            if (v) v->dt = codes[i].dt;
            return v;
        }
    char sb[256];
    fail(pk, "unsupported dtype '%s' (nnsh reads float32, float64, int64, uint8 and bool)",
         show(sb, sizeof sb, c->s, c->len));
    return NULL;
}

/* BUILD on a dtype: NumPy's state (3, byteorder, None, None, None, -1, -1, 0). */
static int build_dtype(Pk *pk, Val *d, const Val *st) {
    if (st->kind != V_TUPLE || st->n < 1)
        return fail(pk, "the dtype's state is %s, not NumPy's tuple", kKindName[st->kind]);
    Val *const *it = st->items;
    if (it[0]->kind != V_INT || it[0]->i != 3 || st->n != 8)
        return fail(pk,
                    "unsupported dtype state: nnsh reads NumPy's version 3 with 8 "
                    "fields, this one has %zu fields",
                    st->n);
    bool onebyte = dtype_size(d->dt) == 1;
    if (str_is(it[1], ">") && !onebyte)
        return fail(pk, "big-endian %s data is not supported", dtype_name(d->dt));
    if (!(str_is(it[1], "<") || (onebyte && str_is(it[1], "|"))))
        return fail(pk, "unsupported byte order for a %s dtype", dtype_name(d->dt));
    if (it[2]->kind != V_NONE || it[3]->kind != V_NONE || it[4]->kind != V_NONE)
        return fail(pk, "sub-array and structured dtypes are not supported");
    if (it[5]->kind != V_INT || it[5]->i != -1 || it[6]->kind != V_INT || it[6]->i != -1 ||
        it[7]->kind != V_INT || it[7]->i != 0)
        return fail(pk, "unexpected size, alignment or flags in the dtype's state");
    d->ready = true;
    return 0;
}

/* BUILD on an ndarray: (1, shape, dtype, is_fortran, raw bytes). */
static int build_array(Pk *pk, Val *a, const Val *st) {
    if (st->kind != V_TUPLE || st->n != 5 || st->items[0]->kind != V_INT || st->items[0]->i != 1)
        return fail(pk, "unsupported ndarray state (nnsh reads NumPy's "
                        "(1, shape, dtype, is_fortran, data))");
    Val *const *it = st->items;
    if (it[2]->kind != V_DTYPE || !it[2]->ready)
        return fail(pk, "the array's dtype is %s%s", kKindName[it[2]->kind],
                    it[2]->kind == V_DTYPE ? " without its state" : ", not a numpy.dtype");
    int fort = flag(it[3]);
    if (fort < 0)
        return fail(pk, "the array's is_fortran flag is %s, not a bool", kKindName[it[3]->kind]);
    if (it[4]->kind != V_BYTES)
        return fail(pk,
                    "the array's data is %s, not bytes (object arrays are "
                    "not supported)",
                    kKindName[it[4]->kind]);
    a->arr = make_array(pk, it[1], it[2]->dt, fort == 1, it[4]);
    if (!a->arr) return -1;
    a->ready = true;
    return 0;
}

/* numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b'): an empty
 * ndarray for a BUILD to fill. */
static Val *call_reconstruct(Pk *pk, const Val *args) {
    if (args->n >= 1 && args->items[0]->kind == V_GLOBAL && args->items[0]->i != G_NDARRAY) {
        fail(pk, "_reconstruct may only make a numpy.ndarray, not %s",
             kGlobalName[args->items[0]->i]);
        return NULL;
    }
    const Val *sh = args->n == 3 ? args->items[1] : NULL;
    const Val *tc = args->n == 3 ? args->items[2] : NULL;
    if (args->n != 3 || args->items[0]->kind != V_GLOBAL || sh->kind != V_TUPLE || sh->n != 1 ||
        sh->items[0]->kind != V_INT || sh->items[0]->i != 0 || tc->kind != V_BYTES ||
        tc->len != 1 || tc->s[0] != 'b') {
        fail(pk, "_reconstruct called with unexpected arguments (expected "
                 "numpy.ndarray, (0,), b'b')");
        return NULL;
    }
    return newval(pk, V_ARRAY);
}

/* numpy.core.numeric._frombuffer(buf, dtype, shape, order): protocol 5. */
static Val *call_frombuffer(Pk *pk, const Val *args) {
    if (args->n != 4 || args->items[0]->kind != V_BYTES || args->items[1]->kind != V_DTYPE ||
        !args->items[1]->ready || !(str_is(args->items[3], "C") || str_is(args->items[3], "F"))) {
        fail(pk, "_frombuffer called with unexpected arguments (expected bytes, a "
                 "dtype, a shape and 'C' or 'F')");
        return NULL;
    }
    Val *v = newval(pk, V_ARRAY);
    if (!v) return NULL;
    v->arr = make_array(pk, args->items[2], args->items[1]->dt, str_is(args->items[3], "F"),
                        args->items[0]);
    if (!v->arr) return NULL;
    v->ready = true;
    return v;
}

/* _codecs.encode(text, 'latin1'): how protocol 2 stores bytes. */
static Val *call_encode(Pk *pk, const Val *args) {
    if (args->n != 2 || args->items[0]->kind != V_STR ||
        !(str_is(args->items[1], "latin1") || str_is(args->items[1], "latin-1"))) {
        fail(pk, "_codecs.encode is only allowed as encode(str, 'latin1')");
        return NULL;
    }
    const Val *t = args->items[0];
    if (spend(pk, t->len) < 0) return NULL;
    Val *v = newval(pk, V_BYTES);
    if (!v) return NULL;
    v->own = malloc(t->len ? t->len : 1);
    if (!v->own) {
        oom(pk);
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < t->len;) {
        long cp = utf8_next(t->s, t->len, &i); /* validated when it was read */
        if (cp < 0 || cp > 0xff) {
            fail(pk, "_codecs.encode: a character does not fit latin1");
            return NULL;
        }
        v->own[o++] = (uint8_t)cp;
    }
    v->s = v->own;
    v->len = o;
    return v;
}

static int op_reduce(Pk *pk) {
    Val *args = pop(pk);
    if (!args) return -1;
    Val *fn = pop(pk);
    if (!fn) return -1;
    if (fn->kind != V_GLOBAL)
        return fail(pk, "REDUCE calls %s; only the allowed NumPy globals may be called",
                    kKindName[fn->kind]);
    if (args->kind != V_TUPLE)
        return fail(pk, "REDUCE's arguments are %s, not a tuple", kKindName[args->kind]);
    Val *r = NULL;
    switch ((Global)fn->i) {
    case G_RECONSTRUCT: r = call_reconstruct(pk, args); break;
    case G_DTYPE: r = call_dtype(pk, args); break;
    case G_ENCODE: r = call_encode(pk, args); break;
    case G_FROMBUFFER: r = call_frombuffer(pk, args); break;
    case G_BYTES:
        if (args->n != 0) return fail(pk, "bytes() is only allowed with no arguments");
        r = newval(pk, V_BYTES);
        break;
    case G_NDARRAY: return fail(pk, "numpy.ndarray may not be called directly");
    }
    if (!r) return -1;
    return push(pk, r);
}

static int op_build(Pk *pk) {
    Val *st = pop(pk);
    if (!st) return -1;
    Val *obj = top(pk);
    if (!obj) return -1;
    if (obj->kind == V_DTYPE && !obj->ready) return build_dtype(pk, obj, st);
    if (obj->kind == V_ARRAY && !obj->ready) return build_array(pk, obj, st);
    return fail(pk, "cannot set the state of %s%s", kKindName[obj->kind],
                obj->kind == V_DTYPE || obj->kind == V_ARRAY ? " twice" : "");
}

/* --- the loop --------------------------------------------------------------- */

/* step: run one opcode. Returns 0 to go on, 1 after STOP, -1 on error. */
static int step(Pk *pk) {
    uint64_t u;
    pk->off = pk->pos;
    pk->op = pk->p[pk->pos++];
    if (pk->off == 0 && pk->op != OP_PROTO)
        return fail_plain(pk,
                          "not a pickle of protocol 2 to 5 (those start with the "
                          "PROTO opcode, byte 0x80; this starts with 0x%02x)",
                          pk->op);
    switch (pk->op) {
    case OP_PROTO:
        if (rd_le(pk, 1, "the protocol number", &u) < 0) return -1;
        if (pk->off != 0) return fail(pk, "PROTO may only appear first");
        if (u < 2 || u > 5)
            return fail(pk, "pickle protocol %llu is not supported (nnsh reads 2 to 5)",
                        (unsigned long long)u);
        pk->proto = (int)u;
        return 0;
    case OP_FRAME:
        if (rd_le(pk, 8, "the frame length", &u) < 0) return -1;
        if (u > pk->n - pk->pos)
            return fail(pk,
                        "a frame of %llu bytes runs past the end of the pickle "
                        "(%zu bytes left)",
                        (unsigned long long)u, pk->n - pk->pos);
        return 0;
    case OP_STOP:
        if (pk->nmarks) return fail(pk, "STOP with a MARK still open");
        if (pk->sp != 1) return fail(pk, "STOP with %d values on the stack instead of 1", pk->sp);
        if (pk->pos != pk->n)
            return fail(pk, "%zu bytes follow the end of the pickle", pk->n - pk->pos);
        return 1;
    case OP_MARK:
        if (pk->nmarks == PKL_MARK_MAX)
            return fail(pk, "more than %d MARKs are open: nesting too deep", PKL_MARK_MAX);
        pk->marks[pk->nmarks++] = pk->sp;
        return 0;
    case OP_EMPTY_DICT: return push(pk, newval(pk, V_DICT));
    case OP_EMPTY_TUPLE: return push(pk, newval(pk, V_TUPLE));
    case OP_NONE: return push(pk, newval(pk, V_NONE));
    case OP_NEWTRUE: return push_int(pk, V_BOOL, 1);
    case OP_NEWFALSE: return push_int(pk, V_BOOL, 0);
    case OP_BININT1:
        if (rd_le(pk, 1, "the integer", &u) < 0) return -1;
        return push_int(pk, V_INT, (int64_t)u);
    case OP_BININT2:
        if (rd_le(pk, 2, "the integer", &u) < 0) return -1;
        return push_int(pk, V_INT, (int64_t)u);
    case OP_BININT:
        if (rd_le(pk, 4, "the integer", &u) < 0) return -1;
        return push_int(pk, V_INT, (int32_t)(uint32_t)u);
    case OP_LONG1: return op_long1(pk);
    case OP_BINUNICODE: return op_text(pk, 4, true);
    case OP_SHORT_BINUNICODE: return op_text(pk, 1, true);
    case OP_BINUNICODE8: return op_text(pk, 8, true);
    case OP_BINBYTES: return op_text(pk, 4, false);
    case OP_SHORT_BINBYTES: return op_text(pk, 1, false);
    case OP_BINBYTES8:
    case OP_BYTEARRAY8: return op_text(pk, 8, false);
    case OP_NEXT_BUFFER:
    case OP_READONLY_BUFFER:
        return fail(pk, "out-of-band buffers are not supported (pickle without "
                        "buffer_callback)");
    case OP_BINPUT:
        if (rd_le(pk, 1, "the memo index", &u) < 0) return -1;
        return memo_put(pk, u);
    case OP_LONG_BINPUT:
        if (rd_le(pk, 4, "the memo index", &u) < 0) return -1;
        return memo_put(pk, u);
    case OP_MEMOIZE: return memo_put(pk, pk->memocount);
    case OP_BINGET:
        if (rd_le(pk, 1, "the memo index", &u) < 0) return -1;
        return memo_get(pk, u);
    case OP_LONG_BINGET:
        if (rd_le(pk, 4, "the memo index", &u) < 0) return -1;
        return memo_get(pk, u);
    case OP_GLOBAL: return op_global(pk);
    case OP_STACK_GLOBAL: return op_stack_global(pk);
    case OP_TUPLE: {
        int from = 0;
        if (pop_mark(pk, &from) < 0) return -1;
        return make_tuple(pk, from);
    }
    case OP_TUPLE1: return op_tuple_n(pk, 1);
    case OP_TUPLE2: return op_tuple_n(pk, 2);
    case OP_TUPLE3: return op_tuple_n(pk, 3);
    case OP_SETITEM: return op_setitem(pk);
    case OP_SETITEMS: return op_setitems(pk);
    case OP_REDUCE: return op_reduce(pk);
    case OP_BUILD: return op_build(pk);
    }
    if (op_name(pk->op))
        return fail(pk, "this opcode is not supported: nnsh reads only the opcodes "
                        "NumPy's array pickles use");
    return fail(pk, "not a pickle opcode (damaged file?)");
}

/* collect: turn the pickle's result into *out. */
static int collect(Pk *pk, Val *res, PklDict *out) {
    Val single_key = {0};
    Val *pair[2];
    Val **items;
    size_t n;
    if (res->kind == V_DICT) {
        items = res->items;
        n = res->n;
    } else if (res->kind == V_ARRAY && res->ready) {
        single_key.kind = V_STR;
        single_key.s = (const uint8_t *)"";
        pair[0] = &single_key;
        pair[1] = res;
        items = pair;
        n = 1;
    } else {
        return fail_plain(pk, "the pickle holds %s, not a dict of NumPy arrays",
                          kKindName[res->kind]);
    }
    char sb[256];
    for (size_t i = 0; i < n; i++) {
        Val *k = items[2 * i], *v = items[2 * i + 1];
        if (v->kind != V_ARRAY || !v->ready)
            return fail_plain(pk, "the value of key '%s' is %s, not a NumPy array",
                              show(sb, sizeof sb, k->s, k->len),
                              v->kind == V_ARRAY ? "an empty ndarray shell (no BUILD)"
                                                 : kKindName[v->kind]);
        if (memchr(k->s, 0, k->len))
            return fail_plain(pk, "the key '%s' contains a NUL character",
                              show(sb, sizeof sb, k->s, k->len));
    }
    out->names = calloc(n ? n : 1, sizeof *out->names);
    out->arrays = calloc(n ? n : 1, sizeof *out->arrays);
    if (!out->names || !out->arrays) return oom(pk);
    for (size_t i = 0; i < n; i++) {
        Val *k = items[2 * i], *v = items[2 * i + 1];
        out->names[i] = malloc(k->len + 1);
        if (!out->names[i]) return oom(pk);
        memcpy(out->names[i], k->s, k->len);
        out->names[i][k->len] = '\0';
        out->n = (int)i + 1;
        if (v->arr) { /* move it out: the node no longer frees it */
            out->arrays[i] = v->arr;
            v->arr = NULL;
        } else { /* taken by an earlier key: find it and copy */
            const Array *src = NULL;
            for (size_t j = 0; j < i && !src; j++)
                if (items[2 * j + 1] == v) src = out->arrays[j];
            if (spend(pk, arr_nbytes(src)) < 0) return -1;
            out->arrays[i] = arr_copy(src, NULL);
            if (!out->arrays[i]) return oom(pk);
        }
    }
    return 0;
}

static void pk_free(Pk *pk) {
    for (Val *v = pk->all; v;) {
        Val *next = v->chain;
        free(v->items);
        free(v->own);
        arr_free(v->arr);
        free(v);
        v = next;
    }
    free(pk->stack);
    free(pk->memo);
}

int pkl_load_mem(const uint8_t *buf, size_t n, const char *name, PklDict *out, Err *e) {
    memset(out, 0, sizeof *out);
    Pk pk = {0};
    pk.p = buf;
    pk.n = n;
    pk.name = name ? name : "<pickle>";
    pk.e = e;
    /* each array's bytes and (protocol 2) each decoded text come from the file */
    pk.budget = n > (SIZE_MAX - 4096) / 2 ? SIZE_MAX : 2 * n + 4096;
    int rc = 0;
    while (rc == 0) {
        if (pk.pos >= pk.n) {
            rc = n == 0 ? fail_plain(&pk, "the file is empty, not a pickle")
                        : fail_plain(&pk,
                                     "the pickle ends at byte %zu without a STOP "
                                     "opcode (truncated?)",
                                     pk.n);
            break;
        }
        rc = step(&pk);
    }
    if (rc == 1) rc = collect(&pk, pk.stack[0], out);
    if (rc < 0) pkl_dict_free(out);
    pk_free(&pk);
    return rc < 0 ? -1 : 0;
}

int pkl_load(const char *path, PklDict *out, Err *e) {
    memset(out, 0, sizeof *out);
    FILE *f = fio_fopen_read(path, e); /* never blocks on a FIFO */
    if (!f) return -1;
    struct stat st;
    if (fstat(fileno(f), &st) != 0) {
        fclose(f);
        err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
        return -1;
    }
    if ((uint64_t)st.st_size > PKL_FILE_MAX) {
        fclose(f);
        err_set(e, ERR_FORMAT, "%s: the file is %lld bytes; nnsh reads pickles up to 1 GiB", path,
                (long long)st.st_size);
        return -1;
    }
    size_t n = (size_t)st.st_size;
    uint8_t *buf = malloc(n ? n : 1);
    if (!buf) {
        fclose(f);
        err_set(e, ERR_MEMORY, "%s: out of memory reading %zu bytes", path, n);
        return -1;
    }
    size_t got = fread(buf, 1, n, f);
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad || got != n) {
        free(buf);
        err_set(e, ERR_IO, "%s: read error", path);
        return -1;
    }
    int rc = pkl_load_mem(buf, n, path, out, e);
    free(buf);
    return rc;
}

const Array *pkl_dict_get(const PklDict *d, const char *name) {
    for (int i = 0; d && i < d->n; i++)
        if (strcmp(d->names[i], name) == 0) return d->arrays[i];
    return NULL;
}

void pkl_dict_free(PklDict *d) {
    if (!d) return;
    for (int i = 0; i < d->n; i++) {
        free(d->names[i]);
        arr_free(d->arrays[i]);
    }
    free(d->names);
    free(d->arrays);
    memset(d, 0, sizeof *d);
}
