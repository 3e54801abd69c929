/* reg-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "reminders/reg-clock.h"
#include "reminders/reg-notifier.h"
#include "reminders/reg-reminder-service.h"
#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_APPLICATION (reg_application_get_type ())

G_DECLARE_FINAL_TYPE (RegApplication, reg_application, REG, APPLICATION, AdwApplication)

RegApplication *reg_application_new          (void);
GSettings      *reg_application_get_settings (RegApplication *self);
RegStore       *reg_application_get_store    (RegApplication *self);
gint64          reg_application_get_current_staff_id (RegApplication *self);
void            reg_application_set_clock    (RegApplication *self,
                                              RegClock       *clock);
RegReminderService *reg_application_get_reminder_service (RegApplication *self);
RegNotifier    *reg_application_get_notifier (RegApplication *self);
gboolean        reg_application_is_in_background (RegApplication *self);

void            reg_application_run_daily_backup        (RegApplication      *self,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean        reg_application_run_daily_backup_finish (RegApplication      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
const GError   *reg_application_get_last_backup_error   (RegApplication      *self);

G_END_DECLS
