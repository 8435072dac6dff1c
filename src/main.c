/* main.c - command line of nnsh: options, then a script, a -c text, piped
 * input or the interactive shell. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "init.h"
#include "arr.h"
#include "fileio.h"
#include "lessonfile.h"
#include "interp.h"
#include "manpage.h"
#include "repl.h"
#include "term.h"

#define NNSH_VERSION "0.1.0"

/* The command line, described once: --help and --man both print it. */
static const ManOption kOptions[] = {
    {"-c", "TEXT", "run TEXT (statements separated by ';' or newlines)"},
    {"-i", NULL, "stay interactive after FILE or -c TEXT"},
    {"-q", NULL, "start with the echo of results off"},
    {"--example", NULL, "define the chapter's 2-3-2-2 network (X, W1, B1, ...)"},
    {"--data", "DIR",
     "where MNIST and sample_weight.pkl are (default: $NNSH_DATA, then ./data/mnist)"},
    {"--keep-going", NULL, "run on after an error (the exit status is still 1)"},
    {"--max-memory", "SIZE",
     "the most all arrays together may use, e.g. 512M, 2G (default: $NNSH_MAX_MEMORY, else "
     "half the memory, at most 4G)"},
    {"--no-color", NULL, "never colour the output (as does NO_COLOR=1)"},
    {"--lesson", "N", "start lesson N (eN: exercise N) at the prompt; `lesson` lists them"},
    {"--auto", NULL,
     "play the --lesson (without one: every lesson and exercise) with its own answers, verify "
     "every check, and exit"},
    {"--lang", "en|zh", "the lessons' language (default: zh when $LANG starts with zh)"},
    {"--man", NULL, "print the manual page, in roff for man(1)"},
    {"--version", NULL, "print the version"},
    {"--help", NULL, "print this help"},
    {NULL, NULL, NULL},
};

static const ManInfo kInfo = {
    NNSH_VERSION,
    "a shell for the forward pass of a neural network",
    "A shell for learning how a neural network computes its output. With no FILE and a "
    "terminal, starts the interactive shell; input that is not a terminal is run as a script.",
    kOptions,
    "0 when every statement succeeded, 1 after an error or when the output could not be "
    "written, 2 for a bad command line, 130 when Ctrl-C stopped a script, 128+N after signal "
    "N (SIGTERM, SIGHUP) at the prompt.",
};

static void usage(FILE *out) {
    manpage_usage(out, &kInfo);
}

/* --man: the page, from a session's registry (the tables `help` reads). */
static int print_manpage(void) {
    Interp *in = nnsh_new(stdout, stderr);
    bool ok = in && manpage_write(stdout, interp_registry(in), &kInfo);
    interp_free(in);
    if (!ok) fprintf(stderr, "nnsh: cannot write the manual page\n");
    return ok ? 0 : 1;
}

/* The greeting at the prompt; every line fits 80 columns (lesson_tty.sh
 * checks it at a real terminal). */
static void banner(FILE *out, bool example) {
    fprintf(out, "nnsh %s - the forward pass of a neural network. `help` lists everything.\n",
            NNSH_VERSION);
    if (example)
        fprintf(out, "The chapter's 2-3-2-2 network is defined: X W1 B1 W2 B2 W3 B3 (see `vars`).\n"
                     "Try:  dot X W1    A1 = np.dot(X, W1) + B1    Z1 = sigmoid(A1)    forward\n");
    else
        fprintf(out, "Type `example` to define the chapter's 2-3-2-2 network, then `forward`.\n"
                     "`lesson` starts the course. Ctrl-D or `quit` leaves; Tab completes.\n");
}

/* The exit status that says more: a signal's or Ctrl-C's over an error's. */
static int worst(int a, int b) {
    return a > b ? a : b;
}

int main(int argc, char **argv) {
    const char *text = NULL, *file = NULL, *data = NULL, *maxmem = NULL;
    const char *lesson = NULL, *lang = NULL;
    bool autoplay = false;
    bool stay = false, quiet = false, example = false, keep_going = false, nocolor = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-c") == 0 && i + 1 < argc)
            text = argv[++i];
        else if (strcmp(a, "-i") == 0)
            stay = true;
        else if (strcmp(a, "-q") == 0)
            quiet = true;
        else if (strcmp(a, "--example") == 0)
            example = true;
        else if (strcmp(a, "--keep-going") == 0)
            keep_going = true;
        else if (strcmp(a, "--no-color") == 0)
            nocolor = true;
        else if (strcmp(a, "--lesson") == 0 && i + 1 < argc)
            lesson = argv[++i];
        else if (strcmp(a, "--auto") == 0)
            autoplay = true;
        else if (strcmp(a, "--lang") == 0 && i + 1 < argc)
            lang = argv[++i];
        else if (strcmp(a, "--max-memory") == 0 && i + 1 < argc)
            maxmem = argv[++i];
        else if (strncmp(a, "--max-memory=", 13) == 0)
            maxmem = a + 13;
        else if (strcmp(a, "--data") == 0 && i + 1 < argc)
            data = argv[++i];
        else if (strncmp(a, "--data=", 7) == 0)
            data = a + 7;
        else if (strcmp(a, "--version") == 0) {
            printf("nnsh %s\n", NNSH_VERSION);
            return 0;
        } else if (strcmp(a, "--man") == 0) {
            return print_manpage();
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "nnsh: unknown option '%s' (or missing its argument)\n", a);
            usage(stderr);
            return 2;
        } else if (!file) {
            file = a;
        } else {
            fprintf(stderr, "nnsh: one script at a time ('%s' and '%s')\n", file, a);
            return 2;
        }
    }
    const char *memsrc = "--max-memory";
    if (!maxmem) {
        maxmem = getenv("NNSH_MAX_MEMORY");
        memsrc = "NNSH_MAX_MEMORY";
        if (maxmem && !*maxmem) maxmem = NULL;
    }
    if (maxmem) {
        int64_t bytes;
        if (!arr_mem_parse(maxmem, &bytes)) {
            fprintf(stderr, "nnsh: %s '%s' is not a size (examples: 512M, 2G, 65536)\n", memsrc,
                    maxmem);
            return 2;
        }
        arr_mem_set_limit(bytes);
    }
    if (lang && strcmp(lang, "en") != 0 && strcmp(lang, "zh") != 0) {
        fprintf(stderr, "nnsh: --lang takes en or zh, not '%s'\n", lang);
        return 2;
    }
    if (lesson && !lessonfile_id_ok(lesson)) {
        fprintf(stderr, "nnsh: --lesson takes a lesson number (3) or an exercise (e3), not '%s'\n",
                lesson);
        return 2;
    }
    if ((lesson || autoplay) && (text || file)) {
        fprintf(stderr, "nnsh: --lesson and --auto do not go with a script or -c\n");
        return 2;
    }
    /* the lesson commands to run first: `lesson lang zh`, `lesson auto 3` */
    char lesson_cmd[128] = "";
    if (lang) snprintf(lesson_cmd, sizeof lesson_cmd, "lesson lang %s\n", lang);
    size_t lc = strlen(lesson_cmd);
    if (autoplay)
        snprintf(lesson_cmd + lc, sizeof lesson_cmd - lc, "lesson auto %s", lesson ? lesson : "");
    else if (lesson)
        snprintf(lesson_cmd + lc, sizeof lesson_cmd - lc, "lesson %s", lesson);
    /* a lesson file run by its name plays as a lesson, narration included */
    char play[1400];
    if (file && !text && lessonfile_looks_like(file)) {
        snprintf(play, sizeof play, "%slesson \"%s\"", lesson_cmd, file);
        text = play;
        file = NULL;
    } else if (autoplay || (lesson && !isatty(STDIN_FILENO))) {
        text = lesson_cmd; /* nobody to wait for: straight through */
        lesson = NULL;
    }

    if (!data) data = getenv("NNSH_DATA");
    if (!data || !*data) data = "data/mnist";

    bool tty_in = isatty(STDIN_FILENO);
    bool interactive = stay || (!text && !file && tty_in) || (lesson && !autoplay);
    const char *nc = getenv("NO_COLOR");
    bool color = !nocolor && !(nc && *nc) && isatty(STDOUT_FILENO);

    /* results and errors interleave correctly when both go to one pipe */
    setvbuf(stdout, NULL, _IOLBF, 0);

    /* Ctrl-C stops the statement (and a script) that runs, not nnsh */
    term_catch_interrupt();

    Interp *in = nnsh_new(stdout, stderr);
    if (!in) {
        fprintf(stderr, "nnsh: out of memory\n");
        return 1;
    }
    interp_set_color(in, color);
    interp_set_echo(in, !quiet);
    interp_set_data_dir(in, data);
    if (example && !interp_load_example(in, interactive)) {
        interp_free(in);
        return 1;
    }

    int status = 0;
    bool quit = false;
    if (text) {
        ReplStringCtx sc;
        LineSource src = repl_string_source(&sc, text);
        ReplOpts o = {"<command line>", keep_going, NULL, NULL};
        status = worst(status, repl_run(in, &src, &o, &quit));
    } else if (file) {
        Err fe;
        err_clear(&fe);
        FILE *f = fio_fopen_read(file, &fe); /* a FIFO or directory: refused */
        if (!f) {
            fprintf(stderr, "nnsh: cannot open script %s\n", fe.msg);
            interp_free(in);
            return 1;
        }
        ReplFileCtx fc;
        LineSource src = repl_file_source(&fc, f);
        ReplOpts o = {file, keep_going, NULL, NULL};
        status = worst(status, repl_run(in, &src, &o, &quit));
        repl_free_file_source(&fc);
        fclose(f);
    } else if (!interactive) {
        ReplFileCtx fc;
        LineSource src = repl_file_source(&fc, stdin);
        ReplOpts o = {"<stdin>", keep_going, NULL, NULL};
        status = worst(status, repl_run(in, &src, &o, &quit));
        repl_free_file_source(&fc);
    }

    if (interactive && !quit && (status == 0 || stay)) {
        if (!tty_in) {
            fprintf(stderr, "nnsh: -i needs a terminal on standard input\n");
        } else {
            banner(stdout, example);
            LineSource src = term_source(in);
            interp_set_input(in, &src);
            interp_set_history(in, term_print_history);
            /* --lesson: the lesson starts with the learner at the keyboard */
            if (lesson_cmd[0]) interp_run(in, lesson_cmd, "<command line>", 1);
            ReplOpts o = {"<stdin>", true,
                          color ? "\001\033[1;34m\002nnsh>\001\033[0m\002 " : "nnsh> ", "  ...> "};
            repl_run(in, &src, &o, &quit);
            if (!quit && !term_exit_signal()) fputc('\n', stdout);
            term_finish();
            interp_set_input(in, NULL);
            if (status == REPL_INTERRUPTED) status = 1; /* the script's Ctrl-C */
            if (term_exit_signal()) status = 128 + term_exit_signal();
        }
    }
    interp_free(in);
    /* results that never reached their file (a full disk, /dev/full, a
     * closed pipe) are a failure, said once */
    if (!fio_check_output(stdout)) {
        fprintf(stderr, "nnsh: error writing the output: %s\n",
                errno ? strerror(errno) : "write failed");
        if (status == 0) status = 1;
    }
    return status;
}
