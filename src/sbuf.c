/* sbuf.c - building text (see sbuf.h). */
#include "sbuf.h"

#include <ctype.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdint.h>
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

/* Wide (two-column) and zero-width ranges of code points, after Unicode's
 * East Asian Width (W and F) and its combining marks; enough for the text
 * nnsh prints (Chinese lessons, braille plots are one column). */
static const uint32_t kWide[][2] = {
    {0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF01, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
};
static const uint32_t kZero[][2] = {
    {0x0300, 0x036F}, {0x200B, 0x200F}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
};

static bool in_ranges(uint32_t c, const uint32_t (*r)[2], size_t n) {
    for (size_t i = 0; i < n; i++)
        if (c >= r[i][0] && c <= r[i][1]) return true;
    return false;
}

int str_char_width(const char *s, int *len) {
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c = p[0];
    int n = c < 0x80             ? 1
            : (c & 0xE0) == 0xC0 ? 2
            : (c & 0xF0) == 0xE0 ? 3
            : (c & 0xF8) == 0xF0 ? 4
                                 : 1;
    if (n > 1) {
        c &= 0x3Fu >> (n - 1);
        for (int i = 1; i < n; i++) {
            if ((p[i] & 0xC0) != 0x80) { /* cut short: one stray byte */
                *len = 1;
                return 1;
            }
            c = (c << 6) | (p[i] & 0x3F);
        }
    }
    *len = n;
    if (in_ranges(c, kZero, sizeof kZero / sizeof kZero[0])) return 0;
    return in_ranges(c, kWide, sizeof kWide / sizeof kWide[0]) ? 2 : 1;
}

int str_display_width_n(const char *s, size_t n) {
    int w = 0;
    const char *end = s + n;
    while (s < end && *s) {
        if (*s == 0x1b) { /* ESC [ ... letter */
            while (s + 1 < end && s[1] && !isalpha((unsigned char)s[1]))
                s++;
            s += s + 1 < end && s[1] ? 2 : 1;
            continue;
        }
        int len;
        w += str_char_width(s, &len);
        s += len;
    }
    return w;
}

int str_display_width(const char *s) {
    return str_display_width_n(s, strlen(s));
}

void sbuf_pad(SBuf *b, const char *s, int w, bool centre) {
    int dw = str_display_width(s), gap = w - dw;
    if (gap < 0) gap = 0;
    int left = centre ? gap / 2 : 0;
    sbuf_printf(b, "%*s%s%*s", left, "", s, gap - left, "");
}
