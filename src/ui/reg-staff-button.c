/* reg-staff-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-staff-button"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-staff-button.h"

struct _RegStaffButton
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RegStaffButton, reg_staff_button, GTK_TYPE_WIDGET)

static void
reg_staff_button_class_init (RegStaffButtonClass *klass)
{
}

static void
reg_staff_button_init (RegStaffButton *self)
{
}
