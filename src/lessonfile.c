/* lessonfile.c - lesson scripts as text (see lessonfile.h): the reader
 * that splits a lesson into items, and the search for lesson files. */
#include "lessonfile.h"

#include "fileio.h"

#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse.h"
#include "sbuf.h"

#define PATH_CAP 1024

/* ------------------------------------------------------------------------ */
/* parsing lesson scripts                                                    */

static char *dupn(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static const char *skip_ws(const char *s) {
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Does narrative `body` start with the direction word (then ':' or the
 * end)? Sets *rest to the text after it. */
static bool direction(const char *body, const char *word, const char **rest) {
    size_t n = strlen(word);
    if (strncmp(body, word, n) != 0) return false;
    const char *p = body + n;
    if (*p == ':')
        p++;
    else if (*skip_ws(p) != '\0')
        return false;
    *rest = skip_ws(p);
    return true;
}

/* Is the code a `check` statement? */
static bool is_check_line(const char *code) {
    const char *p = skip_ws(code);
    if (strncmp(p, "check", 5) != 0) return false;
    char c = p[5];
    return c == '\0' || c == ' ' || c == '\t' || c == '(';
}

const char *lessonfile_condition(const char *check_text) {
    const char *p = skip_ws(check_text);
    if (is_check_line(p)) p = skip_ws(p + 5);
    return p;
}

/* Remove a trailing "# solution" comment (outside strings) from code; true
 * when there was one. */
static bool strip_solution(char *code) {
    char q = 0;
    for (char *p = code; *p; p++) {
        if (q) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == q)
                q = 0;
            continue;
        }
        if (*p == '\'' || *p == '"') {
            q = *p;
        } else if (*p == '#') {
            const char *c = skip_ws(p + 1);
            size_t n = strlen("solution");
            if (strncmp(c, "solution", n) == 0 && *skip_ws(c + n) == '\0') {
                while (p > code && (p[-1] == ' ' || p[-1] == '\t'))
                    p--;
                *p = '\0';
                return true;
            }
            while (*p && *p != '\n')
                p++;
            if (!*p) break;
        } else if (*p == '\n') {
            q = 0;
        }
    }
    return false;
}

static bool push_item(LessonScript *s, int *cap, LessonKind k, int line, char *text, Err *e) {
    if (!text) return err_set(e, ERR_MEMORY, "out of memory reading a lesson") != NULL;
    if (s->nitems == *cap) {
        int nc = *cap ? *cap * 2 : 32;
        LessonItem *v = realloc(s->items, (size_t)nc * sizeof *v);
        if (!v) {
            free(text);
            return err_set(e, ERR_MEMORY, "out of memory reading a lesson") != NULL;
        }
        s->items = v;
        *cap = nc;
    }
    s->items[s->nitems++] = (LessonItem){k, line, text};
    if (k == LK_EXERCISE) s->nexercises++;
    return true;
}

/* Does `code` end inside brackets (so the next line continues it)? */
static bool incomplete(const char *code) {
    Node **v = NULL;
    Err e;
    int n = parse_program(code, 1, &v, &e);
    for (int i = 0; i < n; i++)
        node_free(v[i]);
    free(v);
    return n < 0 && e.kind == ERR_INCOMPLETE;
}

/* Does the code line open a block (its last character before any comment
 * is ':')? A rough test: a ':' inside a string at the end would count too,
 * which only makes the next indented lines join it, as they should. */
static bool ends_with_colon(const char *line) {
    const char *hash = strchr(line, '#');
    size_t n = hash ? (size_t)(hash - line) : strlen(line);
    while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
    return n && line[n - 1] == ':';
}

/* Is the line at `p` part of the block above it: indented and not blank,
 * or an `else`/`elif` at the block's own level? */
static bool continues_block(const char *p) {
    if (*p == ' ' || *p == '\t') {
        const char *t = skip_ws(p);
        return *t && *t != '\n' && *t != '\r';
    }
    return strncmp(p, "else", 4) == 0 || strncmp(p, "elif ", 5) == 0;
}

LessonScript *lessonfile_parse(const char *text, Err *e) {
    LessonScript *s = calloc(1, sizeof *s);
    if (!s) return err_set(e, ERR_MEMORY, "out of memory reading a lesson");
    int cap = 0, lineno = 0;
    const char *p = text ? text : "";
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *next = nl ? nl + 1 : p + len;
        lineno++;
        while (len && p[len - 1] == '\r')
            len--;
        char *line = dupn(p, len);
        if (!line) goto oom;
        const char *t = skip_ws(line);
        bool ok = true;
        if (*t == '\0') {
            ok = push_item(s, &cap, LK_BLANK, lineno, strdup(""), e);
        } else if (*t == '#') {
            if (t[1] == ' ' || t[1] == '\0') {
                const char *body = t[1] ? t + 2 : t + 1, *rest;
                if (!s->title) {
                    if (!(s->title = strdup(skip_ws(body)))) goto oom_line;
                } else if (direction(body, "pause", &rest)) {
                    ok = push_item(s, &cap, LK_PAUSE, lineno, strdup(rest), e);
                } else if (direction(body, "exercise", &rest)) {
                    ok = push_item(s, &cap, LK_EXERCISE, lineno, strdup(rest), e);
                } else if (direction(body, "try", &rest) && *rest) {
                    ok = push_item(s, &cap, LK_TRY, lineno, strdup(rest), e);
                } else if (direction(body, "needs", &rest) && strcmp(rest, "mnist") == 0) {
                    s->needs_mnist = true;
                } else if (direction(body, "wrong", &rest) && *rest) {
                    ok = push_item(s, &cap, LK_WRONG, lineno, strdup(rest), e);
                } else if (direction(body, "hint", &rest)) {
                    ok = push_item(s, &cap, LK_HINT, lineno, strdup(rest), e);
                } else {
                    ok = push_item(s, &cap, LK_TEXT, lineno, strdup(body), e);
                }
            }
            /* '#' followed by anything else: a comment for the author */
        } else {
            /* code: gather lines while brackets stay open */
            SBuf code = {0};
            int first = lineno;
            sbuf_puts(&code, line);
            bool header = ends_with_colon(line);
            while (*next && !code.oom &&
                   (incomplete(code.p) || (header && continues_block(next)))) {
                const char *nl2 = strchr(next, '\n');
                size_t l2 = nl2 ? (size_t)(nl2 - next) : strlen(next);
                size_t l2t = l2;
                while (l2t && next[l2t - 1] == '\r')
                    l2t--;
                sbuf_puts(&code, "\n");
                sbuf_put(&code, next, l2t);
                lineno++;
                next = nl2 ? nl2 + 1 : next + l2;
            }
            char *src = sbuf_done(&code);
            if (!src) {
                free(line);
                goto oom;
            }
            LessonKind k = LK_CODE;
            if (is_check_line(src))
                k = LK_CHECK;
            else if (strip_solution(src))
                k = LK_SOLUTION;
            ok = push_item(s, &cap, k, first, src, e);
        }
        free(line);
        if (!ok) goto fail;
        p = next;
        continue;
    oom_line:
        free(line);
        goto oom;
    }
    if (!s->title && !(s->title = strdup(""))) goto oom;
    return s;
oom:
    err_set(e, ERR_MEMORY, "out of memory reading a lesson");
fail:
    lessonfile_free(s);
    return NULL;
}

void lessonfile_free(LessonScript *s) {
    if (!s) return;
    for (int i = 0; i < s->nitems; i++)
        free(s->items[i].text);
    free(s->items);
    free(s->title);
    free(s);
}

/* ------------------------------------------------------------------------ */
/* finding lessons                                                           */

static bool is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *lessonfile_dir(char *buf, size_t cap) {
    const char *env = getenv("NNSH_LESSONS");
    if (env && *env) {
        snprintf(buf, cap, "%s", env);
        if (is_dir(env)) return buf;
        snprintf(buf, cap, "$NNSH_LESSONS (%s)", env);
        return NULL;
    }
    if (is_dir("lessons")) {
        snprintf(buf, cap, "lessons");
        return buf;
    }
    /* Beside the binary, found from its real file (/proc/self/exe has the
     * symbolic links resolved), so a relocated or DESTDIR-staged install
     * finds the lessons that came with it: BIN/lessons in a build tree,
     * BIN/../share/nnsh/lessons after `make install`. */
    char exe[PATH_CAP];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash = n > 0 ? memchr(exe, '/', (size_t)n) : NULL;
    if (!slash) {
        snprintf(buf, cap, "./lessons, lessons/ beside nnsh and $NNSH_LESSONS (not set)");
        return NULL;
    }
    exe[n] = '\0';
    *strrchr(exe, '/') = '\0'; /* exe is now the binary's directory */
    char here[PATH_CAP + 16], shared[PATH_CAP + 32];
    snprintf(here, sizeof here, "%s/lessons", exe);
    char *up = strrchr(exe, '/'); /* the directory above: /usr of /usr/bin */
    snprintf(shared, sizeof shared, "%.*s/share/nnsh/lessons", up ? (int)(up - exe) : 0, exe);
    if (is_dir(here)) return snprintf(buf, cap, "%s", here), buf;
    if (is_dir(shared)) return snprintf(buf, cap, "%s", shared), buf;
    snprintf(buf, cap, "./lessons, %s, %s and $NNSH_LESSONS (not set)", here, shared);
    return NULL;
}

/* The title of a lesson file: its first narrative line. */
static char *file_title(const char *path) {
    FILE *f = fio_fopen_read(path, NULL); /* a FIFO is refused, never waited on */
    char line[512];
    char *t = NULL;
    if (!f) return strdup("");
    while (!t && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        const char *s = skip_ws(line);
        if (s[0] == '#' && s[1] == ' ') t = strdup(skip_ws(s + 2));
    }
    fclose(f);
    return t ? t : strdup("");
}

static int by_number(const void *a, const void *b) {
    const LessonInfo *x = a, *y = b;
    if (x->number != y->number) return x->number < y->number ? -1 : 1;
    return strcmp(x->path, y->path);
}

int lessonfile_scan(const char *dir, LessonInfo **out, Err *e) {
    *out = NULL;
    DIR *d = opendir(dir);
    if (!d) {
        err_set(e, ERR_IO, "cannot read the lessons directory %s", dir);
        return -1;
    }
    LessonInfo *v = NULL;
    int n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *name = de->d_name;
        size_t len = strlen(name);
        if (!isdigit((unsigned char)name[0]) || len < 5 || strcmp(name + len - 4, ".nns") != 0)
            continue;
        if (n == cap) {
            int nc = cap ? cap * 2 : 16;
            LessonInfo *nv = realloc(v, (size_t)nc * sizeof *nv);
            if (!nv) goto oom;
            v = nv;
            cap = nc;
        }
        LessonInfo *li = &v[n];
        li->number = atoi(name);
        li->path = malloc(strlen(dir) + len + 2);
        if (!li->path) goto oom;
        sprintf(li->path, "%s/%s", dir, name);
        li->title = file_title(li->path);
        if (!li->title) {
            free(li->path);
            goto oom;
        }
        n++;
    }
    closedir(d);
    if (n) qsort(v, (size_t)n, sizeof *v, by_number);
    *out = v;
    return n;
oom:
    closedir(d);
    lessonfile_infos_free(v, n);
    err_set(e, ERR_MEMORY, "out of memory listing lessons");
    return -1;
}

void lessonfile_infos_free(LessonInfo *v, int n) {
    for (int i = 0; i < n; i++) {
        free(v[i].title);
        free(v[i].path);
    }
    free(v);
}

LessonScript *lessonfile_read(const char *path, Err *e) {
    FILE *f = fio_fopen_read(path, NULL);
    if (!f) return err_set(e, ERR_IO, "cannot open the lesson %s", path);
    SBuf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < (4u << 20))
        sbuf_put(&b, chunk, n);
    fclose(f);
    char *text = sbuf_done(&b);
    if (!text) return err_set(e, ERR_MEMORY, "out of memory reading a lesson");
    LessonScript *s = lessonfile_parse(text, e);
    free(text);
    return s;
}

const char *lessonfile_subdir(const char *dir, const char *lang, bool exercise, char *buf,
                              size_t cap) {
    bool en = !lang || !*lang || strcmp(lang, "en") == 0;
    snprintf(buf, cap, "%s%s%s%s", dir, en ? "" : "/", en ? "" : lang,
             exercise ? "/exercises" : "");
    return buf;
}

/* The file numbered `number` in `dir`, into buf. */
static bool find_in(const char *dir, int number, char *buf, size_t cap) {
    LessonInfo *v;
    Err e;
    err_clear(&e);
    int n = lessonfile_scan(dir, &v, &e);
    bool found = false;
    /* two files with one number: the last in name order, as listed */
    for (int i = n - 1; i >= 0 && !found; i--)
        if (v[i].number == number) {
            snprintf(buf, cap, "%s", v[i].path);
            found = true;
        }
    lessonfile_infos_free(v, n > 0 ? n : 0);
    return found;
}

bool lessonfile_find(const char *dir, const char *lang, bool exercise, int number, char *buf,
                     size_t cap) {
    char sub[PATH_CAP];
    if (lang && *lang && strcmp(lang, "en") != 0 &&
        find_in(lessonfile_subdir(dir, lang, exercise, sub, sizeof sub), number, buf, cap))
        return true;
    return find_in(lessonfile_subdir(dir, "en", exercise, sub, sizeof sub), number, buf, cap);
}

bool lessonfile_looks_like(const char *path) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (!isdigit((unsigned char)base[0]) || n < 5 || strcmp(base + n - 4, ".nns") != 0)
        return false;
    const char *p = base;
    while (isdigit((unsigned char)*p))
        p++;
    if (*p != '-') return false;
    FILE *f = fio_fopen_read(path, NULL);
    if (!f) return false;
    char line[16] = "";
    bool titled = fgets(line, sizeof line, f) && line[0] == '#' && line[1] == ' ';
    fclose(f);
    return titled;
}

bool lessonfile_id_ok(const char *id) {
    const char *p = id;
    if (*p == 'e' || *p == 'E') p++;
    if (!isdigit((unsigned char)*p)) return false;
    while (isdigit((unsigned char)*p))
        p++;
    return *p == '\0' && p - id <= 5;
}
