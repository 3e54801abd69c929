/* reg-staff-choices.h: the staff offered in a "who" combo row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

guint    reg_staff_choices_fill  (RegStore      *store,
                                  gint64         wanted,
                                  GtkStringList *names,
                                  GArray        *ids);
gboolean reg_staff_choices_find  (GArray        *ids,
                                  gint64         id,
                                  guint         *position);
gint64   reg_staff_choices_id_at (GArray        *ids,
                                  guint          position);

G_END_DECLS
