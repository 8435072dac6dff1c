/* sbuf.h - building text: a growing buffer for tables, pictures and dumps
 * that are assembled whole and written once, and two helpers for fixed-size
 * buffers.
 *
 * An SBuf starts zeroed (`SBuf b = {0};`). When memory runs out it sets oom,
 * ignores further writes, and sbuf_done() returns NULL, so callers check
 * once at the end instead of after every write.
 */
#ifndef NNSH_SBUF_H
#define NNSH_SBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct SBuf {
    char *p;    /* NUL-terminated once anything was written; owned */
    size_t len; /* bytes written, not counting the NUL */
    size_t cap;
    bool oom;
} SBuf;

/* sbuf_put: append n bytes of s. */
void sbuf_put(SBuf *b, const char *s, size_t n);
/* sbuf_puts: append the string s. */
void sbuf_puts(SBuf *b, const char *s);
/* sbuf_printf: append printf-style text of any length. */
void sbuf_printf(SBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* sbuf_putc: append one character. */
void sbuf_putc(SBuf *b, char c);
/* sbuf_spaces: append k spaces (none when k <= 0). */
void sbuf_spaces(SBuf *b, int k);

/* For text laid out in lines (fmt.c wraps array elements):
 * sbuf_col: the number of bytes after the last newline, i.e. the column
 * the next character lands in (0 for an empty buffer).
 * sbuf_rstrip: drop the blanks that end the current line (never a newline
 * or what comes before it).
 * sbuf_reset: empty b for reuse, keeping its memory (an out-of-memory mark
 * stays). */
int sbuf_col(const SBuf *b);
void sbuf_rstrip(SBuf *b);
void sbuf_reset(SBuf *b);
/* sbuf_done: the text, which the caller now owns and frees ("" when nothing
 * was written), or NULL after an allocation failure. b is left empty. */
char *sbuf_done(SBuf *b);
/* sbuf_free: drop the text (for error paths). */
void sbuf_free(SBuf *b);

/* str_addf: printf into buf (size n) at offset *k, advancing *k; text that
 * does not fit is cut, never overflowing. */
void str_addf(char *buf, size_t n, size_t *k, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* str_fmt: snprintf that cuts long text without the compiler's truncation
 * warnings (for messages with names of any length in fixed buffers). */
void str_fmt(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* str_display_width: the columns s takes on a terminal (UTF-8 aware): two
 * for a wide character (CJK, Hangul, full-width forms, most emoji), none
 * for a combining mark or an ANSI colour sequence, one for the rest.
 * str_display_width_n: the same for the first n bytes of s. */
int str_display_width(const char *s);
int str_display_width_n(const char *s, size_t n);

/* str_char_width: the columns of the UTF-8 character at s (0, 1 or 2);
 * its length in bytes (1 for a stray byte) goes to *len. */
int str_char_width(const char *s, int *len);

/* sbuf_pad: append s (which may hold UTF-8 and colour codes) padded to w
 * columns, centred or left-aligned. */
void sbuf_pad(SBuf *b, const char *s, int w, bool centre);

#endif
