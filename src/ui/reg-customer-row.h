/* reg-customer-row.h: one customer in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_CUSTOMER_ROW (reg_customer_row_get_type ())

G_DECLARE_FINAL_TYPE (RegCustomerRow, reg_customer_row, REG, CUSTOMER_ROW, GtkWidget)

RegCustomerRow *reg_customer_row_new          (void);
RegCustomer    *reg_customer_row_get_customer (RegCustomerRow *self);
void            reg_customer_row_set_customer (RegCustomerRow *self,
                                               RegCustomer    *customer);

G_END_DECLS
