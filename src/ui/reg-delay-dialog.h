/* reg-delay-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_DELAY_DIALOG (reg_delay_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RegDelayDialog, reg_delay_dialog, REG, DELAY_DIALOG, AdwWindow)

RegDelayDialog *reg_delay_dialog_new_for_case      (GtkWindow      *parent,
                                                    RegStore       *store,
                                                    RegCase        *kase,
                                                    gint64          staff_id);
RegDelayDialog *reg_delay_dialog_new_for_follow_up (GtkWindow      *parent,
                                                    RegStore       *store,
                                                    RegFollowUp    *follow_up,
                                                    gint64          staff_id);
RegVisit       *reg_delay_dialog_get_visit         (RegDelayDialog *self);

G_END_DECLS
