/* reg-autostart.h: starting Regulars at login, for the reminders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean reg_autostart_is_enabled        (GSettings           *settings);
void     reg_autostart_set_enabled_async (GSettings           *settings,
                                          gboolean             enabled,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean reg_autostart_set_enabled_finish (GAsyncResult       *result,
                                           GError            **error);
char    *reg_autostart_get_path          (void);

G_END_DECLS
