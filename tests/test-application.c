/* test-application.c: the application starts, shows its window, keeps its
 * actions and settings, and quits cleanly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "reg-autostart.h"
#include "reg-test-util.h"
#include "ui/reg-preferences-window.h"
#include "ui/reg-window.h"

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
window_is_gone (gpointer data)
{
  GWeakRef *ref = data;
  g_autoptr(GObject) object = g_weak_ref_get (ref);

  return object == NULL;
}

/* A label somewhere inside @widget shows exactly @text. */
static gboolean
widget_shows_text (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_LABEL (widget) &&
      gtk_widget_is_drawable (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (widget_shows_text (child, text))
      return TRUE;

  return FALSE;
}

typedef struct {
  RegApplication *app;
  gboolean        saw_window;
  gboolean        saw_empty_state;
  char           *title;
} RunCheck;

static gboolean
check_and_quit (gpointer data)
{
  RunCheck *check = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (check->app));

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;

  check->saw_window = REG_IS_WINDOW (window);
  check->title = g_strdup (gtk_window_get_title (window));
  check->saw_empty_state = widget_shows_text (GTK_WIDGET (window), "No Customers Yet");

  g_action_group_activate_action (G_ACTION_GROUP (check->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_run_presents_window_and_quits (void)
{
  g_autoptr(RegApplication) app = reg_test_application_new ();
  RunCheck check = { .app = app };
  char *argv[] = { (char *) "regulars", NULL };
  int status;

  g_timeout_add (20, check_and_quit, &check);
  status = g_application_run (G_APPLICATION (app), 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (check.saw_window);
  g_assert_cmpstr (check.title, ==, "Regulars");
  g_assert_true (check.saw_empty_state);
  /* Quitting closed the window rather than leaving it behind. */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_free (check.title);
}

static void
test_version_option (void)
{
  g_autoptr(RegApplication) app = reg_test_application_new ();
  char *argv[] = { (char *) "regulars", (char *) "--version", NULL };

  if (g_test_subprocess ())
    {
      exit (g_application_run (G_APPLICATION (app), 2, argv));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("regulars " PACKAGE_VERSION "\n");
}

static void
check_actions_and_accels (RegApplication *app,
                          gpointer        data)
{
  static const struct {
    const char *action;
    const char *accel;
  } expected[] = {
    { "app.quit",        "<Control>q" },
    { "app.preferences", "<Control>comma" },
    { "app.shortcuts",   "<Control>question" },
    { "window.close",    "<Control>w" },
  };

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "shortcuts"));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                   expected[i].action);
      g_assert_true (g_strv_contains ((const char * const *) accels, expected[i].accel));
    }
}

/* Each of the app's windows opens from its action, on top of the main one. */
static void
check_secondary_windows (RegApplication *app,
                         gpointer        data)
{
  static const char *actions[] = { "about", "preferences", "shortcuts" };
  GType types[3];
  GtkWindow *main_window;

  types[0] = ADW_TYPE_ABOUT_WINDOW;
  types[1] = REG_TYPE_PREFERENCES_WINDOW;
  types[2] = GTK_TYPE_SHORTCUTS_WINDOW;

  main_window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (REG_IS_WINDOW (main_window));
  g_assert_true (reg_test_wait_until (widget_is_mapped, main_window, 5000));

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWindow *window;

      g_assert_null (reg_test_find_window (types[i]));
      g_action_group_activate_action (G_ACTION_GROUP (app), actions[i], NULL);
      window = reg_test_find_window (types[i]);
      g_assert_nonnull (window);
      g_assert_true (gtk_window_get_transient_for (window) == main_window);
      g_assert_true (reg_test_wait_until (widget_is_mapped, window, 5000));
      gtk_window_destroy (window);
    }
}

/* Choosing "Dark" in Preferences is stored and applied at once. */
static void
check_preferences_style (RegApplication *app,
                         gpointer        data)
{
  GSettings *settings = reg_application_get_settings (app);
  RegPreferencesWindow *prefs;
  AdwComboRow *row;

  g_settings_reset (settings, "color-scheme");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = REG_PREFERENCES_WINDOW (reg_test_find_window (REG_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (prefs);
  g_assert_true (reg_test_wait_until (widget_is_mapped, prefs, 5000));

  row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (prefs),
                                                      REG_TYPE_PREFERENCES_WINDOW,
                                                      "style_row"));
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  adw_combo_row_set_selected (row, 2);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()),
                   ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));

  /* And the other way: a change to the setting shows in the row. */
  g_settings_set_enum (settings, "color-scheme", 1);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  g_assert_false (adw_style_manager_get_dark (adw_style_manager_get_default ()));

  g_settings_reset (settings, "color-scheme");
}

/* The window comes back at the size it was closed at. */
static void
check_window_size_roundtrip (RegApplication *app,
                             gpointer        data)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  GWeakRef ref;
  RegWindow *window;
  int width, height;

  reg_test_destroy_windows ();
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");

  window = reg_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (reg_test_wait_until (widget_is_mapped, window, 5000));
  gtk_window_set_default_size (GTK_WINDOW (window), 812, 603);

  g_weak_ref_init (&ref, window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (reg_test_wait_until (window_is_gone, &ref, 5000));
  g_weak_ref_clear (&ref);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 812);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 603);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = reg_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 812);
  g_assert_cmpint (height, ==, 603);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
switch_is_on (gpointer data)
{
  return gtk_switch_get_state (data);
}

static gboolean
switch_is_off (gpointer data)
{
  return !gtk_switch_get_state (data);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
file_is_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Preferences: "Remind me when Regulars is closed" is a setting; "Start
 * at login" writes an autostart entry that starts Regulars in the
 * background, and takes it away again. */
static void
check_preferences_reminders (RegApplication *app,
                             gpointer        data)
{
  GSettings *settings = reg_application_get_settings (app);
  g_autofree char *path = reg_autostart_get_path ();
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autofree char *exec = NULL;
  RegPreferencesWindow *prefs;
  GtkSwitch *background, *autostart;

  g_assert_true (g_str_has_prefix (path, g_getenv ("XDG_CONFIG_HOME")));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = REG_PREFERENCES_WINDOW (reg_test_find_window (REG_TYPE_PREFERENCES_WINDOW));
  g_assert_true (reg_test_wait_until (widget_is_mapped, prefs, 5000));
  background = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (prefs), REG_TYPE_PREFERENCES_WINDOW,
                                                          "background_switch"));
  autostart = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (prefs), REG_TYPE_PREFERENCES_WINDOW,
                                                         "autostart_switch"));

  g_assert_true (gtk_switch_get_active (background));
  gtk_switch_set_active (background, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "run-in-background"));
  gtk_switch_set_active (background, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));

  g_assert_false (gtk_switch_get_active (autostart));
  gtk_switch_set_active (autostart, TRUE);
  g_assert_true (reg_test_wait_until (file_exists, path, 5000));
  g_assert_true (g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, NULL));
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, NULL);
  g_assert_true (g_str_has_suffix (exec, " --background"));
  g_assert_true (reg_test_wait_until (switch_is_on, autostart, 5000));

  gtk_switch_set_active (autostart, FALSE);
  g_assert_true (reg_test_wait_until (file_is_gone, path, 5000));
  g_assert_true (reg_test_wait_until (switch_is_off, autostart, 5000));
}

/* A shop with one open promise, due tomorrow. */
static char *
shop_with_promise (char **dir)
{
  g_autoptr(RegStore) store = NULL;
  g_autoptr(RegCustomer) customer = reg_customer_new ();
  g_autoptr(RegFollowUp) follow_up = reg_follow_up_new ();
  char *path;

  *dir = g_dir_make_tmp ("regulars-background-XXXXXX", NULL);
  path = g_build_filename (*dir, "shop.db", NULL);
  store = reg_store_open (path, NULL);
  g_assert_nonnull (store);
  reg_customer_set_display_name (customer, "Anna Smith");
  g_assert_true (reg_store_save_customer (store, customer, NULL));
  reg_follow_up_set_customer_id (follow_up, reg_customer_get_id (customer));
  reg_follow_up_set_promise (follow_up, "Call back");
  reg_follow_up_set_due_at (follow_up, g_get_real_time () / G_USEC_PER_SEC + 86400);
  g_assert_true (reg_store_save_follow_up (store, follow_up, NULL));
  return path;
}

/* Closing the window while a promise is open leaves Regulars running,
 * without a window, to remind of it; Quit really quits. */
static void
check_close_keeps_running (RegApplication *app,
                           gpointer        data)
{
  GSettings *settings = reg_application_get_settings (app);

  g_settings_set_boolean (settings, "run-in-background", TRUE);
  reg_test_destroy_windows ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_true (reg_application_is_in_background (app));
  g_assert_true (reg_reminder_service_get_armed_at (reg_application_get_reminder_service (app)) > 0);

  /* Opened again from the launcher: a window, still one process. */
  g_application_activate (G_APPLICATION (app));
  g_assert_nonnull (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_false (reg_application_is_in_background (app));
}

/* Unless it was asked not to. */
static void
check_close_quits_when_asked (RegApplication *app,
                              gpointer        data)
{
  GSettings *settings = reg_application_get_settings (app);

  g_settings_set_boolean (settings, "run-in-background", FALSE);
  reg_test_destroy_windows ();
  g_assert_false (reg_application_is_in_background (app));
  g_settings_reset (settings, "run-in-background");
}

static void
test_close_keeps_running (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = shop_with_promise (&dir);

  {
    g_autoptr(RegApplication) app = reg_test_application_new ();
    reg_test_run_with_database (app, path, check_close_keeps_running, NULL);
  }
  {
    g_autoptr(RegApplication) app = reg_test_application_new ();
    reg_test_run_with_database (app, path, check_close_quits_when_asked, NULL);
  }
  reg_test_remove_tree (dir);
}

#define RUN_IN_APP(check) \
  static void test_##check (void) \
  { \
    g_autoptr(RegApplication) app = reg_test_application_new (); \
    reg_test_run (app, check_##check, NULL); \
  }

RUN_IN_APP (actions_and_accels)
RUN_IN_APP (secondary_windows)
RUN_IN_APP (preferences_style)
RUN_IN_APP (window_size_roundtrip)
RUN_IN_APP (preferences_reminders)

static char *config_home;

static void
remove_config_home (void)
{
  reg_test_remove_tree (config_home);
  g_free (config_home);
}

int
main (int   argc,
      char *argv[])
{
  /* The autostart entry goes into a folder of this run's own. */
  config_home = g_dir_make_tmp ("regulars-config-XXXXXX", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  atexit (remove_config_home);
  reg_test_init (&argc, &argv);

  g_test_add_func ("/application/run/presents-window-and-quits", test_run_presents_window_and_quits);
  g_test_add_func ("/application/command-line/version", test_version_option);
  g_test_add_func ("/application/actions/accels", test_actions_and_accels);
  g_test_add_func ("/application/actions/secondary-windows", test_secondary_windows);
  g_test_add_func ("/application/preferences/style", test_preferences_style);
  g_test_add_func ("/window/settings/size-roundtrip", test_window_size_roundtrip);
  g_test_add_func ("/application/preferences/reminders", test_preferences_reminders);
  g_test_add_func ("/application/background/close-keeps-running", test_close_keeps_running);

  return g_test_run ();
}
