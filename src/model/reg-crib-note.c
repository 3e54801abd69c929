/* reg-crib-note.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-crib-note"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-crib-note.h"
#include "reg-model-private.h"

struct _RegCribNote
{
  GObject  parent_instance;

  gint64   id;
  gint64   customer_id;
  int      position;
  char    *text;
  gint64   created_at;
  gint64   updated_at;
  gint64   deleted_at;
};

G_DEFINE_FINAL_TYPE (RegCribNote, reg_crib_note, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_POSITION,
  PROP_TEXT,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
reg_crib_note_finalize (GObject *object)
{
  RegCribNote *self = REG_CRIB_NOTE (object);

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (reg_crib_note_parent_class)->finalize (object);
}

static void
reg_crib_note_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RegCribNote *self = REG_CRIB_NOTE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, reg_crib_note_get_id (self));
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, reg_crib_note_get_customer_id (self));
      break;

    case PROP_POSITION:
      g_value_set_int (value, reg_crib_note_get_position (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, reg_crib_note_get_text (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, reg_crib_note_get_created_at (self));
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, reg_crib_note_get_updated_at (self));
      break;

    case PROP_DELETED_AT:
      g_value_set_int64 (value, reg_crib_note_get_deleted_at (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_crib_note_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RegCribNote *self = REG_CRIB_NOTE (object);

  switch (prop_id)
    {
    case PROP_ID:
      reg_crib_note_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CUSTOMER_ID:
      reg_crib_note_set_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_POSITION:
      reg_crib_note_set_position (self, g_value_get_int (value));
      break;

    case PROP_TEXT:
      reg_crib_note_set_text (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      reg_crib_note_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      reg_crib_note_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED_AT:
      reg_crib_note_set_deleted_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_crib_note_class_init (RegCribNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_crib_note_finalize;
  object_class->get_property = reg_crib_note_get_property;
  object_class->set_property = reg_crib_note_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reg_crib_note_init (RegCribNote *self)
{
}

RegCribNote *
reg_crib_note_new (void)
{
  return g_object_new (REG_TYPE_CRIB_NOTE, NULL);
}

gint64
reg_crib_note_get_id (RegCribNote *self)
{
  g_return_val_if_fail (REG_IS_CRIB_NOTE (self), 0);

  return self->id;
}

void
reg_crib_note_set_id (RegCribNote *self,
                      gint64       id)
{
  g_return_if_fail (REG_IS_CRIB_NOTE (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
reg_crib_note_get_customer_id (RegCribNote *self)
{
  g_return_val_if_fail (REG_IS_CRIB_NOTE (self), 0);

  return self->customer_id;
}

void
reg_crib_note_set_customer_id (RegCribNote *self,
                               gint64       customer_id)
{
  g_return_if_fail (REG_IS_CRIB_NOTE (self));
  g_return_if_fail (customer_id >= 0);

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

int
reg_crib_note_get_position (RegCribNote *self)
{
  g_return_val_if_fail (REG_IS_CRIB_NOTE (self), 0);

  return self->position;
}

void
reg_crib_note_set_position (RegCribNote *self,
                            int          position)
{
  g_return_if_fail (REG_IS_CRIB_NOTE (self));
  g_return_if_fail (position >= 0 && position <= G_MAXINT);

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

const char *
reg_crib_note_get_text (RegCribNote *self)
{
  g_return_val_if_fail (REG_IS_CRIB_NOTE (self), NULL);

  return self->text != NULL ? self->text : "";
}

void
reg_crib_note_set_text (RegCribNote *self,
                        const char  *text)
{
  g_return_if_fail (REG_IS_CRIB_NOTE (self));

  if (reg_set_string (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

gint64
reg_crib_note_get_created_at (RegCribNote *self)
{
  g_return_val_if_fail (REG_IS_CRIB_NOTE (self), 0);

  return self->created_at;
}

void
reg_crib_note_set_created_at (RegCribNote *self,
                              gint64       created_at)
{
  g_return_if_fail (REG_IS_CRIB_NOTE (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
reg_crib_note_get_updated_at (RegCribNote *self)
{
  g_return_val_if_fail (REG_IS_CRIB_NOTE (self), 0);

  return self->updated_at;
}

void
reg_crib_note_set_updated_at (RegCribNote *self,
                              gint64       updated_at)
{
  g_return_if_fail (REG_IS_CRIB_NOTE (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
reg_crib_note_get_deleted_at (RegCribNote *self)
{
  g_return_val_if_fail (REG_IS_CRIB_NOTE (self), 0);

  return self->deleted_at;
}

void
reg_crib_note_set_deleted_at (RegCribNote *self,
                              gint64       deleted_at)
{
  g_return_if_fail (REG_IS_CRIB_NOTE (self));

  if (self->deleted_at == deleted_at)
    return;

  self->deleted_at = deleted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);
}

gboolean
reg_crib_note_validate (RegCribNote  *self,
                        GError      **error)
{
  g_return_val_if_fail (REG_IS_CRIB_NOTE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (reg_string_is_blank (self->text))
    {
      g_set_error_literal (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                           _("Crib note: write a few words to remember"));
      return FALSE;
    }

  if (g_utf8_strlen (self->text, -1) > REG_CRIB_NOTE_MAX_LENGTH)
    {
      g_set_error (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                   ngettext ("Crib note: keep it to %d character",
                             "Crib note: keep it to %d characters",
                             REG_CRIB_NOTE_MAX_LENGTH),
                   REG_CRIB_NOTE_MAX_LENGTH);
      return FALSE;
    }

  return TRUE;
}
