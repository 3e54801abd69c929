/* reg-json.h: a customer's data as JSON, for privacy requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

/* Each customer is one object: { "format": REG_JSON_FORMAT,
 * "format_version": 1, "exported_at", "customer", "crib_notes", "visits",
 * "follow_ups", "cases" (each with its "events"), "staff" }. Times are
 * ISO 8601 in UTC, or null for none. */
#define REG_JSON_FORMAT         "regulars-customer"
#define REG_JSON_FORMAT_VERSION 1

gboolean reg_json_export_customer (RegStore               *store,
                                   gint64                  customer_id,
                                   const char             *path,
                                   GError                **error);
gboolean reg_json_export_all      (RegStore               *store,
                                   const char             *path,
                                   GError                **error);
gboolean reg_json_export_query    (RegStore               *store,
                                   const RegCustomerQuery *query,
                                   const char             *path,
                                   GError                **error);

G_END_DECLS
