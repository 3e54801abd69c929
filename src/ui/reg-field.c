/* reg-field.c: a form field marked as holding what cannot be saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "reg-field.h"

/* Red for the eye, "invalid" for a screen reader; FALSE undoes both.
 * The dialogs say in words what is wrong next to the field. */
void
reg_field_mark_invalid (GtkWidget *field,
                        gboolean   invalid)
{
  g_return_if_fail (GTK_IS_WIDGET (field));

  if (invalid)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
    }
}
