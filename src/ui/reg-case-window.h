/* reg-case-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_CASE_WINDOW (reg_case_window_get_type ())

G_DECLARE_FINAL_TYPE (RegCaseWindow, reg_case_window, REG, CASE_WINDOW, AdwWindow)

RegCaseWindow *reg_case_window_new      (GtkWindow     *parent,
                                         RegStore      *store,
                                         RegCase       *kase,
                                         gint64         staff_id);
RegCase       *reg_case_window_get_case (RegCaseWindow *self);

/* How cases are put into words, the same on the card and in the windows. */
const char    *reg_case_text_severity   (RegCaseSeverity severity);
const char    *reg_case_text_status     (RegCaseStatus   status);
char          *reg_case_text_time       (gint64          at,
                                         gint64          now);
char          *reg_case_text_age        (gint64          opened_at,
                                         gint64          now);
char          *reg_case_text_stars      (int             satisfaction);

G_END_DECLS
