/* reg-clock.h: the wall clock the reminders keep to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define REG_TYPE_CLOCK (reg_clock_get_type ())

G_DECLARE_DERIVABLE_TYPE (RegClock, reg_clock, REG, CLOCK, GObject)

struct _RegClockClass
{
  GObjectClass parent_class;

  gint64 (*get_now)   (RegClock *self);
  void   (*set_alarm) (RegClock *self,
                       gint64    when);
};

gint64    reg_clock_get_now        (RegClock *self);
void      reg_clock_set_alarm      (RegClock *self,
                                    gint64    when);
gint64    reg_clock_get_alarm      (RegClock *self);
void      reg_clock_ring           (RegClock *self);

RegClock *reg_clock_new_system     (void);
RegClock *reg_clock_new_manual     (gint64    now);
void      reg_clock_manual_set_now (RegClock *self,
                                    gint64    now);

G_END_DECLS
