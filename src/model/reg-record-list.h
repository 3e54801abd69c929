/* reg-record-list.h: a customer's crib notes, visits, follow-ups or
 * cases, or everyone's open follow-ups, as a GListModel kept up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

typedef enum
{
  REG_RECORD_CRIB_NOTES,       /* a customer's, in their order */
  REG_RECORD_TIMELINE,         /* a customer's visit log, newest first */
  REG_RECORD_FOLLOW_UPS,       /* a customer's, open ones first */
  REG_RECORD_CASES,            /* a customer's complaints, open ones first */
  REG_RECORD_OPEN_FOLLOW_UPS,  /* everyone's open promises, by due time */
  REG_RECORD_STAFF,            /* every staff member, by name */
} RegRecordKind;

#define REG_TYPE_RECORD_LIST (reg_record_list_get_type ())

G_DECLARE_FINAL_TYPE (RegRecordList, reg_record_list, REG, RECORD_LIST, GObject)

RegRecordList *reg_record_list_new             (RegStore      *store,
                                                RegRecordKind  kind,
                                                gint64         customer_id);
RegRecordKind  reg_record_list_get_kind        (RegRecordList *self);
gint64         reg_record_list_get_customer_id (RegRecordList *self);

G_END_DECLS
