/* colwidth.c - report lines wider than a terminal: a test tool for
 * tests/run.sh, which holds nnsh's transcripts to 80 columns.
 *
 * usage: colwidth MAX FILE...
 * Prints "FILE:LINE: WIDTH columns" for every line of the files whose
 * display width passes MAX; exits 1 when there was one, 2 when a file
 * cannot be read, else 0.
 *
 * Display width, as a terminal shows UTF-8 text: East Asian wide and
 * fullwidth characters (CJK, Hangul, fullwidth forms, most emoji) take two
 * columns, combining marks none, everything else one (braille, box drawing,
 * the middle dot). A byte that is not valid UTF-8 counts as one column.
 * (awk cannot be used: mawk counts bytes.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

typedef struct Range {
    unsigned lo, hi;
} Range;

/* East Asian Width W and F (Unicode 15), in blocks */
static const Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF01, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23B},
    {0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x1F260, 0x1F265}, {0x1F300, 0x1F320},
    {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
    {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
    {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E},
    {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
    {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
    {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
    {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945},
    {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

/* combining marks (general category Mn/Me in the common blocks) */
static const Range kZero[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x20D0, 0x20FF},
    {0x302A, 0x302D}, {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
};

static int in_ranges(unsigned c, const Range *r, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (c >= r[i].lo && c <= r[i].hi) return 1;
    return 0;
}

/* The columns of one line (no newline) of n bytes. */
static long line_width(const unsigned char *s, size_t n) {
    long w = 0;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        int len = c < 0x80             ? 1
                  : (c & 0xE0) == 0xC0 ? 2
                  : (c & 0xF0) == 0xE0 ? 3
                  : (c & 0xF8) == 0xF0 ? 4
                                       : 0;
        if (len == 0 || i + (size_t)len > n) { /* not UTF-8: one column */
            w++;
            i++;
            continue;
        }
        unsigned cp = len == 1 ? c : c & (0x7F >> len);
        int ok = 1;
        for (int k = 1; k < len; k++) {
            if ((s[i + (size_t)k] & 0xC0) != 0x80) ok = 0;
            cp = cp << 6 | (s[i + (size_t)k] & 0x3F);
        }
        if (!ok) {
            w++;
            i++;
            continue;
        }
        i += (size_t)len;
        if (in_ranges(cp, kZero, sizeof kZero / sizeof *kZero)) continue;
        w += in_ranges(cp, kWide, sizeof kWide / sizeof *kWide) ? 2 : 1;
    }
    return w;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: colwidth MAX FILE...\n");
        return 2;
    }
    long max = strtol(argv[1], NULL, 10);
    int status = 0;
    for (int a = 2; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        if (!f) {
            fprintf(stderr, "colwidth: cannot open %s\n", argv[a]);
            status = 2;
            continue;
        }
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        long no = 0;
        while ((n = getline(&line, &cap, f)) >= 0) {
            no++;
            while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                n--;
            long w = line_width((const unsigned char *)line, (size_t)n);
            if (w > max) {
                printf("%s:%ld: %ld columns\n", argv[a], no, w);
                if (status == 0) status = 1;
            }
        }
        free(line);
        fclose(f);
    }
    return status;
}
