/* reg-satisfaction-chart.h: how satisfied customers were, week by week
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_SATISFACTION_CHART (reg_satisfaction_chart_get_type ())

G_DECLARE_FINAL_TYPE (RegSatisfactionChart, reg_satisfaction_chart, REG, SATISFACTION_CHART, GtkWidget)

RegSatisfactionChart *reg_satisfaction_chart_new            (void);
void                  reg_satisfaction_chart_set_weeks      (RegSatisfactionChart *self,
                                                             GArray               *weeks);
guint                 reg_satisfaction_chart_get_n_weeks    (RegSatisfactionChart *self);
const RegSatisfactionWeek *
                      reg_satisfaction_chart_get_week       (RegSatisfactionChart *self,
                                                             guint                 index);
char                 *reg_satisfaction_chart_describe_week  (RegSatisfactionChart *self,
                                                             guint                 index);
const char           *reg_satisfaction_chart_get_summary    (RegSatisfactionChart *self);
guint                 reg_satisfaction_chart_get_week_at    (RegSatisfactionChart *self,
                                                             double                x);
void                  reg_satisfaction_chart_activate_week  (RegSatisfactionChart *self,
                                                             guint                 index);

G_END_DECLS
