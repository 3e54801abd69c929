/* reg-case.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-case"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-case.h"
#include "reg-model-private.h"

struct _RegCase
{
  GObject          parent_instance;

  gint64           id;
  gint64           customer_id;
  char            *title;
  char            *description;
  RegCaseSeverity  severity;
  RegCaseStatus    status;
  gint64           owner_id;
  gint64           escalated_to_id;
  char            *escalated_team;
  gint64           opened_at;
  gint64           resolved_at;
  gint64           closed_at;
  char            *resolution;
  guint            customer_told : 1;
  int              satisfaction;
  char            *satisfaction_comment;
  gint64           updated_at;
  gint64           deleted_at;
  gint64           target_at;
};

G_DEFINE_FINAL_TYPE (RegCase, reg_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_SEVERITY,
  PROP_STATUS,
  PROP_OWNER_ID,
  PROP_ESCALATED_TO_ID,
  PROP_ESCALATED_TEAM,
  PROP_OPENED_AT,
  PROP_RESOLVED_AT,
  PROP_CLOSED_AT,
  PROP_RESOLUTION,
  PROP_CUSTOMER_TOLD,
  PROP_SATISFACTION,
  PROP_SATISFACTION_COMMENT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
  PROP_TARGET_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
reg_case_finalize (GObject *object)
{
  RegCase *self = REG_CASE (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->escalated_team, g_free);
  g_clear_pointer (&self->resolution, g_free);
  g_clear_pointer (&self->satisfaction_comment, g_free);

  G_OBJECT_CLASS (reg_case_parent_class)->finalize (object);
}

static void
reg_case_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RegCase *self = REG_CASE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, reg_case_get_id (self));
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, reg_case_get_customer_id (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, reg_case_get_title (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, reg_case_get_description (self));
      break;

    case PROP_SEVERITY:
      g_value_set_enum (value, reg_case_get_severity (self));
      break;

    case PROP_STATUS:
      g_value_set_enum (value, reg_case_get_status (self));
      break;

    case PROP_OWNER_ID:
      g_value_set_int64 (value, reg_case_get_owner_id (self));
      break;

    case PROP_ESCALATED_TO_ID:
      g_value_set_int64 (value, reg_case_get_escalated_to_id (self));
      break;

    case PROP_ESCALATED_TEAM:
      g_value_set_string (value, reg_case_get_escalated_team (self));
      break;

    case PROP_OPENED_AT:
      g_value_set_int64 (value, reg_case_get_opened_at (self));
      break;

    case PROP_RESOLVED_AT:
      g_value_set_int64 (value, reg_case_get_resolved_at (self));
      break;

    case PROP_CLOSED_AT:
      g_value_set_int64 (value, reg_case_get_closed_at (self));
      break;

    case PROP_RESOLUTION:
      g_value_set_string (value, reg_case_get_resolution (self));
      break;

    case PROP_CUSTOMER_TOLD:
      g_value_set_boolean (value, reg_case_get_customer_told (self));
      break;

    case PROP_SATISFACTION:
      g_value_set_int (value, reg_case_get_satisfaction (self));
      break;

    case PROP_SATISFACTION_COMMENT:
      g_value_set_string (value, reg_case_get_satisfaction_comment (self));
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, reg_case_get_updated_at (self));
      break;

    case PROP_TARGET_AT:
      g_value_set_int64 (value, reg_case_get_target_at (self));
      break;

    case PROP_DELETED_AT:
      g_value_set_int64 (value, reg_case_get_deleted_at (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_case_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  RegCase *self = REG_CASE (object);

  switch (prop_id)
    {
    case PROP_ID:
      reg_case_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CUSTOMER_ID:
      reg_case_set_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_TITLE:
      reg_case_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      reg_case_set_description (self, g_value_get_string (value));
      break;

    case PROP_SEVERITY:
      reg_case_set_severity (self, g_value_get_enum (value));
      break;

    case PROP_STATUS:
      reg_case_set_status (self, g_value_get_enum (value));
      break;

    case PROP_OWNER_ID:
      reg_case_set_owner_id (self, g_value_get_int64 (value));
      break;

    case PROP_ESCALATED_TO_ID:
      reg_case_set_escalated_to_id (self, g_value_get_int64 (value));
      break;

    case PROP_ESCALATED_TEAM:
      reg_case_set_escalated_team (self, g_value_get_string (value));
      break;

    case PROP_OPENED_AT:
      reg_case_set_opened_at (self, g_value_get_int64 (value));
      break;

    case PROP_RESOLVED_AT:
      reg_case_set_resolved_at (self, g_value_get_int64 (value));
      break;

    case PROP_CLOSED_AT:
      reg_case_set_closed_at (self, g_value_get_int64 (value));
      break;

    case PROP_RESOLUTION:
      reg_case_set_resolution (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_TOLD:
      reg_case_set_customer_told (self, g_value_get_boolean (value));
      break;

    case PROP_SATISFACTION:
      reg_case_set_satisfaction (self, g_value_get_int (value));
      break;

    case PROP_SATISFACTION_COMMENT:
      reg_case_set_satisfaction_comment (self, g_value_get_string (value));
      break;

    case PROP_UPDATED_AT:
      reg_case_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_TARGET_AT:
      reg_case_set_target_at (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED_AT:
      reg_case_set_deleted_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_case_class_init (RegCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_case_finalize;
  object_class->get_property = reg_case_get_property;
  object_class->set_property = reg_case_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       REG_TYPE_CASE_SEVERITY,
                       REG_CASE_SEVERITY_NORMAL,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       REG_TYPE_CASE_STATUS,
                       REG_CASE_STATUS_OPEN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OWNER_ID] =
    g_param_spec_int64 ("owner-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ESCALATED_TO_ID] =
    g_param_spec_int64 ("escalated-to-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ESCALATED_TEAM] =
    g_param_spec_string ("escalated-team", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OPENED_AT] =
    g_param_spec_int64 ("opened-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RESOLVED_AT] =
    g_param_spec_int64 ("resolved-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLOSED_AT] =
    g_param_spec_int64 ("closed-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RESOLUTION] =
    g_param_spec_string ("resolution", NULL, NULL,
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

  properties[PROP_SATISFACTION_COMMENT] =
    g_param_spec_string ("satisfaction-comment", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DELETED_AT] =
    g_param_spec_int64 ("deleted-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* When the case should be resolved by: its turnaround target, or the
   * later time the customer was told of. */
  properties[PROP_TARGET_AT] =
    g_param_spec_int64 ("target-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reg_case_init (RegCase *self)
{
  self->severity = REG_CASE_SEVERITY_NORMAL;
  self->status = REG_CASE_STATUS_OPEN;
}

RegCase *
reg_case_new (void)
{
  return g_object_new (REG_TYPE_CASE, NULL);
}

gint64
reg_case_get_id (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), 0);

  return self->id;
}

void
reg_case_set_id (RegCase *self,
                 gint64   id)
{
  g_return_if_fail (REG_IS_CASE (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
reg_case_get_customer_id (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), 0);

  return self->customer_id;
}

void
reg_case_set_customer_id (RegCase *self,
                          gint64   customer_id)
{
  g_return_if_fail (REG_IS_CASE (self));
  g_return_if_fail (customer_id >= 0);

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
reg_case_get_title (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), NULL);

  return self->title != NULL ? self->title : "";
}

void
reg_case_set_title (RegCase    *self,
                    const char *title)
{
  g_return_if_fail (REG_IS_CASE (self));

  if (reg_set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
reg_case_get_description (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), NULL);

  return self->description != NULL ? self->description : "";
}

void
reg_case_set_description (RegCase    *self,
                          const char *description)
{
  g_return_if_fail (REG_IS_CASE (self));

  if (reg_set_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

RegCaseSeverity
reg_case_get_severity (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), REG_CASE_SEVERITY_NORMAL);

  return self->severity;
}

void
reg_case_set_severity (RegCase         *self,
                       RegCaseSeverity  severity)
{
  g_return_if_fail (REG_IS_CASE (self));
  g_return_if_fail (severity >= REG_CASE_SEVERITY_LOW &&
                    severity <= REG_CASE_SEVERITY_URGENT);

  if (self->severity == severity)
    return;

  self->severity = severity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY]);
}

RegCaseStatus
reg_case_get_status (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), REG_CASE_STATUS_OPEN);

  return self->status;
}

void
reg_case_set_status (RegCase       *self,
                     RegCaseStatus  status)
{
  g_return_if_fail (REG_IS_CASE (self));
  g_return_if_fail (status >= REG_CASE_STATUS_OPEN &&
                    status <= REG_CASE_STATUS_CLOSED);

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

gint64
reg_case_get_owner_id (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), 0);

  return self->owner_id;
}

void
reg_case_set_owner_id (RegCase *self,
                       gint64   owner_id)
{
  g_return_if_fail (REG_IS_CASE (self));
  g_return_if_fail (owner_id >= 0);

  if (self->owner_id == owner_id)
    return;

  self->owner_id = owner_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_ID]);
}

gint64
reg_case_get_escalated_to_id (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), 0);

  return self->escalated_to_id;
}

void
reg_case_set_escalated_to_id (RegCase *self,
                              gint64   escalated_to_id)
{
  g_return_if_fail (REG_IS_CASE (self));
  g_return_if_fail (escalated_to_id >= 0);

  if (self->escalated_to_id == escalated_to_id)
    return;

  self->escalated_to_id = escalated_to_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESCALATED_TO_ID]);
}

const char *
reg_case_get_escalated_team (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), NULL);

  return self->escalated_team != NULL ? self->escalated_team : "";
}

void
reg_case_set_escalated_team (RegCase    *self,
                             const char *escalated_team)
{
  g_return_if_fail (REG_IS_CASE (self));

  if (reg_set_string (&self->escalated_team, escalated_team))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESCALATED_TEAM]);
}

gint64
reg_case_get_opened_at (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), 0);

  return self->opened_at;
}

void
reg_case_set_opened_at (RegCase *self,
                        gint64   opened_at)
{
  g_return_if_fail (REG_IS_CASE (self));

  if (self->opened_at == opened_at)
    return;

  self->opened_at = opened_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENED_AT]);
}

gint64
reg_case_get_resolved_at (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), 0);

  return self->resolved_at;
}

void
reg_case_set_resolved_at (RegCase *self,
                          gint64   resolved_at)
{
  g_return_if_fail (REG_IS_CASE (self));

  if (self->resolved_at == resolved_at)
    return;

  self->resolved_at = resolved_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVED_AT]);
}

gint64
reg_case_get_closed_at (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), 0);

  return self->closed_at;
}

void
reg_case_set_closed_at (RegCase *self,
                        gint64   closed_at)
{
  g_return_if_fail (REG_IS_CASE (self));

  if (self->closed_at == closed_at)
    return;

  self->closed_at = closed_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED_AT]);
}

const char *
reg_case_get_resolution (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), NULL);

  return self->resolution != NULL ? self->resolution : "";
}

void
reg_case_set_resolution (RegCase    *self,
                         const char *resolution)
{
  g_return_if_fail (REG_IS_CASE (self));

  if (reg_set_string (&self->resolution, resolution))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
}

gboolean
reg_case_get_customer_told (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), FALSE);

  return self->customer_told;
}

void
reg_case_set_customer_told (RegCase  *self,
                            gboolean  customer_told)
{
  g_return_if_fail (REG_IS_CASE (self));

  customer_told = !!customer_told;

  if (self->customer_told == customer_told)
    return;

  self->customer_told = customer_told;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_TOLD]);
}

int
reg_case_get_satisfaction (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), 0);

  return self->satisfaction;
}

void
reg_case_set_satisfaction (RegCase *self,
                           int      satisfaction)
{
  g_return_if_fail (REG_IS_CASE (self));

  if (self->satisfaction == satisfaction)
    return;

  self->satisfaction = satisfaction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SATISFACTION]);
}

const char *
reg_case_get_satisfaction_comment (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), NULL);

  return self->satisfaction_comment != NULL ? self->satisfaction_comment : "";
}

void
reg_case_set_satisfaction_comment (RegCase    *self,
                                   const char *satisfaction_comment)
{
  g_return_if_fail (REG_IS_CASE (self));

  if (reg_set_string (&self->satisfaction_comment, satisfaction_comment))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SATISFACTION_COMMENT]);
}

gint64
reg_case_get_updated_at (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), 0);

  return self->updated_at;
}

void
reg_case_set_updated_at (RegCase *self,
                         gint64   updated_at)
{
  g_return_if_fail (REG_IS_CASE (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
reg_case_get_deleted_at (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), 0);

  return self->deleted_at;
}

void
reg_case_set_deleted_at (RegCase *self,
                         gint64   deleted_at)
{
  g_return_if_fail (REG_IS_CASE (self));

  if (self->deleted_at == deleted_at)
    return;

  self->deleted_at = deleted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}

gint64
reg_case_get_target_at (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), 0);

  return self->target_at;
}

void
reg_case_set_target_at (RegCase *self,
                        gint64   target_at)
{
  g_return_if_fail (REG_IS_CASE (self));

  if (self->target_at == target_at)
    return;

  self->target_at = target_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET_AT]);
}

/* Whether the case is still to be resolved. */
gboolean
reg_case_is_open (RegCase *self)
{
  g_return_val_if_fail (REG_IS_CASE (self), FALSE);

  return self->status != REG_CASE_STATUS_RESOLVED && self->status != REG_CASE_STATUS_CLOSED;
}

/* Whether the case is open and its target time has come. */
gboolean
reg_case_is_past_target (RegCase *self,
                         gint64   now)
{
  g_return_val_if_fail (REG_IS_CASE (self), FALSE);

  return reg_case_is_open (self) && self->target_at > 0 && self->target_at <= now;
}

gboolean
reg_case_validate (RegCase  *self,
                   GError  **error)
{
  g_return_val_if_fail (REG_IS_CASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (reg_string_is_blank (self->title))
    {
      g_set_error_literal (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                           _("Title: a case needs a short title"));
      return FALSE;
    }

  if (self->satisfaction < 0 || self->satisfaction > 5)
    {
      g_set_error_literal (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                           _("Satisfaction: choose 1 to 5, or leave it empty"));
      return FALSE;
    }

  return TRUE;
}

/* How a person says a status, in messages. */
const char *
reg_case_status_describe (RegCaseStatus status)
{
  switch (status)
    {
    case REG_CASE_STATUS_OPEN:
      return _("open");
    case REG_CASE_STATUS_IN_PROGRESS:
      return _("in progress");
    case REG_CASE_STATUS_ESCALATED:
      return _("escalated");
    case REG_CASE_STATUS_WAITING:
      return _("waiting on the customer");
    case REG_CASE_STATUS_RESOLVED:
      return _("resolved");
    case REG_CASE_STATUS_CLOSED:
      return _("closed");
    default:
      return "";
    }
}

/* Which steps a case may take. Any open step leads to any other or to
 * Resolved; a resolved case is closed, or reopened (In progress) when the
 * customer comes back; a closed case is over. */
gboolean
reg_case_status_can_change (RegCaseStatus from,
                            RegCaseStatus to)
{
  if (from == to || to == REG_CASE_STATUS_OPEN)
    return FALSE;

  switch (from)
    {
    case REG_CASE_STATUS_OPEN:
    case REG_CASE_STATUS_IN_PROGRESS:
    case REG_CASE_STATUS_ESCALATED:
    case REG_CASE_STATUS_WAITING:
      return to != REG_CASE_STATUS_CLOSED;
    case REG_CASE_STATUS_RESOLVED:
      return to == REG_CASE_STATUS_CLOSED || to == REG_CASE_STATUS_IN_PROGRESS;
    case REG_CASE_STATUS_CLOSED:
    default:
      return FALSE;
    }
}

/* Turnaround targets ---------------------------------------------------- */

void
reg_case_targets_init_default (RegCaseTargets *targets)
{
  g_return_if_fail (targets != NULL);

  targets->hours[REG_CASE_SEVERITY_URGENT] = 4;
  targets->hours[REG_CASE_SEVERITY_HIGH] = 24;
  targets->hours[REG_CASE_SEVERITY_NORMAL] = 3 * 24;
  targets->hours[REG_CASE_SEVERITY_LOW] = 7 * 24;
  targets->working_days_only = FALSE;
}

static gboolean
is_weekend (GDateTime *dt)
{
  return g_date_time_get_day_of_week (dt) >= 6;
}

/* Replaces *@dt by @next, which it owns. */
static void
date_time_replace (GDateTime **dt,
                   GDateTime  *next)
{
  g_date_time_unref (*dt);
  *dt = next;
}

/* When a case of @severity opened at @opened_at (UTC seconds) should be
 * resolved by, with days counted on the calendar of @tz (NULL for the
 * local zone). */
gint64
reg_case_targets_due (const RegCaseTargets *targets,
                      RegCaseSeverity       severity,
                      gint64                opened_at,
                      GTimeZone            *tz)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  GDateTime *dt;
  guint hours, days;
  gint64 due;

  g_return_val_if_fail (targets != NULL, 0);
  g_return_val_if_fail (severity <= REG_CASE_SEVERITY_URGENT, 0);

  hours = MIN (targets->hours[severity], REG_CASE_TARGET_MAX_HOURS);
  if (hours == 0)
    hours = 1;
  if (hours % 24 != 0)
    return opened_at + (gint64) hours * 3600;

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  utc = g_date_time_new_from_unix_utc (opened_at);
  dt = g_date_time_to_timezone (utc, tz);
  days = hours / 24;

  if (!targets->working_days_only)
    date_time_replace (&dt, g_date_time_add_days (dt, (int) days));
  else
    {
      /* A case opened at the weekend starts its clock on Monday morning. */
      if (is_weekend (dt))
        {
          while (is_weekend (dt))
            date_time_replace (&dt, g_date_time_add_days (dt, 1));
          date_time_replace (&dt, g_date_time_new (tz, g_date_time_get_year (dt),
                                                   g_date_time_get_month (dt),
                                                   g_date_time_get_day_of_month (dt), 0, 0, 0));
        }
      for (guint i = 0; i < days; i++)
        {
          date_time_replace (&dt, g_date_time_add_days (dt, 1));
          while (is_weekend (dt))
            date_time_replace (&dt, g_date_time_add_days (dt, 1));
        }
    }

  due = g_date_time_to_unix (dt);
  g_date_time_unref (dt);
  return due;
}
