/* reg-test-util.h: helpers shared by the GTest programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "reg-application.h"

G_BEGIN_DECLS

typedef gboolean (*RegTestCondition) (gpointer data);
typedef void     (*RegTestAppFunc)   (RegApplication *app,
                                      gpointer        data);
typedef gboolean (*RegTestWidgetFunc) (GtkWidget     *widget,
                                       gconstpointer  data);

void            reg_test_init            (int              *argc,
                                          char           ***argv);
gboolean        reg_test_wait_until      (RegTestCondition  condition,
                                          gpointer          data,
                                          guint             timeout_ms);
void            reg_test_wait_mapped     (gpointer          widget);
void            reg_test_spin            (guint             ms);
RegApplication *reg_test_application_new (void);
GtkWindow      *reg_test_find_window     (GType             type);
void            reg_test_destroy_windows (void);
void            reg_test_run             (RegApplication   *app,
                                          RegTestAppFunc    func,
                                          gpointer          data);

void            reg_test_run_with_database (RegApplication   *app,
                                            const char       *path,
                                            RegTestAppFunc    func,
                                            gpointer          data);
GtkWidget      *reg_test_find_widget     (GtkWidget        *root,
                                          GType             type,
                                          RegTestWidgetFunc match,
                                          gconstpointer     data);
GPtrArray      *reg_test_find_widgets    (GtkWidget        *root,
                                          GType             type);
void            reg_test_settle          (void);
void            reg_test_remove_tree     (const char       *path);
gint64          reg_test_sql_int         (RegStore         *store,
                                          const char       *sql);
char           *reg_test_sql_text        (RegStore         *store,
                                          const char       *sql);
gint64          reg_test_add_staff       (RegStore         *store,
                                          const char       *name,
                                          gboolean          active);
gint64          reg_test_add_follow_up   (RegStore         *store,
                                          gint64            customer_id,
                                          gint64            assigned_to,
                                          gint64            due_at,
                                          const char       *promise,
                                          RegFollowUpStatus status);

G_END_DECLS
