/* test-reminders.c: promises remind on time, through a real session bus
 * and python-dbusmock's notification daemon, and are never lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "reg-test-util.h"
#include "ui/reg-case-window.h"
#include "store/reg-store-private.h"
#include "ui/reg-window.h"

/* 2026-11-24 10:00:00 UTC: a Tuesday, in Europe/London (GMT). */
#define T0 G_GINT64_CONSTANT (1795514400)

#define NOTIFICATIONS "org.freedesktop.Notifications"
#define NOTIFICATIONS_PATH "/org/freedesktop/Notifications"
#define MOCK_IFACE "org.freedesktop.DBus.Mock"

typedef struct
{
  char   *dir;
  char   *path;
  gint64  priya;
  gint64  anna;
  gint64  omar;
  gint64  follow_up;
  GPid    mock;
} Fixture;

/* ------------------------------------------------------------------ */
/* The notification daemon                                              */

static GDBusConnection *
bus (void)
{
  return g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
}

static gboolean
daemon_is_up (gpointer data)
{
  g_autoptr(GDBusConnection) connection = bus ();
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", NOTIFICATIONS), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

/* python-dbusmock's notification daemon, on this test's own bus. */
static GPid
start_daemon (void)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = {
    "/usr/bin/python3", "-m", "dbusmock", "--session", "--template", "notification_daemon",
    "--parameters", "{\"capabilities\": \"body body-markup actions\"}", NULL
  };
  GPid pid = 0;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_assert_true (reg_test_wait_until (daemon_is_up, NULL, 20000));
  return pid;
}

static gboolean
daemon_is_down (gpointer data)
{
  return !daemon_is_up (data);
}

static void
stop_daemon (GPid pid)
{
  if (pid == 0)
    return;
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  g_assert_true (reg_test_wait_until (daemon_is_down, NULL, 5000));
}

/* The Notify calls the daemon received: their arguments, in order. */
static GPtrArray *
notify_calls (void)
{
  g_autoptr(GDBusConnection) connection = bus ();
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) calls = NULL;
  GPtrArray *notifies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  GVariantIter iter;
  const char *method;
  GVariant *args;
  guint64 when;

  reply = g_dbus_connection_call_sync (connection, NOTIFICATIONS, NOTIFICATIONS_PATH, MOCK_IFACE, "GetCalls",
                                       NULL, G_VARIANT_TYPE ("(a(tsav))"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, NULL);
  g_assert_nonnull (reply);
  calls = g_variant_get_child_value (reply, 0);
  g_variant_iter_init (&iter, calls);
  while (g_variant_iter_next (&iter, "(t&s@av)", &when, &method, &args))
    {
      if (g_str_equal (method, "Notify"))
        {
          GVariant *with_time = g_variant_new ("(t@av)", when, args);
          g_ptr_array_add (notifies, g_variant_ref_sink (with_time));
        }
      g_variant_unref (args);
    }
  return notifies;
}

static guint
n_notify (void)
{
  g_autoptr(GPtrArray) calls = notify_calls ();
  return calls->len;
}

typedef struct
{
  guint n;
} Count;

static gboolean
has_n_notify (gpointer data)
{
  return n_notify () >= ((Count *) data)->n;
}

static void
wait_for_notify (guint n)
{
  Count count = { n };

  g_assert_true (reg_test_wait_until (has_n_notify, &count, 10000));
  reg_test_settle ();
  g_assert_cmpuint (n_notify (), ==, n);
}

/* Argument @i of Notify call @call (0 app name, 3 summary, 4 body,
 * 5 actions). */
static GVariant *
notify_arg (guint call,
            guint i)
{
  g_autoptr(GPtrArray) calls = notify_calls ();
  g_autoptr(GVariant) args = NULL;
  g_autoptr(GVariant) boxed = NULL;

  g_assert_cmpuint (call, <, calls->len);
  args = g_variant_get_child_value (calls->pdata[call], 1);
  boxed = g_variant_get_child_value (args, i);
  return g_variant_get_variant (boxed);
}

static char *
notify_string (guint call,
               guint i)
{
  g_autoptr(GVariant) value = notify_arg (call, i);
  return g_variant_dup_string (value, NULL);
}

/* As a notification server does when a person clicks an action. The
 * mock numbers notifications from 1 in the order it was asked. */
static void
invoke_action (guint32     id,
               const char *action)
{
  g_autoptr(GDBusConnection) connection = bus ();
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder args;

  g_variant_builder_init (&args, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&args, "v", g_variant_new_uint32 (id));
  g_variant_builder_add (&args, "v", g_variant_new_string (action));
  reply = g_dbus_connection_call_sync (connection, NOTIFICATIONS, NOTIFICATIONS_PATH, MOCK_IFACE, "EmitSignal",
                                       g_variant_new ("(sssav)", NOTIFICATIONS, "ActionInvoked", "us", &args),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_assert_nonnull (reply);
}

/* ------------------------------------------------------------------ */
/* A shop with promises                                                 */

static gint64
add_customer (RegStore   *store,
              const char *name,
              const char *crib)
{
  g_autoptr(RegCustomer) customer = reg_customer_new ();

  reg_customer_set_display_name (customer, name);
  g_assert_true (reg_store_save_customer (store, customer, NULL));
  if (crib != NULL)
    {
      g_autoptr(RegCribNote) note = reg_crib_note_new ();

      reg_crib_note_set_customer_id (note, reg_customer_get_id (customer));
      reg_crib_note_set_text (note, crib);
      g_assert_true (reg_store_save_crib_note (store, note, NULL));
    }
  return reg_customer_get_id (customer);
}

static gint64
add_follow_up (RegStore   *store,
               gint64      customer,
               gint64      staff,
               const char *promise,
               gint64      due_at)
{
  g_autoptr(RegFollowUp) follow_up = reg_follow_up_new ();

  reg_follow_up_set_customer_id (follow_up, customer);
  reg_follow_up_set_promise (follow_up, promise);
  reg_follow_up_set_due_at (follow_up, due_at);
  reg_follow_up_set_created_by (follow_up, staff);
  reg_follow_up_set_assigned_to (follow_up, staff);
  g_assert_true (reg_store_save_follow_up (store, follow_up, NULL));
  return reg_follow_up_get_id (follow_up);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = NULL;
  g_autoptr(RegStaff) priya = reg_staff_new ();

  f->dir = g_dir_make_tmp ("regulars-reminders-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "shop.db", NULL);
  store = reg_store_open (f->path, &error);
  g_assert_no_error (error);

  /* Made an hour before T0. */
  reg_store_set_now (store, T0 - 3600);
  reg_staff_set_name (priya, "Priya Sharma");
  g_assert_true (reg_store_save_staff (store, priya, NULL));
  f->priya = reg_staff_get_id (priya);
  f->anna = add_customer (store, "Anna Smith", "Daughter Mia");
  f->omar = add_customer (store, "Omar Haddad", NULL);
  f->follow_up = add_follow_up (store, f->anna, f->priya, "Call back about the part", T0 + 60);

  if (data != NULL)
    f->mock = start_daemon ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  stop_daemon (f->mock);
  reg_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static RegStore *
app_store (RegApplication *app)
{
  return reg_application_get_store (app);
}

static RegClock *
app_clock (RegApplication *app)
{
  return reg_reminder_service_get_clock (reg_application_get_reminder_service (app));
}

static void
set_now (RegApplication *app,
         gint64          now)
{
  reg_store_set_now (app_store (app), now);
  reg_clock_manual_set_now (app_clock (app), now);
  reg_test_settle ();
}

static gint64
sql_int (RegApplication *app,
         const char     *sql)
{
  return reg_test_sql_int (app_store (app), sql);
}

/* Runs @func in the real application on the fixture's database, its
 * clock by hand at @now (0 for the system clock). */
static void
run_app (Fixture        *f,
         gint64          now,
         RegTestAppFunc  func)
{
  g_autoptr(RegApplication) app = reg_test_application_new ();

  if (now != 0)
    {
      g_autoptr(RegClock) clock = reg_clock_new_manual (now);
      reg_application_set_clock (app, clock);
    }
  reg_test_run_with_database (app, f->path, func, f);
}

/* ------------------------------------------------------------------ */
/* The tests                                                            */

typedef struct
{
  RegApplication *app;
  const char     *sql;
  gint64          value;
} SqlWait;

static gboolean
sql_has_value (gpointer data)
{
  SqlWait *wait = data;
  return sql_int (wait->app, wait->sql) == wait->value;
}

/* Waits for the application to write @value where @sql reads. */
static void
wait_for_sql (RegApplication *app,
              const char     *sql,
              gint64          value)
{
  SqlWait wait = { app, sql, value };

  g_assert_true (reg_test_wait_until (sql_has_value, &wait, 5000));
}

/* Changes the fixture's database behind the application's back. */
static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
check_one_notify_on_time (RegApplication *app,
                          gpointer        data)
{
  Fixture *f = data;
  g_autoptr(GVariant) actions = NULL;
  g_autofree char *summary = NULL, *body = NULL, *app_name = NULL, *when = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GDateTime) made = g_date_time_new_from_unix_local (T0 - 3600);
  const char **labels;
  g_autofree const char **strv = NULL;
  gsize n;

  set_now (app, T0);
  g_assert_cmpuint (n_notify (), ==, 0);
  g_assert_cmpint (reg_reminder_service_get_armed_at (reg_application_get_reminder_service (app)), ==, T0 + 60);

  /* A second early: nothing. */
  set_now (app, T0 + 59);
  reg_test_spin (200);
  g_assert_cmpuint (n_notify (), ==, 0);

  /* Due: exactly one pop-up, saying who, what, by whom and when. */
  set_now (app, T0 + 60);
  wait_for_notify (1);
  app_name = notify_string (0, 0);
  summary = notify_string (0, 3);
  body = notify_string (0, 4);
  g_assert_cmpstr (app_name, ==, "Regulars");
  g_assert_cmpstr (summary, ==, "Anna Smith");
  when = g_date_time_format (made, "%a %-d %b, %H:%M");
  expected = g_strdup_printf ("Call back about the part\nPromised by Priya Sharma on %s\n“Daughter Mia”", when);
  g_assert_cmpstr (body, ==, expected);

  actions = notify_arg (0, 5);
  strv = g_variant_get_strv (actions, &n);
  labels = strv;
  g_assert_cmpuint (n, ==, 10);
  g_assert_cmpstr (labels[0], ==, "done");
  g_assert_cmpstr (labels[1], ==, "Done");
  g_assert_cmpstr (labels[2], ==, "snooze-hour");
  g_assert_cmpstr (labels[4], ==, "snooze-morning");
  g_assert_cmpstr (labels[6], ==, "open");
  g_assert_cmpstr (labels[8], ==, "default");

  /* Later on: not again. */
  set_now (app, T0 + 600);
  reg_test_spin (200);
  g_assert_cmpuint (n_notify (), ==, 1);
  g_assert_cmpint (sql_int (app, "SELECT reminded_for FROM follow_ups WHERE id = 1"), ==, T0 + 60);

  /* Done, from the pop-up: done in the database. */
  invoke_action (1, "done");
  wait_for_sql (app, "SELECT status = 'done' FROM follow_ups WHERE id = 1", 1);
  g_assert_cmpint (sql_int (app, "SELECT done_at FROM follow_ups WHERE id = 1"), ==, T0 + 600);
  (void) f;
}

static void
test_one_notify_on_time (Fixture       *f,
                         gconstpointer  data)
{
  run_app (f, T0, check_one_notify_on_time);
}

/* Many due at the same moment: one pop-up that says how many, rather
 * than a screenful. */
static void
check_grouped (RegApplication *app,
               gpointer        data)
{
  g_autofree char *summary = NULL, *body = NULL;
  g_autoptr(GVariant) actions = NULL;
  g_autofree const char **strv = NULL;

  set_now (app, T0 + 60);
  wait_for_notify (1);
  summary = notify_string (0, 3);
  body = notify_string (0, 4);
  g_assert_cmpstr (summary, ==, "5 promises are due");
  g_assert_nonnull (strstr (body, "Anna Smith: Call back about the part"));
  g_assert_nonnull (strstr (body, "and 1 more"));
  actions = notify_arg (0, 5);
  strv = g_variant_get_strv (actions, NULL);
  g_assert_cmpstr (strv[0], ==, "agenda");
  g_assert_cmpstr (strv[1], ==, "Open Agenda");
}

static void
test_grouped (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RegStore) store = reg_store_open (f->path, NULL);

  for (guint i = 0; i < 4; i++)
    add_follow_up (store, f->omar, f->priya, "Bring the catalogue", T0 + 60);
  g_clear_object (&store);
  run_app (f, T0, check_grouped);
}

/* Open, on the pop-up: the window shows that customer's card. */
static gboolean
window_shows_anna (gpointer data)
{
  RegWindow *window = REG_WINDOW (reg_test_find_window (REG_TYPE_WINDOW));
  RegCustomer *customer = window ? reg_window_get_customer (window) : NULL;

  return customer != NULL && g_str_equal (reg_customer_get_display_name (customer), "Anna Smith");
}

static void
check_open (RegApplication *app,
            gpointer        data)
{
  set_now (app, T0 + 60);
  wait_for_notify (1);
  g_assert_false (window_shows_anna (NULL));
  invoke_action (1, "default");
  g_assert_true (reg_test_wait_until (window_shows_anna, NULL, 5000));
  g_assert_cmpint (sql_int (app, "SELECT status = 'open' FROM follow_ups WHERE id = 1"), ==, 1);
}

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  run_app (f, T0, check_open);
}

/* A complaint past its target: exactly one pop-up, for its owner, when
 * the target passes; none again, not even after a restart; one more
 * when the customer was told of a delay and the new target passes. */
static gint64
open_urgent_case (Fixture *f)
{
  g_autoptr(RegStore) store = reg_store_open (f->path, NULL);
  g_autoptr(RegCase) kase = reg_case_new ();

  /* Opened an hour before T0: due three hours after it. */
  reg_store_set_now (store, T0 - 3600);
  reg_case_set_customer_id (kase, f->omar);
  reg_case_set_title (kase, "Boiler still leaking");
  reg_case_set_severity (kase, REG_CASE_SEVERITY_URGENT);
  g_assert_true (reg_store_open_case (store, kase, f->priya, NULL));
  g_assert_cmpint (reg_case_get_target_at (kase), ==, T0 + 3 * 3600);
  return reg_case_get_id (kase);
}

static gboolean
window_shows_omar (gpointer data)
{
  RegWindow *window = REG_WINDOW (reg_test_find_window (REG_TYPE_WINDOW));
  RegCustomer *customer = window ? reg_window_get_customer (window) : NULL;

  return customer != NULL && g_str_equal (reg_customer_get_display_name (customer), "Omar Haddad");
}

static gboolean
case_window_open (gpointer data)
{
  return reg_test_find_window (REG_TYPE_CASE_WINDOW) != NULL;
}

static void
check_case_past_target (RegApplication *app,
                        gpointer        data)
{
  RegReminderService *reminders = reg_application_get_reminder_service (app);
  g_autofree char *summary = NULL, *body = NULL, *when = NULL;
  g_autoptr(GDateTime) target = g_date_time_new_from_unix_local (T0 + 3 * 3600);
  g_autoptr(GVariant) actions = NULL;
  g_autofree const char **strv = NULL;

  /* The promise at T0 + 60 first; then the alarm waits for the case. */
  set_now (app, T0 + 60);
  wait_for_notify (1);
  g_assert_cmpint (reg_reminder_service_get_armed_at (reminders), ==, T0 + 3 * 3600);

  set_now (app, T0 + 3 * 3600 - 1);
  reg_test_spin (200);
  g_assert_cmpuint (n_notify (), ==, 1);

  set_now (app, T0 + 3 * 3600);
  wait_for_notify (2);
  summary = notify_string (1, 3);
  body = notify_string (1, 4);
  when = g_date_time_format (target, "%a %-d %b, %H:%M");
  g_assert_cmpstr (summary, ==, "Complaint past its target: Omar Haddad");
  g_assert_nonnull (strstr (body, "“Boiler still leaking”, Urgent"));
  g_assert_nonnull (strstr (body, "For Priya Sharma"));
  g_assert_nonnull (strstr (body, when));
  actions = notify_arg (1, 5);
  strv = g_variant_get_strv (actions, NULL);
  g_assert_cmpstr (strv[0], ==, "open");
  g_assert_cmpint (sql_int (app, "SELECT reminded_for = target_at FROM cases"), ==, 1);

  /* Hours later: not again. */
  set_now (app, T0 + 6 * 3600);
  reg_test_spin (300);
  g_assert_cmpuint (n_notify (), ==, 2);

  /* Open, on the pop-up: Omar's card, and the complaint's window on it. */
  invoke_action (2, "open");
  g_assert_true (reg_test_wait_until (window_shows_omar, NULL, 5000));
  g_assert_true (reg_test_wait_until (case_window_open, NULL, 5000));
  g_assert_cmpint (reg_case_get_id (reg_case_window_get_case (REG_CASE_WINDOW (reg_test_find_window (REG_TYPE_CASE_WINDOW)))),
                   ==, 1);
}

static void
check_case_after_restart (RegApplication *app,
                          gpointer        data)
{
  Fixture *f = data;
  g_autoptr(RegCase) kase = reg_store_get_case (app_store (app), 1, NULL);
  g_autoptr(RegVisit) visit = reg_visit_new ();

  /* The store keeps the same hand-set time as the clock: the real date is
   * long past T0, and a new due time must still be to come. */
  set_now (app, T0 + 7 * 3600);

  /* Nothing new at start: the owner was reminded of this target. */
  reg_test_spin (300);
  g_assert_cmpuint (n_notify (), ==, 2);

  /* Told the customer: the new target reminds once more. */
  reg_visit_set_channel (visit, REG_CHANNEL_CALL);
  reg_visit_set_text (visit, "Engineer comes at eight");
  g_assert_true (reg_store_tell_case_delay (app_store (app), kase, visit, T0 + 10 * 3600, f->priya, NULL));
  set_now (app, T0 + 10 * 3600 - 1);
  reg_test_spin (200);
  g_assert_cmpuint (n_notify (), ==, 2);
  set_now (app, T0 + 10 * 3600);
  wait_for_notify (3);
}

static void
test_case_past_target (Fixture       *f,
                       gconstpointer  data)
{
  open_urgent_case (f);
  run_app (f, T0, check_case_past_target);
  reg_test_destroy_windows ();
  run_app (f, T0 + 7 * 3600, check_case_after_restart);
}

static void
check_snooze (RegApplication *app,
              gpointer        data)
{
  g_autoptr(GDateTime) morning = NULL;

  set_now (app, T0 + 60);
  wait_for_notify (1);

  /* An hour: due again then, and not before. */
  invoke_action (1, "snooze-hour");
  wait_for_sql (app, "SELECT snoozed_until FROM follow_ups WHERE id = 1", T0 + 60 + 3600);
  g_assert_cmpint (sql_int (app, "SELECT status = 'open' FROM follow_ups WHERE id = 1"), ==, 1);
  set_now (app, T0 + 60 + 3599);
  reg_test_spin (200);
  g_assert_cmpuint (n_notify (), ==, 1);
  set_now (app, T0 + 60 + 3600);
  wait_for_notify (2);

  /* Tomorrow morning: 09:00 local time on Wednesday. */
  invoke_action (2, "snooze-morning");
  morning = g_date_time_new_local (2026, 11, 25, 9, 0, 0);
  wait_for_sql (app, "SELECT snoozed_until FROM follow_ups WHERE id = 1", g_date_time_to_unix (morning));
}

static void
test_snooze (Fixture       *f,
             gconstpointer  data)
{
  run_app (f, T0, check_snooze);
}

static void
check_edited_later (RegApplication *app,
                    gpointer        data)
{
  Fixture *f = data;
  g_autoptr(RegFollowUp) follow_up = reg_store_get_follow_up (app_store (app), f->follow_up, NULL);

  set_now (app, T0);
  /* Moved to ten minutes later before it fell due. */
  reg_follow_up_set_due_at (follow_up, T0 + 600);
  g_assert_true (reg_store_save_follow_up (app_store (app), follow_up, NULL));
  reg_test_settle ();
  g_assert_cmpint (reg_reminder_service_get_armed_at (reg_application_get_reminder_service (app)), ==, T0 + 600);

  set_now (app, T0 + 60);
  set_now (app, T0 + 599);
  reg_test_spin (200);
  g_assert_cmpuint (n_notify (), ==, 0);
  set_now (app, T0 + 600);
  wait_for_notify (1);
}

static void
test_edited_later (Fixture       *f,
                   gconstpointer  data)
{
  run_app (f, T0, check_edited_later);
}

static void
check_cancelled (RegApplication *app,
                 gpointer        data)
{
  Fixture *f = data;
  g_autoptr(RegFollowUp) follow_up = reg_store_get_follow_up (app_store (app), f->follow_up, NULL);

  set_now (app, T0);
  g_assert_true (reg_store_set_follow_up_status (app_store (app), follow_up, REG_FOLLOW_UP_STATUS_CANCELLED, NULL));
  reg_test_settle ();
  g_assert_cmpint (reg_reminder_service_get_armed_at (reg_application_get_reminder_service (app)), ==, 0);

  set_now (app, T0 + 60);
  set_now (app, T0 + 86400);
  reg_test_spin (300);
  g_assert_cmpuint (n_notify (), ==, 0);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  run_app (f, T0, check_cancelled);
}

static GtkWidget *
main_window (void)
{
  return GTK_WIDGET (reg_test_find_window (REG_TYPE_WINDOW));
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  text)
{
  return gtk_widget_is_drawable (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  return reg_test_find_widget (root, GTK_TYPE_LABEL, label_contains, text) != NULL;
}

static void
check_missed (RegApplication *app,
              gpointer        data)
{
  g_autofree char *summary = NULL, *body = NULL;

  /* One pop-up for all that fell due while Regulars was closed. */
  wait_for_notify (1);
  summary = notify_string (0, 3);
  body = notify_string (0, 4);
  g_assert_cmpstr (summary, ==, "2 promises fell due while Regulars was closed");
  g_assert_nonnull (strstr (body, "Anna Smith: Call back about the part"));
  g_assert_nonnull (strstr (body, "Omar Haddad: Bring the catalogue"));

  /* And the Agenda, open on them. */
  reg_test_settle ();
  g_assert_true (shows_text (main_window (), "Overdue"));
  g_assert_cmpint (sql_int (app, "SELECT count(*) FROM follow_ups WHERE reminded_for IS NULL"), ==, 0);
}

static void
check_not_missed_twice (RegApplication *app,
                        gpointer        data)
{
  reg_test_spin (500);
  g_assert_cmpuint (n_notify (), ==, 1);
}

static void
test_missed_while_away (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RegStore) store = reg_store_open (f->path, NULL);

  add_follow_up (store, f->omar, f->priya, "Bring the catalogue", T0 - 7200);
  g_clear_object (&store);
  /* Both fell due while Regulars was closed, by the real clock, which
   * the Agenda goes by too. */
  exec_sql (f->path, "UPDATE follow_ups SET due_at = strftime ('%s', 'now') - 3600 - id");

  run_app (f, 0, check_missed);
  /* Started again: they were shown; nothing new. */
  run_app (f, 0, check_not_missed_twice);
}

static gboolean
banner_shown (gpointer data)
{
  GtkWidget *window = main_window ();

  return window != NULL && shows_text (window, "could not be shown");
}

static void
check_no_server (RegApplication *app,
                 gpointer        data)
{
  set_now (app, T0 + 60);

  /* The reminder is in the window, and nothing changed in the database. */
  g_assert_true (reg_test_wait_until (banner_shown, NULL, 10000));
  g_assert_true (shows_text (main_window (), "Anna Smith"));
  g_assert_cmpint (sql_int (app, "SELECT status = 'open' FROM follow_ups WHERE id = 1"), ==, 1);
}

static void
test_no_server (Fixture       *f,
                gconstpointer  data)
{
  g_assert_false (daemon_is_up (NULL));
  run_app (f, T0, check_no_server);
}

/* Europe/London leaves summer time at 02:00 on Sunday 25 October 2026. A
 * promise made on the Saturday (BST) for Monday 10:00 is due at 10:00
 * GMT, which is 10:00 UTC, not 09:00. */
#define SATURDAY_NOON_BST G_GINT64_CONSTANT (1792839600)   /* 2026-10-24 11:00 UTC */
#define MONDAY_TEN_GMT    G_GINT64_CONSTANT (1793008800)   /* 2026-10-26 10:00 UTC */

static void
check_dst (RegApplication *app,
           gpointer        data)
{
  set_now (app, MONDAY_TEN_GMT - 3600);   /* 10:00 by the summer clock */
  reg_test_spin (200);
  g_assert_cmpuint (n_notify (), ==, 0);
  set_now (app, MONDAY_TEN_GMT - 1);
  reg_test_spin (200);
  g_assert_cmpuint (n_notify (), ==, 0);
  set_now (app, MONDAY_TEN_GMT);
  wait_for_notify (1);
}

static void
test_dst (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *anna = g_strdup_printf ("%" G_GINT64_FORMAT, f->anna);
  const char *argv[] = {
    g_getenv ("REGULARS_BIN"), "--database", f->path, "--add-follow-up", anna,
    "--due", "2026-10-26T10:00", "--promise", "Ring about the fitting", NULL
  };
  g_autoptr(RegStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  /* The first promise is out of the way; the new one is typed on the
   * Saturday, as local time. */
  exec_sql (f->path, "UPDATE follow_ups SET status = 'done'");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "due 2026-10-26T10:00:00+00:00"));

  store = reg_store_open (f->path, NULL);
  g_assert_cmpint (reg_test_sql_int (store, "SELECT due_at FROM follow_ups WHERE promise = 'Ring about the fitting'"),
                   ==, MONDAY_TEN_GMT);
  g_clear_object (&store);

  run_app (f, SATURDAY_NOON_BST, check_dst);
}

static void
check_clock_jump (RegApplication *app,
                  gpointer        data)
{
  set_now (app, T0);
  /* The clock is set a day ahead in one go: it is due at once. */
  set_now (app, T0 + 86400);
  wait_for_notify (1);
}

static void
test_clock_jump (Fixture       *f,
                 gconstpointer  data)
{
  run_app (f, T0, check_clock_jump);
}

/* With the real clock: due two seconds from now, shown within a second
 * of that. */
static void
check_real_clock (RegApplication *app,
                  gpointer        data)
{
  Fixture *f = data;
  g_autoptr(RegFollowUp) follow_up = reg_store_get_follow_up (app_store (app), f->follow_up, NULL);
  g_autoptr(GPtrArray) calls = NULL;
  gint64 due = g_get_real_time () / G_USEC_PER_SEC + 2;
  guint64 shown_at;

  reg_follow_up_set_due_at (follow_up, due);
  g_assert_true (reg_store_save_follow_up (app_store (app), follow_up, NULL));
  wait_for_notify (1);
  calls = notify_calls ();
  g_variant_get_child (calls->pdata[0], 0, "t", &shown_at);
  g_assert_cmpint ((gint64) shown_at, >=, due);
  g_assert_cmpint ((gint64) shown_at, <=, due + 1);
}

static void
test_real_clock (Fixture       *f,
                 gconstpointer  data)
{
  /* Not due for a day, until the test moves it. */
  exec_sql (f->path, "UPDATE follow_ups SET due_at = strftime ('%s', 'now') + 86400");
  run_app (f, 0, check_real_clock);
}

static gboolean
name_is_owned (gpointer data)
{
  g_autoptr(GDBusConnection) connection = bus ();
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", (const char *) data), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

/* `regulars --background`: no window; a promise made from the command
 * line, forwarded to it, still reminds on time. */
static void
test_background (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *anna = g_strdup_printf ("%" G_GINT64_FORMAT, f->anna);
  g_autofree char *due = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GDateTime) when = NULL;
  const char *argv[] = { g_getenv ("REGULARS_BIN"), "--background", "--database", f->path, NULL };
  const char *add[] = { g_getenv ("REGULARS_BIN"), "--add-follow-up", anna, "--due", NULL,
                        "--promise", "Ring when the part comes", NULL };
  int status = 0;
  GPid pid = 0;

  /* Nothing due before the test says so. */
  exec_sql (f->path, "UPDATE follow_ups SET status = 'done'");
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_assert_true (reg_test_wait_until (name_is_owned, (gpointer) APP_ID, 30000));

  when = g_date_time_new_from_unix_local (g_get_real_time () / G_USEC_PER_SEC + 3);
  due = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");
  add[4] = due;
  g_assert_true (g_spawn_sync (NULL, (char **) add, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Ring when the part comes"));

  wait_for_notify (1);
  summary = notify_string (0, 3);
  g_assert_cmpstr (summary, ==, "Anna Smith");
  /* Still running, for the next one. */
  g_assert_cmpint (waitpid (pid, NULL, WNOHANG), ==, 0);

  /* Done from the command line, through the running instance. */
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, g_ascii_strtoll (out + strlen ("Follow-up "), NULL, 10));
    const char *done[] = { g_getenv ("REGULARS_BIN"), "--done", id, NULL };
    g_autoptr(RegStore) store = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) done, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    store = reg_store_open (f->path, NULL);
    g_assert_cmpint (reg_test_sql_int (store, "SELECT count(*) FROM follow_ups WHERE status = 'open'"), ==, 0);
  }
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Due times are local wall-clock times: a zone with summer time. */
  g_setenv ("TZ", "Europe/London", TRUE);
  reg_test_init (&argc, &argv);

  /* The suite runs this program on a session bus of its own
   * (tests/session-bus.conf), away from the others' notifications. */

#define ADD(path, func, daemon) \
  g_test_add (path, Fixture, daemon, fixture_set_up, func, fixture_tear_down)
  ADD ("/reminders/due/one-pop-up-on-time", test_one_notify_on_time, "daemon");
  ADD ("/reminders/action/snooze", test_snooze, "daemon");
  ADD ("/reminders/action/open", test_open, "daemon");
  ADD ("/reminders/due/grouped", test_grouped, "daemon");
  ADD ("/reminders/edited-later-not-early", test_edited_later, "daemon");
  ADD ("/reminders/cancelled-never", test_cancelled, "daemon");
  ADD ("/reminders/missed-while-away", test_missed_while_away, "daemon");
  ADD ("/reminders/no-server/banner", test_no_server, NULL);
  ADD ("/reminders/dst", test_dst, "daemon");
  ADD ("/reminders/clock-jump", test_clock_jump, "daemon");
  ADD ("/reminders/real-clock", test_real_clock, "daemon");
  ADD ("/reminders/background", test_background, "daemon");
  ADD ("/reminders/case-past-target/once", test_case_past_target, "daemon");
#undef ADD

  status = g_test_run ();
  return status;
}
