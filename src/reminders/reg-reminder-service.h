/* reg-reminder-service.h: when is the next promise due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "reminders/reg-clock.h"
#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_REMINDER_SERVICE (reg_reminder_service_get_type ())

G_DECLARE_FINAL_TYPE (RegReminderService, reg_reminder_service, REG, REMINDER_SERVICE, GObject)

RegReminderService *reg_reminder_service_new          (RegStore           *store,
                                                       RegClock           *clock);
void                reg_reminder_service_start        (RegReminderService *self);
gboolean            reg_reminder_service_is_started   (RegReminderService *self);
RegClock           *reg_reminder_service_get_clock    (RegReminderService *self);
gint64              reg_reminder_service_get_armed_at (RegReminderService *self);
void                reg_reminder_service_check        (RegReminderService *self);

G_END_DECLS
