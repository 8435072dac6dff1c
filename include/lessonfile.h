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
 *   CODE  # solution  the answer: run by scripts, held back from a person
 *   check COND        the exercise's test
 * Comments without a space after '#' (#!, #---) are ignored; every other
 * line is code, shown as `nnsh> CODE` and run.
 */
#ifndef NNSH_LESSONFILE_H
#define NNSH_LESSONFILE_H

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

#endif
