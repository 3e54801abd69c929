/* reg-follow-up.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-follow-up"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-follow-up.h"
#include "reg-model-private.h"

struct _RegFollowUp
{
  GObject            parent_instance;

  gint64             id;
  gint64             customer_id;
  gint64             visit_id;
  char              *promise;
  gint64             due_at;
  char              *due_zone;
  gint64             assigned_to;
  gint64             created_by;
  RegFollowUpStatus  status;
  gint64             snoozed_until;
  gint64             done_at;
  gint64             created_at;
  gint64             updated_at;
  gint64             deleted_at;
};

G_DEFINE_FINAL_TYPE (RegFollowUp, reg_follow_up, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_VISIT_ID,
  PROP_PROMISE,
  PROP_DUE_AT,
  PROP_DUE_ZONE,
  PROP_ASSIGNED_TO,
  PROP_CREATED_BY,
  PROP_STATUS,
  PROP_SNOOZED_UNTIL,
  PROP_DONE_AT,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
  PROP_EFFECTIVE_DUE_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
reg_follow_up_finalize (GObject *object)
{
  RegFollowUp *self = REG_FOLLOW_UP (object);

  g_clear_pointer (&self->promise, g_free);
  g_clear_pointer (&self->due_zone, g_free);

  G_OBJECT_CLASS (reg_follow_up_parent_class)->finalize (object);
}

static void
reg_follow_up_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RegFollowUp *self = REG_FOLLOW_UP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, reg_follow_up_get_id (self));
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, reg_follow_up_get_customer_id (self));
      break;

    case PROP_VISIT_ID:
      g_value_set_int64 (value, reg_follow_up_get_visit_id (self));
      break;

    case PROP_PROMISE:
      g_value_set_string (value, reg_follow_up_get_promise (self));
      break;

    case PROP_DUE_AT:
      g_value_set_int64 (value, reg_follow_up_get_due_at (self));
      break;

    case PROP_DUE_ZONE:
      g_value_set_string (value, reg_follow_up_get_due_zone (self));
      break;

    case PROP_ASSIGNED_TO:
      g_value_set_int64 (value, reg_follow_up_get_assigned_to (self));
      break;

    case PROP_CREATED_BY:
      g_value_set_int64 (value, reg_follow_up_get_created_by (self));
      break;

    case PROP_STATUS:
      g_value_set_enum (value, reg_follow_up_get_status (self));
      break;

    case PROP_SNOOZED_UNTIL:
      g_value_set_int64 (value, reg_follow_up_get_snoozed_until (self));
      break;

    case PROP_DONE_AT:
      g_value_set_int64 (value, reg_follow_up_get_done_at (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, reg_follow_up_get_created_at (self));
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, reg_follow_up_get_updated_at (self));
      break;

    case PROP_DELETED_AT:
      g_value_set_int64 (value, reg_follow_up_get_deleted_at (self));
      break;

    case PROP_EFFECTIVE_DUE_AT:
      g_value_set_int64 (value, reg_follow_up_get_effective_due_at (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_follow_up_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RegFollowUp *self = REG_FOLLOW_UP (object);

  switch (prop_id)
    {
    case PROP_ID:
      reg_follow_up_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CUSTOMER_ID:
      reg_follow_up_set_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_VISIT_ID:
      reg_follow_up_set_visit_id (self, g_value_get_int64 (value));
      break;

    case PROP_PROMISE:
      reg_follow_up_set_promise (self, g_value_get_string (value));
      break;

    case PROP_DUE_AT:
      reg_follow_up_set_due_at (self, g_value_get_int64 (value));
      break;

    case PROP_DUE_ZONE:
      reg_follow_up_set_due_zone (self, g_value_get_string (value));
      break;

    case PROP_ASSIGNED_TO:
      reg_follow_up_set_assigned_to (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_BY:
      reg_follow_up_set_created_by (self, g_value_get_int64 (value));
      break;

    case PROP_STATUS:
      reg_follow_up_set_status (self, g_value_get_enum (value));
      break;

    case PROP_SNOOZED_UNTIL:
      reg_follow_up_set_snoozed_until (self, g_value_get_int64 (value));
      break;

    case PROP_DONE_AT:
      reg_follow_up_set_done_at (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      reg_follow_up_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      reg_follow_up_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED_AT:
      reg_follow_up_set_deleted_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_follow_up_class_init (RegFollowUpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_follow_up_finalize;
  object_class->get_property = reg_follow_up_get_property;
  object_class->set_property = reg_follow_up_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VISIT_ID] =
    g_param_spec_int64 ("visit-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROMISE] =
    g_param_spec_string ("promise", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DUE_AT] =
    g_param_spec_int64 ("due-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DUE_ZONE] =
    g_param_spec_string ("due-zone", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ASSIGNED_TO] =
    g_param_spec_int64 ("assigned-to", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_BY] =
    g_param_spec_int64 ("created-by", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       REG_TYPE_FOLLOW_UP_STATUS,
                       REG_FOLLOW_UP_STATUS_OPEN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SNOOZED_UNTIL] =
    g_param_spec_int64 ("snoozed-until", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DONE_AT] =
    g_param_spec_int64 ("done-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DELETED_AT] =
    g_param_spec_int64 ("deleted-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EFFECTIVE_DUE_AT] =
    g_param_spec_int64 ("effective-due-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reg_follow_up_init (RegFollowUp *self)
{
  self->status = REG_FOLLOW_UP_STATUS_OPEN;
}

RegFollowUp *
reg_follow_up_new (void)
{
  return g_object_new (REG_TYPE_FOLLOW_UP, NULL);
}

gint64
reg_follow_up_get_id (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), 0);

  return self->id;
}

void
reg_follow_up_set_id (RegFollowUp *self,
                      gint64       id)
{
  g_return_if_fail (REG_IS_FOLLOW_UP (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
reg_follow_up_get_customer_id (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), 0);

  return self->customer_id;
}

void
reg_follow_up_set_customer_id (RegFollowUp *self,
                               gint64       customer_id)
{
  g_return_if_fail (REG_IS_FOLLOW_UP (self));
  g_return_if_fail (customer_id >= 0);

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

gint64
reg_follow_up_get_visit_id (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), 0);

  return self->visit_id;
}

void
reg_follow_up_set_visit_id (RegFollowUp *self,
                            gint64       visit_id)
{
  g_return_if_fail (REG_IS_FOLLOW_UP (self));
  g_return_if_fail (visit_id >= 0);

  if (self->visit_id == visit_id)
    return;

  self->visit_id = visit_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIT_ID]);
}

const char *
reg_follow_up_get_promise (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), NULL);

  return self->promise != NULL ? self->promise : "";
}

void
reg_follow_up_set_promise (RegFollowUp *self,
                           const char  *promise)
{
  g_return_if_fail (REG_IS_FOLLOW_UP (self));

  if (reg_set_string (&self->promise, promise))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROMISE]);
}

gint64
reg_follow_up_get_due_at (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), 0);

  return self->due_at;
}

void
reg_follow_up_set_due_at (RegFollowUp *self,
                          gint64       due_at)
{
  gint64 old_effective_due_at;

  g_return_if_fail (REG_IS_FOLLOW_UP (self));

  if (self->due_at == due_at)
    return;

  old_effective_due_at = reg_follow_up_get_effective_due_at (self);
  self->due_at = due_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_AT]);

  if (reg_follow_up_get_effective_due_at (self) != old_effective_due_at)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EFFECTIVE_DUE_AT]);
}

const char *
reg_follow_up_get_due_zone (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), NULL);

  return self->due_zone != NULL ? self->due_zone : "";
}

void
reg_follow_up_set_due_zone (RegFollowUp *self,
                            const char  *due_zone)
{
  g_return_if_fail (REG_IS_FOLLOW_UP (self));

  if (reg_set_string (&self->due_zone, due_zone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_ZONE]);
}

gint64
reg_follow_up_get_assigned_to (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), 0);

  return self->assigned_to;
}

void
reg_follow_up_set_assigned_to (RegFollowUp *self,
                               gint64       assigned_to)
{
  g_return_if_fail (REG_IS_FOLLOW_UP (self));
  g_return_if_fail (assigned_to >= 0);

  if (self->assigned_to == assigned_to)
    return;

  self->assigned_to = assigned_to;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNED_TO]);
}

gint64
reg_follow_up_get_created_by (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), 0);

  return self->created_by;
}

void
reg_follow_up_set_created_by (RegFollowUp *self,
                              gint64       created_by)
{
  g_return_if_fail (REG_IS_FOLLOW_UP (self));
  g_return_if_fail (created_by >= 0);

  if (self->created_by == created_by)
    return;

  self->created_by = created_by;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_BY]);
}

RegFollowUpStatus
reg_follow_up_get_status (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), REG_FOLLOW_UP_STATUS_OPEN);

  return self->status;
}

void
reg_follow_up_set_status (RegFollowUp       *self,
                          RegFollowUpStatus  status)
{
  g_return_if_fail (REG_IS_FOLLOW_UP (self));
  g_return_if_fail (status >= REG_FOLLOW_UP_STATUS_OPEN &&
                    status <= REG_FOLLOW_UP_STATUS_CANCELLED);

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

gint64
reg_follow_up_get_snoozed_until (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), 0);

  return self->snoozed_until;
}

void
reg_follow_up_set_snoozed_until (RegFollowUp *self,
                                 gint64       snoozed_until)
{
  gint64 old_effective_due_at;

  g_return_if_fail (REG_IS_FOLLOW_UP (self));

  if (self->snoozed_until == snoozed_until)
    return;

  old_effective_due_at = reg_follow_up_get_effective_due_at (self);
  self->snoozed_until = snoozed_until;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNOOZED_UNTIL]);

  if (reg_follow_up_get_effective_due_at (self) != old_effective_due_at)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EFFECTIVE_DUE_AT]);
}

gint64
reg_follow_up_get_done_at (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), 0);

  return self->done_at;
}

void
reg_follow_up_set_done_at (RegFollowUp *self,
                           gint64       done_at)
{
  g_return_if_fail (REG_IS_FOLLOW_UP (self));

  if (self->done_at == done_at)
    return;

  self->done_at = done_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE_AT]);
}

gint64
reg_follow_up_get_created_at (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), 0);

  return self->created_at;
}

void
reg_follow_up_set_created_at (RegFollowUp *self,
                              gint64       created_at)
{
  g_return_if_fail (REG_IS_FOLLOW_UP (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
reg_follow_up_get_updated_at (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), 0);

  return self->updated_at;
}

void
reg_follow_up_set_updated_at (RegFollowUp *self,
                              gint64       updated_at)
{
  g_return_if_fail (REG_IS_FOLLOW_UP (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
reg_follow_up_get_deleted_at (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), 0);

  return self->deleted_at;
}

void
reg_follow_up_set_deleted_at (RegFollowUp *self,
                              gint64       deleted_at)
{
  g_return_if_fail (REG_IS_FOLLOW_UP (self));

  if (self->deleted_at == deleted_at)
    return;

  self->deleted_at = deleted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}

gint64
reg_follow_up_get_effective_due_at (RegFollowUp *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), 0);

  return MAX (self->due_at, self->snoozed_until);
}

gboolean
reg_follow_up_validate (RegFollowUp  *self,
                        GError      **error)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (reg_string_is_blank (self->promise))
    {
      g_set_error_literal (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                           _("Promise: write down what was promised"));
      return FALSE;
    }

  if (self->due_at == 0)
    {
      g_set_error_literal (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                           _("Due time: a promise needs a due time"));
      return FALSE;
    }

  return TRUE;
}

/* When "tomorrow morning" is, from @now (Unix seconds): 09:00 local time
 * the next calendar day, whatever summer time does overnight. The card
 * and the reminder pop-up both snooze to it. */
gint64
reg_follow_up_tomorrow_morning (gint64 now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) morning = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  g_date_add_days (&date, 1);
  morning = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), 9, 0, 0);
  return g_date_time_to_unix (morning);
}
