/* reg-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-application"

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "reg-application.h"
#include "reg-command-line.h"
#include "store/reg-store.h"
#include "ui/reg-preferences-window.h"
#include "ui/reg-window.h"

struct _RegApplication
{
  AdwApplication      parent_instance;

  GSettings          *settings;
  RegStore           *store;

  RegClock           *clock;
  RegReminderService *reminders;
  RegNotifier        *notifier;
  GPtrArray          *unshown;        /* due follow-ups no pop-up could show */
  gboolean            agenda_on_start; /* some fell due while we were not running */
  gboolean            held;           /* running without a window for the reminders */

  /* Daily backups */
  gboolean            backups_started; /* the real app: a window or --background */
  guint               backup_source;  /* the one timeout until the next backup */
  gint64              backup_due;     /* the wall-clock moment it is for */
  guint               backups_running;
  gboolean            backup_again;   /* asked for while one was running */
  GError             *backup_error;   /* how the last one failed; NULL if it did not */
};

G_DEFINE_FINAL_TYPE (RegApplication, reg_application, ADW_TYPE_APPLICATION)

enum {
  BACKUP_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Start-up is not slowed by a backup; a change in Preferences is acted
 * on once the clicking has stopped. */
#define BACKUP_START_DELAY    30
#define BACKUP_CHANGE_DELAY   3
/* So that the new day's backup is made just after midnight, even by a
 * timeout that ran a little early against the wall clock. */
#define BACKUP_AFTER_MIDNIGHT (5 * 60)

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
  { "win.show-agenda", { "<Control>t", NULL } },
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

/* Tests tell the time; otherwise it is the system's. Before the first
 * command line. */
void
reg_application_set_clock (RegApplication *self,
                           RegClock       *clock)
{
  g_return_if_fail (REG_IS_APPLICATION (self));
  g_return_if_fail (self->reminders == NULL);

  g_set_object (&self->clock, clock);
}

RegReminderService *
reg_application_get_reminder_service (RegApplication *self)
{
  g_return_val_if_fail (REG_IS_APPLICATION (self), NULL);
  return self->reminders;
}

RegNotifier *
reg_application_get_notifier (RegApplication *self)
{
  g_return_val_if_fail (REG_IS_APPLICATION (self), NULL);
  return self->notifier;
}

/* Whether Regulars runs with no window, for the reminders. */
gboolean
reg_application_is_in_background (RegApplication *self)
{
  g_return_val_if_fail (REG_IS_APPLICATION (self), FALSE);
  return self->held;
}

static RegWindow *
find_main_window (RegApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (REG_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static RegWindow *present_main_window (RegApplication *self);

static void
on_due (RegApplication     *self,
        GPtrArray          *follow_ups,
        gboolean            missed,
        RegReminderService *reminders)
{
  RegWindow *window = find_main_window (self);

  reg_notifier_show (self->notifier, follow_ups, missed);
  /* What fell due while Regulars was closed is shown in the Agenda too. */
  if (missed)
    {
      if (window != NULL)
        reg_window_show_agenda (window);
      else
        self->agenda_on_start = TRUE;
    }
  if (window != NULL)
    reg_window_refresh_reminders (window);
}

static void
on_cases_past_target (RegApplication     *self,
                      GPtrArray          *cases,
                      gboolean            missed,
                      RegReminderService *reminders)
{
  reg_notifier_show_cases (self->notifier, cases, missed);
}

static void
on_unshown (RegApplication *self,
            GPtrArray      *follow_ups,
            RegNotifier    *notifier)
{
  RegWindow *window = find_main_window (self);

  for (guint i = 0; i < follow_ups->len; i++)
    g_ptr_array_add (self->unshown, g_object_ref (g_ptr_array_index (follow_ups, i)));
  if (window != NULL)
    reg_window_add_unshown_reminders (window, follow_ups);
}

static void
on_open_customer (RegApplication *self,
                  gint64          customer_id,
                  RegNotifier    *notifier)
{
  reg_window_show_customer (present_main_window (self), customer_id);
}

static void
on_open_case (RegApplication *self,
              gint64          customer_id,
              gint64          case_id,
              RegNotifier    *notifier)
{
  reg_window_show_case (present_main_window (self), customer_id, case_id);
}

static void
on_open_overview (RegApplication *self,
                  RegNotifier    *notifier)
{
  reg_window_show_overview (present_main_window (self));
}

static void
on_open_agenda (RegApplication *self,
                RegNotifier    *notifier)
{
  reg_window_show_agenda (present_main_window (self));
}

/* Daily backups ------------------------------------------------------ */

typedef struct
{
  char   *dir;
  guint   keep;
  gint64  now;
} DailyBackup;

static void
daily_backup_free (gpointer data)
{
  DailyBackup *backup = data;

  g_free (backup->dir);
  g_free (backup);
}

/* In a worker thread, on a connection of its own. */
static gboolean
daily_backup_thread (RegStore      *worker,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  DailyBackup *backup = data;
  g_autoptr(GError) local_error = NULL;

  if (reg_store_backup_daily (worker, backup->dir, backup->keep, backup->now, &local_error))
    return TRUE;

  /* Another run made today's meanwhile: then only the old ones go. */
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return reg_store_backup_daily (worker, backup->dir, backup->keep, backup->now, error);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gint64
backup_now (RegApplication *self)
{
  if (self->clock != NULL)
    return reg_clock_get_now (self->clock);
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* A second, read-only session leaves backups to the first. */
static gboolean
backups_wanted (RegApplication *self)
{
  return self->store != NULL && !reg_store_is_read_only (self->store) &&
         self->settings != NULL && g_settings_get_boolean (self->settings, "daily-backups");
}

/* A few minutes past the next local midnight after @now: a day is 23 or
 * 25 hours long when the clocks change, so not @now + 86400. */
static gint64
next_backup_time (gint64 now)
{
  g_autoptr(GDateTime) here = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (here),
                                                         g_date_time_get_month (here),
                                                         g_date_time_get_day_of_month (here),
                                                         0, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (midnight, 1);

  return g_date_time_to_unix (tomorrow) + BACKUP_AFTER_MIDNIGHT;
}

static gboolean on_backup_timeout (gpointer data);

/* One timeout, for @due (wall-clock seconds); none when backups are off. */
static void
arm_backup (RegApplication *self,
            gint64          due)
{
  gint64 delay;

  g_clear_handle_id (&self->backup_source, g_source_remove);
  self->backup_due = 0;
  if (!self->backups_started || !backups_wanted (self))
    return;

  self->backup_due = due;
  delay = CLAMP (due - backup_now (self), 1, G_MAXUINT);
  self->backup_source = g_timeout_add_seconds ((guint) delay, on_backup_timeout, self);
  g_source_set_name_by_id (self->backup_source, "[regulars] daily backup");
}

static void
on_backup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  RegApplication *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  self->backups_running--;
  g_clear_error (&self->backup_error);
  if (!reg_store_run_worker_finish (REG_STORE (source), result, &error))
    {
      g_warning ("Could not make today’s backup: %s", error->message);
      self->backup_error = g_error_copy (error);
      g_signal_emit (self, signals[BACKUP_FAILED], 0, error);
    }

  /* Then the next, a little after midnight. */
  if (self->backups_started && self->backups_running == 0)
    {
      gint64 now = backup_now (self);

      arm_backup (self, self->backup_again ? now + BACKUP_CHANGE_DELAY : next_backup_time (now));
      self->backup_again = FALSE;
    }

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
  g_application_release (G_APPLICATION (self));
}

/**
 * reg_application_run_daily_backup:
 *
 * Makes today's daily backup (by the application's clock) in the
 * store's backups folder unless it is there already, and deletes the
 * oldest beyond "backups-to-keep", as the daily timer does; on a worker,
 * so the window never waits for it. Does nothing when "daily-backups" is
 * off, or with no database or a read-only one. A failure is also
 * reported by #RegApplication::backup-failed.
 */
void
reg_application_run_daily_backup (RegApplication      *self,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DailyBackup *backup;

  g_return_if_fail (REG_IS_APPLICATION (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, reg_application_run_daily_backup);
  if (!backups_wanted (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  backup = g_new0 (DailyBackup, 1);
  backup->dir = reg_store_get_backup_dir (self->store);
  backup->keep = (guint) MAX (g_settings_get_int (self->settings, "backups-to-keep"), 1);
  backup->now = backup_now (self);

  /* Closing the window mid-copy does not cut the copy short. */
  g_application_hold (G_APPLICATION (self));
  self->backups_running++;
  reg_store_run_worker_async (self->store, daily_backup_thread, backup, daily_backup_free,
                              NULL, on_backup_done, g_steal_pointer (&task));
}

gboolean
reg_application_run_daily_backup_finish (RegApplication  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* How the last daily backup failed, for a window opened since; NULL
 * once one succeeds. */
const GError *
reg_application_get_last_backup_error (RegApplication *self)
{
  g_return_val_if_fail (REG_IS_APPLICATION (self), NULL);

  return self->backup_error;
}

static void
on_scheduled_backup_done (GObject      *source,
                          GAsyncResult *result,
                          gpointer      data)
{
  /* Reported already, by on_backup_done(). */
  reg_application_run_daily_backup_finish (REG_APPLICATION (source), result, NULL);
}

static gboolean
on_backup_timeout (gpointer data)
{
  RegApplication *self = data;

  self->backup_source = 0;
  self->backup_due = 0;
  if (self->backups_running > 0)
    self->backup_again = TRUE;
  else
    reg_application_run_daily_backup (self, on_scheduled_backup_done, NULL);
  return G_SOURCE_REMOVE;
}

/* Turned on, or fewer to keep: now, or nearly. Turned off: no timer. */
static void
on_backup_settings_changed (RegApplication *self,
                            const char     *key,
                            GSettings      *settings)
{
  if (self->backups_running > 0)
    self->backup_again = TRUE;
  arm_backup (self, backup_now (self) + BACKUP_CHANGE_DELAY);
}

/* The wall clock jumped or the machine woke up (or a reminder rang): the
 * timeout counts time awake, so aim it at the right moment again. */
static void
on_clock_ring (RegApplication *self,
               RegClock       *clock)
{
  if (self->backup_source != 0)
    arm_backup (self, MIN (self->backup_due, next_backup_time (backup_now (self))));
}

/* Only the real app makes backups (a window, or --background), never a
 * command line that prints and exits. */
static void
start_backups (RegApplication *self)
{
  if (self->backups_started || self->store == NULL || reg_store_is_read_only (self->store))
    return;
  self->backups_started = TRUE;

  g_signal_connect_object (self->settings, "changed::daily-backups",
                           G_CALLBACK (on_backup_settings_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::backups-to-keep",
                           G_CALLBACK (on_backup_settings_changed), self, G_CONNECT_SWAPPED);
  if (self->clock != NULL)
    g_signal_connect_object (self->clock, "ring", G_CALLBACK (on_clock_ring), self, G_CONNECT_SWAPPED);

  /* Started again the same day: nothing to do until after midnight, so
   * no timer wakes the process in between. */
  {
    gint64 now = backup_now (self);
    g_autofree char *dir = reg_store_get_backup_dir (self->store);
    g_autofree char *today = reg_store_get_daily_backup_path (dir, now);

    arm_backup (self, g_file_test (today, G_FILE_TEST_EXISTS) ? next_backup_time (now) : now + BACKUP_START_DELAY);
  }
}

static void on_follow_up_changed (RegApplication *self, gint64 id, gint64 customer_id, RegStore *store);

/* Reminders come from the process that may write to the database: a
 * second, read-only session leaves them to the first. */
static void
start_reminders (RegApplication *self)
{
  if (self->reminders != NULL || self->store == NULL || reg_store_is_read_only (self->store))
    return;

  if (self->clock == NULL)
    self->clock = reg_clock_new_system ();
  self->reminders = reg_reminder_service_new (self->store, self->clock);
  self->notifier = reg_notifier_new (self->store, self->clock);
  g_signal_connect_object (self->reminders, "due", G_CALLBACK (on_due), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reminders, "cases-past-target", G_CALLBACK (on_cases_past_target),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notifier, "open-case", G_CALLBACK (on_open_case), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notifier, "open-overview", G_CALLBACK (on_open_overview), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notifier, "unshown", G_CALLBACK (on_unshown), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notifier, "open-customer", G_CALLBACK (on_open_customer), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notifier, "open-agenda", G_CALLBACK (on_open_agenda), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "follow-up-changed", G_CALLBACK (on_follow_up_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "case-changed", G_CALLBACK (on_follow_up_changed), self, G_CONNECT_SWAPPED);
  reg_reminder_service_start (self->reminders);
}

/* Whether any promise is still open, or any complaint still has its
 * target ahead, so that closing the window should leave Regulars running
 * to remind of it. */
static gboolean
has_open_follow_ups (RegApplication *self)
{
  g_autoptr(GError) error = NULL;
  guint open = 0;
  gint64 next_target = 0;

  if (self->reminders == NULL)
    return FALSE;
  /* Due by the end of time: every open one. */
  if (!reg_store_count_overdue_follow_ups (self->store, G_MAXINT64, 0, &open, &error))
    return TRUE;
  if (open > 0)
    return TRUE;
  if (!reg_store_next_case_target (self->store, reg_clock_get_now (self->clock), &next_target, &error))
    return TRUE;
  return next_target != 0;
}

static void
hold_in_background (RegApplication *self)
{
  if (self->held)
    return;
  self->held = TRUE;
  g_application_hold (G_APPLICATION (self));
}

static void
release_background (RegApplication *self)
{
  if (!self->held)
    return;
  self->held = FALSE;
  g_application_release (G_APPLICATION (self));
}

/* In the background with no promise left open: nothing to remind of. */
static void
on_follow_up_changed (RegApplication *self,
                      gint64          id,
                      gint64          customer_id,
                      RegStore       *store)
{
  if (self->held && gtk_application_get_windows (GTK_APPLICATION (self)) == NULL &&
      !has_open_follow_ups (self))
    release_background (self);
}

/* The last window closed: keep running for the reminders, if wanted. */
static void
on_window_removed (GtkApplication *app,
                   GtkWindow      *window,
                   gpointer        data)
{
  RegApplication *self = REG_APPLICATION (app);

  if (gtk_application_get_windows (app) != NULL || self->settings == NULL)
    return;
  if (g_settings_get_boolean (self->settings, "run-in-background") && has_open_follow_ups (self))
    hold_in_background (self);
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
    return reg_command_line_run (self->store, cmdline, options,
                                 g_settings_get_int64 (self->settings, "current-staff-id"));

  start_reminders (self);
  start_backups (self);

  /* `regulars --background`: reminders with no window (at login). A
   * running instance that has a window keeps it. */
  if (g_variant_dict_contains (options, "background"))
    {
      if (find_main_window (self) == NULL)
        hold_in_background (self);
      return 0;
    }

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

  if (window == NULL && (window = GTK_WINDOW (find_main_window (self))) == NULL)
    {
      window = GTK_WINDOW (reg_window_new (self));
      if (self->unshown != NULL && self->unshown->len > 0)
        reg_window_add_unshown_reminders (REG_WINDOW (window), self->unshown);
    }

  return window;
}

static RegWindow *
present_main_window (RegApplication *self)
{
  GtkWindow *window = get_main_window (self);

  gtk_window_present (window);
  return REG_WINDOW (window);
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
  start_reminders (self);
  start_backups (self);

  gtk_window_present (get_main_window (self));
  if (self->agenda_on_start)
    {
      self->agenda_on_start = FALSE;
      reg_window_show_agenda (REG_WINDOW (get_main_window (self)));
    }
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

  /* Quitting from the menu really quits, reminders and all. */
  release_background (self);
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

/* app.show-case(x) and app.show-overview: reminders lead there, and so
 * can anyone through D-Bus (`gapplication action … show-case 12`). */
static void
show_case_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  RegApplication *self = user_data;
  g_autoptr(RegCase) kase = NULL;

  if (self->store == NULL ||
      !(kase = reg_store_get_case (self->store, g_variant_get_int64 (parameter), NULL)))
    return;
  reg_window_show_case (present_main_window (self), reg_case_get_customer_id (kase), reg_case_get_id (kase));
}

static void
show_overview_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  RegApplication *self = user_data;

  if (self->store != NULL)
    reg_window_show_overview (present_main_window (self));
}

static const GActionEntry app_actions[] = {
  { .name = "show-case", .activate = show_case_activated, .parameter_type = "x" },
  { .name = "show-overview", .activate = show_overview_activated },
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

  /* A GLib worker thread that made a backup or an import waits for the
   * next job instead of waking 15 seconds later only to end. */
  g_thread_pool_set_max_idle_time (0);

  gtk_window_set_default_icon_name (BASE_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);

  self->settings = g_settings_new (BASE_ID);
  g_signal_connect (self, "window-removed", G_CALLBACK (on_window_removed), NULL);
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

      g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

      if (!(store = reg_store_open (path, &error)))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return reg_command_line_run (store, NULL, options, g_settings_get_int64 (settings, "current-staff-id"));
    }

  return -1;
}

/* `--due` alone prints what is due now; see reg_command_line_fix_arguments(). */
static gboolean
reg_application_local_command_line (GApplication   *app,
                                    char         ***arguments,
                                    int            *exit_status)
{
  reg_command_line_fix_arguments (*arguments);

  return G_APPLICATION_CLASS (reg_application_parent_class)->local_command_line (app, arguments, exit_status);
}

static void
reg_application_shutdown (GApplication *app)
{
  RegApplication *self = REG_APPLICATION (app);

  self->backups_started = FALSE;
  g_clear_handle_id (&self->backup_source, g_source_remove);
  /* A backup under way is finished, not cut short: it takes seconds, and
   * would leave its half-written copy behind. */
  while (self->backups_running > 0)
    g_main_context_iteration (NULL, TRUE);

  /* Before the store closes. */
  g_clear_object (&self->notifier);
  g_clear_object (&self->reminders);
  if (notify_is_initted ())
    notify_uninit ();

  G_APPLICATION_CLASS (reg_application_parent_class)->shutdown (app);
}

static void
reg_application_finalize (GObject *object)
{
  RegApplication *self = REG_APPLICATION (object);

  g_clear_object (&self->notifier);
  g_clear_object (&self->reminders);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->unshown, g_ptr_array_unref);
  g_clear_handle_id (&self->backup_source, g_source_remove);
  g_clear_error (&self->backup_error);
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
  app_class->local_command_line = reg_application_local_command_line;
  app_class->shutdown = reg_application_shutdown;

  /**
   * RegApplication::backup-failed:
   * @error: why, in words for the person at the keyboard
   *
   * Today's backup could not be made (or old ones not deleted).
   */
  signals[BACKUP_FAILED] = g_signal_new ("backup-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
reg_application_init (RegApplication *self)
{
  self->unshown = g_ptr_array_new_with_free_func (g_object_unref);

  g_application_add_main_option (G_APPLICATION (self), "version", 'v',
                                 G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Show the version and exit"), NULL);
  g_application_add_main_option (G_APPLICATION (self), "background", 0,
                                 G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Start without a window, to show reminders"), NULL);
  reg_command_line_add_options (G_APPLICATION (self));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Customer files, crib notes, visit log and follow-up reminders for a small shop."));
}
