/* reg-reminder-service.c: when is the next promise due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-reminder-service"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-reminder-service.h"

/* The service asks the store when the next open follow-up falls due and
 * sets its clock's one alarm for that moment: there is no polling loop,
 * and between due times the process sleeps. When the alarm rings, when
 * follow-ups change, when the wall clock jumps and when the machine
 * wakes from suspend, it hands every follow-up now due and not yet
 * reminded of to whoever listens to "due", notes in the database that
 * they were reminded of (so that a restart does not repeat them, and a
 * snooze or a later due time reminds again), and sets the alarm anew.
 * Those due when it starts fell due while Regulars was not running: they
 * are handed over as "missed". */

struct _RegReminderService
{
  GObject        parent_instance;

  RegStore      *store;
  RegClock      *clock;
  gboolean       started;
  guint          check_idle;
  GDBusConnection *system_bus;
  guint          sleep_subscription;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (RegReminderService, reg_reminder_service, G_TYPE_OBJECT)

enum {
  DUE,
  CASES_PAST_TARGET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

RegReminderService *
reg_reminder_service_new (RegStore *store,
                          RegClock *clock)
{
  RegReminderService *self;

  g_return_val_if_fail (REG_IS_STORE (store), NULL);
  g_return_val_if_fail (REG_IS_CLOCK (clock), NULL);

  self = g_object_new (REG_TYPE_REMINDER_SERVICE, NULL);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);
  return self;
}

RegClock *
reg_reminder_service_get_clock (RegReminderService *self)
{
  g_return_val_if_fail (REG_IS_REMINDER_SERVICE (self), NULL);
  return self->clock;
}

gboolean
reg_reminder_service_is_started (RegReminderService *self)
{
  g_return_val_if_fail (REG_IS_REMINDER_SERVICE (self), FALSE);
  return self->started;
}

/* When the alarm is set for; 0 when no open follow-up lies ahead. */
gint64
reg_reminder_service_get_armed_at (RegReminderService *self)
{
  g_return_val_if_fail (REG_IS_REMINDER_SERVICE (self), 0);
  return reg_clock_get_alarm (self->clock);
}

static void
arm (RegReminderService *self,
     gint64              now)
{
  g_autoptr(GError) error = NULL;
  gint64 next = 0;

  gint64 next_case = 0;

  if (!reg_store_next_follow_up_due (self->store, now, &next, &error))
    g_warning ("Could not find the next follow-up due: %s", error->message);
  g_clear_error (&error);
  if (!reg_store_next_case_target (self->store, now, &next_case, &error))
    g_warning ("Could not find the next case target: %s", error->message);
  if (next_case != 0 && (next == 0 || next_case < next))
    next = next_case;
  reg_clock_set_alarm (self->clock, next);
}

/* Hands over what is due now, then sets the alarm for what comes next. */
static void
check (RegReminderService *self,
       gboolean            missed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  gint64 now = reg_clock_get_now (self->clock);

  g_clear_handle_id (&self->check_idle, g_source_remove);

  due = reg_store_list_follow_ups_to_remind (self->store, now, &error);
  if (due == NULL)
    g_warning ("Could not read the follow-ups due: %s", error->message);
  else if (due->len > 0)
    {
      /* Noted first, so that whatever "due" sets off (a Done, a change
       * of the store) does not hand the same ones over again. */
      if (!reg_store_mark_follow_ups_reminded (self->store, due, &error))
        g_warning ("Could not note the reminders shown: %s", error->message);
      g_signal_emit (self, signals[DUE], 0, due, missed);
    }
  g_clear_error (&error);

  /* Complaints past their target: one reminder for each target. */
  g_clear_pointer (&due, g_ptr_array_unref);
  due = reg_store_list_cases_to_remind (self->store, now, &error);
  if (due == NULL)
    g_warning ("Could not read the cases past target: %s", error->message);
  else if (due->len > 0)
    {
      if (!reg_store_mark_cases_reminded (self->store, due, &error))
        g_warning ("Could not note the reminders shown: %s", error->message);
      g_signal_emit (self, signals[CASES_PAST_TARGET], 0, due, missed);
    }

  arm (self, now);
}

/* Looks at the time now, as when the alarm rings. */
void
reg_reminder_service_check (RegReminderService *self)
{
  g_return_if_fail (REG_IS_REMINDER_SERVICE (self));

  if (self->started)
    check (self, FALSE);
}

static gboolean
check_idle (gpointer data)
{
  RegReminderService *self = data;

  self->check_idle = 0;
  check (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Several changes in a row (a note and its promise, an import) are
 * looked at once. */
static void
queue_check (RegReminderService *self)
{
  if (self->started && self->check_idle == 0)
    self->check_idle = g_idle_add (check_idle, self);
}

static void
on_ring (RegReminderService *self,
         RegClock           *clock)
{
  check (self, FALSE);
}

static void
on_follow_up_changed (RegReminderService *self,
                      gint64              id,
                      gint64              customer_id,
                      RegStore           *store)
{
  queue_check (self);
}

static void
on_case_changed (RegReminderService *self,
                 gint64              id,
                 gint64              customer_id,
                 RegStore           *store)
{
  queue_check (self);
}

static void
on_reloaded (RegReminderService *self,
             RegStore           *store)
{
  queue_check (self);
}

/* logind says the machine goes to sleep (TRUE) or woke up (FALSE). The
 * timer rings by itself after a resume past its moment; this covers a
 * kernel or a clock that did not. */
static void
on_prepare_for_sleep (GDBusConnection *bus,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         data)
{
  RegReminderService *self = data;
  gboolean sleeping = FALSE;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    g_variant_get (parameters, "(b)", &sleeping);
  if (!sleeping)
    queue_check (self);
}

static void
on_system_bus (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);
  RegReminderService *self;

  /* No system bus (a container, a test): the timer is enough. */
  if (bus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus, so no word of suspend: %s", error->message);
      return;
    }

  self = data;
  self->system_bus = bus;
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1", "org.freedesktop.login1.Manager",
                                        "PrepareForSleep", "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_prepare_for_sleep, self, NULL);
}

/* Reports what fell due while Regulars was not running, and from then
 * on keeps the alarm set. */
void
reg_reminder_service_start (RegReminderService *self)
{
  g_return_if_fail (REG_IS_REMINDER_SERVICE (self));

  if (self->started)
    return;
  self->started = TRUE;

  g_signal_connect_object (self->clock, "ring", G_CALLBACK (on_ring), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "follow-up-changed", G_CALLBACK (on_follow_up_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "case-changed", G_CALLBACK (on_case_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reloaded", G_CALLBACK (on_reloaded), self, G_CONNECT_SWAPPED);

  self->cancellable = g_cancellable_new ();
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus, self);

  check (self, TRUE);
}

static void
reg_reminder_service_dispose (GObject *object)
{
  RegReminderService *self = REG_REMINDER_SERVICE (object);

  g_clear_handle_id (&self->check_idle, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->system_bus != NULL && self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_object (&self->system_bus);
  if (self->clock != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->clock, self);
      reg_clock_set_alarm (self->clock, 0);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (reg_reminder_service_parent_class)->dispose (object);
}

static void
reg_reminder_service_class_init (RegReminderServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reg_reminder_service_dispose;

  /**
   * RegReminderService::due:
   * @follow_ups: (element-type RegFollowUp): the follow-ups now due
   * @missed: whether they fell due while Regulars was not running
   */
  signals[DUE] = g_signal_new ("due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                               0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                               G_TYPE_PTR_ARRAY, G_TYPE_BOOLEAN);

  /**
   * RegReminderService::cases-past-target:
   * @cases: (element-type RegCase): open cases whose target has now passed
   * @missed: whether it passed while Regulars was not running
   *
   * Emitted once for each target a case reaches; a new target (the
   * customer was told of a delay) reminds again when it passes.
   */
  signals[CASES_PAST_TARGET] = g_signal_new ("cases-past-target", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                             G_TYPE_PTR_ARRAY, G_TYPE_BOOLEAN);
}

static void
reg_reminder_service_init (RegReminderService *self)
{
}
