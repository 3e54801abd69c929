/* reg-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "reg-application.h"
#include "model/reg-customer-list.h"

G_BEGIN_DECLS

#define REG_TYPE_WINDOW (reg_window_get_type ())

G_DECLARE_FINAL_TYPE (RegWindow, reg_window, REG, WINDOW, AdwApplicationWindow)

RegWindow       *reg_window_new               (RegApplication *application);
RegCustomerList *reg_window_get_customer_list (RegWindow      *self);
RegCustomer     *reg_window_get_customer      (RegWindow      *self);
void             reg_window_show_agenda       (RegWindow      *self);
void             reg_window_show_overview     (RegWindow      *self);
void             reg_window_show_customers    (RegWindow      *self,
                                               const RegCustomerQuery *query,
                                               const char     *description);
const char      *reg_window_get_filter_description (RegWindow *self);
void             reg_window_show_customer     (RegWindow      *self,
                                               gint64          customer_id);
void             reg_window_show_case         (RegWindow      *self,
                                               gint64          customer_id,
                                               gint64          case_id);
void             reg_window_refresh_reminders (RegWindow      *self);
void             reg_window_add_unshown_reminders (RegWindow  *self,
                                               GPtrArray      *follow_ups);

G_END_DECLS
