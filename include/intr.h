/* intr.h - the Ctrl-C flag: the lowest module of nnsh, so the kernels can
 * stop long work without knowing about sessions.
 *
 * The terminal front end's SIGINT handler sets interp_interrupted; anything
 * that can run longer than about 50 ms polls intr_pending() between blocks
 * and, when it is set, releases what it made and fails with ERR_INTERRUPT
 * (no result, nothing changed). interp_run clears the flag when a statement
 * starts and reports the interruption once.
 */
#ifndef NNSH_INTR_H
#define NNSH_INTR_H

#include <signal.h>
#include <stdbool.h>

/* interp_interrupted: set (to 1) by the SIGINT handler; the only writable
 * global besides the memory budget's counters. */
extern volatile sig_atomic_t interp_interrupted;

/* intr_pending: has the user asked to stop? One load of a volatile flag:
 * cheap enough to call every few thousand elements. */
static inline bool intr_pending(void) {
    return interp_interrupted != 0;
}

#endif
