/* lessonfile.h - lesson scripts as text: reading one into items, and
 * finding the lessons on disk. Pure: nothing here needs a session, so it is
 * unit-tested on strings and a temporary directory.
 *
 * A lesson is a plain nnsh script in lessons/NN-name.nns (so `nnsh FILE`
 * also runs it). Its comment lines are directions for the `lesson` command:
 *   # text            narrative the learner reads (the first one is the title)
 *   #                 an empty narrative line
 *   # pause           wait for Enter (only when a person is typing)
 *   # exercise: text  an exercise; it ends at the next `check` line
 *   # hint: text      shown when that exercise's check is not met yet
 *   # try: CODE       a mistake to show: the lesson runs CODE and prints its
 *                     error without stopping (a plain script skips it)
 *   # wrong: CODE     a plausible wrong answer to the exercise: never shown;
 *                     `--auto` runs it and requires the checks to reject it
 *   CODE  # solution  the answer: run by scripts, held back from a person
 *   check COND        a test; the checks right after an exercise are its
 *                     checks, all of which must be met
 *   # needs: mnist    the lesson reads the MNIST files (not an item)
 * Comments without a space after '#' (#!, #---) are ignored; every other
 * line is code, shown as `nnsh> CODE` and run. A code line ending in ':'
 * (def, for, if ...) takes the indented lines after it as its block.
 */
#ifndef NNSH_LESSONFILE_H
#define NNSH_LESSONFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

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
    LK_WRONG,    /* "# wrong: CODE": a wrong answer the checks must reject */
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
    bool needs_mnist; /* "# needs: mnist" */
} LessonScript;

/* --- reading a lesson ------------------------------------------------------ */

/* lessonfile_parse: split a lesson's text into items (the title line is not
 * an item). Returns a new script (free with lessonfile_free), or NULL with
 * ERR_MEMORY. Never fails on odd text: a line that is not a direction is
 * code, and errors in it show when it runs. */
LessonScript *lessonfile_parse(const char *text, Err *e);
void lessonfile_free(LessonScript *s);

/* lessonfile_read: read the file at `path` (up to 4 MB) and parse it.
 * NULL with ERR_IO when it cannot be opened, ERR_MEMORY when out of
 * memory. */
LessonScript *lessonfile_read(const char *path, Err *e);

/* lessonfile_condition: the condition of a check item's text, after the
 * word check and any blanks ("A1.shape == (3,)" for "check A1.shape ==
 * (3,)", "(y > 0)" for "check(y > 0)"). Borrowed from `check_text`. */
const char *lessonfile_condition(const char *check_text);

/* --- finding lessons --------------------------------------------------------- */

typedef struct LessonInfo {
    int number;  /* the file name's leading digits */
    char *title; /* owned */
    char *path;  /* owned: dir/file */
} LessonInfo;

/* lessonfile_dir: the lessons directory: $NNSH_LESSONS when set (even if
 * it does not exist), else ./lessons, else lessons/ beside the nnsh binary,
 * else ../share/nnsh/lessons from the binary's directory (where `make
 * install` puts them; the binary's real location, links resolved, so an
 * installed nnsh finds them from any directory). Writes it into buf (size
 * cap) and returns buf, or NULL when none exists; then buf holds the places
 * looked at, for the message. */
const char *lessonfile_dir(char *buf, size_t cap);

/* lessonfile_scan: the NN-*.nns files of `dir`, sorted by number, in a new
 * array *out (free with lessonfile_infos_free). Returns the count, or -1
 * with ERR_IO when dir cannot be read. */
int lessonfile_scan(const char *dir, LessonInfo **out, Err *e);
void lessonfile_infos_free(LessonInfo *v, int n);

/* lessonfile_looks_like: is the file at `path` a lesson: named NN-name.nns
 * with a title comment ("# ...") on its first line? */
bool lessonfile_looks_like(const char *path);

/* lessonfile_id_ok: is `id` a lesson's name as typed: 3 or e3? */
bool lessonfile_id_ok(const char *id);

/* lessonfile_find: the file of lesson `number` (exercise: exercises/NN-*)
 * under the lessons directory `dir`, in language `lang` ("en", "zh"): for
 * "zh" the file under dir/zh/ when there is one, else the English one.
 * Writes its path into buf (size cap); false when there is no such file. */
bool lessonfile_find(const char *dir, const char *lang, bool exercise, int number, char *buf,
                     size_t cap);

/* lessonfile_subdir: dir/sub[/exercises] into buf, for scanning the
 * exercises (sub "" for English) or a language's files. */
const char *lessonfile_subdir(const char *dir, const char *lang, bool exercise, char *buf,
                              size_t cap);

#endif
