/* reg-staff-button.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_STAFF_BUTTON (reg_staff_button_get_type ())

G_DECLARE_FINAL_TYPE (RegStaffButton, reg_staff_button, REG, STAFF_BUTTON, GtkWidget)

RegStaffButton *reg_staff_button_new          (RegStore       *store,
                                               GSettings      *settings);
RegStore       *reg_staff_button_get_store    (RegStaffButton *self);
GSettings      *reg_staff_button_get_settings (RegStaffButton *self);
gint64          reg_staff_button_get_staff_id (RegStaffButton *self);

G_END_DECLS
