/* reg-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-types"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-model-private.h"
#include "reg-types.h"

G_DEFINE_QUARK (reg-model-error-quark, reg_model_error)

#define DEFINE_ENUM_TYPE(TypeName, type_name)                               \
GType                                                                       \
type_name##_get_type (void)                                                 \
{                                                                           \
  static gsize gtype_id = 0;                                                \
                                                                            \
  if (g_once_init_enter (&gtype_id))                                        \
    {                                                                       \
      GType gtype = g_enum_register_static (g_intern_static_string (#TypeName), \
                                            type_name##_values);            \
      g_once_init_leave (&gtype_id, gtype);                                 \
    }                                                                       \
                                                                            \
  return gtype_id;                                                          \
}

/* The nicks are what the database and the exchange formats store. */

static const GEnumValue reg_customer_kind_values[] = {
  { REG_CUSTOMER_KIND_PROSPECT, "REG_CUSTOMER_KIND_PROSPECT", "prospect" },
  { REG_CUSTOMER_KIND_CURRENT, "REG_CUSTOMER_KIND_CURRENT", "current" },
  { REG_CUSTOMER_KIND_FORMER, "REG_CUSTOMER_KIND_FORMER", "former" },
  { 0, NULL, NULL }
};

static const GEnumValue reg_channel_values[] = {
  { REG_CHANNEL_VISIT, "REG_CHANNEL_VISIT", "visit" },
  { REG_CHANNEL_CALL, "REG_CHANNEL_CALL", "call" },
  { REG_CHANNEL_EMAIL, "REG_CHANNEL_EMAIL", "email" },
  { REG_CHANNEL_OTHER, "REG_CHANNEL_OTHER", "other" },
  { 0, NULL, NULL }
};

static const GEnumValue reg_follow_up_status_values[] = {
  { REG_FOLLOW_UP_STATUS_OPEN, "REG_FOLLOW_UP_STATUS_OPEN", "open" },
  { REG_FOLLOW_UP_STATUS_DONE, "REG_FOLLOW_UP_STATUS_DONE", "done" },
  { REG_FOLLOW_UP_STATUS_CANCELLED, "REG_FOLLOW_UP_STATUS_CANCELLED", "cancelled" },
  { 0, NULL, NULL }
};

static const GEnumValue reg_case_severity_values[] = {
  { REG_CASE_SEVERITY_LOW, "REG_CASE_SEVERITY_LOW", "low" },
  { REG_CASE_SEVERITY_NORMAL, "REG_CASE_SEVERITY_NORMAL", "normal" },
  { REG_CASE_SEVERITY_HIGH, "REG_CASE_SEVERITY_HIGH", "high" },
  { REG_CASE_SEVERITY_URGENT, "REG_CASE_SEVERITY_URGENT", "urgent" },
  { 0, NULL, NULL }
};

static const GEnumValue reg_case_status_values[] = {
  { REG_CASE_STATUS_OPEN, "REG_CASE_STATUS_OPEN", "open" },
  { REG_CASE_STATUS_IN_PROGRESS, "REG_CASE_STATUS_IN_PROGRESS", "in_progress" },
  { REG_CASE_STATUS_ESCALATED, "REG_CASE_STATUS_ESCALATED", "escalated" },
  { REG_CASE_STATUS_WAITING, "REG_CASE_STATUS_WAITING", "waiting" },
  { REG_CASE_STATUS_RESOLVED, "REG_CASE_STATUS_RESOLVED", "resolved" },
  { REG_CASE_STATUS_CLOSED, "REG_CASE_STATUS_CLOSED", "closed" },
  { 0, NULL, NULL }
};

DEFINE_ENUM_TYPE (RegCustomerKind, reg_customer_kind)
DEFINE_ENUM_TYPE (RegChannel, reg_channel)
DEFINE_ENUM_TYPE (RegFollowUpStatus, reg_follow_up_status)
DEFINE_ENUM_TYPE (RegCaseSeverity, reg_case_severity)
DEFINE_ENUM_TYPE (RegCaseStatus, reg_case_status)

/* Returns NULL for a value the type does not have. */
const char *
reg_enum_to_nick (GType enum_type,
                  int   value)
{
  g_autoptr(GEnumClass) enum_class = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  /* The value tables are static, so the nick outlives the class reference. */
  enum_class = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value (enum_class, value);

  return enum_value != NULL ? enum_value->value_nick : NULL;
}

/* Leaves *value alone and returns FALSE for a nick the type does not have. */
gboolean
reg_enum_from_nick (GType       enum_type,
                    const char *nick,
                    int        *value)
{
  g_autoptr(GEnumClass) enum_class = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);

  if (nick == NULL)
    return FALSE;

  enum_class = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (enum_class, nick);
  if (enum_value == NULL)
    return FALSE;

  if (value != NULL)
    *value = enum_value->value;

  return TRUE;
}

G_DEFINE_BOXED_TYPE (RegLabeledValue, reg_labeled_value,
                     reg_labeled_value_copy, reg_labeled_value_free)

RegLabeledValue *
reg_labeled_value_new (const char *label,
                       const char *value)
{
  RegLabeledValue *self = g_new0 (RegLabeledValue, 1);

  self->label = g_strdup (label != NULL ? label : "");
  self->value = g_strdup (value != NULL ? value : "");

  return self;
}

RegLabeledValue *
reg_labeled_value_copy (const RegLabeledValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return reg_labeled_value_new (self->label, self->value);
}

void
reg_labeled_value_free (RegLabeledValue *self)
{
  if (self == NULL)
    return;

  g_free (self->label);
  g_free (self->value);
  g_free (self);
}

/* Arrays of RegLabeledValue, compared in order; NULL equals an empty array. */
gboolean
reg_labeled_values_equal (GPtrArray *a,
                          GPtrArray *b)
{
  guint a_len = a != NULL ? a->len : 0;
  guint b_len = b != NULL ? b->len : 0;

  if (a_len != b_len)
    return FALSE;

  for (guint i = 0; i < a_len; i++)
    {
      const RegLabeledValue *a_value = g_ptr_array_index (a, i);
      const RegLabeledValue *b_value = g_ptr_array_index (b, i);

      if (a_value == b_value)
        continue;

      if (a_value == NULL || b_value == NULL ||
          g_strcmp0 (a_value->label, b_value->label) != 0 ||
          g_strcmp0 (a_value->value, b_value->value) != 0)
        return FALSE;
    }

  return TRUE;
}

gboolean
reg_set_string (char       **field,
                const char  *value)
{
  char *copy;

  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  /* Copy first: value may point into the old string. */
  copy = g_strdup (value);
  g_free (*field);
  *field = copy;

  return TRUE;
}

gboolean
reg_set_strv (char             ***field,
              const char * const *value)
{
  static const char * const empty[] = { NULL };
  const char * const *old = *field != NULL ? (const char * const *) *field : empty;
  char **copy;

  if (value == NULL)
    value = empty;

  if (g_strv_equal (old, value))
    return FALSE;

  copy = value[0] != NULL ? g_strdupv ((char **) value) : NULL;
  g_strfreev (*field);
  *field = copy;

  return TRUE;
}

/* *field is never NULL, so that getters can hand it out as it is. */
gboolean
reg_set_labeled_values (GPtrArray **field,
                        GPtrArray  *value)
{
  GPtrArray *copy;

  if (reg_labeled_values_equal (*field, value))
    return FALSE;

  copy = g_ptr_array_new_full (value != NULL ? value->len : 0,
                               (GDestroyNotify) reg_labeled_value_free);
  for (guint i = 0; value != NULL && i < value->len; i++)
    {
      const RegLabeledValue *item = g_ptr_array_index (value, i);

      if (item != NULL)
        g_ptr_array_add (copy, reg_labeled_value_copy (item));
    }

  g_clear_pointer (field, g_ptr_array_unref);
  *field = copy;

  return TRUE;
}

gboolean
reg_string_is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      /* Invalid UTF-8 is not blank; validating it is somebody else's job. */
      if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isspace (c))
        return FALSE;
    }

  return TRUE;
}
