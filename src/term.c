/* term.c - GNU Readline front end (see term.h). Nothing else includes
 * readline, so the rest of nnsh runs and is tested without a terminal. */
#include "term.h"

#include <readline/history.h>
#include <readline/readline.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "fileio.h"
#include "intr.h"

static Interp *g_in;     /* the session completion looks into */
static char *g_histfile; /* NULL: keep no history file */

/* Add one line to the end of the history file as soon as it is entered, so
 * closing the terminal loses nothing (the whole file is rewritten, trimmed
 * to the last 1000 lines, on a normal exit). Only a regular file, or a new
 * one, private to the user; a FIFO never blocks the prompt. */
static void history_append(const char *line) {
    if (!g_histfile) return;
    int fd =
        open(g_histfile, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
    if (fd < 0) return;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        size_t n = strlen(line);
        char *buf = malloc(n + 1);
        if (buf) {
            memcpy(buf, line, n);
            buf[n] = '\n'; /* one write: a line is never split by another nnsh */
            ssize_t w = write(fd, buf, n + 1);
            (void)w; /* history is a convenience: a failed write is not an error */
            free(buf);
        }
    }
    close(fd);
}

/* Ctrl-C asks a long computation to stop (interp_interrupted, polled by
 * the evaluator and the MNIST loops) and, at the prompt, throws away what is
 * being typed, continuation lines included, as a shell does. It never ends
 * the session. */
static void on_sigint(int sig) {
    (void)sig;
    interp_interrupted = 1;
}

/* SIGTERM or SIGHUP: stop what is running (as Ctrl-C does), then leave at
 * the prompt with the terminal restored and the history saved; main exits
 * with 128 + the signal. The number is the one other signal flag. */
static volatile sig_atomic_t g_exit_sig;

static void on_exit_signal(int sig) {
    g_exit_sig = sig;
    interp_interrupted = 1;
}

void term_catch_interrupt(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL); /* no SA_RESTART: select() returns EINTR */
}

int term_exit_signal(void) {
    return (int)g_exit_sig;
}

/* Readline's callback interface, so that a Ctrl-C during the wait for a key
 * interrupts select() and can be handled here, outside any signal handler. */
static char *g_line;
static bool g_done;

static void on_line(char *line) {
    g_line = line;
    g_done = true;
    rl_callback_handler_remove();
}

static char *term_get(void *ctx, const char *prompt) {
    (void)ctx;
    FILE *inf = rl_instream ? rl_instream : stdin;
    int fd = fileno(inf);
    g_line = NULL;
    g_done = false;
    if (g_exit_sig) return NULL; /* a signal came while a statement ran */
    interp_interrupted = 0;
    rl_callback_handler_install(prompt, on_line);
    while (!g_done) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(fd, &fds);
        if (select(fd + 1, &fds, NULL, NULL, NULL) < 0) {
            if (errno != EINTR || g_exit_sig) {
                /* removing the handler gives the terminal its modes back
                 * (icanon, echo) before we leave */
                FILE *out = rl_outstream ? rl_outstream : stdout;
                rl_free_line_state();
                rl_callback_sigcleanup();
                rl_callback_handler_remove();
                if (g_exit_sig) {
                    fputc('\n', out);
                    fflush(out);
                }
                return NULL;
            }
            if (interp_interrupted) {
                /* leave interp_interrupted set: the REPL drops its pending
                 * continuation lines when it sees it */
                FILE *out = rl_outstream ? rl_outstream : stdout;
                rl_point = rl_end; /* show ^C after what was typed */
                rl_redisplay();
                fputs("^C\n", out);
                fflush(out);
                rl_free_line_state();
                rl_callback_sigcleanup();
                rl_callback_handler_remove();
                return strdup("");
            }
            continue;
        }
        rl_callback_read_char();
    }
    char *line = g_line;
    if (line && *line) {
        /* skip consecutive duplicates, like a shell does */
        HIST_ENTRY *last = history_length ? history_get(history_base + history_length - 1) : NULL;
        if (!last || strcmp(last->line, line) != 0) {
            add_history(line);
            history_append(line);
        }
    }
    return line;
}

/* Attributes and methods offered after "name." */
/* An array's attributes; its methods come from the registry. */
static const char *const kAttrs[] = {"T", "shape", "ndim", "size", "dtype", "nbytes", NULL};

/* A growable list of candidate strings. */
typedef struct Cands {
    char **v;
    int n, cap;
} Cands;

static void cands_add(Cands *c, const char *prefix, const char *s, const char *text) {
    size_t pl = strlen(prefix);
    size_t tl = strlen(text);
    /* candidate is prefix + s; it must extend text */
    if (strncmp(text, prefix, pl < tl ? pl : tl) != 0) return;
    if (tl > pl && strncmp(s, text + pl, tl - pl) != 0) return;
    if (c->n + 2 > c->cap) {
        int nc = c->cap ? c->cap * 2 : 32;
        char **v = realloc(c->v, (size_t)nc * sizeof *v);
        if (!v) return;
        c->v = v;
        c->cap = nc;
    }
    size_t sl = strlen(s);
    char *w = malloc(pl + sl + 1);
    if (!w) return;
    memcpy(w, prefix, pl);
    memcpy(w + pl, s, sl + 1);
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->v[i], w) == 0) {
            free(w);
            return;
        }
    c->v[c->n++] = w;
    c->v[c->n] = NULL;
}

char **term_complete_word(Interp *in, const char *line, int start, const char *text) {
    (void)line;
    (void)start;
    Cands c = {0};
    const char *dot = strrchr(text, '.');
    if (dot) {
        size_t pl = (size_t)(dot - text) + 1;
        char prefix[128];
        if (pl >= sizeof prefix) return NULL;
        memcpy(prefix, text, pl);
        prefix[pl] = '\0';
        if (strcmp(prefix, "np.") == 0 || strcmp(prefix, "np.random.") == 0) {
            bool rnd = strcmp(prefix, "np.random.") == 0;
            for (int i = 0; i < reg_count(interp_registry(in)); i++) {
                const Builtin *b = reg_at(interp_registry(in), i);
                /* NumPy's names only: np.print and np.predict do not exist */
                static const char *const kNumpy[] = {"array", "math", "reduce", "random"};
                bool numpy = false;
                for (size_t g = 0; g < sizeof kNumpy / sizeof kNumpy[0]; g++)
                    numpy |= strcmp(b->group, kNumpy[g]) == 0;
                if (!b->fn || !numpy || reg_find_member(interp_registry(in), b->name) != b)
                    continue;
                bool is_rnd = strncmp(b->name, "random.", 7) == 0;
                if (rnd && is_rnd)
                    cands_add(&c, prefix, b->name + 7, text);
                else if (!rnd)
                    cands_add(&c, prefix, b->name, text);
            }
        } else {
            for (int i = 0; kAttrs[i]; i++)
                cands_add(&c, prefix, kAttrs[i], text);
            const Registry *reg = interp_registry(in);
            for (int i = 0; i < reg_method_count(reg); i++) {
                const Builtin *m = reg_method_at(reg, i);
                char call[64];
                snprintf(call, sizeof call, "%s(%s", m->name, m->maxargs == 0 ? ")" : "");
                cands_add(&c, prefix, call, text);
            }
        }
    } else {
        Vars *vs = interp_vars(in);
        for (int i = 0; i < vars_count(vs); i++)
            cands_add(&c, "", vars_name_at(vs, i), text);
        for (int i = 0; i < reg_count(interp_registry(in)); i++) {
            const Builtin *b = reg_at(interp_registry(in), i);
            if (!strchr(b->name, '.')) cands_add(&c, "", b->name, text);
        }
        cands_add(&c, "", "np.", text);
    }
    return c.v;
}

/* Readline's completion entry: hand it our whole candidate list. */
static char **term_rl_complete(const char *text, int start, int end) {
    (void)end;
    rl_attempted_completion_over = 1; /* never fall back to file names... */
    /* ...except inside a string, where a file name is what is wanted */
    int quotes = 0;
    for (int i = 0; i < start; i++)
        if (rl_line_buffer[i] == '"' || rl_line_buffer[i] == '\'') quotes++;
    if (quotes % 2) {
        rl_attempted_completion_over = 0;
        return NULL;
    }
    char **v = term_complete_word(g_in, rl_line_buffer, start, text);
    if (!v) return NULL;
    int n = 0;
    while (v[n])
        n++;
    /* readline wants [common prefix, cand1, cand2, ..., NULL] */
    char **out = malloc((size_t)(n + 2) * sizeof *out);
    if (!out) return NULL;
    size_t common = strlen(v[0]);
    for (int i = 1; i < n; i++) {
        size_t k = 0;
        while (k < common && v[i][k] == v[0][k])
            k++;
        common = k;
    }
    out[0] = strndup(v[0], common);
    for (int i = 0; i < n; i++)
        out[i + 1] = v[i];
    out[n + 1] = NULL;
    if (n == 1) {
        /* a single match: no separate list, and no space after "np." or "(" */
        free(out[0]);
        out[0] = out[1];
        out[1] = NULL;
        char last = out[0][strlen(out[0]) - 1];
        if (last == '.' || last == '(') rl_completion_append_character = '\0';
    }
    free(v);
    return out;
}

/* Read the history file, one entry a line. A missing file is a fresh
 * start; a FIFO, a device or a directory is refused with one warning
 * instead of blocking in open(). */
static void history_load(const char *path) {
    Err e;
    err_clear(&e);
    struct stat st;
    if (stat(path, &st) != 0) return; /* no history yet */
    FILE *f = fio_fopen_read(path, &e);
    if (!f) {
        fprintf(stderr, "nnsh: history not read: %s\n", e.msg);
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n) add_history(line);
    }
    free(line);
    fclose(f);
}

/* Write the history file whole through a temporary (fileio.h), so a full
 * disk or a kill never leaves it cut short. Not for a FIFO or device: a
 * history path that is not a regular file is left alone. */
static void history_save(const char *path) {
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) return;
    HIST_ENTRY **h = history_list();
    FioWriter w;
    Err e;
    err_clear(&e);
    bool fresh = stat(path, &st) != 0;
    if (!fio_begin(&w, path, &e)) {
        fprintf(stderr, "nnsh: history not saved: %s\n", e.msg);
        return;
    }
    if (fresh) fchmod(w.fd, 0600); /* what was typed is the user's alone */
    bool ok = true;
    for (int i = 0; ok && h && h[i]; i++)
        ok = fio_write(&w, h[i]->line, strlen(h[i]->line), &e) && fio_write(&w, "\n", 1, &e);
    if (!ok)
        fio_abort(&w);
    else
        ok = fio_commit(&w, &e);
    if (!ok) fprintf(stderr, "nnsh: history not saved: %s\n", e.msg);
}

LineSource term_source(Interp *in) {
    g_in = in;
    rl_readline_name = "nnsh";
    rl_attempted_completion_function = term_rl_complete;
    /* '.' is part of a word so "np.do<Tab>" and "W1.sh<Tab>" complete */
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{([,+-*/%";
    term_catch_interrupt();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_exit_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    rl_catch_signals = 0; /* the signals are ours, not Readline's */
    using_history();
    const char *env = getenv("NNSH_HISTORY");
    if (env) {
        g_histfile = *env ? strdup(env) : NULL;
    } else {
        const char *home = getenv("HOME");
        if (home && *home) {
            size_t n = strlen(home) + 32;
            g_histfile = malloc(n);
            if (g_histfile) snprintf(g_histfile, n, "%s/.nnsh_history", home);
        }
    }
    if (g_histfile) history_load(g_histfile);
    stifle_history(1000);
    LineSource s = {term_get, NULL, true};
    return s;
}

void term_finish(void) {
    if (g_histfile) {
        history_save(g_histfile);
        free(g_histfile);
        g_histfile = NULL;
    }
}

void term_print_history(FILE *out) {
    HIST_ENTRY **h = history_list();
    if (!h) {
        fprintf(out, "(no history yet)\n");
        return;
    }
    for (int i = 0; h[i]; i++)
        fprintf(out, "%5d  %s\n", i + history_base, h[i]->line);
}
