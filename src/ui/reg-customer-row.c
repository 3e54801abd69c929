/* reg-customer-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-customer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-customer-row.h"

struct _RegCustomerRow
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RegCustomerRow, reg_customer_row, GTK_TYPE_WIDGET)

static void
reg_customer_row_class_init (RegCustomerRowClass *klass)
{
}

static void
reg_customer_row_init (RegCustomerRow *self)
{
}
