/* reg-staff-choices.c: the staff offered in a "who" combo row
 *
 * Shared by the dialogs that ask who wrote a note or who keeps a promise,
 * so that both offer the same people in the same order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-staff-choices"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-staff-choices.h"

/* @ids holds a gint64 for each row of the combo's string list. */
gint64
reg_staff_choices_id_at (GArray *ids,
                         guint   position)
{
  if (ids == NULL || position >= ids->len)
    return 0;

  return g_array_index (ids, gint64, position);
}

gboolean
reg_staff_choices_find (GArray *ids,
                        gint64  id,
                        guint  *position)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      if (reg_staff_choices_id_at (ids, i) == id)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
add_choice (GtkStringList *names,
            GArray        *ids,
            gint64         id,
            const char    *name)
{
  g_array_append_val (ids, id);
  gtk_string_list_append (names, name);
}

/* Appends the active staff by name to @names and their ids to @ids, and
 * returns the position of @wanted. Someone who is not in that list (no
 * one is signed in, or the person was made inactive since) is still
 * offered, rather than silently replaced by the first name; "Nobody"
 * comes first when @wanted is 0 or there is no one to offer. */
guint
reg_staff_choices_fill (RegStore      *store,
                        gint64         wanted,
                        GtkStringList *names,
                        GArray        *ids)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  guint position = 0;

  g_return_val_if_fail (REG_IS_STORE (store), 0);
  g_return_val_if_fail (GTK_IS_STRING_LIST (names), 0);
  g_return_val_if_fail (ids != NULL, 0);

  if (!(staff = reg_store_list_staff (store, TRUE, &error)))
    g_warning ("Could not list the staff: %s", error->message);

  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      RegStaff *member = g_ptr_array_index (staff, i);

      add_choice (names, ids, reg_staff_get_id (member), reg_staff_get_name (member));
    }

  if (wanted != 0 && !reg_staff_choices_find (ids, wanted, &position))
    {
      g_autoptr(RegStaff) member = reg_store_get_staff (store, wanted, NULL);

      if (member != NULL)
        add_choice (names, ids, wanted, reg_staff_get_name (member));
      else
        wanted = 0;
    }

  if (wanted == 0 || ids->len == 0)
    {
      gint64 nobody = 0;

      g_array_prepend_val (ids, nobody);
      gtk_string_list_splice (names, 0, 0,
                              (const char * const []) { C_("staff member", "Nobody"), NULL });
    }

  position = 0;
  reg_staff_choices_find (ids, wanted, &position);
  return position;
}
