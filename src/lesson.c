/* lesson.c - running lessons and exercises (see lesson.h): the `lesson`,
 * `check`, `hint` and `solution` commands. Reading lesson files is
 * lessonfile.c's job, judging a condition check.c's, the progress file
 * progress.c's; the words the learner reads are in lessonmsg.c.
 *
 * A lesson plays in one of three modes:
 *   person  someone types at the prompt: pauses wait for Enter, each
 *           exercise stops for the learner's answer, `check` tests it and
 *           stays at the exercise until all its checks are met; `hint`
 *           gives the hints one at a time, `solution` shows the answer,
 *           `lesson next` runs the answer and goes on. Progress is saved.
 *   script  a pipe or a script: straight through, answers run and checks
 *           reported as they come.
 *   auto    (`lesson auto N`, `nnsh --auto`) as a script, and it verifies
 *           each exercise: its checks fail before the answer, each
 *           `# wrong:` answer is rejected, no hint holds the answer, and
 *           the answer passes. Any failure ends it with an error.
 */
#include "lesson.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "lessonfile.h"
#include "lessonmsg.h"
#include "progress.h"
#include "sbuf.h"
#include "shapefix.h"
#include "value.h"
#include "vars.h"

/* ------------------------------------------------------------------------ */
/* per-session state                                                         */

#define PATH_CAP 1024

typedef enum Mode { MODE_PERSON, MODE_SCRIPT, MODE_AUTO } Mode;

/* A session's lesson in progress, kept in an extension slot of the session
 * (no heap memory inside: the slot is freed with a plain free()). */
typedef struct Slot {
    /* the lesson in progress (active false: none) */
    bool active;
    bool exercise_file; /* an exercise file (lesson eN) */
    int number;
    char path[PATH_CAP];
    char lang[8];    /* "en" or "zh" ("" until chosen: from $LANG) */
    int next_item;   /* where `lesson next` goes on */
    int check_item;  /* the exercise's first check waiting, -1 none */
    int exercise;    /* number of the current exercise (1-based) */
    int hints_given; /* of the exercise waiting */
    unsigned ex_passed_mask;
    int ex_passed;
    bool running; /* a lesson's lines are running now */
    /* set while a lesson's own check line runs */
    bool in_lesson_check;
    bool quiet_check; /* judge only: print nothing, count nothing */
    bool last_ok;
    int checks_done;
    /* auto mode: what it verified, and the first failure */
    int auto_checks, auto_wrong;
    int auto_skipped; /* lessons skipped for want of MNIST */
    char auto_fail[512];
} Slot;

static const InterpSlotKey kLessonKey = {"lesson", NULL};

/* The session's slot, made when missing; NULL only when out of memory. */
static Slot *slot_get(Interp *in) {
    Slot *s = interp_slot(in, &kLessonKey);
    if (s) return s;
    if (!(s = calloc(1, sizeof *s))) return NULL;
    s->check_item = -1;
    return interp_set_slot(in, &kLessonKey, s) ? s : NULL;
}

bool lesson_active(Interp *in, int *number) {
    Slot *s = interp_slot(in, &kLessonKey);
    if (number) *number = s && s->active ? s->number : 0;
    return s && s->active;
}

static const char *skip_ws(const char *s) {
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* The language of the lessons: the one chosen with `lesson lang`, else
 * zh when $LC_ALL, $LC_MESSAGES or $LANG (the first one set) starts with
 * "zh", else en. */
static const char *lang_of(Slot *s) {
    if (s->lang[0]) return s->lang;
    const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(names[i]);
        if (v && *v) return strncmp(v, "zh", 2) == 0 ? "zh" : "en";
    }
    return "en";
}

static LessonLang lang_id(Slot *s) {
    return strcmp(lang_of(s), "zh") == 0 ? LANG_ZH : LANG_EN;
}

#define M(s, id) lessonmsg(lang_id(s), id)

/* "3" or "e3": how the learner names it. */
static const char *id_text(const Slot *s, char *buf, size_t cap) {
    snprintf(buf, cap, "%s%d", s->exercise_file ? "e" : "", s->number);
    return buf;
}

/* ------------------------------------------------------------------------ */
/* output                                                                    */

static Mode mode_of(Interp *in, bool autoplay) {
    if (autoplay) return MODE_AUTO;
    LineSource *ls = interp_input(in);
    return ls && ls->interactive && ls->get ? MODE_PERSON : MODE_SCRIPT;
}

/* Show code as the learner would type it: "nnsh> " then "  ...> ". */
static void show_code(FILE *out, const char *code) {
    const char *p = code;
    bool first = true;
    while (p) {
        const char *nl = strchr(p, '\n');
        int n = nl ? (int)(nl - p) : (int)strlen(p);
        fprintf(out, "%s%.*s\n", first ? "nnsh> " : "  ...> ", n, p);
        first = false;
        p = nl ? nl + 1 : NULL;
    }
}

/* Print a line of prose after `lead`: as it is when it fits the terminal,
 * else wrapped at spaces (shapefix_wrap) with continuation lines indented
 * by `indent`. A command in backticks or code in brackets is never split;
 * the text's own leading blanks are kept. */
static void show_prose(FILE *out, const char *lead, const char *text, int indent) {
    if (str_display_width(lead) + str_display_width(text) <= shapefix_width()) {
        fprintf(out, "%s%s\n", lead, text);
        return;
    }
    char pad[64];
    size_t n = strspn(text, " ");
    if (n >= sizeof pad) n = sizeof pad - 1;
    if (!*lead && n) {
        memset(pad, ' ', n);
        pad[n] = '\0';
        lead = pad;
        indent = (int)n;
    }
    shapefix_wrap(out, lead, text + strspn(text, " "), indent);
}

/* Run a lesson's piece of code as a whole: a block ends with its text
 * (the REPL around may be waiting for more lines; the lesson is not). */
static RunStatus run_whole(Interp *in, Slot *s, const LessonItem *it) {
    bool wait = interp_wait(in);
    interp_set_wait(in, false);
    RunStatus r = interp_run(in, it->text, s->path, it->line);
    interp_set_wait(in, wait);
    return r;
}

/* Show and run one piece of code; false when it failed (error printed). */
static bool run_code(Interp *in, Slot *s, const LessonItem *it) {
    FILE *out = interp_out(in);
    show_code(out, it->text);
    fflush(out);
    return run_whole(in, s, it) == RUN_OK;
}

/* An error reporter that prints nothing (for wrong answers in auto mode). */
static void silent_report(Interp *in, FILE *out, const Err *e, const char *srcname, const char *src,
                          bool color) {
    (void)in, (void)out, (void)e, (void)srcname, (void)src, (void)color;
}

/* Run code with no echo and no error shown; true when it ran. */
static bool run_quietly(Interp *in, Slot *s, const LessonItem *it) {
    InterpReporter rep = interp_reporter(in);
    bool echo = interp_echo(in);
    interp_set_reporter(in, silent_report);
    interp_set_echo(in, false);
    RunStatus r = run_whole(in, s, it);
    interp_set_echo(in, echo);
    interp_set_reporter(in, rep);
    return r == RUN_OK;
}

/* The variables as they are (names and references), so that a wrong
 * answer tried in auto mode can be taken back before the next one. Wrong
 * answers only assign names (lessons/README.md), so references suffice. */
typedef struct Saved {
    int n;
    char **names;
    Value **vals;
} Saved;

static void saved_free(Saved *sv) {
    for (int i = 0; i < sv->n; i++) {
        free(sv->names[i]);
        val_free(sv->vals[i]);
    }
    free(sv->names);
    free(sv->vals);
    sv->n = 0;
    sv->names = NULL;
    sv->vals = NULL;
}

static bool save_vars(Interp *in, Saved *sv) {
    Vars *vs = interp_vars(in);
    int n = vars_count(vs);
    sv->n = 0;
    sv->names = calloc((size_t)n + 1, sizeof *sv->names);
    sv->vals = calloc((size_t)n + 1, sizeof *sv->vals);
    if (!sv->names || !sv->vals) {
        saved_free(sv);
        return false;
    }
    for (int i = 0; i < n; i++) {
        if (!(sv->names[i] = strdup(vars_name_at(vs, i)))) {
            saved_free(sv);
            return false;
        }
        sv->vals[i] = val_ref(vars_value_at(vs, i));
        sv->n++;
    }
    return true;
}

/* Put the variables back as saved: names bound since are removed. */
static void restore_vars(Interp *in, const Saved *sv) {
    Vars *vs = interp_vars(in);
    for (int i = vars_count(vs) - 1; i >= 0; i--) {
        const char *name = vars_name_at(vs, i);
        bool kept = false;
        for (int j = 0; j < sv->n && !kept; j++)
            kept = strcmp(sv->names[j], name) == 0;
        if (!kept) vars_del(vs, name);
    }
    for (int j = 0; j < sv->n; j++)
        if (vars_get(vs, sv->names[j]) != sv->vals[j])
            vars_set(vs, sv->names[j], val_ref(sv->vals[j]));
}

/* ------------------------------------------------------------------------ */
/* exercises                                                                 */

/* The parts of the exercise whose line is item `ex`: its first and last
 * check (consecutive check items after it; -1 when it has none). */
typedef struct Exercise {
    int ex, first_check, last_check;
} Exercise;

static Exercise exercise_at(const LessonScript *ls, int ex) {
    Exercise x = {ex, -1, -1};
    int i = ex + 1;
    while (i < ls->nitems && ls->items[i].kind != LK_CHECK && ls->items[i].kind != LK_EXERCISE)
        i++;
    if (i < ls->nitems && ls->items[i].kind == LK_CHECK) {
        x.first_check = i;
        while (i + 1 < ls->nitems && ls->items[i + 1].kind == LK_CHECK)
            i++;
        x.last_check = i;
    }
    return x;
}

/* The exercise item a check item belongs to, or -1 for a check of its own
 * (one not after an exercise). */
static int exercise_of_check(const LessonScript *ls, int ci) {
    int i = ci;
    while (i > 0 && ls->items[i - 1].kind == LK_CHECK)
        i--;
    for (int j = i - 1; j >= 0; j--) {
        LessonKind k = ls->items[j].kind;
        if (k == LK_EXERCISE) return j;
        if (k == LK_CHECK) return -1;
    }
    return -1;
}

/* Items of one kind between the exercise at `ex` and its first check, into
 * idx (at most max); returns the count. */
static int parts(const LessonScript *ls, const Exercise *x, LessonKind kind, int *idx, int max) {
    int n = 0;
    int end = x->first_check >= 0 ? x->first_check : ls->nitems;
    for (int i = x->ex + 1; i < end && ls->items[i].kind != LK_EXERCISE; i++)
        if (ls->items[i].kind == kind && n < max) idx[n++] = i;
    return n;
}

/* Run the checks of exercise x (or the lone check ci when x is NULL).
 * quiet: judge only. Returns how many were met; *total gets how many. */
static int run_checks(Interp *in, Slot *s, const LessonScript *ls, int first, int last,
                      bool quiet) {
    int met = 0;
    for (int i = first; i <= last; i++) {
        s->in_lesson_check = true;
        s->quiet_check = quiet;
        s->last_ok = false;
        int before = s->checks_done;
        if (quiet)
            run_quietly(in, s, &ls->items[i]);
        else
            run_whole(in, s, &ls->items[i]);
        s->in_lesson_check = false;
        s->quiet_check = false;
        if (s->checks_done > before && s->last_ok) met++;
    }
    return met;
}

/* Text with spaces taken out, for comparing code. */
static void squeeze(const char *s, char *out, size_t cap) {
    size_t n = 0;
    for (; *s && n + 1 < cap; s++)
        if (!isspace((unsigned char)*s)) out[n++] = *s;
    out[n] = '\0';
}

/* Does the hint give the answer away: hold a solution line, or the right
 * side of one (`p = np.argmax(y)` gives `np.argmax(y)`)? */
static bool hint_tells(const char *hint, const char *solution) {
    char h[1024], a[1024];
    squeeze(hint, h, sizeof h);
    squeeze(solution, a, sizeof a);
    size_t n = strlen(a);
    while (n && a[n - 1] == ';')
        a[--n] = '\0';
    if (n && strstr(h, a)) return true;
    const char *eq = strchr(a, '=');
    if (eq && eq[1] != '=' && eq > a && !strchr("<>!=", eq[-1])) {
        const char *rhs = eq + 1;
        if (strlen(rhs) >= 6 && strstr(h, rhs)) return true;
    }
    return false;
}

static void auto_fail(Slot *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void auto_fail(Slot *s, const char *fmt, ...) {
    if (s->auto_fail[0]) return; /* the first one is the one to read */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->auto_fail, sizeof s->auto_fail, fmt, ap);
    va_end(ap);
}

/* Auto mode, before the exercise's answer runs: its checks must not be
 * met yet, each wrong answer must be rejected, and no hint may hold the
 * answer. Failures go to s->auto_fail. */
static void verify_exercise(Interp *in, Slot *s, const LessonScript *ls, const Exercise *x) {
    FILE *out = interp_out(in);
    int line = ls->items[x->ex].line;
    if (x->first_check < 0) {
        auto_fail(s, "line %d: exercise %d has no check", line, s->exercise);
        return;
    }
    int nchecks = x->last_check - x->first_check + 1;
    if (run_checks(in, s, ls, x->first_check, x->last_check, true) == nchecks)
        auto_fail(s,
                  "line %d: exercise %d's checks are met before its answer runs, so they "
                  "do not test it",
                  line, s->exercise);
    int w[32], sol[32], hints[32];
    int nw = parts(ls, x, LK_WRONG, w, 32);
    int ns = parts(ls, x, LK_SOLUTION, sol, 32);
    int nh = parts(ls, x, LK_HINT, hints, 32);
    if (nw < 2)
        auto_fail(s, "line %d: exercise %d has %d wrong answer%s; at least 2 are needed", line,
                  s->exercise, nw, nw == 1 ? "" : "s");
    if (ns == 0) auto_fail(s, "line %d: exercise %d has no solution line", line, s->exercise);
    Saved sv = {0};
    bool saved = save_vars(in, &sv);
    for (int k = 0; k < nw; k++) {
        const LessonItem *it = &ls->items[w[k]];
        run_quietly(in, s, it);
        bool accepted = run_checks(in, s, ls, x->first_check, x->last_check, true) == nchecks;
        if (saved) restore_vars(in, &sv); /* each wrong answer from the same start */
        if (accepted)
            auto_fail(s, "line %d: the wrong answer `%s` passes exercise %d's checks", it->line,
                      it->text, s->exercise);
        else {
            fprintf(out, "  (auto) wrong answer rejected: %s\n", it->text);
            s->auto_wrong++;
        }
    }
    saved_free(&sv);
    for (int k = 0; k < nh; k++)
        for (int j = 0; j < ns; j++)
            if (hint_tells(ls->items[hints[k]].text, ls->items[sol[j]].text))
                auto_fail(s, "line %d: a hint of exercise %d gives its answer away: %s",
                          ls->items[hints[k]].line, s->exercise, ls->items[hints[k]].text);
}

/* The name a solution line assigns (`A1 = ...`, `A1 += ...`), into buf;
 * false for any other line. */
static bool assigned_name(const char *code, char *buf, size_t cap) {
    const char *p = skip_ws(code);
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '_')
        n++;
    if (!n || isdigit((unsigned char)p[0]) || n >= cap) return false;
    const char *q = skip_ws(p + n);
    if (!(q[0] == '=' && q[1] != '=')) return false;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return true;
}

/* When the exercise's checks are met before the learner has answered
 * (a value left from before), remove the names its answer assigns, and
 * say so. */
static void forget_answers(Interp *in, Slot *s, const LessonScript *ls, const Exercise *x) {
    if (x->first_check < 0) return;
    int n = x->last_check - x->first_check + 1;
    if (run_checks(in, s, ls, x->first_check, x->last_check, true) < n) return;
    int sol[32];
    int ns = parts(ls, x, LK_SOLUTION, sol, 32);
    SBuf b = {0};
    for (int k = 0; k < ns; k++) {
        char name[64];
        if (assigned_name(ls->items[sol[k]].text, name, sizeof name) &&
            vars_del(interp_vars(in), name))
            sbuf_printf(&b, "%s%s", b.len ? ", " : "", name);
    }
    if (b.len && !b.oom) {
        char msg[512];
        snprintf(msg, sizeof msg, M(s, MSG_FORGOT), b.p);
        show_prose(interp_out(in), "  ", msg, 2);
    }
    sbuf_free(&b);
}

/* ------------------------------------------------------------------------ */
/* progress                                                                  */

/* Record in the learner's progress file that exercise k (1-based, 0: none)
 * was passed and, when `ended`, that the lesson was played to its end.
 * Only for a person at the prompt. */
static void record(Interp *in, Slot *s, int total, int k, bool ended) {
    char pbuf[PATH_CAP], note[1400];
    const char *path = progress_path(pbuf, sizeof pbuf);
    if (!path) return;
    Progress *p = malloc(sizeof *p);
    if (!p) return;
    progress_load(path, p, note, sizeof note);
    if (note[0]) fprintf(interp_errf(in), "%s\n", note);
    ProgressEntry *pe = progress_entry(p, s->exercise_file, s->number);
    if (pe) {
        pe->total = total > 32 ? 32 : total;
        if (k >= 1 && k <= 32) pe->passed |= 1u << (k - 1);
        pe->passed &= pe->total >= 32 ? ~0u : (1u << pe->total) - 1;
        if (ended) pe->ended = true;
        Err e;
        err_clear(&e);
        if (!progress_save(path, p, &e))
            fprintf(interp_errf(in), "nnsh: your progress was not saved: %s\n", e.msg);
    }
    free(p);
}

/* ------------------------------------------------------------------------ */
/* running a lesson                                                          */

/* The lessons directory, or NULL with e set. */
static const char *lessons_dir(char *buf, size_t cap, Err *e) {
    if (lessonfile_dir(buf, cap)) return buf;
    err_set(e, ERR_IO, "no lessons found: looked in %s", buf);
    return NULL;
}

/* "== end of lesson N: X of Y exercises passed. Next: lesson M, TITLE ==",
 * or, when that passes the terminal's width, the banner without the next
 * lesson and "Next: ..." on a line of its own. */
static void lesson_end(Interp *in, Slot *s, const LessonScript *ls, Mode mode) {
    FILE *out = interp_out(in);
    char head[256], next[512] = "", id[16];
    id_text(s, id, sizeof id);
    if (ls->nexercises)
        snprintf(head, sizeof head,
                 M(s, s->exercise_file      ? MSG_END_EX_N
                      : ls->nexercises == 1 ? MSG_END_N1
                                            : MSG_END_N),
                 id, s->ex_passed, ls->nexercises);
    else
        snprintf(head, sizeof head, M(s, s->exercise_file ? MSG_END_EX : MSG_END), id);
    char dir[PATH_CAP], sub[PATH_CAP];
    LessonInfo *v = NULL;
    Err e;
    err_clear(&e);
    int n = 0;
    if (lessonfile_dir(dir, sizeof dir)) {
        lessonfile_subdir(dir, lang_of(s), s->exercise_file, sub, sizeof sub);
        n = lessonfile_scan(sub, &v, &e);
        if (n <= 0 && strcmp(lang_of(s), "en") != 0)
            n = lessonfile_scan(lessonfile_subdir(dir, "en", s->exercise_file, sub, sizeof sub), &v,
                                &e);
    }
    for (int i = 0; i < n; i++)
        if (v[i].number > s->number) {
            snprintf(next, sizeof next, M(s, s->exercise_file ? MSG_NEXT_EX : MSG_NEXT),
                     v[i].number, v[i].title);
            break;
        }
    lessonfile_infos_free(v, n > 0 ? n : 0);
    if (!next[0])
        fprintf(out, "== %s ==\n", head);
    else if (str_display_width(head) + str_display_width(next) + 8 <= shapefix_width())
        fprintf(out, "== %s. %s ==\n", head, next);
    else {
        fprintf(out, "== %s ==\n", head);
        show_prose(out, "", next, 2);
    }
    fflush(out);
    if (mode == MODE_PERSON) record(in, s, ls->nexercises, 0, true);
    s->active = false;
    s->check_item = -1;
}

/* The exercise waiting at check item ci is passed: count it, and tell a
 * person (with the lesson's own answer). */
static void passed(Interp *in, Slot *s, const LessonScript *ls, int ci, Mode mode) {
    s->ex_passed++;
    if (s->exercise >= 1 && s->exercise <= 32) s->ex_passed_mask |= 1u << (s->exercise - 1);
    if (mode != MODE_PERSON) return;
    FILE *out = interp_out(in);
    Exercise x = exercise_at(ls, exercise_of_check(ls, ci));
    int sol[32];
    int ns = parts(ls, &x, LK_SOLUTION, sol, 32);
    fprintf(out, "%s\n", M(s, ns ? MSG_WELL_DONE_ANSWER : MSG_WELL_DONE));
    for (int k = 0; k < ns; k++)
        fprintf(out, "    %s\n", ls->items[sol[k]].text);
    record(in, s, ls->nexercises, s->exercise, false);
}

/* Go on with the lesson from s->next_item until its end, an exercise that
 * waits for the learner, a pause the learner stops at, or an error. False
 * with e set when a line failed or, in auto mode, a verification failed
 * (the error itself is printed already). */
static bool run_from(Interp *in, Slot *s, const LessonScript *ls, Mode mode, Err *e) {
    FILE *out = interp_out(in);
    bool blank = true;     /* squash runs of blank lines */
    bool verified = false; /* auto: the current exercise's checks verified */
    char id[16];
    id_text(s, id, sizeof id);
    s->running = true;
    for (int i = s->next_item; i < ls->nitems; i++) {
        const LessonItem *it = &ls->items[i];
        s->next_item = i;
        if (interp_interrupted) {
            s->running = false;
            fprintf(out, M(s, MSG_STOPPED), id);
            fputc('\n', out);
            return true;
        }
        switch (it->kind) {
        case LK_BLANK:
            if (!blank) fputc('\n', out);
            blank = true;
            continue;
        case LK_TEXT: show_prose(out, "", it->text, 0); break;
        case LK_HINT:
        case LK_WRONG: continue;
        case LK_EXERCISE: {
            s->exercise++;
            s->hints_given = 0;
            verified = false;
            char lead[64];
            snprintf(lead, sizeof lead, M(s, MSG_EXERCISE), s->exercise);
            show_prose(out, lead, it->text, 2);
            break;
        }
        case LK_PAUSE:
            if (mode == MODE_PERSON) {
                fflush(out);
                LineSource *src = interp_input(in);
                char *a = src->get(src->ctx, M(s, MSG_PAUSE_PROMPT));
                bool stop = !a || strcmp(skip_ws(a), "q") == 0;
                free(a);
                if (stop) {
                    s->next_item = i + 1;
                    s->running = false;
                    fprintf(out, M(s, MSG_PAUSED), id);
                    fputc('\n', out);
                    return true;
                }
            }
            continue;
        case LK_TRY:
            /* a line that shows an error: its explanation is the point */
            show_code(out, it->text);
            fflush(out);
            run_whole(in, s, it);
            break;
        case LK_SOLUTION:
            if (mode == MODE_PERSON) continue; /* the learner writes this one */
            if (mode == MODE_AUTO && !verified) {
                int ex = i;
                while (ex >= 0 && ls->items[ex].kind != LK_EXERCISE)
                    ex--;
                if (ex >= 0) {
                    Exercise x = exercise_at(ls, ex);
                    verify_exercise(in, s, ls, &x);
                }
                verified = true;
            }
            /* fall through */
        case LK_CODE:
            if (!run_code(in, s, it)) {
                s->running = false;
                if (mode == MODE_PERSON) {
                    fprintf(out, M(s, MSG_STOPPED_ERROR), id);
                    fputc('\n', out);
                    return true;
                }
                err_set(e, ERR_VALUE, "lesson %s stopped at %s line %d", id, s->path, it->line);
                s->active = false;
                return false;
            }
            break;
        case LK_CHECK: {
            int ex = exercise_of_check(ls, i);
            Exercise x = ex >= 0 ? exercise_at(ls, ex) : (Exercise){-1, i, i};
            if (ex >= 0 && mode == MODE_PERSON) {
                /* a value left from before (another lesson, an earlier
                 * try) must not pass the exercise before the learner
                 * answers it */
                forget_answers(in, s, ls, &x);
                s->check_item = i;
                s->next_item = x.last_check + 1;
                s->running = false;
                show_prose(out, "  ", M(s, MSG_YOUR_TURN), 2);
                show_prose(out, "  ", M(s, MSG_YOUR_TURN_MORE), 2);
                fflush(out);
                return true;
            }
            if (ex >= 0 && mode == MODE_AUTO && !verified) {
                verify_exercise(in, s, ls, &x);
                verified = true;
            }
            int n = x.last_check - x.first_check + 1;
            int met = run_checks(in, s, ls, x.first_check, x.last_check, false);
            s->auto_checks += n;
            if (met == n && ex >= 0) passed(in, s, ls, i, mode);
            if (met < n && mode == MODE_AUTO)
                auto_fail(s, "line %d: %s", ls->items[x.first_check].line,
                          ex >= 0 ? "the answer does not pass its checks"
                                  : "a check of the lesson is not met");
            i = x.last_check;
            break;
        }
        }
        blank = false;
    }
    s->running = false;
    lesson_end(in, s, ls, mode);
    return true;
}

/* The pending exercise's checks: run them; when all are met, show the
 * answer and go on. `force`: go on anyway, running the answer first. */
static Value *resume_exercise(Interp *in, Slot *s, bool force, Err *e) {
    LessonScript *ls = lessonfile_read(s->path, e);
    if (!ls) return NULL;
    FILE *out = interp_out(in);
    int ci = s->check_item;
    int ex = ci >= 0 && ci < ls->nitems && ls->items[ci].kind == LK_CHECK
                 ? exercise_of_check(ls, ci)
                 : -1;
    if (ex < 0) {
        lessonfile_free(ls);
        s->active = false;
        return err_set(e, ERR_VALUE, "the lesson file %s changed: start it again", s->path);
    }
    Exercise x = exercise_at(ls, ex);
    int n = x.last_check - x.first_check + 1;
    s->running = true;
    int met = force ? 0 : run_checks(in, s, ls, x.first_check, x.last_check, false);
    s->running = false;
    if (met == n) {
        passed(in, s, ls, ci, MODE_PERSON);
    } else if (!force) {
        int hints[32];
        int nh = parts(ls, &x, LK_HINT, hints, 32);
        char msg[512] = "";
        if (n > 1) snprintf(msg, sizeof msg, M(s, MSG_CHECKS_MET), met, n);
        size_t k = strlen(msg);
        if (nh > s->hints_given)
            snprintf(msg + k, sizeof msg - k, M(s, MSG_NOT_YET_HINTS), nh - s->hints_given);
        else
            snprintf(msg + k, sizeof msg - k, "%s", M(s, MSG_NOT_YET));
        show_prose(out, "  ", msg, 2);
        fflush(out);
        lessonfile_free(ls);
        return NULL;
    } else {
        fprintf(out, "%s\n", M(s, MSG_HERE_IS_ANSWER));
        int sol[32];
        int ns = parts(ls, &x, LK_SOLUTION, sol, 32);
        for (int k = 0; k < ns; k++)
            if (!run_code(in, s, &ls->items[sol[k]])) break;
    }
    s->check_item = -1;
    s->next_item = x.last_check + 1;
    run_from(in, s, ls, MODE_PERSON, e);
    lessonfile_free(ls);
    return NULL;
}

/* Start the lesson in file `path` (named by number / exercise_file) and
 * play it in `mode`. */
static Value *start_path(Interp *in, Slot *s, const char *path, bool exercise_file, int number,
                         Mode mode, Err *e) {
    LessonScript *ls = lessonfile_read(path, e);
    if (!ls) return NULL;
    snprintf(s->path, sizeof s->path, "%s", path);
    s->active = true;
    s->exercise_file = exercise_file;
    s->number = number;
    s->next_item = 0;
    s->check_item = -1;
    s->exercise = 0;
    s->ex_passed = 0;
    s->ex_passed_mask = 0;
    s->auto_checks = s->auto_wrong = 0;
    s->auto_fail[0] = '\0';
    FILE *out = interp_out(in);
    char id[16];
    id_text(s, id, sizeof id);
    if (mode == MODE_AUTO && ls->needs_mnist) {
        const char *dd = interp_data_dir(in);
        char probe[PATH_CAP];
        snprintf(probe, sizeof probe, "%s/t10k-images-idx3-ubyte.gz", dd ? dd : "");
        if (!dd || access(probe, R_OK) != 0) {
            s->auto_skipped++;
            fprintf(out, "auto: %s %s skipped: it needs the MNIST files (--data DIR)\n",
                    exercise_file ? "exercise" : "lesson", id);
            s->active = false;
            lessonfile_free(ls);
            return NULL;
        }
    }
    fprintf(out, M(s, exercise_file ? MSG_TITLE_EX : MSG_TITLE), id, ls->title);
    fputc('\n', out);
    if (mode == MODE_PERSON) record(in, s, ls->nexercises, 0, false); /* begun */
    /* auto mode verifies a lesson as a learner meets it: from no
     * variables (the session's own come back afterwards) */
    Saved before = {0};
    bool saved = mode == MODE_AUTO && save_vars(in, &before);
    if (saved) vars_clear(interp_vars(in));
    bool ok = run_from(in, s, ls, mode, e); /* it reports its own stops */
    if (saved) {
        restore_vars(in, &before);
        saved_free(&before);
    }
    if (mode == MODE_AUTO) {
        if (ok && s->exercise < ls->nexercises)
            auto_fail(s, "only %d of its %d exercises were reached", s->exercise, ls->nexercises);
        if (ok && s->auto_fail[0])
            err_set(e, ERR_VALUE, "auto: %s %s (%s) failed: %s",
                    exercise_file ? "exercise" : "lesson", id, path, s->auto_fail);
        else if (ok)
            fprintf(out,
                    "auto: %s %s ok: %d exercise%s passed, %d wrong answer%s rejected, "
                    "%d check%s\n",
                    exercise_file ? "exercise" : "lesson", id, s->ex_passed,
                    s->ex_passed == 1 ? "" : "s", s->auto_wrong, s->auto_wrong == 1 ? "" : "s",
                    s->auto_checks, s->auto_checks == 1 ? "" : "s");
        s->active = false;
    }
    lessonfile_free(ls);
    return NULL;
}

/* A lesson's name as typed: 3 or e3 (or E3). */
static bool parse_id(const Node *a, bool *exercise, int *number) {
    if (a->kind == N_NUM && a->is_int) {
        if (!(a->num >= 0 && a->num <= 9999)) return false;
        *exercise = false;
        *number = (int)a->num;
        return true;
    }
    const char *w = builtin_cmd_word(a);
    if (!w || (w[0] != 'e' && w[0] != 'E') || !isdigit((unsigned char)w[1])) return false;
    char *end;
    long v = strtol(w + 1, &end, 10);
    if (*end || v > 9999) return false;
    *exercise = true;
    *number = (int)v;
    return true;
}

static Value *start_lesson(Interp *in, Slot *s, const Node *a, Mode mode, Err *e) {
    bool exercise;
    int number;
    if (!parse_id(a, &exercise, &number))
        return err_set_at(e, ERR_VALUE, a->span,
                          "there is no lesson %s (`lesson` lists them: 3 is a lesson, e3 an "
                          "exercise)",
                          a->text ? a->text : "with that name");
    char dir[PATH_CAP], path[PATH_CAP];
    if (!lessons_dir(dir, sizeof dir, e)) return NULL;
    if (!lessonfile_find(dir, lang_of(s), exercise, number, path, sizeof path))
        return err_set_at(e, ERR_VALUE, a->span, "there is no %s %d in %s (`lesson` lists them)",
                          exercise ? "exercise" : "lesson", number, dir);
    return start_path(in, s, path, exercise, number, mode, e);
}

/* `lesson auto`: every lesson and exercise, in auto mode; the first
 * failure ends it. */
static Value *auto_all(Interp *in, Slot *s, Err *e) {
    char dir[PATH_CAP], sub[PATH_CAP];
    if (!lessons_dir(dir, sizeof dir, e)) return NULL;
    int played = 0;
    s->auto_skipped = 0;
    for (int ex = 0; ex < 2; ex++) {
        LessonInfo *v;
        /* the English files name them; each plays in the chosen language */
        int n = lessonfile_scan(lessonfile_subdir(dir, "en", ex, sub, sizeof sub), &v, e);
        if (n < 0) return NULL;
        for (int i = 0; i < n; i++) {
            char path[PATH_CAP];
            if (!lessonfile_find(dir, lang_of(s), ex, v[i].number, path, sizeof path)) continue;
            start_path(in, s, path, ex, v[i].number, MODE_AUTO, e);
            played++;
            if (e->kind != ERR_NONE) {
                lessonfile_infos_free(v, n);
                return NULL;
            }
        }
        lessonfile_infos_free(v, n);
    }
    if (s->auto_skipped)
        fprintf(interp_out(in),
                "auto: %d lessons and exercises ok, %d skipped without the MNIST data (%s)\n",
                played - s->auto_skipped, s->auto_skipped, lang_of(s));
    else
        fprintf(interp_out(in), "auto: all %d lessons and exercises ok (%s)\n", played, lang_of(s));
    return NULL;
}

/* The title of lesson `en` in the language's files v (nl of them), or its
 * English title when that language lacks it. */
static const char *title_in(const LessonInfo *en, const LessonInfo *v, int nl) {
    for (int j = 0; j < nl; j++)
        if (v[j].number == en->number) return v[j].title;
    return en->title;
}

/* One listing section: the files of dir with the learner's progress,
 * titles padded to `width` columns (print false: only measure them, and
 * return the widest). */
static int list_section(FILE *out, Slot *s, const char *dir, const char *endir, bool ex,
                        const Progress *p, int width, bool print) {
    LessonInfo *v, *en = NULL;
    Err e;
    err_clear(&e);
    int n = lessonfile_scan(endir, &en, &e);
    if (n <= 0) {
        lessonfile_infos_free(en, n > 0 ? n : 0);
        return 0;
    }
    int nl = dir ? lessonfile_scan(dir, &v, &e) : -1;
    if (!print) {
        int widest = 0;
        for (int i = 0; i < n; i++) {
            const char *t = title_in(&en[i], v, nl);
            int w = str_display_width(t);
            if (w > widest) widest = w;
        }
        lessonfile_infos_free(en, n);
        if (nl > 0) lessonfile_infos_free(v, nl);
        return widest;
    }
    fprintf(out, "%s\n", M(s, ex ? MSG_LIST_EXERCISES : MSG_LIST_LESSONS));
    for (int i = 0; i < n; i++) {
        const char *t = title_in(&en[i], v, nl);
        const ProgressEntry *pe = progress_find(p, ex, en[i].number);
        char mark[64] = "";
        if (pe && pe->ended && progress_count(pe) >= pe->total)
            snprintf(mark, sizeof mark, "%s", M(s, MSG_MARK_DONE));
        else if (pe && progress_count(pe))
            snprintf(mark, sizeof mark, M(s, MSG_MARK_SOME), progress_count(pe), pe->total);
        else if (pe)
            snprintf(mark, sizeof mark, "%s", M(s, MSG_MARK_BEGUN));
        char num[16];
        snprintf(num, sizeof num, "%s%d", ex ? "e" : "", en[i].number);
        int pad = width - str_display_width(t);
        if (pad < 0 || !mark[0]) pad = 0;
        if (6 + str_display_width(t) + 2 + pad + str_display_width(mark) > shapefix_width())
            fprintf(out, "  %3s  %s\n       %s\n", num, t, mark);
        else
            fprintf(out, "  %3s  %s%*s%s%s\n", num, t, pad, "", mark[0] ? "  " : "", mark);
    }
    lessonfile_infos_free(en, n);
    if (nl > 0) lessonfile_infos_free(v, nl);
    return width;
}

static Value *list_lessons(Interp *in, Slot *s, Err *e) {
    char dir[PATH_CAP], sub[PATH_CAP], ensub[PATH_CAP];
    if (!lessons_dir(dir, sizeof dir, e)) return NULL;
    LessonInfo *v;
    int n = lessonfile_scan(dir, &v, e);
    if (n < 0) return NULL;
    lessonfile_infos_free(v, n);
    if (n == 0) return err_set(e, ERR_IO, "no lessons found: %s has no NN-name.nns files", dir);
    FILE *out = interp_out(in);
    Progress *p = calloc(1, sizeof *p);
    if (!p) return err_set(e, ERR_MEMORY, "out of memory");
    char pbuf[PATH_CAP], note[1400] = "";
    const char *path = progress_path(pbuf, sizeof pbuf);
    if (path) progress_load(path, p, note, sizeof note);
    if (note[0]) fprintf(interp_errf(in), "%s\n", note);
    bool en = strcmp(lang_of(s), "en") == 0;
    int width = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int ex = 0; ex < 2; ex++) {
            const char *d = en ? NULL : lessonfile_subdir(dir, lang_of(s), ex, sub, sizeof sub);
            const char *ed = lessonfile_subdir(dir, "en", ex, ensub, sizeof ensub);
            int w = list_section(out, s, d, ed, ex, p, width, pass == 1);
            if (pass == 0 && w > width) width = w > 50 ? 50 : w;
        }
    free(p);
    char from[PATH_CAP + 64];
    snprintf(from, sizeof from, M(s, MSG_LIST_FROM), dir);
    show_prose(out, "", from, 2);
    char id[16];
    id_text(s, id, sizeof id);
    if (s->active && s->check_item >= 0)
        show_prose(out, "", M(s, MSG_LIST_WAITING), 0);
    else if (s->active)
        show_prose(out, "", M(s, MSG_LIST_PAUSED), 0);
    else
        show_prose(out, "", M(s, MSG_LIST_START), 0);
    return NULL;
}

static Value *cmd_lesson(Interp *in, const Node *call, Err *e) {
    Slot *s = slot_get(in);
    if (!s) return err_set(e, ERR_MEMORY, "out of memory");
    int n = builtin_cmd_nargs(call);
    if (n == 0) return list_lessons(in, s, e);
    if (n > 2)
        return err_set(e, ERR_TYPE,
                       "lesson takes a lesson (3, e3), next, stop, list, "
                       "auto [N] or lang en|zh");
    const Node *a = builtin_cmd_arg(call, 0);
    const char *w = builtin_cmd_word(a);
    if (w && strcmp(w, "lang") == 0) {
        const char *l = n == 2 ? builtin_cmd_word(builtin_cmd_arg(call, 1)) : NULL;
        if (n == 1) {
            fprintf(interp_out(in), "lessons are in %s (`lesson lang en` or `lesson lang zh`)\n",
                    strcmp(lang_of(s), "zh") == 0 ? "Chinese (zh)" : "English (en)");
            return NULL;
        }
        if (!l || (strcmp(l, "en") != 0 && strcmp(l, "zh") != 0))
            return err_set_at(e, ERR_VALUE, builtin_cmd_arg(call, 1)->span,
                              "the lessons are in en (English) and zh (Chinese)");
        snprintf(s->lang, sizeof s->lang, "%s", l);
        return NULL;
    }
    if (s->running)
        return err_set(e, ERR_VALUE, "a lesson is running already: lessons cannot start lessons");
    if (w && strcmp(w, "auto") == 0) {
        if (n == 1) return auto_all(in, s, e);
        return start_lesson(in, s, builtin_cmd_arg(call, 1), MODE_AUTO, e);
    }
    if (n == 2)
        return err_set_at(e, ERR_TYPE, builtin_cmd_arg(call, 1)->span,
                          "lesson takes one word here: a lesson (3, e3), next, stop or list");
    if (a->kind == N_STR) {
        /* a lesson file by its path, played as lessons are */
        const char *base = strrchr(a->str, '/');
        base = base ? base + 1 : a->str;
        bool ex = strstr(a->str, "exercises/") != NULL;
        return start_path(in, s, a->str, ex, atoi(base), mode_of(in, false), e);
    }
    if (w && strcmp(w, "list") == 0) return list_lessons(in, s, e);
    if (w && strcmp(w, "next") == 0) {
        if (!s->active) {
            show_prose(interp_out(in), "", M(s, MSG_NONE_ACTIVE), 0);
            return NULL;
        }
        if (s->check_item >= 0) return resume_exercise(in, s, true, e);
        LessonScript *ls = lessonfile_read(s->path, e);
        if (!ls) return NULL;
        run_from(in, s, ls, mode_of(in, false), e);
        lessonfile_free(ls);
        return NULL;
    }
    if (w && strcmp(w, "stop") == 0) {
        char id[16];
        if (s->active) {
            fprintf(interp_out(in), M(s, MSG_STOP), id_text(s, id, sizeof id));
            fputc('\n', interp_out(in));
        }
        s->active = false;
        s->check_item = -1;
        return NULL;
    }
    if (w && !parse_id(a, &(bool){0}, &(int){0}))
        return err_set_at(e, ERR_VALUE, a->span,
                          "lesson takes a lesson (3, e3), next, stop, list, auto or lang, not "
                          "'%s'",
                          a->text);
    return start_lesson(in, s, a, mode_of(in, false), e);
}

/* The exercise waiting for the learner, read from its file: the script
 * (caller frees) and the exercise; NULL when none waits (a message then
 * says so). */
static LessonScript *waiting(Interp *in, Slot *s, Exercise *x, Err *e) {
    if (!s->active || s->check_item < 0) {
        show_prose(interp_out(in), "", M(s, MSG_NO_EXERCISE), 0);
        return NULL;
    }
    LessonScript *ls = lessonfile_read(s->path, e);
    if (!ls) return NULL;
    int ex = s->check_item < ls->nitems ? exercise_of_check(ls, s->check_item) : -1;
    if (ex < 0) {
        lessonfile_free(ls);
        err_set(e, ERR_VALUE, "the lesson file %s changed: start it again", s->path);
        return NULL;
    }
    *x = exercise_at(ls, ex);
    return ls;
}

/* hint and solution: the session's slot and the exercise waiting, or NULL
 * (a message said why, or e is set). */
static LessonScript *helping(Interp *in, Slot **s, Exercise *x, Err *e) {
    if (!(*s = slot_get(in))) return err_set(e, ERR_MEMORY, "out of memory");
    return waiting(in, *s, x, e);
}

static Value *cmd_hint(Interp *in, const Node *call, Err *e) {
    (void)call;
    Slot *s;
    Exercise x;
    LessonScript *ls = helping(in, &s, &x, e);
    if (!ls) return NULL;
    int hints[32];
    int nh = parts(ls, &x, LK_HINT, hints, 32);
    FILE *out = interp_out(in);
    if (s->hints_given < nh) {
        char lead[64];
        snprintf(lead, sizeof lead, M(s, MSG_HINT), s->hints_given + 1, nh);
        show_prose(out, lead, ls->items[hints[s->hints_given]].text, 4);
        s->hints_given++;
    } else {
        show_prose(out, "  ", M(s, nh ? MSG_NO_MORE_HINTS : MSG_NO_HINTS), 2);
    }
    lessonfile_free(ls);
    return NULL;
}

static Value *cmd_solution(Interp *in, const Node *call, Err *e) {
    (void)call;
    Slot *s;
    Exercise x;
    LessonScript *ls = helping(in, &s, &x, e);
    if (!ls) return NULL;
    int sol[32];
    int ns = parts(ls, &x, LK_SOLUTION, sol, 32);
    FILE *out = interp_out(in);
    fprintf(out, "%s\n", M(s, MSG_SOLUTION));
    for (int k = 0; k < ns; k++)
        fprintf(out, "    %s\n", ls->items[sol[k]].text);
    show_prose(out, "  ", M(s, MSG_SOLUTION_NEXT), 2);
    lessonfile_free(ls);
    return NULL;
}

static Value *cmd_check(Interp *in, const Node *call, Err *e) {
    Slot *s = slot_get(in);
    if (!s) return err_set(e, ERR_MEMORY, "out of memory");
    const Node *expr = NULL;
    if (call->kind == N_RAWCMD) {
        const Node *st = call->nkids ? call->kids[0] : NULL;
        if (st && st->kind == N_ASSIGN)
            return err_set_at(e, ERR_SYNTAX, st->span,
                              "check needs a condition, not an assignment: did you mean ==?");
        if (st && st->kind == N_EXPR)
            expr = st->kids[0];
        else if (st)
            return err_set_at(e, ERR_SYNTAX, st->span, "check needs a condition");
    } else {
        int n = builtin_cmd_nargs(call);
        if (n > 1)
            return err_set(e, ERR_TYPE, "check takes one condition, e.g. check A1.shape == (3,)");
        if (n == 1) expr = builtin_cmd_arg(call, 0);
        if (expr && expr->kind == N_KWARG)
            return err_set_at(e, ERR_SYNTAX, expr->span,
                              "check needs a condition, not a keyword: did you mean ==?");
    }
    if (s->in_lesson_check) {
        /* the lesson's own check line */
        if (!expr) return err_set(e, ERR_SYNTAX, "a lesson's check line needs a condition");
        s->last_ok = s->quiet_check ? check_met(in, expr) : check_condition(in, expr, NULL);
        s->checks_done++;
        return NULL;
    }
    if (s->active && s->check_item >= 0 && !s->running) {
        bool same = !expr;
        if (expr) {
            /* typing one of the exercise's checks counts as `check` */
            Exercise x;
            LessonScript *ls = waiting(in, s, &x, e);
            if (!ls) return NULL;
            char b[512];
            squeeze(expr->text, b, sizeof b);
            for (int i = x.first_check; i <= x.last_check && !same; i++) {
                char a[512];
                squeeze(lessonfile_condition(ls->items[i].text), a, sizeof a);
                size_t la = strlen(a);
                /* `check(X)` in the lesson vs `check X` typed */
                if (la >= 2 && a[0] == '(' && a[la - 1] == ')') {
                    memmove(a, a + 1, la - 2);
                    a[la - 2] = '\0';
                }
                same = strcmp(a, b) == 0;
            }
            lessonfile_free(ls);
        }
        if (same) return resume_exercise(in, s, false, e);
    }
    if (!expr) {
        int ok, notyet;
        check_counts(in, &ok, &notyet);
        fprintf(interp_out(in),
                "Checks so far: %d ok, %d not yet. No exercise is waiting: "
                "`check CONDITION` tests one, `lesson` lists the lessons.\n",
                ok, notyet);
        return NULL;
    }
    check_condition(in, expr, NULL);
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* the table                                                                 */

#define CMD(name, sig, summary, example, f)                                                        \
    { name, "lesson", sig, summary, NULL, NULL, example, 0, -1, NULL, NULL, f }

const Builtin lesson_builtins[] = {
    CMD("check", "check CONDITION",
        "Test your work: prints `ok: CONDITION`, or `not yet: CONDITION (why)`, and counts "
        "both. A comparison passes when every element is true; shapes compare as tuples "
        "(A1.shape == (3,)); matches(answer, reference) compares shape, dtype and values. A "
        "check never stops a script. In a lesson, a bare `check` tests the exercise waiting "
        "for you and goes on when all its checks are met.",
        "check A1.shape == (3,)", cmd_check),
    CMD("hint", "hint",
        "The next hint for the exercise waiting for you; after the last one, `solution` shows "
        "the answer.",
        "hint", cmd_hint),
    CMD("solution", "solution",
        "Show the answer to the exercise waiting for you (type it, or your own, then `check`; "
        "`lesson next` runs it and goes on).",
        "solution", cmd_solution),
    CMD("lesson", "lesson [N | eN | next | stop | auto [N] | lang en|zh]",
        "The course. `lesson` lists the lessons (1, 2 ...) and the shape-debugging exercises "
        "(e1, e2 ...) with your progress; `lesson 3` starts lesson 3, `lesson e4` exercise 4. "
        "Each line shows as `nnsh> ...` with its result; at a `# pause` Enter goes on and q "
        "stops; at an exercise type your answer, then `check`; `hint` and `solution` help, "
        "`lesson next` goes on. `lesson lang zh` switches to Chinese (else $LANG decides). "
        "`lesson auto 3` plays lesson 3 and verifies its exercises: the checks reject the "
        "wrong answers and pass the solution; `lesson auto` does every one. Lessons are read "
        "from $NNSH_LESSONS, else ./lessons, else lessons/ beside nnsh, else the installed "
        "share/nnsh/lessons; progress is kept in ~/.nnsh/progress ($NNSH_PROGRESS).",
        "lesson 1", cmd_lesson),
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL},
};
