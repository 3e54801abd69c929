/* reg-staff.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "reg-types.h"

G_BEGIN_DECLS

#define REG_TYPE_STAFF (reg_staff_get_type ())

G_DECLARE_FINAL_TYPE (RegStaff, reg_staff, REG, STAFF, GObject)

RegStaff   *reg_staff_new            (void);
gint64      reg_staff_get_id         (RegStaff    *self);
void        reg_staff_set_id         (RegStaff    *self,
                                      gint64       id);
const char *reg_staff_get_name       (RegStaff    *self);
void        reg_staff_set_name       (RegStaff    *self,
                                      const char  *name);
const char *reg_staff_get_team       (RegStaff    *self);
void        reg_staff_set_team       (RegStaff    *self,
                                      const char  *team);
gboolean    reg_staff_get_active     (RegStaff    *self);
void        reg_staff_set_active     (RegStaff    *self,
                                      gboolean     active);
gint64      reg_staff_get_created_at (RegStaff    *self);
void        reg_staff_set_created_at (RegStaff    *self,
                                      gint64       created_at);
gboolean    reg_staff_validate       (RegStaff    *self,
                                      GError     **error);

G_END_DECLS
