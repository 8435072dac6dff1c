/* manpage.c - nnsh's manual (see manpage.h): the options as `--help`
 * prints them, and the roff page of `--man`, whose commands, functions and
 * help topics are read from the same records that `help` prints. */
#include "manpage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

/* ------------------------------------------------------------------------ */
/* --help: plain text                                                        */

/* Append the words of text from column col, wrapped before column `width`,
 * continuation lines indented to `indent`. */
static void wrap_words(SBuf *b, const char *text, int col, int indent, int width) {
    int start = col;
    for (const char *p = text; *p;) {
        while (*p == ' ')
            p++;
        int w = (int)strcspn(p, " ");
        if (w == 0) break;
        if (col > start && col + 1 + w > width) {
            sbuf_putc(b, '\n');
            sbuf_spaces(b, indent);
            col = start = indent;
        } else if (col > start) {
            sbuf_putc(b, ' ');
            col++;
        }
        sbuf_put(b, p, (size_t)w);
        col += w;
        p += w;
    }
    sbuf_putc(b, '\n');
}

void manpage_usage(FILE *out, const ManInfo *info) {
    SBuf b = {0};
    sbuf_puts(&b, "usage: nnsh [options] [FILE.nns]\n\n");
    wrap_words(&b, info->about, 0, 0, 72);
    sbuf_puts(&b, "\noptions:\n");
    for (const ManOption *o = info->options; o->flag; o++) {
        int col = sbuf_col(&b);
        sbuf_printf(&b, "  %s%s%s", o->flag, o->arg ? " " : "", o->arg ? o->arg : "");
        int used = sbuf_col(&b) - col;
        sbuf_spaces(&b, used < 15 ? 17 - used : 2);
        wrap_words(&b, o->text, used < 15 ? 17 : used + 2, 17, 78);
    }
    sbuf_puts(&b, "\nexit status: ");
    wrap_words(&b, info->exit_status, 13, 0, 72);
    char *s = sbuf_done(&b);
    if (s) fputs(s, out);
    free(s);
}

/* ------------------------------------------------------------------------ */
/* --man: roff                                                               */

void manpage_escape(SBuf *b, const char *text) {
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        bool bol = sbuf_col(b) == 0;
        if (bol && *p == '\n') { /* an empty line: vertical space, not a blank line */
            sbuf_puts(b, ".sp\n");
            p++;
            continue;
        }
        if (bol && (*p == '.' || *p == '\'')) sbuf_puts(b, "\\&");
        if (*p == '\\') {
            sbuf_puts(b, "\\(rs");
        } else if (*p == '-') {
            sbuf_puts(b, "\\-");
        } else if (*p == '\t') {
            sbuf_putc(b, ' ');
        } else if (*p >= 0x80) {
            /* one UTF-8 sequence to its code point; a stray byte is shown as
             * the replacement character */
            int n = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 1;
            unsigned cp = n == 1 ? 0xfffd : (unsigned)(*p & (0x7f >> n));
            int k = 1;
            for (; k < n && (p[k] & 0xc0) == 0x80; k++)
                cp = cp << 6 | (p[k] & 0x3f);
            if (k < n) cp = 0xfffd, n = k;
            sbuf_printf(b, "\\[u%04X]", cp);
            p += n;
            continue;
        } else {
            sbuf_putc(b, (char)*p);
        }
        p++;
    }
}

/* A roff request or text that is ours (no escaping needed), on its own line. */
static void req(SBuf *b, const char *s) {
    if (sbuf_col(b) != 0) sbuf_putc(b, '\n');
    sbuf_puts(b, s);
    sbuf_putc(b, '\n');
}

/* Escaped text, ending its line. */
static void text_line(SBuf *b, const char *s) {
    manpage_escape(b, s);
    if (sbuf_col(b) != 0) sbuf_putc(b, '\n');
}

/* A .TP entry whose tag is `tag` in bold (escaped) and whose body follows. */
static void tagged(SBuf *b, const char *tag) {
    req(b, ".TP");
    sbuf_puts(b, "\\fB");
    manpage_escape(b, tag);
    sbuf_puts(b, "\\fR\n");
}

/* A built-in is listed when it is the entry in force for its name, as
 * help's overview does (a later table may repeat a name). */
static bool in_force(const Registry *reg, const Builtin *bi) {
    return reg_find(reg, bi->name) == bi || reg_find_member(reg, bi->name) == bi;
}

static bool listed(const Registry *reg, const Builtin *bi, bool commands) {
    return (bi->cmd != NULL) == commands && in_force(reg, bi);
}

static void entry(SBuf *b, const Builtin *bi) {
    tagged(b, bi->sig ? bi->sig : bi->name);
    text_line(b, bi->summary ? bi->summary : "");
    if (bi->numpy) {
        req(b, ".br");
        sbuf_puts(b, "NumPy: ");
        text_line(b, bi->numpy);
    }
}

/* The commands (or the functions) by help's groups, in the order help
 * lists the groups: a subsection for each group that has any. */
static void by_group(SBuf *b, const Registry *reg, bool commands) {
    int n = reg_count(reg);
    for (int i = 0; i < n; i++) {
        const Builtin *bi = reg_at(reg, i);
        if (!listed(reg, bi, commands)) continue;
        bool seen = false;
        for (int j = 0; j < i && !seen; j++)
            seen = listed(reg, reg_at(reg, j), commands) &&
                   strcmp(reg_at(reg, j)->group, bi->group) == 0;
        if (seen) continue;
        req(b, ".SS");
        text_line(b, bi->group);
        for (int j = i; j < n; j++)
            if (listed(reg, reg_at(reg, j), commands) &&
                strcmp(reg_at(reg, j)->group, bi->group) == 0)
                entry(b, reg_at(reg, j));
    }
}

/* A help topic: its first line is the tag, the rest its body (help's
 * indentation dropped; the example on a line of its own). */
static void topic(SBuf *b, const char *names, const char *text) {
    size_t l = strcspn(text, "\n");
    char head[128];
    snprintf(head, sizeof head, "%.*s", (int)l, text);
    tagged(b, head);
    for (const char *p = text + l; *p;) {
        p += *p == '\n';
        while (*p == ' ')
            p++;
        size_t k = strcspn(p, "\n");
        if (k == 0) continue;
        if (strncmp(p, "example:", 8) == 0) req(b, ".br");
        char line[256];
        snprintf(line, sizeof line, "%.*s", (int)k, p);
        text_line(b, line);
        p += k;
    }
    req(b, ".br");
    sbuf_puts(b, "Asked for by:");
    for (const char *p = names; *p;) {
        size_t k = strcspn(p, " ");
        /* the word itself is escaped; the font changes around it are ours */
        sbuf_puts(b, p == names ? " \\fBhelp " : ", \\fBhelp ");
        char w[48];
        snprintf(w, sizeof w, "%.*s", (int)k, p);
        manpage_escape(b, w);
        sbuf_puts(b, "\\fR");
        p += k;
        while (*p == ' ')
            p++;
    }
    sbuf_putc(b, '\n');
}

/* FILES and ENVIRONMENT: a name and what it is for. */
typedef struct ManItem {
    const char *name;
    const char *text;
} ManItem;

static const ManItem kFiles[] = {
    {"~/.nnsh_history",
     "The shell's history: each line is added as it is entered. NNSH_HISTORY moves it."},
    {"~/.nnsh/progress", "The lessons and exercises passed, shown by lesson."},
    {"lessons/",
     "The lesson scripts (NN-name.nns, and those under it). nnsh looks in $NNSH_LESSONS, "
     "then ./lessons, then lessons/ beside the nnsh binary, then ../share/nnsh/lessons "
     "from the binary's directory, where make install puts them, so an installed nnsh "
     "finds its lessons from any directory."},
    {"data/mnist/",
     "Where MNIST's four files and the book's sample_weight.pkl are read from, unless "
     "--data or NNSH_DATA says otherwise; data DIR changes it in the shell."},
    {"~/.cache/nnsh/",
     "The decoded MNIST images, kept to load them faster the next time (NNSH_CACHE_DIR, "
     "XDG_CACHE_HOME)."},
    {NULL, NULL},
};

static const ManItem kEnv[] = {
    {"NNSH_DATA", "The MNIST folder when --data is not given (default: data/mnist)."},
    {"NNSH_LESSONS", "The lessons folder, looked at first (see FILES)."},
    {"NNSH_PROGRESS", "The progress file instead of ~/.nnsh/progress; set and empty, progress "
                      "is not kept."},
    {"NNSH_MAX_MEMORY",
     "The most all arrays together may use, as --max-memory takes it (512M, 2G)."},
    {"NNSH_HISTORY", "The history file; set and empty, no history is kept."},
    {"NNSH_CACHE_DIR", "Where decoded MNIST images are cached; set and empty, no cache."},
    {"XDG_CACHE_HOME, HOME", "Where the cache and the history go by default."},
    {"LC_ALL, LC_MESSAGES, LANG",
     "The first one set chooses the lessons' language: a value that starts with zh gives "
     "Simplified Chinese (--lang and `lesson lang` come first)."},
    {"NO_COLOR", "When set and not empty, nothing is coloured (as --no-color)."},
    {"COLORTERM", "truecolor or 24bit: digits and images are drawn in 24-bit colour."},
    {"COLUMNS, LINES",
     "The width (and height, for plots) used when the output is not a terminal; error "
     "explanations fit 80 columns at most."},
    {NULL, NULL},
};

static void items(SBuf *b, const ManItem *v) {
    for (; v->name; v++) {
        tagged(b, v->name);
        text_line(b, v->text);
    }
}

/* EXAMPLES: what each does, then the line to type. tests/tools/install_test.sh
 * runs every line as printed, from another directory. */
static const ManItem kExamples[] = {
    {"Start the shell; help lists every built-in.", "nnsh"},
    {"Start it with the chapter's 2-3-2-2 network defined.", "nnsh --example"},
    {"Run one line and leave.", "nnsh --example -c 'dot X W1'"},
    {"Explain a piece of syntax.", "nnsh -c 'help slicing'"},
    {"List the lessons, from any directory.", "echo lesson | nnsh"},
    {NULL, NULL},
};

/* An option as the page shows it: the flag in bold, its argument in
 * italics ("\fB--data\fR \fIDIR\fR"). */
static void option_words(SBuf *b, const ManOption *o) {
    sbuf_puts(b, "\\fB");
    manpage_escape(b, o->flag);
    sbuf_puts(b, "\\fR");
    if (o->arg) {
        sbuf_puts(b, " \\fI");
        manpage_escape(b, o->arg);
        sbuf_puts(b, "\\fR");
    }
}

bool manpage_write(FILE *out, const Registry *reg, const ManInfo *info) {
    SBuf b = {0};
    sbuf_puts(&b, ".\\\" nnsh(1), written by `nnsh \\-\\-man` from the built-ins' table.\n");
    sbuf_puts(&b, ".TH NNSH 1 \"\" \"nnsh ");
    manpage_escape(&b, info->version);
    sbuf_puts(&b, "\" \"nnsh manual\"\n");

    req(&b, ".SH NAME");
    sbuf_puts(&b, "nnsh \\- ");
    text_line(&b, info->summary);

    req(&b, ".SH SYNOPSIS");
    req(&b, ".B nnsh");
    for (const ManOption *o = info->options; o->flag; o++) {
        sbuf_puts(&b, "[");
        option_words(&b, o);
        sbuf_puts(&b, "]\n");
    }
    sbuf_puts(&b, "[\\fIFILE.nns\\fR]\n");

    req(&b, ".SH DESCRIPTION");
    text_line(&b, info->about);
    req(&b, ".PP");
    text_line(&b, "nnsh reads a small subset of Python with NumPy, so the lines of chapter 3 "
                  "of Deep Learning from Scratch run as they are printed, and after each "
                  "statement it shows what was made: its name, shape, dtype and value. A "
                  "built-in may also be called in command form: dot X W1 is np.dot(X, W1). "
                  "A shape error is explained axis by axis, with the rewrites of the "
                  "statement that would run.");
    req(&b, ".PP");
    text_line(&b, "Inside the shell, help lists the built-ins by group, help NAME describes "
                  "one, and lesson lists the lessons. The sections below list the same "
                  "built-ins and topics.");

    req(&b, ".SH OPTIONS");
    for (const ManOption *o = info->options; o->flag; o++) {
        req(&b, ".TP");
        option_words(&b, o);
        sbuf_putc(&b, '\n');
        text_line(&b, o->text);
    }

    req(&b, ".SH COMMANDS");
    text_line(&b, "Commands are statements of their own and take their arguments as words: "
                  "help dot, del X, trace on.");
    by_group(&b, reg, true);

    req(&b, ".SH FUNCTIONS");
    text_line(&b, "NumPy's functions also answer to np.NAME; f(a, b) may be typed as f a b.");
    by_group(&b, reg, false);
    if (reg_method_count(reg) > 0) {
        req(&b, ".SS");
        text_line(&b, "array methods");
        for (int i = 0; i < reg_method_count(reg); i++)
            entry(&b, reg_method_at(reg, i));
    }

    req(&b, ".SH HELP TOPICS");
    text_line(&b, "Syntax that is no function, explained by help as well:");
    const char *names, *text;
    for (int i = 0; commands_topic(i, &names, &text); i++)
        topic(&b, names, text);

    req(&b, ".SH FILES");
    items(&b, kFiles);
    req(&b, ".SH ENVIRONMENT");
    items(&b, kEnv);
    req(&b, ".SH EXIT STATUS");
    text_line(&b, info->exit_status);

    req(&b, ".SH EXAMPLES");
    for (const ManItem *x = kExamples; x->name; x++) {
        req(&b, ".PP");
        text_line(&b, x->name);
        req(&b, ".RS");
        req(&b, ".nf");
        text_line(&b, x->text);
        req(&b, ".fi");
        req(&b, ".RE");
    }

    char *s = sbuf_done(&b);
    if (!s) return false;
    bool ok = fputs(s, out) >= 0 && fflush(out) == 0;
    free(s);
    return ok;
}
