/* reg-customer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-customer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reg-customer.h"
#include "reg-model-private.h"

struct _RegCustomer
{
  GObject           parent_instance;

  gint64            id;
  char             *display_name;
  char             *given_name;
  char             *family_name;
  char             *company;
  char             *street;
  char             *locality;
  char             *region;
  char             *postal_code;
  char             *country;
  char             *birthday;
  RegCustomerKind   kind;
  guint             internal : 1;
  guint             vip : 1;
  gint64            owner_id;
  guint             consent : 1;
  gint64            consent_at;
  gint64            created_at;
  gint64            updated_at;
  gint64            last_contact_at;
  gint64            deleted_at;
  GPtrArray        *phones;
  GPtrArray        *emails;
  char            **tags;
  guint             has_overdue : 1;
  guint             has_open_case : 1;
  guint             has_case_past_target : 1;
};

G_DEFINE_FINAL_TYPE (RegCustomer, reg_customer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_GIVEN_NAME,
  PROP_FAMILY_NAME,
  PROP_COMPANY,
  PROP_STREET,
  PROP_LOCALITY,
  PROP_REGION,
  PROP_POSTAL_CODE,
  PROP_COUNTRY,
  PROP_BIRTHDAY,
  PROP_KIND,
  PROP_INTERNAL,
  PROP_VIP,
  PROP_OWNER_ID,
  PROP_CONSENT,
  PROP_CONSENT_AT,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_LAST_CONTACT_AT,
  PROP_DELETED_AT,
  PROP_PHONES,
  PROP_EMAILS,
  PROP_TAGS,
  PROP_TRASHED,
  PROP_HAS_OVERDUE,
  PROP_HAS_OPEN_CASE,
  PROP_HAS_CASE_PAST_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

static void
reg_customer_finalize (GObject *object)
{
  RegCustomer *self = REG_CUSTOMER (object);

  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->given_name, g_free);
  g_clear_pointer (&self->family_name, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->street, g_free);
  g_clear_pointer (&self->locality, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->postal_code, g_free);
  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->birthday, g_free);
  g_clear_pointer (&self->phones, g_ptr_array_unref);
  g_clear_pointer (&self->emails, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (reg_customer_parent_class)->finalize (object);
}

static void
reg_customer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RegCustomer *self = REG_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, reg_customer_get_id (self));
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, reg_customer_get_display_name (self));
      break;

    case PROP_GIVEN_NAME:
      g_value_set_string (value, reg_customer_get_given_name (self));
      break;

    case PROP_FAMILY_NAME:
      g_value_set_string (value, reg_customer_get_family_name (self));
      break;

    case PROP_COMPANY:
      g_value_set_string (value, reg_customer_get_company (self));
      break;

    case PROP_STREET:
      g_value_set_string (value, reg_customer_get_street (self));
      break;

    case PROP_LOCALITY:
      g_value_set_string (value, reg_customer_get_locality (self));
      break;

    case PROP_REGION:
      g_value_set_string (value, reg_customer_get_region (self));
      break;

    case PROP_POSTAL_CODE:
      g_value_set_string (value, reg_customer_get_postal_code (self));
      break;

    case PROP_COUNTRY:
      g_value_set_string (value, reg_customer_get_country (self));
      break;

    case PROP_BIRTHDAY:
      g_value_set_string (value, reg_customer_get_birthday (self));
      break;

    case PROP_KIND:
      g_value_set_enum (value, reg_customer_get_kind (self));
      break;

    case PROP_INTERNAL:
      g_value_set_boolean (value, reg_customer_get_internal (self));
      break;

    case PROP_VIP:
      g_value_set_boolean (value, reg_customer_get_vip (self));
      break;

    case PROP_OWNER_ID:
      g_value_set_int64 (value, reg_customer_get_owner_id (self));
      break;

    case PROP_CONSENT:
      g_value_set_boolean (value, reg_customer_get_consent (self));
      break;

    case PROP_CONSENT_AT:
      g_value_set_int64 (value, reg_customer_get_consent_at (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, reg_customer_get_created_at (self));
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, reg_customer_get_updated_at (self));
      break;

    case PROP_LAST_CONTACT_AT:
      g_value_set_int64 (value, reg_customer_get_last_contact_at (self));
      break;

    case PROP_DELETED_AT:
      g_value_set_int64 (value, reg_customer_get_deleted_at (self));
      break;

    case PROP_PHONES:
      g_value_set_boxed (value, reg_customer_get_phones (self));
      break;

    case PROP_EMAILS:
      g_value_set_boxed (value, reg_customer_get_emails (self));
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, reg_customer_get_tags (self));
      break;

    case PROP_TRASHED:
      g_value_set_boolean (value, reg_customer_get_trashed (self));
      break;

    case PROP_HAS_OVERDUE:
      g_value_set_boolean (value, self->has_overdue);
      break;

    case PROP_HAS_OPEN_CASE:
      g_value_set_boolean (value, self->has_open_case);
      break;

    case PROP_HAS_CASE_PAST_TARGET:
      g_value_set_boolean (value, self->has_case_past_target);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RegCustomer *self = REG_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID:
      reg_customer_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_DISPLAY_NAME:
      reg_customer_set_display_name (self, g_value_get_string (value));
      break;

    case PROP_GIVEN_NAME:
      reg_customer_set_given_name (self, g_value_get_string (value));
      break;

    case PROP_FAMILY_NAME:
      reg_customer_set_family_name (self, g_value_get_string (value));
      break;

    case PROP_COMPANY:
      reg_customer_set_company (self, g_value_get_string (value));
      break;

    case PROP_STREET:
      reg_customer_set_street (self, g_value_get_string (value));
      break;

    case PROP_LOCALITY:
      reg_customer_set_locality (self, g_value_get_string (value));
      break;

    case PROP_REGION:
      reg_customer_set_region (self, g_value_get_string (value));
      break;

    case PROP_POSTAL_CODE:
      reg_customer_set_postal_code (self, g_value_get_string (value));
      break;

    case PROP_COUNTRY:
      reg_customer_set_country (self, g_value_get_string (value));
      break;

    case PROP_BIRTHDAY:
      reg_customer_set_birthday (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      reg_customer_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_INTERNAL:
      reg_customer_set_internal (self, g_value_get_boolean (value));
      break;

    case PROP_VIP:
      reg_customer_set_vip (self, g_value_get_boolean (value));
      break;

    case PROP_OWNER_ID:
      reg_customer_set_owner_id (self, g_value_get_int64 (value));
      break;

    case PROP_CONSENT:
      reg_customer_set_consent (self, g_value_get_boolean (value));
      break;

    case PROP_CONSENT_AT:
      reg_customer_set_consent_at (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      reg_customer_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      reg_customer_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_LAST_CONTACT_AT:
      reg_customer_set_last_contact_at (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED_AT:
      reg_customer_set_deleted_at (self, g_value_get_int64 (value));
      break;

    case PROP_PHONES:
      reg_customer_set_phones (self, g_value_get_boxed (value));
      break;

    case PROP_EMAILS:
      reg_customer_set_emails (self, g_value_get_boxed (value));
      break;

    case PROP_TAGS:
      reg_customer_set_tags (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customer_class_init (RegCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_customer_finalize;
  object_class->get_property = reg_customer_get_property;
  object_class->set_property = reg_customer_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_GIVEN_NAME] =
    g_param_spec_string ("given-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FAMILY_NAME] =
    g_param_spec_string ("family-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STREET] =
    g_param_spec_string ("street", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOCALITY] =
    g_param_spec_string ("locality", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_POSTAL_CODE] =
    g_param_spec_string ("postal-code", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BIRTHDAY] =
    g_param_spec_string ("birthday", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       REG_TYPE_CUSTOMER_KIND,
                       REG_CUSTOMER_KIND_CURRENT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INTERNAL] =
    g_param_spec_boolean ("internal", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Worked out by the store from the customer's follow-ups and cases. */
  properties[PROP_HAS_OVERDUE] =
    g_param_spec_boolean ("has-overdue", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HAS_OPEN_CASE] =
    g_param_spec_boolean ("has-open-case", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HAS_CASE_PAST_TARGET] =
    g_param_spec_boolean ("has-case-past-target", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VIP] =
    g_param_spec_boolean ("vip", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OWNER_ID] =
    g_param_spec_int64 ("owner-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONSENT] =
    g_param_spec_boolean ("consent", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONSENT_AT] =
    g_param_spec_int64 ("consent-at", NULL, NULL,
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

  properties[PROP_LAST_CONTACT_AT] =
    g_param_spec_int64 ("last-contact-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DELETED_AT] =
    g_param_spec_int64 ("deleted-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PHONES] =
    g_param_spec_boxed ("phones", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EMAILS] =
    g_param_spec_boxed ("emails", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TRASHED] =
    g_param_spec_boolean ("trashed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reg_customer_init (RegCustomer *self)
{
  self->kind = REG_CUSTOMER_KIND_CURRENT;
  self->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_labeled_value_free);
  self->emails = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_labeled_value_free);
}

RegCustomer *
reg_customer_new (void)
{
  return g_object_new (REG_TYPE_CUSTOMER, NULL);
}

gint64
reg_customer_get_id (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), 0);

  return self->id;
}

void
reg_customer_set_id (RegCustomer *self,
                     gint64       id)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
reg_customer_get_display_name (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), NULL);

  return self->display_name != NULL ? self->display_name : "";
}

void
reg_customer_set_display_name (RegCustomer *self,
                               const char  *display_name)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (reg_set_string (&self->display_name, display_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

const char *
reg_customer_get_given_name (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), NULL);

  return self->given_name != NULL ? self->given_name : "";
}

void
reg_customer_set_given_name (RegCustomer *self,
                             const char  *given_name)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (reg_set_string (&self->given_name, given_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GIVEN_NAME]);
}

const char *
reg_customer_get_family_name (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), NULL);

  return self->family_name != NULL ? self->family_name : "";
}

void
reg_customer_set_family_name (RegCustomer *self,
                              const char  *family_name)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (reg_set_string (&self->family_name, family_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAMILY_NAME]);
}

const char *
reg_customer_get_company (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), NULL);

  return self->company != NULL ? self->company : "";
}

void
reg_customer_set_company (RegCustomer *self,
                          const char  *company)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (reg_set_string (&self->company, company))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPANY]);
}

const char *
reg_customer_get_street (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), NULL);

  return self->street != NULL ? self->street : "";
}

void
reg_customer_set_street (RegCustomer *self,
                         const char  *street)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (reg_set_string (&self->street, street))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREET]);
}

const char *
reg_customer_get_locality (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), NULL);

  return self->locality != NULL ? self->locality : "";
}

void
reg_customer_set_locality (RegCustomer *self,
                           const char  *locality)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (reg_set_string (&self->locality, locality))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCALITY]);
}

const char *
reg_customer_get_region (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), NULL);

  return self->region != NULL ? self->region : "";
}

void
reg_customer_set_region (RegCustomer *self,
                         const char  *region)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (reg_set_string (&self->region, region))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
}

const char *
reg_customer_get_postal_code (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), NULL);

  return self->postal_code != NULL ? self->postal_code : "";
}

void
reg_customer_set_postal_code (RegCustomer *self,
                              const char  *postal_code)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (reg_set_string (&self->postal_code, postal_code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSTAL_CODE]);
}

const char *
reg_customer_get_country (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), NULL);

  return self->country != NULL ? self->country : "";
}

void
reg_customer_set_country (RegCustomer *self,
                          const char  *country)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (reg_set_string (&self->country, country))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

const char *
reg_customer_get_birthday (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), NULL);

  return self->birthday != NULL ? self->birthday : "";
}

void
reg_customer_set_birthday (RegCustomer *self,
                           const char  *birthday)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (reg_set_string (&self->birthday, birthday))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIRTHDAY]);
}

RegCustomerKind
reg_customer_get_kind (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), REG_CUSTOMER_KIND_CURRENT);

  return self->kind;
}

void
reg_customer_set_kind (RegCustomer     *self,
                       RegCustomerKind  kind)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));
  g_return_if_fail (kind >= REG_CUSTOMER_KIND_PROSPECT &&
                    kind <= REG_CUSTOMER_KIND_FORMER);

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

gboolean
reg_customer_get_internal (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), FALSE);

  return self->internal;
}

void
reg_customer_set_internal (RegCustomer *self,
                           gboolean     internal)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  internal = !!internal;

  if (self->internal == internal)
    return;

  self->internal = internal;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERNAL]);
}

gboolean
reg_customer_get_vip (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), FALSE);

  return self->vip;
}

void
reg_customer_set_vip (RegCustomer *self,
                      gboolean     vip)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  vip = !!vip;

  if (self->vip == vip)
    return;

  self->vip = vip;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIP]);
}

gboolean
reg_customer_get_has_overdue (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), FALSE);

  return self->has_overdue;
}

gboolean
reg_customer_get_has_case_past_target (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), FALSE);

  return self->has_case_past_target;
}

gboolean
reg_customer_get_has_open_case (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), FALSE);

  return self->has_open_case;
}

/* For the store, which knows the follow-ups and cases. */
void
reg_customer_set_flags (RegCustomer *self,
                        gboolean     has_overdue,
                        gboolean     has_open_case,
                        gboolean     has_case_past_target)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  has_overdue = !!has_overdue;
  has_open_case = !!has_open_case;

  if (self->has_overdue != has_overdue)
    {
      self->has_overdue = has_overdue;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_OVERDUE]);
    }
  if (self->has_open_case != has_open_case)
    {
      self->has_open_case = has_open_case;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_OPEN_CASE]);
    }
  has_case_past_target = !!has_case_past_target;
  if (self->has_case_past_target != has_case_past_target)
    {
      self->has_case_past_target = has_case_past_target;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CASE_PAST_TARGET]);
    }
}

gint64
reg_customer_get_owner_id (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), 0);

  return self->owner_id;
}

void
reg_customer_set_owner_id (RegCustomer *self,
                           gint64       owner_id)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));
  g_return_if_fail (owner_id >= 0);

  if (self->owner_id == owner_id)
    return;

  self->owner_id = owner_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_ID]);
}

gboolean
reg_customer_get_consent (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), FALSE);

  return self->consent;
}

void
reg_customer_set_consent (RegCustomer *self,
                          gboolean     consent)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  consent = !!consent;

  if (self->consent == consent)
    return;

  self->consent = consent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT]);
}

gint64
reg_customer_get_consent_at (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), 0);

  return self->consent_at;
}

void
reg_customer_set_consent_at (RegCustomer *self,
                             gint64       consent_at)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (self->consent_at == consent_at)
    return;

  self->consent_at = consent_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_AT]);
}

gint64
reg_customer_get_created_at (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), 0);

  return self->created_at;
}

void
reg_customer_set_created_at (RegCustomer *self,
                             gint64       created_at)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
reg_customer_get_updated_at (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), 0);

  return self->updated_at;
}

void
reg_customer_set_updated_at (RegCustomer *self,
                             gint64       updated_at)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
reg_customer_get_last_contact_at (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), 0);

  return self->last_contact_at;
}

void
reg_customer_set_last_contact_at (RegCustomer *self,
                                  gint64       last_contact_at)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (self->last_contact_at == last_contact_at)
    return;

  self->last_contact_at = last_contact_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CONTACT_AT]);
}

gint64
reg_customer_get_deleted_at (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), 0);

  return self->deleted_at;
}

void
reg_customer_set_deleted_at (RegCustomer *self,
                             gint64       deleted_at)
{
  gboolean old_trashed;

  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (self->deleted_at == deleted_at)
    return;

  old_trashed = reg_customer_get_trashed (self);
  self->deleted_at = deleted_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED_AT]);

  if (reg_customer_get_trashed (self) != old_trashed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRASHED]);
}

GPtrArray *
reg_customer_get_phones (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), NULL);

  return self->phones;
}

void
reg_customer_set_phones (RegCustomer *self,
                         GPtrArray   *phones)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (reg_set_labeled_values (&self->phones, phones))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONES]);
}

GPtrArray *
reg_customer_get_emails (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), NULL);

  return self->emails;
}

void
reg_customer_set_emails (RegCustomer *self,
                         GPtrArray   *emails)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (reg_set_labeled_values (&self->emails, emails))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAILS]);
}

const char * const *
reg_customer_get_tags (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), NULL);

  return self->tags != NULL ? (const char * const *) self->tags : empty_strv;
}

void
reg_customer_set_tags (RegCustomer        *self,
                       const char * const *tags)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  if (reg_set_strv (&self->tags, tags))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

gboolean
reg_customer_get_trashed (RegCustomer *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), FALSE);

  return self->deleted_at != 0;
}

static void
add_labeled_value (RegCustomer *self,
                   GPtrArray   *values,
                   GParamSpec  *pspec,
                   const char  *label,
                   const char  *value)
{
  g_ptr_array_add (values, reg_labeled_value_new (label, value));
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

void
reg_customer_add_phone (RegCustomer *self,
                        const char  *label,
                        const char  *value)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  add_labeled_value (self, self->phones, properties[PROP_PHONES], label, value);
}

void
reg_customer_add_email (RegCustomer *self,
                        const char  *label,
                        const char  *value)
{
  g_return_if_fail (REG_IS_CUSTOMER (self));

  add_labeled_value (self, self->emails, properties[PROP_EMAILS], label, value);
}

/* Exactly one "@", with something other than spaces on each side. A stricter
 * check would refuse addresses that mail servers accept. */
static gboolean
email_is_valid (const char *email)
{
  const char *at = strchr (email, '@');
  g_autofree char *name = NULL;

  if (at == NULL || strchr (at + 1, '@') != NULL)
    return FALSE;

  name = g_strndup (email, at - email);

  return !reg_string_is_blank (name) && !reg_string_is_blank (at + 1);
}

/* pattern: '9' stands for any ASCII digit, anything else for itself. */
static gboolean
matches_pattern (const char *str,
                 const char *pattern)
{
  for (; *pattern != '\0'; str++, pattern++)
    {
      if (*pattern == '9' ? !g_ascii_isdigit (*str) : *str != *pattern)
        return FALSE;
    }

  return *str == '\0';
}

static guint
digits_value (const char *digits,
              guint       n_digits)
{
  guint value = 0;

  for (guint i = 0; i < n_digits; i++)
    value = value * 10 + g_ascii_digit_value (digits[i]);

  return value;
}

/* "YYYY-MM-DD", or "--MM-DD" (the vCard form) when the year is not known. */
static gboolean
birthday_is_valid (const char *birthday)
{
  /* Without a year, check against a leap year so that 29 February passes. */
  guint year = 2000;
  guint month;
  guint day;

  if (birthday[0] == '\0')
    return TRUE;

  if (matches_pattern (birthday, "9999-99-99"))
    {
      year = digits_value (birthday, 4);
      month = digits_value (birthday + 5, 2);
      day = digits_value (birthday + 8, 2);

      if (year < 1900 || year > 2100)
        return FALSE;
    }
  else if (matches_pattern (birthday, "--99-99"))
    {
      month = digits_value (birthday + 2, 2);
      day = digits_value (birthday + 5, 2);
    }
  else
    {
      return FALSE;
    }

  return g_date_valid_dmy (day, month, year);
}
gboolean
reg_customer_validate (RegCustomer  *self,
                       GError      **error)
{
  g_return_val_if_fail (REG_IS_CUSTOMER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (reg_string_is_blank (self->display_name))
    {
      g_set_error_literal (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                           _("Display name: a customer needs a name"));
      return FALSE;
    }

  for (guint i = 0; i < self->emails->len; i++)
    {
      const RegLabeledValue *email = g_ptr_array_index (self->emails, i);

      if (!email_is_valid (email->value))
        {
          g_set_error (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                       _("Email “%s”: an email address needs an “@” "
                         "between a name and a domain"),
                       email->value);
          return FALSE;
        }
    }

  if (!birthday_is_valid (reg_customer_get_birthday (self)))
    {
      g_set_error (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                   _("Birthday “%s”: use a date like 1984-03-21"),
                   reg_customer_get_birthday (self));
      return FALSE;
    }

  return TRUE;
}
