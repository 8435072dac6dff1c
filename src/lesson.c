/* lesson.c - running lessons (see lesson.h): the `lesson` command, and the
 * `check` command, which in a lesson tests the exercise waiting for the
 * learner. Reading lesson files is lessonfile.c's job; judging a condition
 * is check.c's.
 *
 * Flow of an exercise in a session where a person types:
 *   lesson 5  ->  narrative, code ... "exercise 1: ..."  -> back at the prompt
 *   (the learner types attempts)
 *   check     ->  "not yet: ... (why)" + hints, stays; or "ok: ..." and the
 *                 lesson goes on to the next exercise or its end
 *   lesson next -> the check once more; if still not met, one answer is
 *                 shown and run, and the lesson goes on
 * In a script or a pipe nothing waits: solution lines run and each check
 * is reported as it comes. "# try: CODE" lines show a mistake: the lesson
 * runs them and prints their error without stopping (a plain script skips
 * them, being comments).
 */
#include "lesson.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lessonfile.h"
#include "sbuf.h"
#include "shapefix.h"

/* ------------------------------------------------------------------------ */
/* per-session state                                                         */

#define PATH_CAP 1024

/* A session's lesson in progress, kept in an extension slot of the session
 * (no heap memory inside: the slot is freed with a plain free()). */
typedef struct Slot {
    /* the lesson in progress (number 0: none) */
    int number;
    char path[PATH_CAP];
    int next_item;  /* where `lesson next` goes on */
    int check_item; /* the exercise's check waiting, -1 none */
    int exercise;   /* number of the current exercise (1-based) */
    int ex_passed;
    bool running; /* a lesson's lines are running now */
    /* set while a lesson's own check line runs */
    bool in_lesson_check;
    char hint[1024];
    bool last_ok;
    int checks_done;
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
    if (number) *number = s ? s->number : 0;
    return s && s->number;
}

static const char *skip_ws(const char *s) {
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* ------------------------------------------------------------------------ */
/* running a lesson                                                          */

static bool person_typing(Interp *in) {
    LineSource *ls = interp_input(in);
    return ls && ls->interactive && ls->get;
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

/* Show and run one piece of code; false when it failed (error printed). */
static bool run_code(Interp *in, Slot *s, const LessonItem *it) {
    FILE *out = interp_out(in);
    show_code(out, it->text);
    fflush(out);
    RunStatus r = interp_run(in, it->text, s->path, it->line);
    return r == RUN_OK;
}

/* The hints of the exercise whose check is item `ci`: the "# hint:" lines
 * between it and the exercise line before it, as "  hint: ..." lines. */
static void gather_hints(const LessonScript *ls, int ci, char *buf, size_t cap) {
    buf[0] = '\0';
    int start = ci - 1;
    while (start >= 0 && ls->items[start].kind != LK_EXERCISE && ls->items[start].kind != LK_CHECK)
        start--;
    size_t len = 0;
    for (int i = start + 1; i < ci; i++) {
        if (ls->items[i].kind != LK_HINT) continue;
        int w = snprintf(buf + len, cap - len, "  hint: %s\n", ls->items[i].text);
        if (w < 0 || (size_t)w >= cap - len) break;
        len += (size_t)w;
    }
}

/* Run the check line of item ci as a statement, with its hints; true when
 * it was met. */
static bool run_lesson_check(Interp *in, Slot *s, const LessonScript *ls, int ci) {
    gather_hints(ls, ci, s->hint, sizeof s->hint);
    s->in_lesson_check = true;
    s->last_ok = false;
    int before = s->checks_done;
    interp_run(in, ls->items[ci].text, s->path, ls->items[ci].line);
    s->in_lesson_check = false;
    s->hint[0] = '\0';
    return s->checks_done > before && s->last_ok;
}

/* The solution lines of the exercise whose check is item ci. */
static int solutions_before(const LessonScript *ls, int ci, int *idx, int max) {
    int n = 0;
    for (int i = ci - 1; i >= 0 && ls->items[i].kind != LK_EXERCISE; i--)
        if (ls->items[i].kind == LK_SOLUTION && n < max) idx[n++] = i;
    /* they were collected backwards */
    for (int a = 0, b = n - 1; a < b; a++, b--) {
        int t = idx[a];
        idx[a] = idx[b];
        idx[b] = t;
    }
    return n;
}

/* "== end of lesson N: X of Y exercises passed. Next: lesson M, TITLE ==",
 * or, when that passes the terminal's width, the banner without the next
 * lesson and "Next: ..." on a line of its own. */
static void lesson_end(Interp *in, Slot *s, const LessonScript *ls) {
    FILE *out = interp_out(in);
    char head[128], next[512] = "";
    snprintf(head, sizeof head, "== end of lesson %d", s->number);
    if (ls->nexercises) {
        size_t k = strlen(head);
        snprintf(head + k, sizeof head - k, ": %d of %d exercise%s passed", s->ex_passed,
                 ls->nexercises, ls->nexercises == 1 ? "" : "s");
    }
    char dir[PATH_CAP];
    LessonInfo *v = NULL;
    Err e;
    err_clear(&e);
    int n = lessonfile_dir(dir, sizeof dir) ? lessonfile_scan(dir, &v, &e) : 0;
    for (int i = 0; i < n; i++)
        if (v[i].number > s->number) {
            str_fmt(next, sizeof next, "Next: lesson %d, %s", v[i].number, v[i].title);
            break;
        }
    lessonfile_infos_free(v, n > 0 ? n : 0);
    if (!next[0])
        fprintf(out, "%s ==\n", head);
    else if (str_display_width(head) + str_display_width(next) + 5 <= shapefix_width())
        fprintf(out, "%s. %s ==\n", head, next);
    else {
        fprintf(out, "%s ==\n", head);
        show_prose(out, "", next, 2);
    }
    fflush(out);
    s->number = 0;
    s->check_item = -1;
}

/* Go on with the lesson from s->next_item until its end, an exercise that
 * waits for the learner, a pause the learner stops at, or an error. False
 * with e set when a line failed (the error itself is printed already). */
static bool run_from(Interp *in, Slot *s, const LessonScript *ls, Err *e) {
    FILE *out = interp_out(in);
    bool person = person_typing(in);
    bool blank = true; /* squash runs of blank lines */
    s->running = true;
    for (int i = s->next_item; i < ls->nitems; i++) {
        const LessonItem *it = &ls->items[i];
        s->next_item = i;
        if (interp_interrupted) {
            s->running = false;
            fprintf(out, "(lesson %d stopped: `lesson next` goes on)\n", s->number);
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
            char lead[32];
            snprintf(lead, sizeof lead, "exercise %d: ", s->exercise);
            show_prose(out, lead, it->text, 2);
            break;
        }
        case LK_PAUSE:
            if (person) {
                fflush(out);
                LineSource *src = interp_input(in);
                char *a = src->get(src->ctx, "  -- Enter: go on, q: stop here -- ");
                bool stop = !a || strcmp(skip_ws(a), "q") == 0;
                free(a);
                if (stop) {
                    s->next_item = i + 1;
                    s->running = false;
                    fprintf(out, "(lesson %d paused: `lesson next` goes on)\n", s->number);
                    return true;
                }
            }
            continue;
        case LK_TRY:
            /* a line that shows an error: its explanation is the point */
            show_code(out, it->text);
            fflush(out);
            interp_run(in, it->text, s->path, it->line);
            break;
        case LK_SOLUTION:
            if (person) continue; /* the learner writes this one */
            /* fall through */
        case LK_CODE:
            if (!run_code(in, s, it)) {
                s->running = false;
                if (person) {
                    fprintf(out,
                            "(lesson %d stopped at the error above: `lesson next` tries "
                            "that line again)\n",
                            s->number);
                    return true;
                }
                err_set(e, ERR_VALUE, "lesson %d stopped at %s line %d", s->number, s->path,
                        it->line);
                s->number = 0;
                return false;
            }
            break;
        case LK_CHECK: {
            bool exercise = false;
            for (int j = i - 1; j >= 0 && ls->items[j].kind != LK_CHECK; j--)
                if (ls->items[j].kind == LK_EXERCISE) {
                    exercise = true;
                    break;
                }
            if (exercise && person) {
                s->check_item = i;
                s->next_item = i + 1;
                s->running = false;
                const char *c = lessonfile_condition(it->text);
                char turn[1024];
                str_fmt(turn, sizeof turn,
                        "type your answer, then `check` to test it (it checks: %s).", c);
                show_prose(out, "  Your turn: ", turn, 4);
                fprintf(out, "  `lesson next` shows one answer and goes on.\n");
                fflush(out);
                return true;
            }
            if (run_lesson_check(in, s, ls, i) && exercise) s->ex_passed++;
            break;
        }
        }
        blank = false;
    }
    s->running = false;
    lesson_end(in, s, ls);
    return true;
}

/* The pending exercise's check: run it; when met, show the answer and go
 * on. `force`: go on anyway, running one answer first. */
static Value *resume_exercise(Interp *in, Slot *s, bool force, Err *e) {
    LessonScript *ls = lessonfile_read(s->path, e);
    if (!ls) return NULL;
    FILE *out = interp_out(in);
    int ci = s->check_item;
    if (ci < 0 || ci >= ls->nitems || ls->items[ci].kind != LK_CHECK) {
        lessonfile_free(ls);
        s->number = 0;
        return err_set(e, ERR_VALUE, "the lesson file %s changed: start it again with `lesson %d`",
                       s->path, s->number);
    }
    s->running = true;
    bool ok = run_lesson_check(in, s, ls, ci);
    s->running = false;
    int sol[16];
    int ns = solutions_before(ls, ci, sol, 16);
    if (ok) {
        s->ex_passed++;
        if (ns) {
            fprintf(out, "  well done. The lesson's answer was:\n");
            for (int k = 0; k < ns; k++)
                fprintf(out, "    %s\n", ls->items[sol[k]].text);
        }
    } else if (!force) {
        fprintf(out, "  try again, then `check` (or `lesson next` to see one answer)\n");
        fflush(out);
        lessonfile_free(ls);
        return NULL;
    } else {
        fprintf(out, "  here is one answer:\n");
        for (int k = 0; k < ns; k++)
            if (!run_code(in, s, &ls->items[sol[k]])) break;
    }
    s->check_item = -1;
    s->next_item = ci + 1;
    run_from(in, s, ls, e);
    lessonfile_free(ls);
    return NULL;
}

static Value *start_lesson(Interp *in, Slot *s, int number, Err *e) {
    char dir[PATH_CAP];
    if (!lessonfile_dir(dir, sizeof dir))
        return err_set(e, ERR_IO, "no lessons found: looked in %s", dir);
    LessonInfo *v;
    int n = lessonfile_scan(dir, &v, e);
    if (n < 0) return NULL;
    const LessonInfo *li = NULL;
    for (int i = 0; i < n; i++)
        if (v[i].number == number) li = &v[i];
    if (!li) {
        lessonfile_infos_free(v, n);
        return err_set(e, ERR_VALUE, "there is no lesson %d in %s (`lesson` lists them)", number,
                       dir);
    }
    snprintf(s->path, sizeof s->path, "%s", li->path);
    lessonfile_infos_free(v, n);
    LessonScript *ls = lessonfile_read(s->path, e);
    if (!ls) return NULL;
    s->number = number;
    s->next_item = 0;
    s->check_item = -1;
    s->exercise = 0;
    s->ex_passed = 0;
    FILE *out = interp_out(in);
    fprintf(out, "== lesson %d: %s ==\n", number, ls->title);
    run_from(in, s, ls, e); /* it reports its own stops; e says if it failed */
    lessonfile_free(ls);
    return NULL;
}

static Value *list_lessons(Interp *in, Slot *s, Err *e) {
    char dir[PATH_CAP];
    if (!lessonfile_dir(dir, sizeof dir))
        return err_set(e, ERR_IO, "no lessons found: looked in %s", dir);
    LessonInfo *v;
    int n = lessonfile_scan(dir, &v, e);
    if (n < 0) return NULL;
    FILE *out = interp_out(in);
    if (n == 0) {
        lessonfile_infos_free(v, n);
        return err_set(e, ERR_IO, "no lessons found: %s has no NN-name.nns files", dir);
    }
    fprintf(out, "lessons in %s:\n", dir);
    for (int i = 0; i < n; i++)
        fprintf(out, "  %2d  %s\n", v[i].number, v[i].title);
    lessonfile_infos_free(v, n);
    if (s && s->number && s->check_item >= 0)
        fprintf(out,
                "Lesson %d is waiting for exercise %d: `check` tests your answer, "
                "`lesson next` skips it.\n",
                s->number, s->exercise);
    else if (s && s->number)
        fprintf(out, "Lesson %d is paused: `lesson next` goes on.\n", s->number);
    else
        fprintf(out, "`lesson N` starts lesson N.\n");
    return NULL;
}

static Value *cmd_lesson(Interp *in, const Node *call, Err *e) {
    Slot *s = slot_get(in);
    if (!s) return err_set(e, ERR_MEMORY, "out of memory");
    int n = builtin_cmd_nargs(call);
    if (n == 0) return list_lessons(in, s, e);
    if (n > 1) return err_set(e, ERR_TYPE, "lesson takes one word: a number, next, stop or list");
    if (s->running)
        return err_set(e, ERR_VALUE, "a lesson is running already: lessons cannot start lessons");
    const Node *a = builtin_cmd_arg(call, 0);
    const char *w = builtin_cmd_word(a);
    if (a->kind == N_NUM && a->is_int) {
        if (!(a->num >= 0 && a->num <= 9999)) /* (int) of 1e20 would be undefined */
            return err_set_at(e, ERR_VALUE, a->span, "there is no lesson %s (`lesson` lists them)",
                              a->text ? a->text : "with that number");
        return start_lesson(in, s, (int)a->num, e);
    }
    if (w && strcmp(w, "list") == 0) return list_lessons(in, s, e);
    if (w && strcmp(w, "next") == 0) {
        if (!s->number) {
            fprintf(interp_out(in), "No lesson in progress: `lesson` lists them, `lesson 1` "
                                    "starts the first.\n");
            return NULL;
        }
        if (s->check_item >= 0) return resume_exercise(in, s, true, e);
        LessonScript *ls = lessonfile_read(s->path, e);
        if (!ls) return NULL;
        run_from(in, s, ls, e);
        lessonfile_free(ls);
        return NULL;
    }
    if (w && strcmp(w, "stop") == 0) {
        if (s->number) fprintf(interp_out(in), "Lesson %d stopped.\n", s->number);
        s->number = 0;
        s->check_item = -1;
        return NULL;
    }
    return err_set_at(e, ERR_VALUE, a->span, "lesson takes a number, next, stop or list, not '%s'",
                      a->text);
}

/* Text with spaces taken out, for comparing a typed check with a lesson's. */
static void squeeze(const char *s, char *out, size_t cap) {
    size_t n = 0;
    for (; *s && n + 1 < cap; s++)
        if (!isspace((unsigned char)*s)) out[n++] = *s;
    out[n] = '\0';
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
        s->last_ok = check_condition(in, expr, s->hint);
        s->checks_done++;
        return NULL;
    }
    if (s->number && s->check_item >= 0 && !s->running) {
        bool same = !expr;
        if (expr) {
            /* typing the lesson's check itself counts as `check` */
            LessonScript *ls = lessonfile_read(s->path, e);
            if (!ls) return NULL;
            char a[512], b[512];
            const char *c = s->check_item < ls->nitems ? ls->items[s->check_item].text : "";
            squeeze(lessonfile_condition(c), a, sizeof a);
            squeeze(expr->text, b, sizeof b);
            size_t la = strlen(a);
            /* `check(X)` in the lesson vs `check X` typed */
            if (la >= 2 && a[0] == '(' && a[la - 1] == ')') {
                memmove(a, a + 1, la - 2);
                a[la - 2] = '\0';
            }
            same = strcmp(a, b) == 0;
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
        "Test your work: prints `ok: CONDITION`, or `not yet: CONDITION (why)` with a hint, and "
        "counts both. A comparison passes when every element is true; shapes compare as tuples "
        "(A1.shape == (3,)); use allclose for floats. A check never stops a script. In a lesson, "
        "a bare `check` tests the exercise waiting for you and goes on when it is met.",
        "check A1.shape == (3,)", cmd_check),
    CMD("lesson", "lesson [N | next | stop]",
        "Lessons that follow the chapter. `lesson` lists them; `lesson N` runs lesson N here, "
        "showing each line as `nnsh> ...` with its result. A person at the prompt is stopped at "
        "`# pause` (Enter goes on, q stops) and at each exercise: type your answer, then "
        "`check`; `lesson next` goes on after a pause, or skips an exercise after showing one "
        "answer. Scripts and pipes run straight through; a `# try: LINE` in a lesson runs a "
        "line whose error is worth reading, without stopping. Lessons are read from $NNSH_LESSONS, "
        "else ./lessons, else lessons/ beside nnsh; `nnsh lessons/01-....nns` runs one as a "
        "plain script.",
        "lesson 1", cmd_lesson),
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL},
};
