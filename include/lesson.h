/* lesson.h - running lessons: the `lesson` and `check` commands.
 *
 * `lesson N` runs lesson N (a script read by lessonfile.h) inside the
 * current session, showing each line as `nnsh> CODE` with its result. A
 * person at the prompt is stopped at pauses and exercises; scripts and pipes
 * run straight through. `check` tests a condition (check.h) and, while an
 * exercise waits, tests that exercise and goes on when it is met.
 *
 * Lesson state (which lesson, where it stopped, the exercise waiting for its
 * check) lives in an extension slot of the session and is freed with it.
 */
#ifndef NNSH_LESSON_H
#define NNSH_LESSON_H

#include <stdbool.h>

#include "registry.h"
#include "interp.h"

/* The table: check, lesson. */
extern const Builtin lesson_builtins[];

/* lesson_active: is a lesson in progress in session `in` (started and not
 * yet ended or stopped)? Its number goes to *number (0 when none; number
 * may be NULL). */
bool lesson_active(Interp *in, int *number);

#endif
