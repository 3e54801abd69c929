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

G_END_DECLS
