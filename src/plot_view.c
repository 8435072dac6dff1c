/* plot_view.c - the network views (see plot_view.h). */
#include "plot_view.h"

Value *plotview_cmd_weights(Interp *in, const Node *call, Err *e) {
    (void)in;
    return err_set_at(e, ERR_VALUE, call->span, "not yet");
}
Value *plotview_cmd_activations(Interp *in, const Node *call, Err *e) {
    (void)in;
    return err_set_at(e, ERR_VALUE, call->span, "not yet");
}
Value *plotview_cmd_surface(Interp *in, const Node *call, Err *e) {
    (void)in;
    return err_set_at(e, ERR_VALUE, call->span, "not yet");
}
