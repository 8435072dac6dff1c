/* fuzz_parse.c - libFuzzer target for the lexer and the parser.
 *
 * The input is taken as source text (cut at its first NUL byte, as a C
 * string would be): it is lexed to the end, then parsed with
 * parse_program and every node freed. Built and run by `make fuzz`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *src = malloc(size + 1);
    if (!src) return 0;
    memcpy(src, data, size);
    src[size] = '\0';

    /* The lexer alone: every token until the end. T_ERROR moves past the
     * bad text, so the loop must end; the bound only guards against a
     * lexer that stops making progress (that would be a bug). */
    Lexer lx;
    Err e;
    lex_init(&lx, src);
    for (size_t i = 0; i <= size + 1; i++) {
        err_clear(&e);
        Token t = lex_next(&lx, &e);
        if (t.kind == T_EOF) break;
        if (i == size + 1) abort(); /* more tokens than bytes: no progress */
    }

    Node **v = NULL;
    int n = parse_program(src, 1, &v, &e);
    for (int i = 0; i < n; i++)
        node_free(v[i]);
    free(v);
    free(src);
    return 0;
}
