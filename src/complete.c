/* complete.c - Tab completion's candidates (see complete.h). No terminal
 * code here: term.c passes the line and the cursor, and hands what comes
 * back to Readline. */
#include "complete.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "lessonfile.h"
#include "registry.h"

/* A folder with more entries than this offers its first ones only. */
#define MAX_CANDS 4096

/* A growable list of candidates. */
typedef struct List {
    char **v;
    int n, cap;
} List;

/* Add the concatenation a + b + c (b and c may be NULL). */
static void list_add3(List *l, const char *a, const char *b, const char *c) {
    if (l->n >= MAX_CANDS) return;
    if (l->n == l->cap) {
        int nc = l->cap ? l->cap * 2 : 32;
        char **v = realloc(l->v, (size_t)nc * sizeof *v);
        if (!v) return;
        l->v = v;
        l->cap = nc;
    }
    size_t la = strlen(a), lb = b ? strlen(b) : 0, lc = c ? strlen(c) : 0;
    char *w = malloc(la + lb + lc + 1);
    if (!w) return;
    memcpy(w, a, la);
    if (lb) memcpy(w + la, b, lb);
    if (lc) memcpy(w + la + lb, c, lc);
    w[la + lb + lc] = '\0';
    l->v[l->n++] = w;
}

/* Offer s when it extends `word`. */
static void offer(List *l, const char *word, const char *s) {
    if (strncmp(s, word, strlen(word)) == 0) list_add3(l, s, NULL, NULL);
}

/* Offer prefix + s, where prefix is word's first pl bytes (a "np." or
 * "W1." already typed), when it extends `word`. */
static void offer_after(List *l, const char *word, size_t pl, const char *s) {
    if (strncmp(s, word + pl, strlen(word + pl)) != 0) return;
    char prefix[128];
    if (pl >= sizeof prefix) return;
    memcpy(prefix, word, pl);
    prefix[pl] = '\0';
    list_add3(l, prefix, s, NULL);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort the list, drop repeats, and hand it to *out. */
static void finish(List *l, int start, bool paths, CompleteList *out) {
    if (l->n) qsort(l->v, (size_t)l->n, sizeof *l->v, cmp_str);
    int k = 0;
    for (int i = 0; i < l->n; i++) {
        if (k && strcmp(l->v[k - 1], l->v[i]) == 0)
            free(l->v[i]);
        else
            l->v[k++] = l->v[i];
    }
    out->start = start;
    out->n = k;
    out->v = k ? l->v : NULL;
    out->paths = paths && k;
    if (!k) free(l->v);
}

void complete_free(CompleteList *c) {
    for (int i = 0; i < c->n; i++)
        free(c->v[i]);
    free(c->v);
    c->v = NULL;
    c->n = 0;
}

/* --- names ----------------------------------------------------------------- */

/* An array's attributes; its methods come from the registry. */
static const char *const kAttrs[] = {"T", "shape", "ndim", "size", "dtype", "nbytes", NULL};

/* Is b one of NumPy's functions as `np.` reaches it (not Python's print or
 * the book's predict, which np.print and np.predict would not find)? */
static bool numpy_name(const Registry *reg, const Builtin *b) {
    static const char *const kNumpy[] = {"array", "math", "reduce", "random"};
    if (!b->fn || reg_find_member(reg, b->name) != b) return false;
    for (size_t g = 0; g < sizeof kNumpy / sizeof kNumpy[0]; g++)
        if (strcmp(b->group, kNumpy[g]) == 0) return true;
    return false;
}

/* Names for `word` in an expression: after "np." (or "np.random.")
 * NumPy's functions, after any other "x." the attributes and methods of an
 * array, else the variables, the built-ins without a dot, and "np.". */
static void names(Interp *in, const char *word, List *l) {
    const Registry *reg = interp_registry(in);
    const char *dot = strrchr(word, '.');
    if (!dot) {
        Vars *vs = interp_vars(in);
        for (int i = 0; i < vars_count(vs); i++)
            offer(l, word, vars_name_at(vs, i));
        for (int i = 0; i < reg_count(reg); i++) {
            const Builtin *b = reg_at(reg, i);
            if (!strchr(b->name, '.')) offer(l, word, b->name);
        }
        offer(l, word, "np.");
        return;
    }
    size_t pl = (size_t)(dot - word) + 1;
    bool np = pl == 3 && strncmp(word, "np.", 3) == 0;
    bool rnd = pl == 10 && strncmp(word, "np.random.", 10) == 0;
    if (np || rnd) {
        for (int i = 0; i < reg_count(reg); i++) {
            const Builtin *b = reg_at(reg, i);
            if (!numpy_name(reg, b)) continue;
            bool is_rnd = strncmp(b->name, "random.", 7) == 0;
            if (np)
                offer_after(l, word, pl, b->name);
            else if (is_rnd)
                offer_after(l, word, pl, b->name + 7);
        }
        return;
    }
    for (int i = 0; kAttrs[i]; i++)
        offer_after(l, word, pl, kAttrs[i]);
    for (int i = 0; i < reg_method_count(reg); i++) {
        const Builtin *m = reg_method_at(reg, i);
        char call[64];
        snprintf(call, sizeof call, "%s(%s", m->name, m->maxargs == 0 ? ")" : "");
        offer_after(l, word, pl, call);
    }
}

/* `help`'s arguments: every built-in in force by the name help finds it
 * under, and every word of the syntax topics. */
static void help_words(Interp *in, const char *word, List *l) {
    const Registry *reg = interp_registry(in);
    for (int i = 0; i < reg_count(reg); i++) {
        const Builtin *b = reg_at(reg, i);
        if (reg_find(reg, b->name) == b || reg_find_member(reg, b->name) == b)
            offer(l, word, b->name);
    }
    const char *t, *text;
    for (int i = 0; commands_topic(i, &t, &text); i++) {
        while (*t) {
            size_t n = strcspn(t, " ");
            char w[32];
            if (n && n < sizeof w) {
                memcpy(w, t, n);
                w[n] = '\0';
                offer(l, word, w);
            }
            t += n;
            t += strspn(t, " ");
        }
    }
}

/* --- paths ------------------------------------------------------------------- */

/* File and folder names that extend `typed` (a path relative to the current
 * directory, or absolute). Each candidate is open + the path + '/' for a
 * folder or `close` for a file (close NUL: nothing); `dirs_only` leaves
 * files out. Names holding a quote or a backslash (which the string would
 * have to escape) are left out too. */
static void paths(const char *typed, char open, char close, bool dirs_only, List *l) {
    const char *slash = strrchr(typed, '/');
    size_t dl = slash ? (size_t)(slash - typed) + 1 : 0;
    char *dir = malloc(dl + 1);
    if (!dir) return;
    memcpy(dir, typed, dl);
    dir[dl] = '\0';
    const char *base = typed + dl;
    size_t bl = strlen(base);
    DIR *d = opendir(dl ? dir : ".");
    if (!d) {
        free(dir);
        return;
    }
    char op[2] = {open, '\0'}, cl[2] = {close, '\0'};
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        const char *name = ent->d_name;
        if (strcmp(name, ".") == 0) continue;
        if (strcmp(name, "..") == 0 && strcmp(base, "..") != 0) continue;
        if (name[0] == '.' && base[0] != '.') continue; /* hidden unless asked */
        if (strncmp(name, base, bl) != 0 || strpbrk(name, "\"'\\")) continue;
        size_t nl = strlen(name);
        char *full = malloc(dl + nl + 1);
        if (!full) break;
        memcpy(full, dir, dl);
        memcpy(full + dl, name, nl + 1);
        struct stat st;
        bool is_dir = stat(full, &st) == 0 && S_ISDIR(st.st_mode);
        if (is_dir || !dirs_only) list_add3(l, op, full, is_dir ? "/" : cl);
        free(full);
    }
    closedir(d);
    free(dir);
}

/* --- a command's arguments --------------------------------------------------- */

/* A command's arguments follow its help signature, read as a small
 * grammar, so help and Tab never disagree:
 *   trace on|off|full          a slot: one of the words on, off, full
 *   save NAME "file.npy"       a placeholder (a name), then a file ("..."
 *                              or FILE; "DIR" a folder)
 *   show IMAGE [--png FILE]    [...] is optional
 *   lesson [N | eN | lang en|zh]   " | " separates alternatives
 *   del NAME...                "..." repeats; STATEMENT and CONDITION
 *                              run to the end of the line
 * The words typed so far are matched against it; what the next slot takes
 * is offered: its words as written (batch=N offers "batch="), paths for a
 * file, names for a placeholder (not for N, LO, HI, LAYER: numbers). */
#define SIG_SYMS 48
#define SIG_ALTS 24
#define SIG_SEQ 12
#define SIG_GROUP 8
#define SIG_DEPTH 8
#define SIG_SLOTS 32

typedef struct Sym {
    char word[40];              /* a slot's choices "on|off|full"; "" for a group */
    bool repeat;                /* written NAME... */
    int galt[SIG_GROUP], ngalt; /* an optional group's alternatives */
} Sym;

typedef struct Alt { /* a sequence of symbols */
    int sym[SIG_SEQ], n;
} Alt;

typedef struct Sig {
    Sym syms[SIG_SYMS];
    int nsyms;
    Alt alts[SIG_ALTS];
    int nalts;
    int top[SIG_GROUP], ntop; /* the whole signature's alternatives */
    const char *p;            /* parsing: the rest of the text */
    bool bad;                 /* too big or malformed: not used */
} Sig;

/* The next token: '[', ']', '|' (a bar standing alone: alternatives) or a
 * word (maximal run without blanks and brackets); 0 at the end. */
static char sig_token(Sig *g, char *word, size_t cap) {
    g->p += strspn(g->p, " ");
    char c = *g->p;
    if (!c) return 0;
    if (c == '[' || c == ']') {
        g->p++;
        return c;
    }
    size_t n = strcspn(g->p, " []");
    if (n == 1 && c == '|') {
        g->p++;
        return '|';
    }
    snprintf(word, cap, "%.*s", (int)(n < cap ? n : cap - 1), g->p);
    g->p += n;
    return 'w';
}

static int sig_alts(Sig *g, int *out, int cap);

/* seq -> (WORD | '[' alts ']')*, into a new alternative; returns its
 * index, leaving the token that ended it in *tok. */
static int sig_seq(Sig *g, char *tok) {
    if (g->nalts == SIG_ALTS) {
        g->bad = true;
        return 0;
    }
    int ai = g->nalts++;
    g->alts[ai].n = 0;
    char word[64];
    for (;;) {
        *tok = sig_token(g, word, sizeof word);
        if (*tok != 'w' && *tok != '[') return ai;
        if (g->nsyms == SIG_SYMS || g->alts[ai].n == SIG_SEQ) {
            g->bad = true;
            return ai;
        }
        int si = g->nsyms++;
        Sym *y = &g->syms[si];
        memset(y, 0, sizeof *y);
        g->alts[ai].sym[g->alts[ai].n++] = si;
        if (*tok == 'w') {
            size_t l = strlen(word);
            if (l > 3 && strcmp(word + l - 3, "...") == 0) {
                y->repeat = true;
                word[l - 3] = '\0';
            }
            /* a statement or a condition runs to the end of the line */
            if (strcmp(word, "STATEMENT") == 0 || strcmp(word, "CONDITION") == 0) y->repeat = true;
            snprintf(y->word, sizeof y->word, "%s", word);
        } else {
            int galt[SIG_GROUP];
            int n = sig_alts(g, galt, SIG_GROUP);
            if (g->bad) return ai;
            memcpy(y->galt, galt, sizeof galt);
            y->ngalt = n;
        }
    }
}

/* alts -> seq ('|' seq)*, up to ']' or the end. */
static int sig_alts(Sig *g, int *out, int cap) {
    int n = 0;
    char tok;
    do {
        int ai = sig_seq(g, &tok);
        if (g->bad) return n;
        if (n == cap) {
            g->bad = true;
            return n;
        }
        out[n++] = ai;
    } while (tok == '|');
    return n;
}

static void sig_parse(const Builtin *b, Sig *g) {
    g->nsyms = g->nalts = 0;
    g->bad = false;
    g->p = b->sig ? b->sig : "";
    if (strchr(g->p, '(')) { /* written as a call: load_mnist(normalize=True) */
        g->bad = true;
        return;
    }
    g->ntop = sig_alts(g, g->top, SIG_GROUP);
}

/* The i-th choice of a slot ("on" of "on|off|full") into buf; false past
 * the last. */
static bool choice(const char *word, int i, char *buf, size_t cap) {
    const char *p = word;
    for (; i > 0; i--) {
        p = strchr(p, '|');
        if (!p) return false;
        p++;
    }
    size_t n = strcspn(p, "|");
    if (!n) return false;
    snprintf(buf, cap, "%.*s", (int)(n < cap ? n : cap - 1), p);
    return true;
}

static bool is_file_choice(const char *c) {
    return c[0] == '"' || strcmp(c, "FILE") == 0;
}

/* A word written as it is typed: on, next, 0, --png, batch=N (up to '=').
 * Anything with a capital before any '=' is a placeholder (NAME, eN). */
static bool is_literal(const char *c) {
    if (!(islower((unsigned char)c[0]) || isdigit((unsigned char)c[0]) || c[0] == '-'))
        return false;
    for (const char *p = c; *p && *p != '='; p++)
        if (isupper((unsigned char)*p)) return false;
    return true;
}

/* Does typed word w fit slot y? */
static bool slot_fits(const Sym *y, const char *w) {
    char c[40];
    for (int i = 0; choice(y->word, i, c, sizeof c); i++) {
        if (!is_literal(c)) return true; /* a placeholder or a file takes any word */
        size_t eq = strcspn(c, "=");
        if (c[eq] == '=' ? strncmp(w, c, eq + 1) == 0 : strcmp(w, c) == 0) return true;
    }
    return false;
}

typedef struct Frame {
    int alt, i; /* in alternative alt, at symbol i */
} Frame;

typedef struct Slots {
    const Sym *v[SIG_SLOTS];
    int n;
} Slots;

/* Walk the grammar from the frames on `stack` over the typed words
 * w[0..n); each way that uses them all adds the slot that would take the
 * next word to *out. */
static void sig_walk(const Sig *g, Frame *stack, int depth, const char *const *w, int n,
                     Slots *out) {
    if (depth == 0) return; /* the signature ends: nothing more is taken */
    Frame *f = &stack[depth - 1];
    const Alt *a = &g->alts[f->alt];
    if (f->i >= a->n) { /* this sequence is done: go on after its group */
        sig_walk(g, stack, depth - 1, w, n, out);
        return;
    }
    const Sym *y = &g->syms[a->sym[f->i]];
    if (y->word[0]) {
        if (n == 0) {
            for (int k = 0; k < out->n; k++)
                if (out->v[k] == y) return;
            if (out->n < SIG_SLOTS) out->v[out->n++] = y;
            return;
        }
        if (!slot_fits(y, w[0])) return;
        if (y->repeat) sig_walk(g, stack, depth, w + 1, n - 1, out);
        f->i++;
        sig_walk(g, stack, depth, w + 1, n - 1, out);
        f->i--;
        return;
    }
    /* an optional group: leave it out, or take one of its alternatives */
    f->i++;
    sig_walk(g, stack, depth, w, n, out);
    if (depth < SIG_DEPTH)
        for (int k = 0; k < y->ngalt; k++) {
            stack[depth] = (Frame){y->galt[k], 0};
            sig_walk(g, stack, depth + 1, w, n, out);
        }
    f->i--;
}

/* The lessons' numbers (1, 2 ...) and the exercises' (e1, e2 ...), as
 * `lesson` takes them. */
static void lesson_ids(const char *word, bool exercises, List *l) {
    char buf[4096], sub[4200];
    const char *dir = lessonfile_dir(buf, sizeof buf);
    if (!dir) return;
    if (exercises) dir = lessonfile_subdir(dir, "en", true, sub, sizeof sub);
    LessonInfo *v = NULL;
    Err e;
    err_clear(&e);
    int n = lessonfile_scan(dir, &v, &e);
    for (int i = 0; i < n; i++) {
        char id[24];
        snprintf(id, sizeof id, "%s%d", exercises ? "e" : "", v[i].number);
        offer(l, word, id);
    }
    if (n > 0) lessonfile_infos_free(v, n);
}

/* What slot y offers for `word`. */
static void slot_offer(Interp *in, const Builtin *b, const Sym *y, const char *word, List *l,
                       bool *is_path) {
    bool lesson = strcmp(b->name, "lesson") == 0;
    char c[40];
    for (int i = 0; choice(y->word, i, c, sizeof c); i++) {
        if (is_file_choice(c)) {
            *is_path = true;
            paths(word, '"', '"', strstr(c, "DIR") != NULL, l);
        } else if (is_literal(c)) {
            c[strcspn(c, "=") + (strchr(c, '=') ? 1 : 0)] = '\0';
            offer(l, word, c);
        } else if (lesson && (strcmp(c, "N") == 0 || strcmp(c, "eN") == 0)) {
            lesson_ids(word, c[0] == 'e', l);
        } else if (strcmp(c, "N") != 0 && strcmp(c, "LO") != 0 && strcmp(c, "HI") != 0 &&
                   strcmp(c, "LAYER") != 0) {
            names(in, word, l);
        }
    }
}

/* Candidates for the word `word` after the arguments typed[0..ntyped) of
 * command b. Sets *is_path when they are paths. */
static void command_args(Interp *in, const Builtin *b, const char *const *typed, int ntyped,
                         const char *word, List *l, bool *is_path) {
    if (strcmp(b->name, "help") == 0) { /* help NAME..., topics included */
        help_words(in, word, l);
        return;
    }
    Sig g;
    sig_parse(b, &g);
    Slots slots = {.n = 0};
    if (!g.bad) {
        for (int k = 0; k < g.ntop; k++) {
            Frame stack[SIG_DEPTH];
            const Alt *a = &g.alts[g.top[k]];
            /* an alternative may start with the command's name again
             * (net | net act LAYER ACTIVATION) */
            int first = a->n && strcmp(g.syms[a->sym[0]].word, b->name) == 0;
            stack[0] = (Frame){g.top[k], first};
            sig_walk(&g, stack, 1, typed, ntyped, &slots);
        }
    }
    for (int k = 0; k < slots.n; k++)
        slot_offer(in, b, slots.v[k], word, l, is_path);
    if (strcmp(b->name, "lesson") == 0 && ntyped == 0) offer(l, word, "list");
    if (g.bad) names(in, word, l); /* a signature too odd to read: names */
}

/* --- the line ---------------------------------------------------------------- */

static bool ident_start(char c) {
    return isalpha((unsigned char)c) || c == '_';
}
static bool ident_char(char c) {
    return isalnum((unsigned char)c) || c == '_';
}

/* The command a statement starts with (`trace on`, `load "f"`), when the
 * statement at line[stmt..] is one and the cursor is past its name and a
 * blank; else NULL. *args is set to the end of the name. */
static const Builtin *statement_command(Interp *in, const char *line, int stmt, int cursor,
                                        int *args) {
    int p = stmt;
    while (line[p] == ' ' || line[p] == '\t')
        p++;
    if (!ident_start(line[p])) return NULL;
    int name = p;
    while (ident_char(line[p]))
        p++;
    if (p >= cursor || (line[p] != ' ' && line[p] != '\t')) return NULL;
    int q = p;
    while (line[q] == ' ' || line[q] == '\t')
        q++;
    if (line[q] == '=' && line[q + 1] != '=') return NULL; /* `help = 3` assigns */
    char w[64];
    if (p - name >= (int)sizeof w) return NULL;
    memcpy(w, line + name, (size_t)(p - name));
    w[p - name] = '\0';
    const Builtin *b = reg_find(interp_registry(in), w);
    if (!b || !b->cmd) return NULL;
    *args = p;
    return b;
}

void complete_line(Interp *in, const char *line, int cursor, CompleteList *out) {
    List l = {0};
    int len = (int)strlen(line);
    if (cursor < 0) cursor = 0;
    if (cursor > len) cursor = len;
    /* where a string is open, where the statement starts, and comments */
    char quote = 0;
    int qpos = -1, stmt = 0;
    for (int i = 0; i < cursor; i++) {
        char c = line[i];
        if (quote) {
            if (c == '\\' && i + 1 < cursor)
                i++;
            else if (c == quote)
                quote = 0;
        } else if (c == '#') {
            finish(&l, cursor, false, out); /* nothing to offer in a comment */
            return;
        } else if (c == '"' || c == '\'') {
            quote = c;
            qpos = i;
        } else if (c == ';') {
            stmt = i + 1;
        }
    }
    int args = 0;
    const Builtin *cmd = statement_command(in, line, stmt, cursor, &args);
    char *word = NULL;
    if (quote) {
        /* a file name inside the string; `data` takes folders only */
        int start = qpos + 1;
        word = strndup(line + start, (size_t)(cursor - start));
        if (word) {
            bool dirs = cmd && cmd->sig && strstr(cmd->sig, "\"DIR\"");
            paths(word, '\0', line[cursor] == quote ? '\0' : quote, dirs, &l);
        }
        free(word);
        finish(&l, start, true, out);
        return;
    }
    if (cmd) {
        /* the words typed after the command, the last one being completed */
        int start = cursor;
        while (start > args && line[start - 1] != ' ' && line[start - 1] != '\t')
            start--;
        /* the arguments before it, as words (at most 16 of 64 bytes) */
        char words[16][64];
        const char *typed[16];
        int ntyped = 0;
        for (int p = args; p < start;) {
            p += (int)strspn(line + p, " \t");
            if (p >= start) break;
            int n = (int)strcspn(line + p, " \t");
            if (n > start - p) n = start - p;
            if (ntyped < 16) {
                snprintf(words[ntyped], sizeof words[0], "%.*s", n, line + p);
                typed[ntyped] = words[ntyped];
                ntyped++;
            }
            p += n;
        }
        word = strndup(line + start, (size_t)(cursor - start));
        bool is_path = false;
        if (word) command_args(in, cmd, typed, ntyped, word, &l, &is_path);
        free(word);
        finish(&l, start, is_path, out);
        return;
    }
    /* an expression: the name (dots included) that ends at the cursor */
    int start = cursor;
    while (start > 0 && (ident_char(line[start - 1]) || line[start - 1] == '.'))
        start--;
    word = strndup(line + start, (size_t)(cursor - start));
    if (word) names(in, word, &l);
    free(word);
    finish(&l, start, false, out);
}
