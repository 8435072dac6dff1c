/* sess.h - a session for unit tests whose output is captured in memory.
 * Include after <cmocka.h>. Every helper fails the test on error. */
#ifndef NNSH_TEST_SESS_H
#define NNSH_TEST_SESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "init.h"
#include "interp.h"

typedef struct Sess {
    Interp *in;
    FILE *f;
    char *buf;
    size_t len;
    size_t mark; /* sess_text shows what came after it */
} Sess;

/* sess_open: a new session writing output and errors to one memory stream. */
static inline void sess_open(Sess *s) {
    s->buf = NULL;
    s->len = 0;
    s->mark = 0;
    s->f = open_memstream(&s->buf, &s->len);
    assert_non_null(s->f);
    s->in = nnsh_new(s->f, s->f);
    assert_non_null(s->in);
    interp_set_echo(s->in, true);
}

/* sess_text: what the session printed since the last sess_reset. */
static inline const char *sess_text(Sess *s) {
    fflush(s->f);
    return s->buf ? s->buf + s->mark : "";
}

/* sess_reset: forget what was printed so far (for sess_text). */
static inline void sess_reset(Sess *s) {
    fflush(s->f);
    s->mark = s->len;
}

/* sess_close: free the session and its output. */
static inline void sess_close(Sess *s) {
    interp_free(s->in);
    fclose(s->f);
    free(s->buf);
}

/* sess_run: run src, which must succeed. */
static inline void sess_run(Sess *s, const char *src) {
    assert_int_equal(interp_run(s->in, src, "<test>", 1), RUN_OK);
}

/* assert_has: fail unless `want` occurs in `text`. */
static inline void assert_has(const char *text, const char *want) {
    if (!strstr(text, want)) fail_msg("expected to find\n  %s\nin\n%s", want, text);
}

#endif
