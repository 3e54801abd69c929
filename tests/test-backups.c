/* test-backups.c: the running application makes a backup every day and
 * keeps the last few; Preferences turns it on and off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "reg-test-util.h"
#include "ui/reg-preferences-window.h"

typedef struct
{
  char     *dir;
  char     *path;          /* the shop's database */
  char     *backup_dir;    /* "backups" beside it */
  char     *today;         /* regulars-YYYY-MM-DD.db by the app's clock */
  char     *today_path;
  gint64    now;
  RegClock *clock;         /* the app's, by hand */

  /* What a run of the daily backup said */
  gboolean  done;
  gboolean  ok;
  GError   *error;
  guint     failed_signals;
} Fixture;

static gint64
local_time (int year,
            int month,
            int day,
            int hour)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (when);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RegStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *template = data != NULL ? data : "regulars-backups-XXXXXX";
  static const char *names[] = { "Anna Smith", "Bob Jones" };

  f->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  f->backup_dir = g_build_filename (f->dir, "backups", NULL);
  f->now = local_time (2026, 3, 14, 12);
  f->today = g_strdup ("regulars-2026-03-14.db");
  f->today_path = g_build_filename (f->backup_dir, f->today, NULL);

  store = reg_store_open (f->path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(RegCustomer) customer = reg_customer_new ();

      reg_customer_set_display_name (customer, names[i]);
      g_assert_true (reg_store_save_customer (store, customer, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

  g_settings_reset (settings, "daily-backups");
  g_settings_reset (settings, "backups-to-keep");
  reg_test_remove_tree (f->dir);
  g_clear_error (&f->error);
  g_free (f->today_path);
  g_free (f->today);
  g_free (f->backup_dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Runs @func in the real application on the fixture's database, its
 * clock by hand at the fixture's noon. */
static void
run_app (Fixture        *f,
         RegTestAppFunc  func)
{
  g_autoptr(RegApplication) app = reg_test_application_new ();
  g_autoptr(RegClock) clock = reg_clock_new_manual (f->now);

  f->clock = clock;
  reg_application_set_clock (app, clock);
  reg_test_run_with_database (app, f->path, func, f);
  f->clock = NULL;
}

static void
on_backup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Fixture *f = data;

  g_clear_error (&f->error);
  f->ok = reg_application_run_daily_backup_finish (REG_APPLICATION (source), result, &f->error);
  f->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  Fixture *f = data;

  return f->done;
}

/* What the daily timer does, waited for. */
static gboolean
run_daily_backup (Fixture        *f,
                  RegApplication *app)
{
  f->done = FALSE;
  reg_application_run_daily_backup (app, on_backup_done, f);
  g_assert_true (reg_test_wait_until (is_done, f, 30000));
  return f->ok;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted. */
static GStrv
list_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* ------------------------------------------------------------------ */

/* Not at start-up, which is not slowed; then today's, by the app's
 * clock: a private, whole copy of the database. */
static void
check_makes_today (RegApplication *app,
                   gpointer        data)
{
  Fixture *f = data;

  g_assert_true (g_settings_get_boolean (reg_application_get_settings (app), "daily-backups"));
  g_assert_false (g_file_test (f->today_path, G_FILE_TEST_EXISTS));

  g_assert_true (run_daily_backup (f, app));
  g_assert_no_error (f->error);
  g_assert_null (reg_application_get_last_backup_error (app));
  g_assert_true (g_file_test (f->today_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_makes_today (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RegStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GArray) ids = NULL;
  GStatBuf st;

  run_app (f, check_makes_today);

  g_assert_cmpint (g_stat (f->today_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (f->backup_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  copy = reg_store_open (f->today_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reg_store_count_customers (copy), ==, 2);
  query->search = g_strdup ("Anna");
  ids = reg_store_query_customer_ids (copy, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
}

/* After a backup the next is due a little after midnight, by the wall
 * clock: a jump of the clock (as after a night suspended) is noticed. */
static void
check_next_day (RegApplication *app,
                gpointer        data)
{
  Fixture *f = data;
  g_autofree char *tomorrow = g_build_filename (f->backup_dir, "regulars-2026-03-15.db", NULL);
  g_auto(GStrv) names = NULL;
  const char * const expected[] = { "regulars-2026-03-14.db", NULL };

  g_assert_true (run_daily_backup (f, app));
  g_assert_true (g_file_test (f->today_path, G_FILE_TEST_IS_REGULAR));

  /* Late in the evening: still today's. */
  reg_clock_manual_set_now (f->clock, local_time (2026, 3, 14, 23));
  reg_test_spin (2500);
  names = list_dir (f->backup_dir);
  g_assert_cmpstrv (names, expected);

  /* Past midnight: tomorrow's, without being asked. */
  reg_clock_manual_set_now (f->clock, local_time (2026, 3, 15, 1));
  g_assert_true (reg_test_wait_until (file_exists, tomorrow, 20000));
}

static void
test_next_day (Fixture       *f,
               gconstpointer  data)
{
  run_app (f, check_next_day);
}

/* Quitting while a backup is under way lets it finish. */
static void
check_quit_waits (RegApplication *app,
                  gpointer        data)
{
  Fixture *f = data;

  f->done = FALSE;
  reg_application_run_daily_backup (app, on_backup_done, f);
}

static void
test_quit_waits (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(GStrv) names = NULL;
  const char * const expected[] = { "regulars-2026-03-14.db", NULL };

  run_app (f, check_quit_waits);
  g_assert_true (f->done);
  g_assert_true (f->ok);
  /* Whole, and no half-written copy beside it. */
  names = list_dir (f->backup_dir);
  g_assert_cmpstrv (names, expected);
}

/* Nine older ones and today's: the seven newest stay, and nothing that
 * is not a daily backup is touched. */
static void
check_keeps_newest (RegApplication *app,
                    gpointer        data)
{
  Fixture *f = data;

  g_assert_cmpint (g_settings_get_int (reg_application_get_settings (app), "backups-to-keep"), ==, 7);
  g_assert_true (run_daily_backup (f, app));
  g_assert_no_error (f->error);
}

static void
test_keeps_newest (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *notes = g_build_filename (f->backup_dir, "notes.txt", NULL);
  g_auto(GStrv) names = NULL;
  const char * const expected[] = {
    "notes.txt",
    "regulars-2026-03-04.db", "regulars-2026-03-05.db", "regulars-2026-03-06.db",
    "regulars-2026-03-07.db", "regulars-2026-03-08.db", "regulars-2026-03-09.db",
    "regulars-2026-03-14.db",
    NULL
  };

  g_assert_cmpint (g_mkdir_with_parents (f->backup_dir, 0700), ==, 0);
  for (guint day = 1; day <= 9; day++)
    {
      g_autofree char *name = g_strdup_printf ("regulars-2026-03-%02u.db", day);
      g_autofree char *old = g_build_filename (f->backup_dir, name, NULL);

      g_assert_true (g_file_set_contents (old, "old", -1, NULL));
    }
  g_assert_true (g_file_set_contents (notes, "mine", -1, NULL));

  run_app (f, check_keeps_newest);

  names = list_dir (f->backup_dir);
  g_assert_cmpstrv (names, expected);
}

/* Turned off: none, not even when asked; turned on again: one soon,
 * without being asked. */
static void
check_turned_off (RegApplication *app,
                  gpointer        data)
{
  Fixture *f = data;
  GSettings *settings = reg_application_get_settings (app);

  g_settings_set_boolean (settings, "daily-backups", FALSE);
  g_assert_true (run_daily_backup (f, app));
  g_assert_false (g_file_test (f->backup_dir, G_FILE_TEST_EXISTS));

  g_settings_set_boolean (settings, "daily-backups", TRUE);
  g_assert_true (reg_test_wait_until (file_exists, f->today_path, 20000));
}

static void
test_turned_off (Fixture       *f,
                 gconstpointer  data)
{
  run_app (f, check_turned_off);
}

/* A second session, read-only, leaves the backups to the first. */
static void
check_read_only (RegApplication *app,
                 gpointer        data)
{
  Fixture *f = data;

  g_assert_true (reg_store_is_read_only (reg_application_get_store (app)));
  g_assert_true (run_daily_backup (f, app));
  g_assert_false (g_file_test (f->backup_dir, G_FILE_TEST_EXISTS));
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) first = reg_store_open (f->path, &error);

  g_assert_no_error (error);
  run_app (f, check_read_only);
}

static void
on_backup_failed (RegApplication *app,
                  const GError   *error,
                  Fixture        *f)
{
  g_assert_nonnull (error);
  f->failed_signals++;
}

/* A failure is said, to the log and to whoever listens; the next
 * success clears it. */
static void
check_failure (RegApplication *app,
               gpointer        data)
{
  Fixture *f = data;
  const GError *last;

  g_signal_connect (app, "backup-failed", G_CALLBACK (on_backup_failed), f);

  g_test_expect_message ("reg-application", G_LOG_LEVEL_WARNING, "*backup*");
  g_assert_false (run_daily_backup (f, app));
  g_test_assert_expected_messages ();
  g_assert_nonnull (f->error);
  g_assert_cmpuint (f->failed_signals, ==, 1);
  last = reg_application_get_last_backup_error (app);
  g_assert_nonnull (last);
  g_assert_cmpstr (last->message, ==, f->error->message);
  g_assert_nonnull (strstr (last->message, f->backup_dir));

  g_assert_cmpint (g_unlink (f->backup_dir), ==, 0);
  g_assert_true (run_daily_backup (f, app));
  g_assert_null (reg_application_get_last_backup_error (app));
  g_assert_cmpuint (f->failed_signals, ==, 1);
  g_assert_true (g_file_test (f->today_path, G_FILE_TEST_IS_REGULAR));

  g_signal_handlers_disconnect_by_func (app, on_backup_failed, f);
}

static void
test_failure (Fixture       *f,
              gconstpointer  data)
{
  /* "backups" is a file: no folder can be made there. */
  g_assert_true (g_file_set_contents (f->backup_dir, "x", 1, NULL));
  run_app (f, check_failure);
}

/* A command that prints and exits makes no backup. */
static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  const char *argv[] = { g_getenv ("REGULARS_BIN"), "--database", f->path, "--search", "Anna", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = -1;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Anna Smith"));
  g_assert_false (g_file_test (f->backup_dir, G_FILE_TEST_EXISTS));
}

/* Preferences: the switch is the setting, says where the backups go, and
 * the number to keep can be changed only while it is on. */
static void
check_preferences (RegApplication *app,
                   gpointer        data)
{
  Fixture *f = data;
  GSettings *settings = reg_application_get_settings (app);
  g_autofree char *shown_dir = g_filename_display_name (f->backup_dir);
  RegPreferencesWindow *prefs;
  GtkSwitch *daily;
  GtkSpinButton *keep;
  GtkWidget *daily_row, *keep_row;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = REG_PREFERENCES_WINDOW (reg_test_find_window (REG_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (prefs);
  reg_test_wait_mapped (prefs);

  daily = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (prefs), REG_TYPE_PREFERENCES_WINDOW,
                                                     "daily_backups_switch"));
  keep = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (prefs), REG_TYPE_PREFERENCES_WINDOW,
                                                         "backups_to_keep_spin"));
  daily_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), REG_TYPE_PREFERENCES_WINDOW,
                                                         "daily_backups_row"));
  keep_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), REG_TYPE_PREFERENCES_WINDOW,
                                                        "backups_to_keep_row"));
  g_assert_nonnull (daily);
  g_assert_nonnull (keep);

  /* The folder, as typed: the tests' folder has an "&" in its name. */
  g_assert_nonnull (strchr (shown_dir, '&'));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (daily_row)), shown_dir));
  reg_test_wait_mapped (daily);

  g_assert_true (gtk_switch_get_active (daily));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (keep), ==, 7);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (keep)));

  gtk_spin_button_set_value (keep, 14);
  g_assert_cmpint (g_settings_get_int (settings, "backups-to-keep"), ==, 14);

  gtk_switch_set_active (daily, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "daily-backups"));
  g_assert_false (gtk_widget_get_sensitive (keep_row));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (keep)));

  /* And the other way: a change to the setting shows. */
  g_settings_set_boolean (settings, "daily-backups", TRUE);
  g_assert_true (gtk_switch_get_active (daily));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (keep)));
  g_settings_set_int (settings, "backups-to-keep", 3);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (keep), ==, 3);

  gtk_window_destroy (GTK_WINDOW (prefs));
  /* Switched back on, it backs up soon: let that finish here. */
  g_assert_true (reg_test_wait_until (file_exists, f->today_path, 20000));
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  run_app (f, check_preferences);
}

int
main (int   argc,
      char *argv[])
{
  reg_test_init (&argc, &argv);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/backups/daily/makes-today", test_makes_today, NULL);
  ADD ("/backups/daily/keeps-newest", test_keeps_newest, NULL);
  ADD ("/backups/daily/next-day", test_next_day, NULL);
  ADD ("/backups/daily/quit-waits", test_quit_waits, NULL);
  ADD ("/backups/daily/turned-off", test_turned_off, NULL);
  ADD ("/backups/daily/read-only", test_read_only, NULL);
  ADD ("/backups/daily/failure", test_failure, NULL);
  ADD ("/backups/daily/not-from-command-line", test_command_line, NULL);
  ADD ("/backups/preferences", test_preferences, "regulars-backups-&-XXXXXX");

  return g_test_run ();
}
