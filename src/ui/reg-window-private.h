/* reg-window-private.h: what the window's other parts share with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "reg-window.h"

G_BEGIN_DECLS

RegStore *reg_window_get_store            (RegWindow    *self);
/* Takes @toast. */
void      reg_window_add_toast            (RegWindow    *self,
                                           AdwToast     *toast);
void      reg_window_show_error           (RegWindow    *self,
                                           const GError *error);
/* Back to the list, with no card open. */
void      reg_window_close_card           (RegWindow    *self);

/* reg-window-files.c: import, export, backups and a customer's data */
void      reg_window_files_class_init     (GtkWidgetClass *widget_class);
void      reg_window_files_update_actions (RegWindow      *self);
void      reg_window_files_set_up         (RegWindow      *self,
                                           RegApplication *app);

G_END_DECLS
