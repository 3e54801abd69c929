/* reg-notifier.h: the pop-ups that remind of promises
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "reminders/reg-clock.h"
#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_NOTIFIER (reg_notifier_get_type ())

G_DECLARE_FINAL_TYPE (RegNotifier, reg_notifier, REG, NOTIFIER, GObject)

/* More due at once than this are told in one summary pop-up. */
#define REG_NOTIFIER_MAX_SINGLE 3

RegNotifier *reg_notifier_new      (RegStore    *store,
                                    RegClock    *clock);
void         reg_notifier_show     (RegNotifier *self,
                                    GPtrArray   *follow_ups,
                                    gboolean     missed);
void         reg_notifier_show_cases (RegNotifier *self,
                                      GPtrArray   *cases,
                                      gboolean     missed);
guint        reg_notifier_get_n_shown (RegNotifier *self);

G_END_DECLS
