/* reg-case-event.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "reg-types.h"

G_BEGIN_DECLS

#define REG_TYPE_CASE_EVENT (reg_case_event_get_type ())

G_DECLARE_FINAL_TYPE (RegCaseEvent, reg_case_event, REG, CASE_EVENT, GObject)

/* Values of the kind property */
#define REG_CASE_EVENT_KIND_OPENED        "opened"
#define REG_CASE_EVENT_KIND_STATUS        "status"
#define REG_CASE_EVENT_KIND_ESCALATED     "escalated"
#define REG_CASE_EVENT_KIND_HANDED_OVER   "handed-over"
#define REG_CASE_EVENT_KIND_NOTE          "note"
#define REG_CASE_EVENT_KIND_RATED         "rated"
#define REG_CASE_EVENT_KIND_RESOLVED      "resolved"
#define REG_CASE_EVENT_KIND_CLOSED        "closed"
#define REG_CASE_EVENT_KIND_CUSTOMER_TOLD "customer-told"

RegCaseEvent *reg_case_event_new             (void);
gint64        reg_case_event_get_id          (RegCaseEvent  *self);
void          reg_case_event_set_id          (RegCaseEvent  *self,
                                              gint64         id);
gint64        reg_case_event_get_case_id     (RegCaseEvent  *self);
void          reg_case_event_set_case_id     (RegCaseEvent  *self,
                                              gint64         case_id);
gint64        reg_case_event_get_at          (RegCaseEvent  *self);
void          reg_case_event_set_at          (RegCaseEvent  *self,
                                              gint64         at);
gint64        reg_case_event_get_actor_id    (RegCaseEvent  *self);
void          reg_case_event_set_actor_id    (RegCaseEvent  *self,
                                              gint64         actor_id);
const char   *reg_case_event_get_kind        (RegCaseEvent  *self);
void          reg_case_event_set_kind        (RegCaseEvent  *self,
                                              const char    *kind);
const char   *reg_case_event_get_from_status (RegCaseEvent  *self);
void          reg_case_event_set_from_status (RegCaseEvent  *self,
                                              const char    *from_status);
const char   *reg_case_event_get_to_status   (RegCaseEvent  *self);
void          reg_case_event_set_to_status   (RegCaseEvent  *self,
                                              const char    *to_status);
gint64        reg_case_event_get_staff_id    (RegCaseEvent  *self);
void          reg_case_event_set_staff_id    (RegCaseEvent  *self,
                                              gint64         staff_id);
const char   *reg_case_event_get_text        (RegCaseEvent  *self);
void          reg_case_event_set_text        (RegCaseEvent  *self,
                                              const char    *text);
gint64        reg_case_event_get_visit_id    (RegCaseEvent  *self);
void          reg_case_event_set_visit_id    (RegCaseEvent  *self,
                                              gint64         visit_id);
const char   *reg_case_event_get_channel     (RegCaseEvent  *self);
void          reg_case_event_set_channel     (RegCaseEvent  *self,
                                              const char    *channel);
gint64        reg_case_event_get_due_at      (RegCaseEvent  *self);
void          reg_case_event_set_due_at      (RegCaseEvent  *self,
                                              gint64         due_at);
const char   *reg_case_event_get_team        (RegCaseEvent  *self);
void          reg_case_event_set_team        (RegCaseEvent  *self,
                                              const char    *team);
gboolean      reg_case_event_get_customer_told (RegCaseEvent *self);
void          reg_case_event_set_customer_told (RegCaseEvent *self,
                                              gboolean       customer_told);
int           reg_case_event_get_satisfaction (RegCaseEvent *self);
void          reg_case_event_set_satisfaction (RegCaseEvent *self,
                                              int            satisfaction);
gboolean      reg_case_event_validate        (RegCaseEvent  *self,
                                              GError       **error);

G_END_DECLS
