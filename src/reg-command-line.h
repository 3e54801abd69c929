/* reg-command-line.h: what `regulars --search` and friends print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

void     reg_command_line_add_options (GApplication            *app);
gboolean reg_command_line_wants_store_only (GVariantDict       *options);
void     reg_command_line_fix_arguments (char                  **argv);
int      reg_command_line_run         (RegStore                *store,
                                       GApplicationCommandLine *cmdline,
                                       GVariantDict            *options,
                                       gint64                   staff_id);

G_END_DECLS
