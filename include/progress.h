/* progress.h - the learner's progress through the lessons and exercises,
 * kept in one small text file (~/.nnsh/progress by default).
 *
 * The file has a header line and one line per lesson or exercise begun:
 *   # nnsh progress 1
 *   lesson 3 of=5 passed=1,2,4 ended
 *   exercise 2 of=1 passed=1 ended
 * `of` is how many exercises the file has, `passed` which of them (1-based)
 * were passed, `ended` that the learner reached the end. It is rewritten
 * whole and atomically (fileio.h) after each change. A file that does not
 * read as this format is never fatal: it is set aside as PATH.damaged and
 * the record starts afresh, with a message saying so.
 *
 * Pure but for the two file functions, so the format is unit-tested on
 * strings.
 */
#ifndef NNSH_PROGRESS_H
#define NNSH_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define PROGRESS_MAX 128 /* lessons and exercises recorded at most */

typedef struct ProgressEntry {
    bool exercise;   /* an exercise file (lesson eN), else a lesson */
    int number;      /* N of its file name */
    int total;       /* exercises in the file */
    unsigned passed; /* bit k-1 set: exercise k passed (k <= 32) */
    bool ended;      /* the learner reached the end */
} ProgressEntry;

typedef struct Progress {
    int n;
    ProgressEntry v[PROGRESS_MAX];
} Progress;

/* progress_path: where progress is kept: $NNSH_PROGRESS when set (empty:
 * nowhere, returns NULL), else $HOME/.nnsh/progress (NULL without HOME).
 * Written into buf (size cap). */
const char *progress_path(char *buf, size_t cap);

/* progress_parse: read the text of a progress file into *p (emptied
 * first). Returns 0, or the 1-based number of the first line that does not
 * follow the format (then *p holds the lines before it). */
int progress_parse(const char *text, Progress *p);

/* progress_format: the file's text for *p, in a new string (caller
 * frees); NULL when out of memory. */
char *progress_format(const Progress *p);

/* progress_load: read the file at `path` into *p. A missing file gives an
 * empty record. A damaged or unreadable file gives an empty record too;
 * a damaged one is renamed to PATH.damaged, and `note` (size cap) gets a
 * one-line message for the learner; otherwise note is "". */
void progress_load(const char *path, Progress *p, char *note, size_t cap);

/* progress_save: write *p to `path` atomically, making its directory
 * when missing. false with ERR_IO (the old file is then unchanged). */
bool progress_save(const char *path, const Progress *p, Err *e);

/* progress_entry: the entry of a lesson or exercise, added (empty) when
 * missing; NULL when the record is full. */
ProgressEntry *progress_entry(Progress *p, bool exercise, int number);

/* progress_find: the entry, or NULL when there is none. */
const ProgressEntry *progress_find(const Progress *p, bool exercise, int number);

/* progress_count: how many bits of `passed` are set among the first
 * `total` exercises. */
int progress_count(const ProgressEntry *pe);

#endif
