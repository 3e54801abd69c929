/* reg-store-private.h: for the store's own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "reg-store.h"

G_BEGIN_DECLS

sqlite3      *reg_store_get_db   (RegStore    *self);
sqlite3_stmt *reg_store_prepare  (RegStore    *self,
                                  const char  *sql,
                                  GError     **error);
gboolean      reg_store_exec     (RegStore    *self,
                                  const char  *sql,
                                  const char  *what,
                                  GError     **error);
gboolean      reg_store_begin    (RegStore    *self,
                                  GError     **error);
gboolean      reg_store_commit   (RegStore    *self,
                                  GError     **error);
void          reg_store_rollback (RegStore    *self);
gboolean      reg_store_suspend_search_index (RegStore  *self,
                                              GError   **error);
gboolean      reg_store_resume_search_index  (RegStore  *self,
                                              gint64     first_customer_id,
                                              GError   **error);

G_END_DECLS
