/* reg-test-util.c: helpers shared by the GTest programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "reg-test-util.h"
#include "store/reg-store-private.h"

static char *data_home;

/* Removes a test's temporary folder and all it holds, read-only parts too. */
void
reg_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_chmod (child, 0700);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        reg_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
remove_data_home (void)
{
  reg_test_remove_tree (data_home);
  g_free (data_home);
}

void
reg_test_init (int    *argc,
               char ***argv)
{
  /* Tests must never see the user's data or settings: the usual
   * database is in a folder of this test run's own. */
  g_assert_cmpstr (g_getenv ("GSETTINGS_BACKEND"), ==, "memory");
  data_home = g_dir_make_tmp ("regulars-data-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  atexit (remove_data_home);

  g_test_init (argc, argv, NULL);

  /* Builds without a display (a Flatpak build sandbox) skip the window
   * tests; build-aux/dev always runs them under Xvfb and insists. */
  if (!gtk_init_check ())
    {
      if (g_getenv ("REG_TEST_REQUIRE_DISPLAY") != NULL)
        g_error ("No display could be opened, and REG_TEST_REQUIRE_DISPLAY is set");
      g_print ("1..0 # SKIP no display to run the window tests on\n");
      exit (0);
    }
}

static gboolean
timeout_reached (gpointer data)
{
  gboolean *flag = data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds or @timeout_ms passes; returns
 * whether the condition held. Window tests need this because mapping,
 * resizing and closing happen asynchronously. */
static gboolean
keep_ticking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
reg_test_wait_until (RegTestCondition condition,
                     gpointer         data,
                     guint            timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_reached, &timed_out);
  /* Conditions that look outside this process (another program, the
   * bus) are asked again every few milliseconds, not only when
   * something happens here. */
  guint tick = g_timeout_add (20, keep_ticking, NULL);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  g_source_remove (tick);

  return condition (data);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Waits for @widget to be on screen, as presenting a window, or a page
 * switch, happens only once the main loop runs. */
void
reg_test_wait_mapped (gpointer widget)
{
  g_assert_true (GTK_IS_WIDGET (widget));
  g_assert_true (reg_test_wait_until (is_mapped, widget, 5000));
}

void
reg_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_reached, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The application as main() makes it, but not unique on the bus: the
 * suite runs several test programs at once on one session bus. */
RegApplication *
reg_test_application_new (void)
{
  RegApplication *app = reg_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  return app;
}

GtkWindow *
reg_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static gboolean
no_toplevels (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  return g_list_model_get_n_items (toplevels) == 0;
}

void
reg_test_destroy_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }

  g_assert_true (reg_test_wait_until (no_toplevels, NULL, 1000));
}

typedef struct {
  RegTestAppFunc func;
  gpointer       data;
  gboolean       ran;
} RunData;

static gboolean
run_test_body (gpointer user_data)
{
  RegApplication *app = user_data;
  RunData *run = g_object_get_data (G_OBJECT (app), "reg-test-run");

  run->func (app, run->data);
  run->ran = TRUE;

  reg_test_destroy_windows ();
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
on_activate_after (GApplication *app)
{
  /* Once: a test may activate the application again itself. */
  g_signal_handlers_disconnect_by_func (app, on_activate_after, NULL);
  g_idle_add (run_test_body, app);
}

/* Runs @app as main() would, calls @func once its window has been
 * presented, then quits. Going through g_application_run() matters: only
 * a run shuts the application down and lets go of its D-Bus objects. */
void
reg_test_run (RegApplication *app,
              RegTestAppFunc  func,
              gpointer        data)
{
  reg_test_run_with_database (app, NULL, func, data);
}

/* The same, with `--database @path` on the command line. */
void
reg_test_run_with_database (RegApplication *app,
                            const char     *path,
                            RegTestAppFunc  func,
                            gpointer        data)
{
  RunData run = { func, data, FALSE };
  char *argv[] = { (char *) "regulars", (char *) "--database", (char *) path, NULL };

  g_object_set_data (G_OBJECT (app), "reg-test-run", &run);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), path ? 3 : 1, argv), ==, 0);
  g_assert_true (run.ran);
  g_object_set_data (G_OBJECT (app), "reg-test-run", NULL);
}

/* The first widget of @type under @root (depth first) for which @match
 * says yes, or any when @match is NULL. */
GtkWidget *
reg_test_find_widget (GtkWidget        *root,
                      GType             type,
                      RegTestWidgetFunc match,
                      gconstpointer     data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = reg_test_find_widget (child, type, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every widget of @type under @root, in tree order. */
GPtrArray *
reg_test_find_widgets (GtkWidget *root,
                       GType      type)
{
  GPtrArray *found = g_ptr_array_new ();
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);
      GPtrArray *children = g_ptr_array_new ();

      if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
        g_ptr_array_add (found, widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (children, child);
      for (guint i = children->len; i > 0; i--)
        g_ptr_array_add (stack, g_ptr_array_index (children, i - 1));
      g_ptr_array_unref (children);
    }
  g_ptr_array_unref (stack);
  return found;
}

/* Lets GTK lay out and draw what changed. */
void
reg_test_settle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  reg_test_spin (50);
}

/* The first column of the first row of @sql, read from @store's file as
 * the database holds it. */
gint64
reg_test_sql_int (RegStore   *store,
                  const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (reg_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The same as text; NULL for no row or SQL NULL. */
char *
reg_test_sql_text (RegStore   *store,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (reg_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* A staff member saved in @store; their id. */
gint64
reg_test_add_staff (RegStore   *store,
                    const char *name,
                    gboolean    active)
{
  g_autoptr(RegStaff) staff = reg_staff_new ();
  g_autoptr(GError) error = NULL;

  reg_staff_set_name (staff, name);
  reg_staff_set_active (staff, active);
  g_assert_true (reg_store_save_staff (store, staff, &error));
  g_assert_no_error (error);
  return reg_staff_get_id (staff);
}

/* A promise saved in @store, made by the one it is assigned to; its id. */
gint64
reg_test_add_follow_up (RegStore          *store,
                        gint64             customer_id,
                        gint64             assigned_to,
                        gint64             due_at,
                        const char        *promise,
                        RegFollowUpStatus  status)
{
  g_autoptr(RegFollowUp) follow_up = reg_follow_up_new ();
  g_autoptr(GError) error = NULL;

  reg_follow_up_set_customer_id (follow_up, customer_id);
  reg_follow_up_set_assigned_to (follow_up, assigned_to);
  reg_follow_up_set_created_by (follow_up, assigned_to);
  reg_follow_up_set_due_at (follow_up, due_at);
  reg_follow_up_set_promise (follow_up, promise);
  reg_follow_up_set_status (follow_up, status);
  g_assert_true (reg_store_save_follow_up (store, follow_up, &error));
  g_assert_no_error (error);
  return reg_follow_up_get_id (follow_up);
}
