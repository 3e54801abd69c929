/* reg-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-application.h"
#include "reg-command-line.h"
#include "store/reg-store.h"
#include "ui/reg-preferences-window.h"
#include "ui/reg-window.h"

struct _RegApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  RegStore       *store;
};

G_DEFINE_FINAL_TYPE (RegApplication, reg_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit",        { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.shortcuts",   { "<Control>question", NULL } },
  { "window.close",    { "<Control>w", NULL } },
  { "win.find",        { "<Control>f", NULL } },
  { "win.new-customer", { "<Control><Shift>n", NULL } },
  { "win.add-note",    { "<Control>n", NULL } },
};

RegApplication *
reg_application_new (void)
{
  /* Bound here rather than in main() so that tests, which build the
   * application without main(), see the same translations. */
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return g_object_new (REG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/* Who is at the keyboard: the staff member chosen in the header bar, or
 * 0 when there is nobody to choose. */
gint64
reg_application_get_current_staff_id (RegApplication *self)
{
  g_return_val_if_fail (REG_IS_APPLICATION (self), 0);

  return g_settings_get_int64 (self->settings, "current-staff-id");
}

GSettings *
reg_application_get_settings (RegApplication *self)
{
  g_return_val_if_fail (REG_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* The open database; NULL until the first command line names one (or
 * not, for the usual one). */
RegStore *
reg_application_get_store (RegApplication *self)
{
  g_return_val_if_fail (REG_IS_APPLICATION (self), NULL);

  return self->store;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);

  return g_file_equal (fa, fb);
}

/* The file --database names, relative to where the command was run
 * (@cmdline NULL: here); NULL for the usual one. */
static char *
database_path (GVariantDict            *options,
               GApplicationCommandLine *cmdline)
{
  g_autoptr(GFile) file = NULL;
  const char *arg = NULL;

  if (!g_variant_dict_lookup (options, "database", "^&ay", &arg))
    return NULL;

  file = cmdline ? g_application_command_line_create_file_for_arg (cmdline, arg)
                 : g_file_new_for_commandline_arg (arg);
  return g_file_get_path (file);
}

/* Opens the database the command line names, or the usual one. A
 * running instance keeps the one it has. */
static gboolean
ensure_store (RegApplication           *self,
              GApplicationCommandLine  *cmdline,
              GVariantDict             *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = database_path (options, cmdline);

  if (self->store != NULL)
    {
      if (path != NULL && !same_file (path, reg_store_get_path (self->store)))
        {
          g_application_command_line_printerr (cmdline,
                                               _("Regulars is already running with “%s”. Quit it to open “%s”.\n"),
                                               reg_store_get_path (self->store), path);
          return FALSE;
        }
      return TRUE;
    }

  self->store = reg_store_open (path, &error);
  if (self->store == NULL)
    {
      g_application_command_line_printerr (cmdline, "%s\n", error->message);
      return FALSE;
    }
  if (reg_store_is_read_only (self->store))
    g_application_command_line_printerr (cmdline, _("“%s” is open read-only: %s.\n"),
                                         reg_store_get_path (self->store),
                                         reg_store_get_read_only_reason (self->store));
  return TRUE;
}

static int
reg_application_command_line (GApplication            *app,
                              GApplicationCommandLine *cmdline)
{
  RegApplication *self = REG_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);

  if (!ensure_store (self, cmdline, options))
    return 1;

  if (reg_command_line_wants_store_only (options))
    return reg_command_line_run (self->store, cmdline, options);

  g_application_activate (app);
  return 0;
}

static void
apply_color_scheme (RegApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT,
    ADW_COLOR_SCHEME_FORCE_LIGHT,
    ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint value = (guint) g_settings_get_enum (self->settings, "color-scheme");

  if (value >= G_N_ELEMENTS (schemes))
    value = 0;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[value]);
}

static void
on_color_scheme_changed (RegApplication *self,
                         const char     *key,
                         GSettings      *settings)
{
  apply_color_scheme (self);
}

static GtkWindow *
get_main_window (RegApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (reg_window_new (self));

  return window;
}

static void
reg_application_activate (GApplication *app)
{
  RegApplication *self = REG_APPLICATION (app);

  /* Activated over D-Bus with no command line: the usual database. */
  if (self->store == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!(self->store = reg_store_open (NULL, &error)))
        g_warning ("%s", error->message);
    }

  gtk_window_present (get_main_window (self));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  RegApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Close each window first so it saves its state (size, and later
   * unsaved edits) before the application goes away. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  g_application_quit (G_APPLICATION (self));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RegApplication *self = user_data;
  static const char *developers[] = { "The Regulars developers", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-icon", BASE_ID,
                        "application-name", _("Regulars"),
                        "developer-name", _("The Regulars developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Remember every customer and keep every promise made to them."),
                        "website", "https://github.com/regulars/regulars",
                        "issue-url", "https://github.com/regulars/regulars/issues",
                        "copyright", "© 2026 The Regulars developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your names, one name per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RegApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  RegPreferencesWindow *prefs = reg_preferences_window_new (self->settings, self->store);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  RegApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource (RESOURCE_PATH "/ui/reg-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_application (shortcuts, GTK_APPLICATION (self));
  gtk_window_present (shortcuts);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "preferences", .activate = preferences_activated },
  { .name = "shortcuts", .activate = shortcuts_activated },
};

static void
reg_application_startup (GApplication *app)
{
  RegApplication *self = REG_APPLICATION (app);

  G_APPLICATION_CLASS (reg_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (BASE_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);

  self->settings = g_settings_new (BASE_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed), self,
                           G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

/* Whether another process is already the application on this session. */
static gboolean
primary_is_running (GApplication *app)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  if (g_application_get_flags (app) & G_APPLICATION_NON_UNIQUE)
    return FALSE;
  if (!(bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL)))
    return FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", g_application_get_application_id (app)),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

static int
reg_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "regulars", PACKAGE_VERSION);
      return 0;
    }

  /* Commands that only print need no window, and so no display: with no
   * instance running to forward them to, they run right here. */
  if (reg_command_line_wants_store_only (options) && !primary_is_running (app))
    {
      g_autoptr(RegStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = database_path (options, NULL);

      if (!(store = reg_store_open (path, &error)))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return reg_command_line_run (store, NULL, options);
    }

  return -1;
}

static void
reg_application_finalize (GObject *object)
{
  RegApplication *self = REG_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (reg_application_parent_class)->finalize (object);
}

static void
reg_application_class_init (RegApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = reg_application_finalize;

  app_class->activate = reg_application_activate;
  app_class->startup = reg_application_startup;
  app_class->handle_local_options = reg_application_handle_local_options;
  app_class->command_line = reg_application_command_line;
}

static void
reg_application_init (RegApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "version", 'v',
                                 G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Show the version and exit"), NULL);
  reg_command_line_add_options (G_APPLICATION (self));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Customer files, crib notes, visit log and follow-up reminders for a small shop."));
}
