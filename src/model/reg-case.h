/* reg-case.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "reg-types.h"

G_BEGIN_DECLS

#define REG_TYPE_CASE (reg_case_get_type ())

G_DECLARE_FINAL_TYPE (RegCase, reg_case, REG, CASE, GObject)

/* satisfaction is 1 to 5, or 0 when not recorded; the setter stores any value
 * so that a form can hold what was typed, and validate refuses the rest. */

RegCase        *reg_case_new                      (void);
gint64          reg_case_get_id                   (RegCase          *self);
void            reg_case_set_id                   (RegCase          *self,
                                                   gint64            id);
gint64          reg_case_get_customer_id          (RegCase          *self);
void            reg_case_set_customer_id          (RegCase          *self,
                                                   gint64            customer_id);
const char     *reg_case_get_title                (RegCase          *self);
void            reg_case_set_title                (RegCase          *self,
                                                   const char       *title);
const char     *reg_case_get_description          (RegCase          *self);
void            reg_case_set_description          (RegCase          *self,
                                                   const char       *description);
RegCaseSeverity reg_case_get_severity             (RegCase          *self);
void            reg_case_set_severity             (RegCase          *self,
                                                   RegCaseSeverity   severity);
RegCaseStatus   reg_case_get_status               (RegCase          *self);
void            reg_case_set_status               (RegCase          *self,
                                                   RegCaseStatus     status);
gint64          reg_case_get_owner_id             (RegCase          *self);
void            reg_case_set_owner_id             (RegCase          *self,
                                                   gint64            owner_id);
gint64          reg_case_get_escalated_to_id      (RegCase          *self);
void            reg_case_set_escalated_to_id      (RegCase          *self,
                                                   gint64            escalated_to_id);
const char     *reg_case_get_escalated_team       (RegCase          *self);
void            reg_case_set_escalated_team       (RegCase          *self,
                                                   const char       *escalated_team);
gint64          reg_case_get_opened_at            (RegCase          *self);
void            reg_case_set_opened_at            (RegCase          *self,
                                                   gint64            opened_at);
gint64          reg_case_get_resolved_at          (RegCase          *self);
void            reg_case_set_resolved_at          (RegCase          *self,
                                                   gint64            resolved_at);
gint64          reg_case_get_closed_at            (RegCase          *self);
void            reg_case_set_closed_at            (RegCase          *self,
                                                   gint64            closed_at);
const char     *reg_case_get_resolution           (RegCase          *self);
void            reg_case_set_resolution           (RegCase          *self,
                                                   const char       *resolution);
gboolean        reg_case_get_customer_told        (RegCase          *self);
void            reg_case_set_customer_told        (RegCase          *self,
                                                   gboolean          customer_told);
int             reg_case_get_satisfaction         (RegCase          *self);
void            reg_case_set_satisfaction         (RegCase          *self,
                                                   int               satisfaction);
const char     *reg_case_get_satisfaction_comment (RegCase          *self);
void            reg_case_set_satisfaction_comment (RegCase          *self,
                                                   const char       *satisfaction_comment);
gint64          reg_case_get_updated_at           (RegCase          *self);
void            reg_case_set_updated_at           (RegCase          *self,
                                                   gint64            updated_at);
gint64          reg_case_get_deleted_at           (RegCase          *self);
void            reg_case_set_deleted_at           (RegCase          *self,
                                                   gint64            deleted_at);
gint64          reg_case_get_target_at            (RegCase          *self);
void            reg_case_set_target_at            (RegCase          *self,
                                                   gint64            target_at);
gboolean        reg_case_is_open                  (RegCase          *self);
gboolean        reg_case_is_past_target           (RegCase          *self,
                                                   gint64            now);
gboolean        reg_case_validate                 (RegCase          *self,
                                                   GError          **error);
const char     *reg_case_status_describe          (RegCaseStatus     status);
gboolean        reg_case_status_can_change        (RegCaseStatus     from,
                                                   RegCaseStatus     to);

/* How long a case of each severity may take to be resolved, in hours.
 * A whole number of days (a multiple of 24) is counted on the local
 * calendar: "1 day" ends at the same wall-clock time the next day,
 * whatever daylight saving did overnight, and with working_days_only
 * Saturdays and Sundays are not counted. Other targets, such as 4 hours
 * for an urgent case, run around the clock. */
typedef struct
{
  guint    hours[4];              /* indexed by RegCaseSeverity */
  gboolean working_days_only;
} RegCaseTargets;

#define REG_CASE_TARGET_MAX_HOURS (24 * 365)

void            reg_case_targets_init_default     (RegCaseTargets       *targets);
gint64          reg_case_targets_due              (const RegCaseTargets *targets,
                                                   RegCaseSeverity       severity,
                                                   gint64                opened_at,
                                                   GTimeZone            *tz);

G_END_DECLS
