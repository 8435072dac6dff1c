/* progress.c - the learner's progress file (see progress.h). */
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "sbuf.h"

#define HEADER "# nnsh progress 1"

const char *progress_path(char *buf, size_t cap) {
    const char *env = getenv("NNSH_PROGRESS");
    if (env) {
        if (!*env) return NULL;
        snprintf(buf, cap, "%s", env);
        return buf;
    }
    const char *home = getenv("HOME");
    if (!home || !*home) return NULL;
    snprintf(buf, cap, "%s/.nnsh/progress", home);
    return buf;
}

ProgressEntry *progress_entry(Progress *p, bool exercise, int number) {
    for (int i = 0; i < p->n; i++)
        if (p->v[i].exercise == exercise && p->v[i].number == number) return &p->v[i];
    if (p->n == PROGRESS_MAX) return NULL;
    ProgressEntry *pe = &p->v[p->n++];
    memset(pe, 0, sizeof *pe);
    pe->exercise = exercise;
    pe->number = number;
    return pe;
}

const ProgressEntry *progress_find(const Progress *p, bool exercise, int number) {
    for (int i = 0; i < p->n; i++)
        if (p->v[i].exercise == exercise && p->v[i].number == number) return &p->v[i];
    return NULL;
}

int progress_count(const ProgressEntry *pe) {
    int n = 0;
    for (int k = 0; k < pe->total && k < 32; k++)
        if (pe->passed & (1u << k)) n++;
    return n;
}

/* A whole non-negative decimal number of at most 4 digits at *s; moves *s
 * past it. */
static bool number(const char **s, int *out) {
    const char *p = *s;
    int v = 0, k = 0;
    while (*p >= '0' && *p <= '9' && k < 4) {
        v = v * 10 + (*p++ - '0');
        k++;
    }
    if (!k || (*p >= '0' && *p <= '9')) return false;
    *out = v;
    *s = p;
    return true;
}

static bool word(const char **s, const char *w) {
    size_t n = strlen(w);
    if (strncmp(*s, w, n) != 0) return false;
    *s += n;
    return true;
}

/* One entry line (without its newline). */
static bool parse_line(const char *s, ProgressEntry *pe) {
    memset(pe, 0, sizeof *pe);
    if (word(&s, "lesson "))
        pe->exercise = false;
    else if (word(&s, "exercise "))
        pe->exercise = true;
    else
        return false;
    if (!number(&s, &pe->number) || !word(&s, " of=") || !number(&s, &pe->total) ||
        pe->total > 32 || !word(&s, " passed="))
        return false;
    if (*s == '-') {
        s++;
    } else {
        for (;;) {
            int k;
            if (!number(&s, &k) || k < 1 || k > pe->total) return false;
            pe->passed |= 1u << (k - 1);
            if (*s != ',') break;
            s++;
        }
    }
    if (word(&s, " ended")) pe->ended = true;
    return *s == '\0';
}

int progress_parse(const char *text, Progress *p) {
    p->n = 0;
    int line = 0;
    const char *s = text;
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        line++;
        char buf[256];
        if (len >= sizeof buf) return line;
        memcpy(buf, s, len);
        buf[len] = '\0';
        if (line == 1) {
            if (strcmp(buf, HEADER) != 0) return line;
        } else if (len) {
            ProgressEntry pe;
            if (!parse_line(buf, &pe)) return line;
            if (progress_find(p, pe.exercise, pe.number)) return line; /* twice */
            ProgressEntry *slot = progress_entry(p, pe.exercise, pe.number);
            if (!slot) return line;
            *slot = pe;
        }
        s = nl ? nl + 1 : s + len;
    }
    return line == 0 ? 1 : 0; /* an empty file lacks its header */
}

char *progress_format(const Progress *p) {
    SBuf b = {0};
    sbuf_puts(&b, HEADER "\n");
    for (int i = 0; i < p->n; i++) {
        const ProgressEntry *pe = &p->v[i];
        sbuf_printf(&b, "%s %d of=%d passed=", pe->exercise ? "exercise" : "lesson", pe->number,
                    pe->total);
        bool any = false;
        for (int k = 0; k < pe->total && k < 32; k++)
            if (pe->passed & (1u << k)) {
                sbuf_printf(&b, "%s%d", any ? "," : "", k + 1);
                any = true;
            }
        if (!any) sbuf_puts(&b, "-");
        sbuf_puts(&b, pe->ended ? " ended\n" : "\n");
    }
    return sbuf_done(&b);
}

void progress_load(const char *path, Progress *p, char *note, size_t cap) {
    p->n = 0;
    note[0] = '\0';
    if (access(path, F_OK) != 0) return; /* nothing recorded yet */
    Err e;
    err_clear(&e);
    FILE *f = fio_fopen_read(path, &e);
    if (!f) {
        snprintf(note, cap, "nnsh: cannot read your progress: %s", e.msg);
        return;
    }
    char buf[16384];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    bool big = !feof(f);
    fclose(f);
    buf[n] = '\0';
    int bad = big ? 1 : memchr(buf, '\0', n) ? 1 : progress_parse(buf, p);
    if (!bad) return;
    p->n = 0;
    char aside[1100];
    snprintf(aside, sizeof aside, "%s.damaged", path);
    if (rename(path, aside) == 0)
        snprintf(note, cap,
                 "nnsh: your progress file %s was damaged (line %d); it is set aside as %s and "
                 "progress starts afresh",
                 path, bad, aside);
    else
        snprintf(note, cap, "nnsh: your progress file %s is damaged (line %d); it is ignored", path,
                 bad);
}

/* Make the folder that will hold path (~/.nnsh) when missing; a failure
 * shows when the file is written. */
static void make_parent(const char *path) {
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) return;
    *slash = '\0';
    fio_make_dirs(dir);
}

bool progress_save(const char *path, const Progress *p, Err *e) {
    char *text = progress_format(p);
    if (!text) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    make_parent(path);
    int r = fio_write_file(path, text, strlen(text), e);
    free(text);
    return r == 0;
}
