/* reg-exchange.h: export to a file, in the format its name ends with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

/* Writes the customers @query finds (NULL: every live customer) to @path,
 * as .vcf, .csv, .ics or .json going by its name. */
gboolean reg_exchange_export_file (RegStore               *store,
                                   const char             *path,
                                   const RegCustomerQuery *query,
                                   GError                **error);

G_END_DECLS
