/* init.c - the list of libraries: every table of built-ins, in the order
 * that decides which wins a name defined twice (see init.h). */
#include "init.h"

#include "book.h"
#include "check.h"
#include "commands.h"
#include "evaluate.h"
#include "files.h"
#include "fixes.h"
#include "lesson.h"
#include "mnist.h"
#include "numpy.h"
#include "plot_view.h"
#include "plotcmd.h"
#include "python.h"
#include "show.h"
#include "trace.h"

/* Earlier tables win a name: trace's `forward` (the per-layer table) is the
 * one in force. */
static const Builtin *const kLibs[] = {
    lesson_builtins,   check_builtins,  trace_builtins,   mnist_builtins, files_builtins,
    evaluate_builtins, book_builtins,   show_builtins,    plot_builtins,  plotview_builtins,
    numpy_builtins,    command_builtins,
};

bool nnsh_open_libs(Interp *in) {
    Registry *r = interp_registry(in);
    interp_set_reporter(in, fixes_report);
    for (size_t i = 0; i < sizeof kLibs / sizeof kLibs[0]; i++)
        if (!reg_add(r, kLibs[i])) return false;
    return reg_add_python(r, python_builtins) && reg_add_methods(r, numpy_methods);
}

Interp *nnsh_new(FILE *out, FILE *err) {
    Interp *in = interp_new(out, err);
    if (in && !nnsh_open_libs(in)) {
        interp_free(in);
        return NULL;
    }
    return in;
}
