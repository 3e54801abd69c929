/* reg-field.h: a form field marked as holding what cannot be saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void reg_field_mark_invalid (GtkWidget *field,
                             gboolean   invalid);

G_END_DECLS
