/* reg-case-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_CASE_DIALOG (reg_case_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RegCaseDialog, reg_case_dialog, REG, CASE_DIALOG, AdwWindow)

RegCaseDialog *reg_case_dialog_new          (GtkWindow     *parent,
                                             RegStore      *store,
                                             RegCustomer   *customer,
                                             gint64         staff_id);
RegCustomer   *reg_case_dialog_get_customer (RegCaseDialog *self);
RegCase       *reg_case_dialog_get_case     (RegCaseDialog *self);

G_END_DECLS
