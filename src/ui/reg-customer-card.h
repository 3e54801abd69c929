/* reg-customer-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_CUSTOMER_CARD (reg_customer_card_get_type ())

G_DECLARE_FINAL_TYPE (RegCustomerCard, reg_customer_card, REG, CUSTOMER_CARD, GtkWidget)

RegCustomerCard *reg_customer_card_new          (RegStore        *store);
RegStore        *reg_customer_card_get_store    (RegCustomerCard *self);
RegCustomer     *reg_customer_card_get_customer (RegCustomerCard *self);
void             reg_customer_card_set_customer (RegCustomerCard *self,
                                                 RegCustomer     *customer);
void             reg_customer_card_focus_first_crib_note (RegCustomerCard *self);
void             reg_customer_card_show_case    (RegCustomerCard *self,
                                                 gint64           case_id);

G_END_DECLS
