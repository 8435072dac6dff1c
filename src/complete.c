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

/* The words of a command's help signature after its name: `trace on|off|full`
 * gives on, off, full; brackets and bars only separate. */
#define SIG_MAX 24
typedef struct SigWords {
    char w[SIG_MAX][32];
    int n;
} SigWords;

static void sig_words(const Builtin *b, SigWords *s) {
    s->n = 0;
    const char *p = b->sig ? b->sig : "";
    while (*p && s->n < SIG_MAX) {
        p += strspn(p, " |[]");
        size_t n = strcspn(p, " |[]");
        if (!n) break;
        if (n < sizeof s->w[0] && !(n == strlen(b->name) && strncmp(p, b->name, n) == 0)) {
            memcpy(s->w[s->n], p, n);
            s->w[s->n++][n] = '\0';
        }
        p += n;
    }
}

/* A signature word that names a file ("file", "file.npy", FILE) or a
 * folder ("DIR")? */
static bool file_slot(const char *w) {
    return w[0] == '"' || strcmp(w, "FILE") == 0;
}

/* A keyword to offer as it is written: on, next, --png, batch= (the part up
 * to '='); not a placeholder (NAME, N), a number, or a file slot. */
static bool keyword(const char *w, char *kw, size_t cap) {
    if (!(islower((unsigned char)w[0]) || (w[0] == '-' && w[1] == '-'))) return false;
    size_t n = strcspn(w, "=");
    if (w[n] == '=') n++;
    if (n >= cap) return false;
    memcpy(kw, w, n);
    kw[n] = '\0';
    return true;
}

/* The lessons' numbers and the words `lesson` takes besides its signature's
 * (list). */
static void lesson_words(const char *word, List *l) {
    offer(l, word, "list");
    char buf[4096];
    const char *dir = lessonfile_dir(buf, sizeof buf);
    if (!dir) return;
    LessonInfo *v = NULL;
    Err e;
    err_clear(&e);
    int n = lessonfile_scan(dir, &v, &e);
    for (int i = 0; i < n; i++) {
        char num[24];
        snprintf(num, sizeof num, "%d", v[i].number);
        offer(l, word, num);
    }
    if (n > 0) lessonfile_infos_free(v, n);
}

/* Candidates for argument `argi` of command b, the word `word` (after the
 * argument `prev`, NULL for the first). Sets *is_path when they are paths. */
static void command_args(Interp *in, const Builtin *b, int argi, const char *prev, const char *word,
                         List *l, bool *is_path) {
    if (strcmp(b->name, "help") == 0) {
        help_words(in, word, l);
        return;
    }
    SigWords s;
    sig_words(b, &s);
    /* a file slot: after its option (--png FILE), or at its place (load "file") */
    const char *slot = NULL;
    for (int i = 0; prev && i + 1 < s.n; i++)
        if (strcmp(s.w[i], prev) == 0 && file_slot(s.w[i + 1])) slot = s.w[i + 1];
    if (!slot && argi < s.n && file_slot(s.w[argi])) slot = s.w[argi];
    if (slot) {
        *is_path = true;
        paths(word, '"', '"', strstr(slot, "DIR") != NULL, l);
        return;
    }
    bool any_name = false;
    for (int i = 0; i < s.n; i++) {
        char kw[32];
        if (keyword(s.w[i], kw, sizeof kw))
            offer(l, word, kw);
        else if (isupper((unsigned char)s.w[i][0]) && strcmp(s.w[i], "N") != 0 &&
                 !file_slot(s.w[i]))
            any_name = true;
    }
    if (strcmp(b->name, "lesson") == 0) lesson_words(word, l);
    if (any_name) names(in, word, l);
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
        int argi = 0;
        char prev[64] = "";
        for (int p = args; p < start;) {
            p += (int)strspn(line + p, " \t");
            if (p >= start) break;
            int n = (int)strcspn(line + p, " \t");
            if (n > start - p) n = start - p;
            snprintf(prev, sizeof prev, "%.*s", n, line + p);
            argi++;
            p += n;
        }
        word = strndup(line + start, (size_t)(cursor - start));
        bool is_path = false;
        if (word) command_args(in, cmd, argi, argi ? prev : NULL, word, &l, &is_path);
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
