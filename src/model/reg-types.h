/* reg-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define REG_MODEL_ERROR (reg_model_error_quark ())

typedef enum
{
  REG_MODEL_ERROR_INVALID,
} RegModelError;

GQuark reg_model_error_quark (void);

typedef enum
{
  REG_CUSTOMER_KIND_PROSPECT,
  REG_CUSTOMER_KIND_CURRENT,
  REG_CUSTOMER_KIND_FORMER,
} RegCustomerKind;

typedef enum
{
  REG_CHANNEL_VISIT,
  REG_CHANNEL_CALL,
  REG_CHANNEL_EMAIL,
  REG_CHANNEL_OTHER,
} RegChannel;

typedef enum
{
  REG_FOLLOW_UP_STATUS_OPEN,
  REG_FOLLOW_UP_STATUS_DONE,
  REG_FOLLOW_UP_STATUS_CANCELLED,
} RegFollowUpStatus;

typedef enum
{
  REG_CASE_SEVERITY_LOW,
  REG_CASE_SEVERITY_NORMAL,
  REG_CASE_SEVERITY_HIGH,
  REG_CASE_SEVERITY_URGENT,
} RegCaseSeverity;

typedef enum
{
  REG_CASE_STATUS_OPEN,
  REG_CASE_STATUS_IN_PROGRESS,
  REG_CASE_STATUS_ESCALATED,
  REG_CASE_STATUS_WAITING,
  REG_CASE_STATUS_RESOLVED,
  REG_CASE_STATUS_CLOSED,
} RegCaseStatus;

#define REG_TYPE_CUSTOMER_KIND    (reg_customer_kind_get_type ())
#define REG_TYPE_CHANNEL          (reg_channel_get_type ())
#define REG_TYPE_FOLLOW_UP_STATUS (reg_follow_up_status_get_type ())
#define REG_TYPE_CASE_SEVERITY    (reg_case_severity_get_type ())
#define REG_TYPE_CASE_STATUS      (reg_case_status_get_type ())

GType       reg_customer_kind_get_type    (void);
GType       reg_channel_get_type          (void);
GType       reg_follow_up_status_get_type (void);
GType       reg_case_severity_get_type    (void);
GType       reg_case_status_get_type      (void);

const char *reg_enum_to_nick              (GType       enum_type,
                                           int         value);
gboolean    reg_enum_from_nick            (GType       enum_type,
                                           const char *nick,
                                           int        *value);

/* A phone number or email address with what it is for ("work", "mobile").
 * Neither string is ever NULL. */
typedef struct _RegLabeledValue RegLabeledValue;

struct _RegLabeledValue
{
  char *label;
  char *value;
};

#define REG_TYPE_LABELED_VALUE (reg_labeled_value_get_type ())

GType            reg_labeled_value_get_type (void);
RegLabeledValue *reg_labeled_value_new      (const char            *label,
                                             const char            *value);
RegLabeledValue *reg_labeled_value_copy     (const RegLabeledValue *self);
void             reg_labeled_value_free     (RegLabeledValue       *self);
gboolean         reg_labeled_values_equal   (GPtrArray             *a,
                                             GPtrArray             *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegLabeledValue, reg_labeled_value_free)

G_END_DECLS
