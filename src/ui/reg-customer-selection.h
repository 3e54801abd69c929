/* reg-customer-selection.h: which customer is selected in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "model/reg-customer-list.h"

G_BEGIN_DECLS

#define REG_TYPE_CUSTOMER_SELECTION (reg_customer_selection_get_type ())

G_DECLARE_FINAL_TYPE (RegCustomerSelection, reg_customer_selection, REG, CUSTOMER_SELECTION, GObject)

#define REG_TYPE_CUSTOMER_SLOT (reg_customer_slot_get_type ())

G_DECLARE_FINAL_TYPE (RegCustomerSlot, reg_customer_slot, REG, CUSTOMER_SLOT, GObject)

RegCustomer          *reg_customer_slot_get_customer         (RegCustomerSlot      *self);

RegCustomerSelection *reg_customer_selection_new             (RegCustomerList      *list);
gint64                reg_customer_selection_get_selected_id (RegCustomerSelection *self);
void                  reg_customer_selection_set_selected_id (RegCustomerSelection *self,
                                                              gint64                id);

G_END_DECLS
