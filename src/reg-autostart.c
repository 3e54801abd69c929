/* reg-autostart.c: starting Regulars at login, for the reminders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-autostart"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>

#include "reg-autostart.h"

/* Outside a sandbox, an XDG autostart entry that runs `regulars
 * --background` is written to (or removed from) the user's autostart
 * folder, and whether it is there is the answer. Inside Flatpak that
 * folder is not ours to write: the Background portal is asked instead,
 * and what was asked is remembered in GSettings, since the portal does
 * not say. */

#define PORTAL_BUS "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"

static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

char *
reg_autostart_get_path (void)
{
  g_autofree char *name = g_strconcat (APP_ID, ".desktop", NULL);

  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

gboolean
reg_autostart_is_enabled (GSettings *settings)
{
  g_autofree char *path = NULL;

  if (in_flatpak ())
    return g_settings_get_boolean (settings, "start-at-login");

  path = reg_autostart_get_path ();
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* What to run: "regulars" when that is this program, else its path (a
 * build that was not installed). */
static char *
command (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *found = g_find_program_in_path ("regulars");
  g_autofree char *quoted = NULL;

  if (self == NULL || (found != NULL && g_str_equal (found, self)))
    return g_strdup ("regulars --background");
  quoted = g_shell_quote (self);
  return g_strdup_printf ("%s --background", quoted);
}

static gboolean
write_entry (gboolean   enabled,
             GError   **error)
{
  g_autofree char *path = reg_autostart_get_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GKeyFile) entry = NULL;
  g_autofree char *exec = NULL;

  if (!enabled)
    {
      if (g_remove (path) < 0 && errno != ENOENT)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not remove “%s”: %s"), path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (dir, 0700) < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not make the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  exec = command ();
  entry = g_key_file_new ();
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE, "Application");
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME, _("Regulars"));
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Reminds you of the promises made to customers"));
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, exec);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, BASE_ID);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", TRUE);
  return g_key_file_save_to_file (entry, path, error);
}

/* The portal answers on a Request object: wait for its Response. */
typedef struct
{
  GSettings *settings;
  gboolean   enabled;
  guint      subscription;
  GDBusConnection *bus;
} PortalRequest;

static void
portal_request_free (PortalRequest *request)
{
  if (request->subscription != 0)
    g_dbus_connection_signal_unsubscribe (request->bus, request->subscription);
  g_clear_object (&request->bus);
  g_clear_object (&request->settings);
  g_free (request);
}

static void
on_portal_response (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         data)
{
  GTask *task = data;
  PortalRequest *request = g_task_get_task_data (task);
  g_autoptr(GVariant) results = NULL;
  gboolean autostart = FALSE;
  guint32 response = 2;

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "autostart", "b", &autostart);
  g_dbus_connection_signal_unsubscribe (bus, request->subscription);
  request->subscription = 0;

  if (response != 0 || autostart != request->enabled)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("Starting Regulars at login was not allowed"));
  else
    {
      g_settings_set_boolean (request->settings, "start-at-login", request->enabled);
      g_task_return_boolean (task, TRUE);
    }
  g_object_unref (task);
}

static void
ask_portal (GTask *task)
{
  PortalRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *token = g_strdup_printf ("regulars%u", g_random_int ());
  g_autofree char *sender = NULL;
  g_autofree char *handle = NULL;
  const char *commandline[] = { "regulars", "--background", NULL };
  GVariantBuilder options;

  request->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (request->bus == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* The Request object's path is known before asking, so that its
   * Response cannot come before we listen. */
  sender = g_strdup (g_dbus_connection_get_unique_name (request->bus) + 1);
  g_strdelimit (sender, ".", '_');
  handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", sender, token);
  request->subscription = g_dbus_connection_signal_subscribe (request->bus, PORTAL_BUS,
                                                              "org.freedesktop.portal.Request", "Response",
                                                              handle, NULL, G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                                              on_portal_response, task, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Regulars reminds you of the promises made to customers.")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (request->enabled));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  reply = g_dbus_connection_call_sync (request->bus, PORTAL_BUS, PORTAL_PATH,
                                       "org.freedesktop.portal.Background", "RequestBackground",
                                       g_variant_new ("(sa{sv})", "", &options), G_VARIANT_TYPE ("(o)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
    }
}

/* Turns starting at login on or off. */
void
reg_autostart_set_enabled_async (GSettings           *settings,
                                 gboolean             enabled,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  PortalRequest *request;

  g_task_set_source_tag (task, reg_autostart_set_enabled_async);

  if (!in_flatpak ())
    {
      if (write_entry (enabled, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  request = g_new0 (PortalRequest, 1);
  request->settings = g_object_ref (settings);
  request->enabled = enabled;
  g_task_set_task_data (task, request, (GDestroyNotify) portal_request_free);
  ask_portal (task);
}

gboolean
reg_autostart_set_enabled_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
