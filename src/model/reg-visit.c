/* reg-visit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-visit"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-visit.h"
#include "reg-model-private.h"

struct _RegVisit
{
  GObject     parent_instance;

  gint64      id;
  gint64      customer_id;
  gint64      author_id;
  RegChannel  channel;
  gint64      happened_at;
  char       *text;
  int         satisfaction;
  gint64      created_at;
  gint64      deleted_at;
};

G_DEFINE_FINAL_TYPE (RegVisit, reg_visit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_AUTHOR_ID,
  PROP_CHANNEL,
  PROP_HAPPENED_AT,
  PROP_TEXT,
  PROP_SATISFACTION,
  PROP_CREATED_AT,
  PROP_DELETED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
reg_visit_finalize (GObject *object)
{
  RegVisit *self = REG_VISIT (object);

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (reg_visit_parent_class)->finalize (object);
}

static void
reg_visit_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RegVisit *self = REG_VISIT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, reg_visit_get_id (self));
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, reg_visit_get_customer_id (self));
      break;

    case PROP_AUTHOR_ID:
      g_value_set_int64 (value, reg_visit_get_author_id (self));
      break;

    case PROP_CHANNEL:
      g_value_set_enum (value, reg_visit_get_channel (self));
      break;

    case PROP_HAPPENED_AT:
      g_value_set_int64 (value, reg_visit_get_happened_at (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, reg_visit_get_text (self));
      break;

    case PROP_SATISFACTION:
      g_value_set_int (value, reg_visit_get_satisfaction (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, reg_visit_get_created_at (self));
      break;

    case PROP_DELETED_AT:
      g_value_set_int64 (value, reg_visit_get_deleted_at (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_visit_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RegVisit *self = REG_VISIT (object);

  switch (prop_id)
    {
    case PROP_ID:
      reg_visit_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CUSTOMER_ID:
      reg_visit_set_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_AUTHOR_ID:
      reg_visit_set_author_id (self, g_value_get_int64 (value));
      break;

    case PROP_CHANNEL:
      reg_visit_set_channel (self, g_value_get_enum (value));
      break;

    case PROP_HAPPENED_AT:
      reg_visit_set_happened_at (self, g_value_get_int64 (value));
      break;

    case PROP_TEXT:
      reg_visit_set_text (self, g_value_get_string (value));
      break;

    case PROP_SATISFACTION:
      reg_visit_set_satisfaction (self, g_value_get_int (value));
      break;

    case PROP_CREATED_AT:
      reg_visit_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED_AT:
      reg_visit_set_deleted_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_visit_class_init (RegVisitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_visit_finalize;
  object_class->get_property = reg_visit_get_property;
  object_class->set_property = reg_visit_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTHOR_ID] =
    g_param_spec_int64 ("author-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       REG_TYPE_CHANNEL,
                       REG_CHANNEL_VISIT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HAPPENED_AT] =
    g_param_spec_int64 ("happened-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SATISFACTION] =
    g_param_spec_int ("satisfaction", NULL, NULL,
                      0, 5, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DELETED_AT] =
    g_param_spec_int64 ("deleted-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reg_visit_init (RegVisit *self)
{
  self->channel = REG_CHANNEL_VISIT;
}

RegVisit *
reg_visit_new (void)
{
  return g_object_new (REG_TYPE_VISIT, NULL);
}

gint64
reg_visit_get_id (RegVisit *self)
{
  g_return_val_if_fail (REG_IS_VISIT (self), 0);

  return self->id;
}

void
reg_visit_set_id (RegVisit *self,
                  gint64    id)
{
  g_return_if_fail (REG_IS_VISIT (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
reg_visit_get_customer_id (RegVisit *self)
{
  g_return_val_if_fail (REG_IS_VISIT (self), 0);

  return self->customer_id;
}

void
reg_visit_set_customer_id (RegVisit *self,
                           gint64    customer_id)
{
  g_return_if_fail (REG_IS_VISIT (self));
  g_return_if_fail (customer_id >= 0);

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

gint64
reg_visit_get_author_id (RegVisit *self)
{
  g_return_val_if_fail (REG_IS_VISIT (self), 0);

  return self->author_id;
}

void
reg_visit_set_author_id (RegVisit *self,
                         gint64    author_id)
{
  g_return_if_fail (REG_IS_VISIT (self));
  g_return_if_fail (author_id >= 0);

  if (self->author_id == author_id)
    return;

  self->author_id = author_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR_ID]);
}

RegChannel
reg_visit_get_channel (RegVisit *self)
{
  g_return_val_if_fail (REG_IS_VISIT (self), REG_CHANNEL_VISIT);

  return self->channel;
}

void
reg_visit_set_channel (RegVisit   *self,
                       RegChannel  channel)
{
  g_return_if_fail (REG_IS_VISIT (self));
  g_return_if_fail (channel >= REG_CHANNEL_VISIT &&
                    channel <= REG_CHANNEL_OTHER);

  if (self->channel == channel)
    return;

  self->channel = channel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

gint64
reg_visit_get_happened_at (RegVisit *self)
{
  g_return_val_if_fail (REG_IS_VISIT (self), 0);

  return self->happened_at;
}

void
reg_visit_set_happened_at (RegVisit *self,
                           gint64    happened_at)
{
  g_return_if_fail (REG_IS_VISIT (self));

  if (self->happened_at == happened_at)
    return;

  self->happened_at = happened_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAPPENED_AT]);
}

const char *
reg_visit_get_text (RegVisit *self)
{
  g_return_val_if_fail (REG_IS_VISIT (self), NULL);

  return self->text != NULL ? self->text : "";
}

void
reg_visit_set_text (RegVisit   *self,
                    const char *text)
{
  g_return_if_fail (REG_IS_VISIT (self));

  if (reg_set_string (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

int
reg_visit_get_satisfaction (RegVisit *self)
{
  g_return_val_if_fail (REG_IS_VISIT (self), 0);

  return self->satisfaction;
}

void
reg_visit_set_satisfaction (RegVisit *self,
                            int       satisfaction)
{
  g_return_if_fail (REG_IS_VISIT (self));

  if (self->satisfaction == satisfaction)
    return;

  self->satisfaction = satisfaction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SATISFACTION]);
}

gint64
reg_visit_get_created_at (RegVisit *self)
{
  g_return_val_if_fail (REG_IS_VISIT (self), 0);

  return self->created_at;
}

void
reg_visit_set_created_at (RegVisit *self,
                          gint64    created_at)
{
  g_return_if_fail (REG_IS_VISIT (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
reg_visit_get_deleted_at (RegVisit *self)
{
  g_return_val_if_fail (REG_IS_VISIT (self), 0);

  return self->deleted_at;
}

void
reg_visit_set_deleted_at (RegVisit *self,
                          gint64    deleted_at)
{
  g_return_if_fail (REG_IS_VISIT (self));

  if (self->deleted_at == deleted_at)
    return;

  self->deleted_at = deleted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}

gboolean
reg_visit_validate (RegVisit  *self,
                    GError   **error)
{
  g_return_val_if_fail (REG_IS_VISIT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (reg_string_is_blank (self->text))
    {
      g_set_error_literal (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                           _("Visit note: write what happened"));
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
