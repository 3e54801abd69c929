/* test-application.c: the application starts, shows its window, keeps its
 * actions and settings, and quits cleanly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

int
main (int   argc,
      char *argv[])
{
  reg_test_init (&argc, &argv);

  g_test_add_func ("/application/run/presents-window-and-quits", test_run_presents_window_and_quits);
  g_test_add_func ("/application/command-line/version", test_version_option);
  g_test_add_func ("/application/actions/accels", test_actions_and_accels);
  g_test_add_func ("/application/actions/secondary-windows", test_secondary_windows);
  g_test_add_func ("/application/preferences/style", test_preferences_style);
  g_test_add_func ("/window/settings/size-roundtrip", test_window_size_roundtrip);

  return g_test_run ();
}
