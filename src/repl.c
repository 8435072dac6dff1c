/* repl.c - the read-eval-print loop (see repl.h). No terminal code here. */
#include "repl.h"

#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "lex.h"

/* Grow *buf to hold `need` bytes. */
static bool reserve(char **buf, size_t *cap, size_t need) {
    if (need <= *cap) return true;
    size_t n = *cap ? *cap : 256;
    while (n < need)
        n *= 2;
    char *b = realloc(*buf, n);
    if (!b) return false;
    *buf = b;
    *cap = n;
    return true;
}

int repl_run(Interp *in, LineSource *src, const ReplOpts *o, bool *quit) {
    int status = 0;
    int lineno = 0;     /* lines read so far */
    int chunk_line = 0; /* line number of the chunk's first line */
    char *chunk = NULL;
    size_t len = 0, cap = 0;
    ParseScan scan = {0}; /* what the lines of the chunk leave open */
    if (quit) *quit = false;
    for (;;) {
        const char *prompt = NULL;
        if (src->interactive) prompt = len ? o->prompt2 : o->prompt;
        char *line = src->get(src->ctx, prompt ? prompt : "");
        if (!line && !src->interactive && interp_interrupted) {
            status = REPL_INTERRUPTED; /* Ctrl-C while waiting for input */
            interp_interrupted = 0;
            break;
        }
        if (!line) {
            if (len) {
                /* the input ended: blocks end here; inside brackets, run it to
                 * get the error */
                interp_set_wait(in, false);
                RunStatus rs = interp_run(in, chunk, o->srcname, chunk_line);
                if (rs == RUN_INCOMPLETE) {
                    Err e;
                    err_clear(&e);
                    err_set(&e, ERR_SYNTAX, "input ended inside an open bracket or string");
                    fflush(interp_out(in));
                    err_print(interp_errf(in), &e, o->srcname, NULL, interp_color(in));
                    status = 1;
                } else if (rs == RUN_ERROR) {
                    status = 1;
                }
            }
            break;
        }
        if (interp_interrupted) {
            /* Ctrl-C at the prompt: forget the lines typed so far */
            interp_interrupted = 0;
            free(line);
            len = 0;
            if (chunk) chunk[0] = '\0';
            memset(&scan, 0, sizeof scan);
            continue;
        }
        lineno++;
        if (!len) chunk_line = lineno;
        size_t l = strlen(line);
        if (!reserve(&chunk, &cap, len + l + 2)) {
            free(line);
            status = 1;
            break;
        }
        if (len) chunk[len++] = '\n';
        memcpy(chunk + len, line, l + 1);
        len += l;
        /* parse only when the chunk can be complete: a bracket open over
         * many lines is scanned line by line, not parsed again each time */
        bool maybe_complete = parse_scan_line(&scan, line);
        /* a block goes on until a line indented no more than its header
         * (in a script) or an empty line (typed at the prompt) */
        bool blank = line[strspn(line, " \t")] == '\0';
        free(line);
        if (!maybe_complete) continue;

        interp_set_wait(in, !(src->interactive && blank));
        /* a script with --keep-going runs on after a failed statement, the
         * line that ended a block with it (the chunk holds both) */
        interp_set_run_on(in, o->keep_going && !src->interactive);
        RunStatus rs = interp_run(in, chunk, o->srcname, chunk_line);
        interp_set_run_on(in, false);
        bool stopped = interp_interrupted; /* Ctrl-C stopped a statement */
        interp_interrupted = 0;
        if (stopped && !src->interactive) { /* Ctrl-C ends a script */
            status = REPL_INTERRUPTED;
            break;
        }
        if (rs == RUN_INCOMPLETE) continue; /* read a continuation line */
        len = 0;
        chunk[0] = '\0';
        memset(&scan, 0, sizeof scan);
        if (rs == RUN_QUIT) {
            if (quit) *quit = true;
            break;
        }
        if (rs == RUN_ERROR) {
            status = 1;
            if (!o->keep_going && !src->interactive) break;
        }
    }
    free(chunk);
    fflush(interp_out(in));
    return status;
}

/* --- line sources ---------------------------------------------------------- */

/* One line of f: ends at "\n", "\r\n" or a lone "\r" (old Mac files); a NUL
 * byte becomes LEX_NUL_MARK so the lexer reports it where it is. */
static char *file_get(void *ctx, const char *prompt) {
    (void)prompt;
    ReplFileCtx *c = ctx;
    size_t n = 0;
    int ch;
    bool any = false;
    while ((ch = getc(c->f)) != EOF) {
        any = true;
        if (ch == '\n') break;
        if (ch == '\r') {
            int next = getc(c->f);
            if (next != '\n' && next != EOF) ungetc(next, c->f);
            break;
        }
        if (n + 2 > c->cap) {
            size_t nc = c->cap ? c->cap * 2 : 256;
            char *b = realloc(c->buf, nc);
            if (!b) return NULL;
            c->buf = b;
            c->cap = nc;
        }
        c->buf[n++] = ch ? (char)ch : (char)LEX_NUL_MARK;
    }
    if (!any) return NULL;
    char *s = malloc(n + 1);
    if (!s) return NULL;
    if (n) memcpy(s, c->buf, n);
    s[n] = '\0';
    return s;
}

LineSource repl_file_source(ReplFileCtx *storage, FILE *f) {
    storage->f = f;
    storage->buf = NULL;
    storage->cap = 0;
    LineSource s = {file_get, storage, false};
    return s;
}

void repl_free_file_source(ReplFileCtx *storage) {
    free(storage->buf);
    storage->buf = NULL;
    storage->cap = 0;
}

static char *string_get(void *ctx, const char *prompt) {
    (void)prompt;
    ReplStringCtx *c = ctx;
    if (!c->p) return NULL;
    size_t n = strcspn(c->p, "\r\n"); /* a line ends at \n, \r\n or a lone \r */
    const char *nl = c->p[n] ? c->p + n : NULL;
    if (!nl && n == 0) return NULL;
    char *s = malloc(n + 1);
    if (!s) return NULL;
    memcpy(s, c->p, n);
    s[n] = '\0';
    c->p = nl ? nl + (nl[0] == '\r' && nl[1] == '\n' ? 2 : 1) : NULL;
    return s;
}

LineSource repl_string_source(ReplStringCtx *storage, const char *text) {
    storage->p = text;
    LineSource s = {string_get, storage, false};
    return s;
}
