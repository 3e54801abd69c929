/* reg-case-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-case-event"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-case-event.h"
#include "reg-model-private.h"

struct _RegCaseEvent
{
  GObject  parent_instance;

  gint64   id;
  gint64   case_id;
  gint64   at;
  gint64   actor_id;
  char    *kind;
  char    *from_status;
  char    *to_status;
  gint64   staff_id;
  char    *text;
  gint64   visit_id;
  char    *channel;
  gint64   due_at;
  char    *team;
  gboolean customer_told;
  int      satisfaction;
};

G_DEFINE_FINAL_TYPE (RegCaseEvent, reg_case_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CASE_ID,
  PROP_AT,
  PROP_ACTOR_ID,
  PROP_KIND,
  PROP_FROM_STATUS,
  PROP_TO_STATUS,
  PROP_STAFF_ID,
  PROP_TEXT,
  PROP_VISIT_ID,
  PROP_CHANNEL,
  PROP_DUE_AT,
  PROP_TEAM,
  PROP_CUSTOMER_TOLD,
  PROP_SATISFACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
reg_case_event_finalize (GObject *object)
{
  RegCaseEvent *self = REG_CASE_EVENT (object);

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->from_status, g_free);
  g_clear_pointer (&self->to_status, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->channel, g_free);
  g_clear_pointer (&self->team, g_free);

  G_OBJECT_CLASS (reg_case_event_parent_class)->finalize (object);
}

static void
reg_case_event_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RegCaseEvent *self = REG_CASE_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, reg_case_event_get_id (self));
      break;

    case PROP_CASE_ID:
      g_value_set_int64 (value, reg_case_event_get_case_id (self));
      break;

    case PROP_AT:
      g_value_set_int64 (value, reg_case_event_get_at (self));
      break;

    case PROP_ACTOR_ID:
      g_value_set_int64 (value, reg_case_event_get_actor_id (self));
      break;

    case PROP_KIND:
      g_value_set_string (value, reg_case_event_get_kind (self));
      break;

    case PROP_FROM_STATUS:
      g_value_set_string (value, reg_case_event_get_from_status (self));
      break;

    case PROP_TO_STATUS:
      g_value_set_string (value, reg_case_event_get_to_status (self));
      break;

    case PROP_STAFF_ID:
      g_value_set_int64 (value, reg_case_event_get_staff_id (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, reg_case_event_get_text (self));
      break;

    case PROP_VISIT_ID:
      g_value_set_int64 (value, self->visit_id);
      break;

    case PROP_CHANNEL:
      g_value_set_string (value, reg_case_event_get_channel (self));
      break;

    case PROP_DUE_AT:
      g_value_set_int64 (value, self->due_at);
      break;

    case PROP_TEAM:
      g_value_set_string (value, reg_case_event_get_team (self));
      break;

    case PROP_CUSTOMER_TOLD:
      g_value_set_boolean (value, self->customer_told);
      break;

    case PROP_SATISFACTION:
      g_value_set_int (value, self->satisfaction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_case_event_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RegCaseEvent *self = REG_CASE_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      reg_case_event_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CASE_ID:
      reg_case_event_set_case_id (self, g_value_get_int64 (value));
      break;

    case PROP_AT:
      reg_case_event_set_at (self, g_value_get_int64 (value));
      break;

    case PROP_ACTOR_ID:
      reg_case_event_set_actor_id (self, g_value_get_int64 (value));
      break;

    case PROP_KIND:
      reg_case_event_set_kind (self, g_value_get_string (value));
      break;

    case PROP_FROM_STATUS:
      reg_case_event_set_from_status (self, g_value_get_string (value));
      break;

    case PROP_TO_STATUS:
      reg_case_event_set_to_status (self, g_value_get_string (value));
      break;

    case PROP_STAFF_ID:
      reg_case_event_set_staff_id (self, g_value_get_int64 (value));
      break;

    case PROP_TEXT:
      reg_case_event_set_text (self, g_value_get_string (value));
      break;

    case PROP_VISIT_ID:
      reg_case_event_set_visit_id (self, g_value_get_int64 (value));
      break;

    case PROP_CHANNEL:
      reg_case_event_set_channel (self, g_value_get_string (value));
      break;

    case PROP_DUE_AT:
      reg_case_event_set_due_at (self, g_value_get_int64 (value));
      break;

    case PROP_TEAM:
      reg_case_event_set_team (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_TOLD:
      reg_case_event_set_customer_told (self, g_value_get_boolean (value));
      break;

    case PROP_SATISFACTION:
      reg_case_event_set_satisfaction (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_case_event_class_init (RegCaseEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_case_event_finalize;
  object_class->get_property = reg_case_event_get_property;
  object_class->set_property = reg_case_event_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CASE_ID] =
    g_param_spec_int64 ("case-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AT] =
    g_param_spec_int64 ("at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTOR_ID] =
    g_param_spec_int64 ("actor-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FROM_STATUS] =
    g_param_spec_string ("from-status", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TO_STATUS] =
    g_param_spec_string ("to-status", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* A step that told the customer about a delay: the visit-log entry,
   * the channel's nick ("call", "email", ...) and the new target. */
  properties[PROP_VISIT_ID] =
    g_param_spec_int64 ("visit-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHANNEL] =
    g_param_spec_string ("channel", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DUE_AT] =
    g_param_spec_int64 ("due-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* An escalation's team; whether a resolution was told to the
   * customer; a rating's 1 to 5 (its comment is the text). */
  properties[PROP_TEAM] =
    g_param_spec_string ("team", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_TOLD] =
    g_param_spec_boolean ("customer-told", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SATISFACTION] =
    g_param_spec_int ("satisfaction", NULL, NULL,
                      0, 5, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reg_case_event_init (RegCaseEvent *self)
{
}

RegCaseEvent *
reg_case_event_new (void)
{
  return g_object_new (REG_TYPE_CASE_EVENT, NULL);
}

gint64
reg_case_event_get_id (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), 0);

  return self->id;
}

void
reg_case_event_set_id (RegCaseEvent *self,
                       gint64        id)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
reg_case_event_get_case_id (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), 0);

  return self->case_id;
}

void
reg_case_event_set_case_id (RegCaseEvent *self,
                            gint64        case_id)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));
  g_return_if_fail (case_id >= 0);

  if (self->case_id == case_id)
    return;

  self->case_id = case_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_ID]);
}

gint64
reg_case_event_get_at (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), 0);

  return self->at;
}

void
reg_case_event_set_at (RegCaseEvent *self,
                       gint64        at)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));

  if (self->at == at)
    return;

  self->at = at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AT]);
}

gint64
reg_case_event_get_actor_id (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), 0);

  return self->actor_id;
}

void
reg_case_event_set_actor_id (RegCaseEvent *self,
                             gint64        actor_id)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));
  g_return_if_fail (actor_id >= 0);

  if (self->actor_id == actor_id)
    return;

  self->actor_id = actor_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR_ID]);
}

const char *
reg_case_event_get_kind (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), NULL);

  return self->kind != NULL ? self->kind : "";
}

void
reg_case_event_set_kind (RegCaseEvent *self,
                         const char   *kind)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));

  if (reg_set_string (&self->kind, kind))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
reg_case_event_get_from_status (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), NULL);

  return self->from_status != NULL ? self->from_status : "";
}

void
reg_case_event_set_from_status (RegCaseEvent *self,
                                const char   *from_status)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));

  if (reg_set_string (&self->from_status, from_status))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM_STATUS]);
}

const char *
reg_case_event_get_to_status (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), NULL);

  return self->to_status != NULL ? self->to_status : "";
}

void
reg_case_event_set_to_status (RegCaseEvent *self,
                              const char   *to_status)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));

  if (reg_set_string (&self->to_status, to_status))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO_STATUS]);
}

gint64
reg_case_event_get_staff_id (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), 0);

  return self->staff_id;
}

void
reg_case_event_set_staff_id (RegCaseEvent *self,
                             gint64        staff_id)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));
  g_return_if_fail (staff_id >= 0);

  if (self->staff_id == staff_id)
    return;

  self->staff_id = staff_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ID]);
}

const char *
reg_case_event_get_text (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), NULL);

  return self->text != NULL ? self->text : "";
}

void
reg_case_event_set_text (RegCaseEvent *self,
                         const char   *text)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));

  if (reg_set_string (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

gint64
reg_case_event_get_visit_id (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), 0);

  return self->visit_id;
}

void
reg_case_event_set_visit_id (RegCaseEvent *self,
                             gint64        visit_id)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));

  if (self->visit_id == visit_id)
    return;
  self->visit_id = visit_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIT_ID]);
}

const char *
reg_case_event_get_channel (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), NULL);

  return self->channel != NULL ? self->channel : "";
}

void
reg_case_event_set_channel (RegCaseEvent *self,
                            const char   *channel)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));

  if (reg_set_string (&self->channel, channel))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

gint64
reg_case_event_get_due_at (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), 0);

  return self->due_at;
}

void
reg_case_event_set_due_at (RegCaseEvent *self,
                           gint64        due_at)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));

  if (self->due_at == due_at)
    return;
  self->due_at = due_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_AT]);
}

const char *
reg_case_event_get_team (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), NULL);

  return self->team != NULL ? self->team : "";
}

void
reg_case_event_set_team (RegCaseEvent *self,
                         const char   *team)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));

  if (reg_set_string (&self->team, team))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEAM]);
}

gboolean
reg_case_event_get_customer_told (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), FALSE);

  return self->customer_told;
}

void
reg_case_event_set_customer_told (RegCaseEvent *self,
                                  gboolean      customer_told)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));

  customer_told = !!customer_told;
  if (self->customer_told == customer_told)
    return;
  self->customer_told = customer_told;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_TOLD]);
}

int
reg_case_event_get_satisfaction (RegCaseEvent *self)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), 0);

  return self->satisfaction;
}

void
reg_case_event_set_satisfaction (RegCaseEvent *self,
                                 int           satisfaction)
{
  g_return_if_fail (REG_IS_CASE_EVENT (self));

  satisfaction = CLAMP (satisfaction, 0, 5);
  if (self->satisfaction == satisfaction)
    return;
  self->satisfaction = satisfaction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SATISFACTION]);
}

gboolean
reg_case_event_validate (RegCaseEvent  *self,
                         GError       **error)
{
  g_return_val_if_fail (REG_IS_CASE_EVENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (reg_string_is_blank (self->kind))
    {
      g_set_error_literal (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                           _("Kind: a case event needs a kind"));
      return FALSE;
    }

  return TRUE;
}
