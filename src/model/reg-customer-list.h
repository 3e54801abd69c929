/* reg-customer-list.h: the customers that match a search, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_CUSTOMER_LIST (reg_customer_list_get_type ())

G_DECLARE_FINAL_TYPE (RegCustomerList, reg_customer_list, REG, CUSTOMER_LIST, GObject)

RegCustomerList        *reg_customer_list_new        (RegStore               *store);
RegStore               *reg_customer_list_get_store  (RegCustomerList        *self);
const RegCustomerQuery *reg_customer_list_get_query  (RegCustomerList        *self);
void                    reg_customer_list_set_query  (RegCustomerList        *self,
                                                      const RegCustomerQuery *query);
void                    reg_customer_list_set_search (RegCustomerList        *self,
                                                      const char             *search);
guint                   reg_customer_list_find       (RegCustomerList        *self,
                                                      gint64                  customer_id);
gint64                  reg_customer_list_get_id     (RegCustomerList        *self,
                                                      guint                   position);

G_END_DECLS
