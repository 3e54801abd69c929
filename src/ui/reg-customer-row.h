/* reg-customer-row.h: one customer in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/reg-store.h"
#include "ui/reg-customer-selection.h"

G_BEGIN_DECLS

#define REG_TYPE_CUSTOMER_ROW (reg_customer_row_get_type ())

G_DECLARE_FINAL_TYPE (RegCustomerRow, reg_customer_row, REG, CUSTOMER_ROW, GtkWidget)

RegCustomerRow *reg_customer_row_new          (void);
RegCustomer    *reg_customer_row_get_customer (RegCustomerRow *self);
void            reg_customer_row_set_customer (RegCustomerRow *self,
                                               RegCustomer    *customer);
void            reg_customer_row_set_slot     (RegCustomerRow  *self,
                                               RegCustomerSlot *slot);
const char     *reg_customer_row_get_detail_text (RegCustomerRow *self);
gboolean        reg_customer_row_shows_badge     (RegCustomerRow *self,
                                                  const char     *icon_name);

G_END_DECLS
