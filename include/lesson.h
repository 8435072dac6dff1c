/* lesson.h - lessons and exercises: `check`, `lesson`, and np.allclose.
 *
 * A lesson is a plain nnsh script in lessons/NN-name.nns (so `nnsh FILE`
 * also runs it). The `lesson` command runs one inside the current session
 * and reads its comment lines as directions:
 *   # text            narrative the learner reads (the first one is the title)
 *   #                 an empty narrative line
 *   # pause           wait for Enter (only when a person is typing)
 *   # exercise: text  an exercise; it ends at the next `check` line
 *   # hint: text      shown when that exercise's check is not met yet
 *   # try: CODE       a mistake to show: the lesson runs CODE and prints its
 *                     error without stopping (a plain script skips it)
 *   CODE  # solution  the answer: run by scripts, held back from a person
 *   check COND        the exercise's test
 * Comments without a space after '#' (#!, #---) are ignored; every other
 * line is code, shown as `nnsh> CODE` and run.
 *
 * Lesson state (which lesson, where it stopped, the exercise waiting for its
 * check, the tallies) lives in an extension slot of the session and is
 * freed with it.
 */
#ifndef NNSH_LESSON_H
#define NNSH_LESSON_H

#include <stdbool.h>
#include <stddef.h>

#include "arr.h"
#include "builtins.h"
#include "interp.h"

/* The table: check, lesson, allclose, isclose. */
extern const Builtin lesson_builtins[];

/* --- parsing a lesson ------------------------------------------------------ */

typedef enum LessonKind {
    LK_TEXT,     /* narrative line (text without "# ") */
    LK_BLANK,    /* an empty source line */
    LK_CODE,     /* statement(s) to show and run (several lines if brackets
                    stay open) */
    LK_SOLUTION, /* code marked "# solution" (text has the marker removed) */
    LK_PAUSE,    /* "# pause" */
    LK_EXERCISE, /* "# exercise: text" (text after the colon) */
    LK_HINT,     /* "# hint: text" */
    LK_TRY,      /* "# try: CODE": run, an error is shown, not fatal */
    LK_CHECK     /* a line starting with the word check (text: the line) */
} LessonKind;

typedef struct LessonItem {
    LessonKind kind;
    int line;   /* 1-based line of the item's first line */
    char *text; /* owned */
} LessonItem;

typedef struct LessonScript {
    char *title; /* the first narrative line; "" when none (owned) */
    int nitems;
    LessonItem *items; /* owned */
    int nexercises;
} LessonScript;

/* lesson_parse: split a lesson's text into items (the title line is not an
 * item). Returns a new script (free with lesson_script_free), or NULL with
 * ERR_MEMORY. Never fails on odd text: a line that is not a direction is
 * code, and errors in it show when it runs. */
LessonScript *lesson_parse(const char *text, Err *e);
void lesson_script_free(LessonScript *s);

/* --- finding lessons --------------------------------------------------------- */

typedef struct LessonInfo {
    int number;  /* the file name's leading digits */
    char *title; /* owned */
    char *path;  /* owned: dir/file */
} LessonInfo;

/* lesson_dir: the lessons directory: $NNSH_LESSONS when set (even if it
 * does not exist), else ./lessons, else lessons/ beside the nnsh binary.
 * Writes it into buf (size cap) and returns buf, or NULL when none exists;
 * then buf holds the places looked at, for the message. */
const char *lesson_dir(char *buf, size_t cap);

/* lesson_scan: the NN-*.nns files of `dir`, sorted by number, in a new
 * array *out (free with lesson_infos_free). Returns the count, or -1 with
 * ERR_IO when dir cannot be read. */
int lesson_scan(const char *dir, LessonInfo **out, Err *e);
void lesson_infos_free(LessonInfo *v, int n);

/* --- checks ------------------------------------------------------------------ */

/* lesson_check: evaluate condition `expr` in session `in` and print
 * "ok: TEXT" or "not yet: TEXT  (why)" (then "  hint: ..." for `hint`,
 * which may be NULL) on the session's output; counts the result. Never an
 * error: a condition that fails to evaluate is "not yet" with the error's
 * message. A comparison passes when every element compares true; tuples
 * (shapes) compare item by item as in Python. Returns true when met. */
bool lesson_check(Interp *in, const Node *expr, const char *hint);

/* lesson_counts: the session's checks so far, met and not yet. */
void lesson_counts(Interp *in, int *ok, int *notyet);

/* lesson_isclose: NumPy 1.24's np.isclose(a, b, rtol, atol, equal_nan):
 * |a - b| <= atol + rtol * |b| element by element after broadcasting, inf
 * equal only to the same inf, nan equal to nothing (to nan when equal_nan).
 * Computed in float32 when b is float32 (and a fits), else float64, as
 * NumPy does. A bool array of the broadcast shape (caller owns), or NULL
 * with a shape error when a and b do not broadcast. */
Array *lesson_isclose(const Array *a, const Array *b, double rtol, double atol, bool equal_nan,
                      Err *e);
/* lesson_allclose: all of lesson_isclose; false with e set on a shape
 * error (then *out is false too). */
bool lesson_allclose(const Array *a, const Array *b, double rtol, double atol, bool equal_nan,
                     bool *out, Err *e);

#endif
