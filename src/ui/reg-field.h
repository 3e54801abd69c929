/* reg-field.h: a form field marked as holding what cannot be saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void reg_field_mark_invalid (GtkWidget *field,
                             gboolean   invalid);

/* A form's one error at a time: @box holding @label shows the message,
 * and *@marked remembers the field marked for it. */
void reg_field_clear_error (GtkWidget  *box,
                            GtkLabel   *label,
                            GtkWidget **marked);
void reg_field_show_error  (GtkWidget  *box,
                            GtkLabel   *label,
                            GtkWidget **marked,
                            GtkWidget  *field,
                            const char *message);

G_END_DECLS
