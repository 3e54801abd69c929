/* reg-visit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "reg-types.h"

G_BEGIN_DECLS

#define REG_TYPE_VISIT (reg_visit_get_type ())

G_DECLARE_FINAL_TYPE (RegVisit, reg_visit, REG, VISIT, GObject)

/* satisfaction is 1 to 5, or 0 when not recorded; the setter stores any value
 * so that a form can hold what was typed, and validate refuses the rest. */

RegVisit   *reg_visit_new              (void);
gint64      reg_visit_get_id           (RegVisit    *self);
void        reg_visit_set_id           (RegVisit    *self,
                                        gint64       id);
gint64      reg_visit_get_customer_id  (RegVisit    *self);
void        reg_visit_set_customer_id  (RegVisit    *self,
                                        gint64       customer_id);
gint64      reg_visit_get_author_id    (RegVisit    *self);
void        reg_visit_set_author_id    (RegVisit    *self,
                                        gint64       author_id);
RegChannel  reg_visit_get_channel      (RegVisit    *self);
void        reg_visit_set_channel      (RegVisit    *self,
                                        RegChannel   channel);
gint64      reg_visit_get_happened_at  (RegVisit    *self);
void        reg_visit_set_happened_at  (RegVisit    *self,
                                        gint64       happened_at);
const char *reg_visit_get_text         (RegVisit    *self);
void        reg_visit_set_text         (RegVisit    *self,
                                        const char  *text);
int         reg_visit_get_satisfaction (RegVisit    *self);
void        reg_visit_set_satisfaction (RegVisit    *self,
                                        int          satisfaction);
gint64      reg_visit_get_created_at   (RegVisit    *self);
void        reg_visit_set_created_at   (RegVisit    *self,
                                        gint64       created_at);
gint64      reg_visit_get_deleted_at   (RegVisit    *self);
void        reg_visit_set_deleted_at   (RegVisit    *self,
                                        gint64       deleted_at);
gboolean    reg_visit_validate         (RegVisit    *self,
                                        GError     **error);

G_END_DECLS
