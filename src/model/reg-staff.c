/* reg-staff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-staff"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-staff.h"
#include "reg-model-private.h"

struct _RegStaff
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *team;
  guint    active : 1;
  gint64   created_at;
};

G_DEFINE_FINAL_TYPE (RegStaff, reg_staff, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_TEAM,
  PROP_ACTIVE,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
reg_staff_finalize (GObject *object)
{
  RegStaff *self = REG_STAFF (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->team, g_free);

  G_OBJECT_CLASS (reg_staff_parent_class)->finalize (object);
}

static void
reg_staff_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RegStaff *self = REG_STAFF (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, reg_staff_get_id (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, reg_staff_get_name (self));
      break;

    case PROP_TEAM:
      g_value_set_string (value, reg_staff_get_team (self));
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, reg_staff_get_active (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, reg_staff_get_created_at (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_staff_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RegStaff *self = REG_STAFF (object);

  switch (prop_id)
    {
    case PROP_ID:
      reg_staff_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      reg_staff_set_name (self, g_value_get_string (value));
      break;

    case PROP_TEAM:
      reg_staff_set_team (self, g_value_get_string (value));
      break;

    case PROP_ACTIVE:
      reg_staff_set_active (self, g_value_get_boolean (value));
      break;

    case PROP_CREATED_AT:
      reg_staff_set_created_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_staff_class_init (RegStaffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_staff_finalize;
  object_class->get_property = reg_staff_get_property;
  object_class->set_property = reg_staff_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEAM] =
    g_param_spec_string ("team", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reg_staff_init (RegStaff *self)
{
  self->active = TRUE;
}

RegStaff *
reg_staff_new (void)
{
  return g_object_new (REG_TYPE_STAFF, NULL);
}

gint64
reg_staff_get_id (RegStaff *self)
{
  g_return_val_if_fail (REG_IS_STAFF (self), 0);

  return self->id;
}

void
reg_staff_set_id (RegStaff *self,
                  gint64    id)
{
  g_return_if_fail (REG_IS_STAFF (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
reg_staff_get_name (RegStaff *self)
{
  g_return_val_if_fail (REG_IS_STAFF (self), NULL);

  return self->name != NULL ? self->name : "";
}

void
reg_staff_set_name (RegStaff   *self,
                    const char *name)
{
  g_return_if_fail (REG_IS_STAFF (self));

  if (reg_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
reg_staff_get_team (RegStaff *self)
{
  g_return_val_if_fail (REG_IS_STAFF (self), NULL);

  return self->team != NULL ? self->team : "";
}

void
reg_staff_set_team (RegStaff   *self,
                    const char *team)
{
  g_return_if_fail (REG_IS_STAFF (self));

  if (reg_set_string (&self->team, team))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEAM]);
}

gboolean
reg_staff_get_active (RegStaff *self)
{
  g_return_val_if_fail (REG_IS_STAFF (self), FALSE);

  return self->active;
}

void
reg_staff_set_active (RegStaff *self,
                      gboolean  active)
{
  g_return_if_fail (REG_IS_STAFF (self));

  active = !!active;

  if (self->active == active)
    return;

  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

gint64
reg_staff_get_created_at (RegStaff *self)
{
  g_return_val_if_fail (REG_IS_STAFF (self), 0);

  return self->created_at;
}

void
reg_staff_set_created_at (RegStaff *self,
                          gint64    created_at)
{
  g_return_if_fail (REG_IS_STAFF (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gboolean
reg_staff_validate (RegStaff  *self,
                    GError   **error)
{
  g_return_val_if_fail (REG_IS_STAFF (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (reg_string_is_blank (self->name))
    {
      g_set_error_literal (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                           _("Name: a staff member needs a name"));
      return FALSE;
    }

  return TRUE;
}
