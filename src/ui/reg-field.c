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

void
reg_field_clear_error (GtkWidget  *box,
                       GtkLabel   *label,
                       GtkWidget **marked)
{
  if (*marked != NULL)
    reg_field_mark_invalid (*marked, FALSE);
  *marked = NULL;
  gtk_widget_set_visible (box, FALSE);
  gtk_label_set_text (label, "");
}

/* Says what is wrong, on the field it is about when there is one (NULL
 * for none), and puts the focus there; what was typed stays as it was. */
void
reg_field_show_error (GtkWidget  *box,
                      GtkLabel   *label,
                      GtkWidget **marked,
                      GtkWidget  *field,
                      const char *message)
{
  reg_field_clear_error (box, label, marked);

  gtk_label_set_text (label, message);
  gtk_widget_set_visible (box, TRUE);

  if (field != NULL)
    {
      *marked = field;
      reg_field_mark_invalid (field, TRUE);
      gtk_widget_grab_focus (field);
    }
}
