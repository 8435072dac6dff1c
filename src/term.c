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

#include "complete.h"
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

/* Where the word to complete starts is complete_line's to say (after the
 * opening quote of a string, after the blank before a command's argument);
 * Readline finds it by scanning back to a word-break character. So that
 * both agree, the break set for this completion is the one character
 * before complete_line's start; in an expression, Readline's usual set. */
static char *term_rl_word_breaks(void) {
    CompleteList c;
    complete_line(g_in, rl_line_buffer, rl_point, &c);
    int start = c.start;
    bool expr = !c.paths && start > 0 && strchr(" \t", rl_line_buffer[start - 1]) == NULL;
    complete_free(&c);
    if (expr || start <= 0) return NULL;
    switch (rl_line_buffer[start - 1]) {
    case ' ': return " ";
    case '\t': return "\t";
    case '"': return "\"";
    case '\'': return "'";
    default: return NULL;
    }
}

/* A listing of file names shows each one's last part, without the quote
 * that a chosen file gets. matches[0] is the common part, then n names. */
static void term_rl_show_paths(char **matches, int n, int maxlen) {
    (void)maxlen;
    char **shown = calloc((size_t)n + 2, sizeof *shown);
    if (!shown) return;
    int width = 0;
    shown[0] = matches[0];
    for (int i = 1; i <= n; i++) {
        const char *m = matches[i];
        size_t l = strlen(m);
        size_t end = l && (m[l - 1] == '"' || m[l - 1] == '\'') ? l - 1 : l;
        size_t from = end;
        /* the last part: after the last '/' that is not the trailing one */
        size_t stop = end && m[end - 1] == '/' ? end - 1 : end;
        while (from > 0 && (from > stop || m[from - 1] != '/'))
            from--;
        if (from == 0 && end > 0 && m[0] == '"') from = 1; /* an unquoted argument's quote */
        shown[i] = strndup(m + from, end - from);
        if (!shown[i]) shown[i] = strdup("");
        if (shown[i] && (int)strlen(shown[i]) > width) width = (int)strlen(shown[i]);
    }
    rl_display_match_list(shown, n, width);
    rl_forced_update_display();
    for (int i = 1; i <= n; i++)
        free(shown[i]);
    free(shown);
}

/* Readline's completion entry: complete_line's candidates, made to replace
 * the word Readline found (text, from `start` to `end`). */
static char **term_rl_complete(const char *text, int start, int end) {
    (void)text;
    rl_attempted_completion_over = 1; /* complete_line decides, files included */
    rl_completion_display_matches_hook = NULL;
    CompleteList c;
    complete_line(g_in, rl_line_buffer, end, &c);
    if (c.n == 0) return NULL;
    /* readline wants [common part, cand1, cand2, ..., NULL], each replacing
     * line[start..end): cut or add what lies between the two starts */
    char **out = malloc((size_t)(c.n + 2) * sizeof *out);
    if (!out) {
        complete_free(&c);
        return NULL;
    }
    int k = 0;
    for (int i = 0; i < c.n; i++) {
        char *v = c.v[i];
        char *w = NULL;
        if (c.start <= start) {
            size_t cut = (size_t)(start - c.start);
            if (strlen(v) >= cut && strncmp(v, rl_line_buffer + c.start, cut) == 0)
                w = strdup(v + cut);
        } else {
            size_t add = (size_t)(c.start - start), vl = strlen(v);
            w = malloc(add + vl + 1);
            if (w) {
                memcpy(w, rl_line_buffer + start, add);
                memcpy(w + add, v, vl + 1);
            }
        }
        if (w) out[1 + k++] = w;
    }
    bool paths = c.paths;
    complete_free(&c);
    if (k == 0) {
        free(out);
        return NULL;
    }
    out[k + 1] = NULL;
    size_t common = strlen(out[1]);
    for (int i = 2; i <= k; i++) {
        size_t j = 0;
        while (j < common && out[i][j] == out[1][j])
            j++;
        common = j;
    }
    if (k == 1) {
        /* a single match: no separate list, and no space after a folder's
         * '/', a closed string, "np.", "(" or "batch=" */
        out[0] = out[1];
        out[1] = NULL;
        size_t l = strlen(out[0]);
        char last = l ? out[0][l - 1] : '\0';
        if (last && strchr("./(\"'=", last)) rl_completion_suppress_append = 1;
        return out;
    }
    out[0] = strndup(out[1], common);
    if (!out[0]) {
        for (int i = 1; i <= k; i++)
            free(out[i]);
        free(out);
        return NULL;
    }
    /* (a long list is left to Readline, which asks before showing it) */
    if (paths && (rl_completion_query_items <= 0 || k < rl_completion_query_items))
        rl_completion_display_matches_hook = term_rl_show_paths;
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
    rl_completion_word_break_hook = term_rl_word_breaks;
    /* complete_line closes a string itself (a file does, a folder does
     * not): Readline must not add a quote of its own after the word */
    rl_basic_quote_characters = NULL;
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
