/* reg-customer-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-customer-card"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-customer-card.h"

struct _RegCustomerCard
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (RegCustomerCard, reg_customer_card, GTK_TYPE_WIDGET)

static void
reg_customer_card_class_init (RegCustomerCardClass *klass)
{
}

static void
reg_customer_card_init (RegCustomerCard *self)
{
}
