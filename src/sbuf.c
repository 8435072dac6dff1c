/* sbuf.c - building text (see sbuf.h). */
#include "sbuf.h"

#include <ctype.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Make room for `extra` more bytes and the NUL. */
static bool grow(SBuf *b, size_t extra) {
    if (b->oom) return false;
    if (b->len + extra + 1 <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void sbuf_put(SBuf *b, const char *s, size_t n) {
    if (!grow(b, n)) return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void sbuf_puts(SBuf *b, const char *s) {
    sbuf_put(b, s, strlen(s));
}

void sbuf_printf(SBuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(NULL, 0, fmt, ap); /* measure, then write */
    va_end(ap);
    if (w < 0 || !grow(b, (size_t)w)) return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)w + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)w;
}

void sbuf_putc(SBuf *b, char c) {
    sbuf_put(b, &c, 1);
}

void sbuf_spaces(SBuf *b, int k) {
    if (k <= 0 || !grow(b, (size_t)k)) return;
    memset(b->p + b->len, ' ', (size_t)k);
    b->len += (size_t)k;
    b->p[b->len] = '\0';
}

int sbuf_col(const SBuf *b) {
    size_t k = b->len;
    while (k > 0 && b->p[k - 1] != '\n')
        k--;
    return (int)(b->len - k);
}

void sbuf_rstrip(SBuf *b) {
    if (b->oom || !b->p) return;
    while (b->len > 0 && b->p[b->len - 1] == ' ')
        b->len--;
    b->p[b->len] = '\0';
}

void sbuf_reset(SBuf *b) {
    b->len = 0;
    if (b->p) b->p[0] = '\0';
}

char *sbuf_done(SBuf *b) {
    if (!b->oom && !b->p) sbuf_put(b, "", 0);
    char *p = b->oom ? NULL : b->p;
    if (b->oom) free(b->p);
    memset(b, 0, sizeof *b);
    return p;
}

void sbuf_free(SBuf *b) {
    free(b->p);
    memset(b, 0, sizeof *b);
}

void str_addf(char *buf, size_t n, size_t *k, const char *fmt, ...) {
    if (*k >= n) return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *k, n - *k, fmt, ap);
    va_end(ap);
    if (w > 0) *k += (size_t)w;
    if (*k >= n) *k = n - 1;
}

void str_fmt(char *buf, size_t n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, n, fmt, ap);
    va_end(ap);
}

int str_display_width(const char *s) {
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == 0x1b) { /* ESC [ ... letter */
            while (p[1] && !isalpha(p[1]))
                p++;
            if (p[1]) p++;
            continue;
        }
        if ((*p & 0xC0) != 0x80) w++;
    }
    return w;
}

void sbuf_pad(SBuf *b, const char *s, int w, bool centre) {
    int dw = str_display_width(s), gap = w - dw;
    if (gap < 0) gap = 0;
    int left = centre ? gap / 2 : 0;
    sbuf_printf(b, "%*s%s%*s", left, "", s, gap - left, "");
}
