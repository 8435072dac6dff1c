/* evaluate.h - the chapter's last step: the network (net.h) on the 10,000
 * test images, the two ways the book runs it, and what it got wrong.
 *
 *   evaluate              one image at a time, as the book's first loop
 *   evaluate batch=100    in batches, as its second; `evaluate both` runs both
 *   confusion             the confusion matrix of the last evaluate
 *   misses [N]            the images it got wrong
 *   timing on|off         show or hide the timing lines
 *
 * Each prints the book's "Accuracy:0.9352" line, and (unless `timing off`)
 * the time, speed and peak memory. The results and the timing setting belong
 * to the session.
 */
#ifndef NNSH_EVALUATE_H
#define NNSH_EVALUATE_H

#include <stdbool.h>

#include "interp.h"
#include "registry.h"

/* The commands (CommandFn, see registry.h). */
Value *evaluate_cmd_evaluate(Interp *in, const Node *call, Err *e);
Value *evaluate_cmd_confusion(Interp *in, const Node *call, Err *e);
Value *evaluate_cmd_misses(Interp *in, const Node *call, Err *e);
Value *evaluate_cmd_timing(Interp *in, const Node *call, Err *e);

/* evaluate_timing: false after `timing off` in this session (timing lines
 * are left out, for transcripts whose output must not vary). */
bool evaluate_timing(Interp *in);

/* The table of evaluate's built-ins; init.c registers it. */
extern const Builtin evaluate_builtins[];

#endif
