/* reg-follow-up-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_FOLLOW_UP_DIALOG (reg_follow_up_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RegFollowUpDialog, reg_follow_up_dialog, REG, FOLLOW_UP_DIALOG, AdwWindow)

RegFollowUpDialog *reg_follow_up_dialog_new           (GtkWindow         *parent,
                                                       RegStore          *store,
                                                       RegCustomer       *customer,
                                                       RegFollowUp       *follow_up,
                                                       gint64             staff_id);
RegCustomer       *reg_follow_up_dialog_get_customer  (RegFollowUpDialog *self);
RegFollowUp       *reg_follow_up_dialog_get_follow_up (RegFollowUpDialog *self);

G_END_DECLS
