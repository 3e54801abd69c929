/* reg-follow-up.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "reg-types.h"

G_BEGIN_DECLS

#define REG_TYPE_FOLLOW_UP (reg_follow_up_get_type ())

G_DECLARE_FINAL_TYPE (RegFollowUp, reg_follow_up, REG, FOLLOW_UP, GObject)

/* due-zone is the IANA zone the due time was chosen in ("Europe/Vienna"), or
 * "" for local time. effective-due-at is the later of due-at and snoozed-until. */

RegFollowUp      *reg_follow_up_new                  (void);
gint64            reg_follow_up_get_id               (RegFollowUp        *self);
void              reg_follow_up_set_id               (RegFollowUp        *self,
                                                      gint64              id);
gint64            reg_follow_up_get_customer_id      (RegFollowUp        *self);
void              reg_follow_up_set_customer_id      (RegFollowUp        *self,
                                                      gint64              customer_id);
gint64            reg_follow_up_get_visit_id         (RegFollowUp        *self);
void              reg_follow_up_set_visit_id         (RegFollowUp        *self,
                                                      gint64              visit_id);
const char       *reg_follow_up_get_promise          (RegFollowUp        *self);
void              reg_follow_up_set_promise          (RegFollowUp        *self,
                                                      const char         *promise);
gint64            reg_follow_up_get_due_at           (RegFollowUp        *self);
void              reg_follow_up_set_due_at           (RegFollowUp        *self,
                                                      gint64              due_at);
const char       *reg_follow_up_get_due_zone         (RegFollowUp        *self);
void              reg_follow_up_set_due_zone         (RegFollowUp        *self,
                                                      const char         *due_zone);
gint64            reg_follow_up_get_assigned_to      (RegFollowUp        *self);
void              reg_follow_up_set_assigned_to      (RegFollowUp        *self,
                                                      gint64              assigned_to);
gint64            reg_follow_up_get_created_by       (RegFollowUp        *self);
void              reg_follow_up_set_created_by       (RegFollowUp        *self,
                                                      gint64              created_by);
RegFollowUpStatus reg_follow_up_get_status           (RegFollowUp        *self);
void              reg_follow_up_set_status           (RegFollowUp        *self,
                                                      RegFollowUpStatus   status);
gint64            reg_follow_up_get_snoozed_until    (RegFollowUp        *self);
void              reg_follow_up_set_snoozed_until    (RegFollowUp        *self,
                                                      gint64              snoozed_until);
gint64            reg_follow_up_get_done_at          (RegFollowUp        *self);
void              reg_follow_up_set_done_at          (RegFollowUp        *self,
                                                      gint64              done_at);
gint64            reg_follow_up_get_created_at       (RegFollowUp        *self);
void              reg_follow_up_set_created_at       (RegFollowUp        *self,
                                                      gint64              created_at);
gint64            reg_follow_up_get_updated_at       (RegFollowUp        *self);
void              reg_follow_up_set_updated_at       (RegFollowUp        *self,
                                                      gint64              updated_at);
gint64            reg_follow_up_get_deleted_at       (RegFollowUp        *self);
void              reg_follow_up_set_deleted_at       (RegFollowUp        *self,
                                                      gint64              deleted_at);
gint64            reg_follow_up_get_effective_due_at (RegFollowUp        *self);
gint64            reg_follow_up_tomorrow_morning     (gint64              now);
gboolean          reg_follow_up_validate             (RegFollowUp        *self,
                                                      GError            **error);

G_END_DECLS
