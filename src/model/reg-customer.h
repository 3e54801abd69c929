/* reg-customer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "reg-types.h"

G_BEGIN_DECLS

#define REG_TYPE_CUSTOMER (reg_customer_get_type ())

G_DECLARE_FINAL_TYPE (RegCustomer, reg_customer, REG, CUSTOMER, GObject)

/* The phones and emails properties hold RegLabeledValue; their getters return
 * the customer's own array, which is never NULL. */

RegCustomer        *reg_customer_new                 (void);
gint64              reg_customer_get_id              (RegCustomer         *self);
void                reg_customer_set_id              (RegCustomer         *self,
                                                      gint64               id);
const char         *reg_customer_get_display_name    (RegCustomer         *self);
void                reg_customer_set_display_name    (RegCustomer         *self,
                                                      const char          *display_name);
const char         *reg_customer_get_given_name      (RegCustomer         *self);
void                reg_customer_set_given_name      (RegCustomer         *self,
                                                      const char          *given_name);
const char         *reg_customer_get_family_name     (RegCustomer         *self);
void                reg_customer_set_family_name     (RegCustomer         *self,
                                                      const char          *family_name);
const char         *reg_customer_get_company         (RegCustomer         *self);
void                reg_customer_set_company         (RegCustomer         *self,
                                                      const char          *company);
const char         *reg_customer_get_street          (RegCustomer         *self);
void                reg_customer_set_street          (RegCustomer         *self,
                                                      const char          *street);
const char         *reg_customer_get_locality        (RegCustomer         *self);
void                reg_customer_set_locality        (RegCustomer         *self,
                                                      const char          *locality);
const char         *reg_customer_get_region          (RegCustomer         *self);
void                reg_customer_set_region          (RegCustomer         *self,
                                                      const char          *region);
const char         *reg_customer_get_postal_code     (RegCustomer         *self);
void                reg_customer_set_postal_code     (RegCustomer         *self,
                                                      const char          *postal_code);
const char         *reg_customer_get_country         (RegCustomer         *self);
void                reg_customer_set_country         (RegCustomer         *self,
                                                      const char          *country);
const char         *reg_customer_get_birthday        (RegCustomer         *self);
void                reg_customer_set_birthday        (RegCustomer         *self,
                                                      const char          *birthday);
RegCustomerKind     reg_customer_get_kind            (RegCustomer         *self);
void                reg_customer_set_kind            (RegCustomer         *self,
                                                      RegCustomerKind      kind);
gboolean            reg_customer_get_internal        (RegCustomer         *self);
void                reg_customer_set_internal        (RegCustomer         *self,
                                                      gboolean             internal);
gboolean            reg_customer_get_has_overdue     (RegCustomer         *self);
gboolean            reg_customer_get_has_open_case   (RegCustomer         *self);
gboolean            reg_customer_get_has_case_past_target (RegCustomer    *self);
void                reg_customer_set_flags           (RegCustomer         *self,
                                                      gboolean             has_overdue,
                                                      gboolean             has_open_case,
                                                      gboolean             has_case_past_target);
gboolean            reg_customer_get_vip             (RegCustomer         *self);
void                reg_customer_set_vip             (RegCustomer         *self,
                                                      gboolean             vip);
gint64              reg_customer_get_owner_id        (RegCustomer         *self);
void                reg_customer_set_owner_id        (RegCustomer         *self,
                                                      gint64               owner_id);
gboolean            reg_customer_get_consent         (RegCustomer         *self);
void                reg_customer_set_consent         (RegCustomer         *self,
                                                      gboolean             consent);
gint64              reg_customer_get_consent_at      (RegCustomer         *self);
void                reg_customer_set_consent_at      (RegCustomer         *self,
                                                      gint64               consent_at);
gint64              reg_customer_get_created_at      (RegCustomer         *self);
void                reg_customer_set_created_at      (RegCustomer         *self,
                                                      gint64               created_at);
gint64              reg_customer_get_updated_at      (RegCustomer         *self);
void                reg_customer_set_updated_at      (RegCustomer         *self,
                                                      gint64               updated_at);
gint64              reg_customer_get_last_contact_at (RegCustomer         *self);
void                reg_customer_set_last_contact_at (RegCustomer         *self,
                                                      gint64               last_contact_at);
gint64              reg_customer_get_deleted_at      (RegCustomer         *self);
void                reg_customer_set_deleted_at      (RegCustomer         *self,
                                                      gint64               deleted_at);
GPtrArray          *reg_customer_get_phones          (RegCustomer         *self);
void                reg_customer_set_phones          (RegCustomer         *self,
                                                      GPtrArray           *phones);
GPtrArray          *reg_customer_get_emails          (RegCustomer         *self);
void                reg_customer_set_emails          (RegCustomer         *self,
                                                      GPtrArray           *emails);
const char * const *reg_customer_get_tags            (RegCustomer         *self);
void                reg_customer_set_tags            (RegCustomer         *self,
                                                      const char * const  *tags);
gboolean            reg_customer_get_trashed         (RegCustomer         *self);
void                reg_customer_add_phone           (RegCustomer         *self,
                                                      const char          *label,
                                                      const char          *value);
void                reg_customer_add_email           (RegCustomer         *self,
                                                      const char          *label,
                                                      const char          *value);
gboolean            reg_customer_validate            (RegCustomer         *self,
                                                      GError             **error);

G_END_DECLS
