/* reg-notifier.c: the pop-ups that remind of promises
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "model/reg-follow-up.h"
#include "reg-notifier.h"

/* One libnotify pop-up per follow-up that falls due: the customer's name
 * as the title; the promise, who made it and when, and the customer's
 * first crib note as the body; Done, Snooze (an hour, or tomorrow
 * morning) and Open as actions. Closing it without an action changes
 * nothing: the follow-up stays open, and overdue. More than a few at once,
 * or those that fell due while Regulars was not running, are told in one
 * summary pop-up that opens the Agenda. When no notification server
 * answers, the follow-ups are handed to "unshown" for the window to show;
 * nothing is marked done. */

struct _RegNotifier
{
  GObject             parent_instance;

  RegStore           *store;
  RegClock           *clock;
  GHashTable         *shown;     /* follow-up id → NotifyNotification */
  NotifyNotification *summary;
  GHashTable         *shown_cases; /* case id → NotifyNotification */
  NotifyNotification *case_summary;
};

G_DEFINE_FINAL_TYPE (RegNotifier, reg_notifier, G_TYPE_OBJECT)

enum {
  OPEN_CUSTOMER,
  OPEN_AGENDA,
  UNSHOWN,
  OPEN_CASE,
  OPEN_OVERVIEW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  RegNotifier *self;
  gint64       follow_up_id;
  gint64       customer_id;
} ActionData;

static void on_follow_up_changed (RegNotifier *self, gint64 id, gint64 customer_id, RegStore *store);
static void on_case_changed (RegNotifier *self, gint64 id, gint64 customer_id, RegStore *store);

RegNotifier *
reg_notifier_new (RegStore *store,
                  RegClock *clock)
{
  RegNotifier *self;

  g_return_val_if_fail (REG_IS_STORE (store), NULL);
  g_return_val_if_fail (REG_IS_CLOCK (clock), NULL);

  if (!notify_is_initted ())
    notify_init (_("Regulars"));

  self = g_object_new (REG_TYPE_NOTIFIER, NULL);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);
  g_signal_connect_object (store, "follow-up-changed", G_CALLBACK (on_follow_up_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "case-changed", G_CALLBACK (on_case_changed), self, G_CONNECT_SWAPPED);
  return self;
}

/* How many follow-up pop-ups are on screen. */
guint
reg_notifier_get_n_shown (RegNotifier *self)
{
  g_return_val_if_fail (REG_IS_NOTIFIER (self), 0);
  return g_hash_table_size (self->shown);
}

/* "Mon 3 Nov, 14:00", in local time. */
static char *
format_moment (gint64 when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  /* Translators: a day and a time, see g_date_time_format() */
  return g_date_time_format (local, _("%a %-d %b, %H:%M"));
}

static char *
staff_name (RegNotifier *self,
            gint64       id)
{
  g_autoptr(RegStaff) staff = id != 0 ? reg_store_get_staff (self->store, id, NULL) : NULL;

  return staff != NULL ? g_strdup (reg_staff_get_name (staff)) : NULL;
}

static char *
customer_name (RegNotifier *self,
               gint64       id)
{
  g_autoptr(RegCustomer) customer = reg_store_get_customer (self->store, id, NULL);

  return g_strdup (customer != NULL ? reg_customer_get_display_name (customer) : _("A customer"));
}

/* The promise; who made it and when; the first crib note. */
static char *
follow_up_body (RegNotifier *self,
                RegFollowUp *follow_up)
{
  g_autoptr(GString) body = g_string_new (reg_follow_up_get_promise (follow_up));
  g_autofree char *who = staff_name (self, reg_follow_up_get_created_by (follow_up));
  g_autofree char *when = format_moment (reg_follow_up_get_created_at (follow_up));
  g_autoptr(GPtrArray) notes = reg_store_list_crib_notes (self->store, reg_follow_up_get_customer_id (follow_up), NULL);

  g_string_append_c (body, '\n');
  if (who != NULL)
    /* Translators: who made a promise, and when */
    g_string_append_printf (body, _("Promised by %s on %s"), who, when);
  else
    /* Translators: when a promise was made */
    g_string_append_printf (body, _("Promised on %s"), when);

  if (notes != NULL && notes->len > 0)
    /* Translators: a crib note about the customer, quoted */
    g_string_append_printf (body, _("\n“%s”"), reg_crib_note_get_text (g_ptr_array_index (notes, 0)));

  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* Whether a notification server runs or can be started. libnotify would
 * find out too, but with a warning on every reminder. In Flatpak it goes
 * through the portal, which is always there. */
static gboolean
server_available (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) owner = NULL;
  g_autoptr(GVariant) activatable = NULL;
  g_autofree const char **names = NULL;

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return TRUE;
  if (!(bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL)))
    return FALSE;

  owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.Notifications"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (owner != NULL)
    {
      gboolean has_owner = FALSE;

      g_variant_get (owner, "(b)", &has_owner);
      if (has_owner)
        return TRUE;
    }

  activatable = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "ListActivatableNames", NULL,
                                             G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (activatable == NULL)
    return FALSE;
  g_variant_get (activatable, "(^a&s)", &names);
  return g_strv_contains (names, "org.freedesktop.Notifications");
}

static GHashTable *
server_caps (void)
{
  GHashTable *caps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GList *list = notify_get_server_caps ();

  for (GList *l = list; l != NULL; l = l->next)
    g_hash_table_add (caps, l->data);
  g_list_free (list);
  return caps;
}

/* Servers that read markup in bodies need &, < and > escaped. */
static char *
body_text (GHashTable *caps,
           const char *text)
{
  if (g_hash_table_contains (caps, "body-markup"))
    return g_markup_escape_text (text, -1);
  return g_strdup (text);
}

static void
on_follow_up_action (NotifyNotification *notification,
                     char               *action,
                     gpointer            data)
{
  ActionData *ad = data;
  RegNotifier *self = ad->self;
  g_autoptr(RegFollowUp) follow_up = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  gint64 now;

  if (g_str_equal (action, "open") || g_str_equal (action, "default"))
    {
      g_signal_emit (self, signals[OPEN_CUSTOMER], 0, ad->customer_id);
      return;
    }

  follow_up = reg_store_get_follow_up (self->store, ad->follow_up_id, &error);
  if (follow_up == NULL || reg_follow_up_get_status (follow_up) != REG_FOLLOW_UP_STATUS_OPEN)
    return;

  now = reg_clock_get_now (self->clock);
  if (g_str_equal (action, "done"))
    ok = reg_store_set_follow_up_status (self->store, follow_up, REG_FOLLOW_UP_STATUS_DONE, &error);
  else if (g_str_equal (action, "snooze-hour"))
    ok = reg_store_snooze_follow_up (self->store, follow_up, now + 60 * 60, &error);
  else if (g_str_equal (action, "snooze-morning"))
    ok = reg_store_snooze_follow_up (self->store, follow_up, reg_follow_up_tomorrow_morning (now), &error);

  if (!ok)
    g_warning ("Could not change the follow-up: %s", error->message);
}

static void
on_summary_action (NotifyNotification *notification,
                   char               *action,
                   gpointer            data)
{
  g_signal_emit (REG_NOTIFIER (data), signals[OPEN_AGENDA], 0);
}

static void
on_closed (NotifyNotification *notification,
           gpointer            data)
{
  RegNotifier *self = data;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (notification), "reg-follow-up-id"));

  /* Closed with or without an action: the follow-up is as it was left. */
  if (g_hash_table_lookup (self->shown, &id) == notification)
    g_hash_table_remove (self->shown, &id);
}

static NotifyNotification *
new_notification (const char *summary,
                  const char *body)
{
  NotifyNotification *notification = notify_notification_new (summary, body, BASE_ID);

  notify_notification_set_app_name (notification, _("Regulars"));
  notify_notification_set_hint_string (notification, "desktop-entry", APP_ID);
  notify_notification_set_category (notification, "x-regulars.reminder");
  notify_notification_set_urgency (notification, NOTIFY_URGENCY_NORMAL);
  return notification;
}

static gboolean
show_one (RegNotifier *self,
          RegFollowUp *follow_up,
          GHashTable  *caps,
          GError     **error)
{
  NotifyNotification *notification;
  g_autofree char *name = customer_name (self, reg_follow_up_get_customer_id (follow_up));
  g_autofree char *text = follow_up_body (self, follow_up);
  g_autofree char *body = body_text (caps, text);
  gint64 id = reg_follow_up_get_id (follow_up);
  ActionData *ad;

  notification = new_notification (name, body);
  if (g_hash_table_contains (caps, "actions"))
    {
      static const struct {
        const char *id;
        const char *label;
      } actions[] = {
        { "done", N_("Done") },
        { "snooze-hour", N_("Snooze 1 Hour") },
        { "snooze-morning", N_("Tomorrow Morning") },
        { "open", N_("Open") },
        { "default", N_("Open") },
      };

      for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
        {
          ad = g_new0 (ActionData, 1);
          ad->self = self;
          ad->follow_up_id = id;
          ad->customer_id = reg_follow_up_get_customer_id (follow_up);
          notify_notification_add_action (notification, actions[i].id, _(actions[i].label),
                                          on_follow_up_action, ad, g_free);
        }
    }
  g_object_set_data (G_OBJECT (notification), "reg-follow-up-id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (notification, "closed", G_CALLBACK (on_closed), self, 0);

  if (!notify_notification_show (notification, error))
    {
      g_object_unref (notification);
      return FALSE;
    }

  g_hash_table_replace (self->shown, g_memdup2 (&id, sizeof id), notification);
  return TRUE;
}

/* One pop-up for many: how many, the first few by name, Open Agenda. */
static gboolean
show_summary (RegNotifier *self,
              GPtrArray   *follow_ups,
              gboolean     missed,
              GHashTable  *caps,
              GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  guint listed = MIN (follow_ups->len, 4);

  if (missed)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u promise fell due while Regulars was closed",
                                          "%u promises fell due while Regulars was closed",
                                          follow_ups->len), follow_ups->len);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u promise is due", "%u promises are due",
                                          follow_ups->len), follow_ups->len);

  for (guint i = 0; i < listed; i++)
    {
      RegFollowUp *follow_up = g_ptr_array_index (follow_ups, i);
      g_autofree char *name = customer_name (self, reg_follow_up_get_customer_id (follow_up));

      /* Translators: a customer and what was promised to them */
      g_string_append_printf (text, _("%s: %s"), name, reg_follow_up_get_promise (follow_up));
      if (i + 1 < listed)
        g_string_append_c (text, '\n');
    }
  if (follow_ups->len > listed)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                 follow_ups->len - listed), follow_ups->len - listed);
    }
  body = body_text (caps, text->str);

  if (self->summary == NULL)
    {
      self->summary = new_notification (title, body);
      if (g_hash_table_contains (caps, "actions"))
        {
          notify_notification_add_action (self->summary, "agenda", _("Open Agenda"), on_summary_action, self, NULL);
          notify_notification_add_action (self->summary, "default", _("Open Agenda"), on_summary_action, self, NULL);
        }
    }
  else
    notify_notification_update (self->summary, title, body, BASE_ID);

  return notify_notification_show (self->summary, error);
}

/* Reminds of @follow_ups, now due; @missed when they fell due while
 * Regulars was not running. */
void
reg_notifier_show (RegNotifier *self,
                   GPtrArray   *follow_ups,
                   gboolean     missed)
{
  g_autoptr(GHashTable) caps = NULL;
  g_autoptr(GPtrArray) unshown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (REG_IS_NOTIFIER (self));
  g_return_if_fail (follow_ups != NULL);

  if (follow_ups->len == 0)
    return;

  if (!server_available ())
    {
      g_message ("Reminders could not be shown as pop-ups: no notification server");
      g_signal_emit (self, signals[UNSHOWN], 0, follow_ups);
      return;
    }

  caps = server_caps ();
  if (missed || follow_ups->len > REG_NOTIFIER_MAX_SINGLE)
    {
      if (!show_summary (self, follow_ups, missed, caps, &error))
        for (guint i = 0; i < follow_ups->len; i++)
          g_ptr_array_add (unshown, g_object_ref (g_ptr_array_index (follow_ups, i)));
    }
  else
    for (guint i = 0; i < follow_ups->len; i++)
      {
        RegFollowUp *follow_up = g_ptr_array_index (follow_ups, i);

        if (!show_one (self, follow_up, caps, error == NULL ? &error : NULL))
          g_ptr_array_add (unshown, g_object_ref (follow_up));
      }

  if (unshown->len > 0)
    {
      g_message ("Reminders could not be shown as pop-ups: %s",
                 error != NULL ? error->message : _("no notification server"));
      g_signal_emit (self, signals[UNSHOWN], 0, unshown);
    }
}

/* Complaints past their target ------------------------------------------ */

static const char *
severity_label (RegCaseSeverity severity)
{
  switch (severity)
    {
    case REG_CASE_SEVERITY_URGENT:
      return _("Urgent");
    case REG_CASE_SEVERITY_HIGH:
      return _("High");
    case REG_CASE_SEVERITY_LOW:
      return _("Low");
    case REG_CASE_SEVERITY_NORMAL:
    default:
      return _("Normal");
    }
}

/* The complaint, its severity, whose it is and when it was due. */
static char *
case_body (RegNotifier *self,
           RegCase     *kase)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *owner = staff_name (self, reg_case_get_owner_id (kase));
  g_autofree char *target = format_moment (reg_case_get_target_at (kase));

  /* Translators: a complaint's title, quoted, and its severity */
  g_string_append_printf (body, _("“%s”, %s"), reg_case_get_title (kase),
                          severity_label (reg_case_get_severity (kase)));
  g_string_append_c (body, '\n');
  if (owner != NULL)
    /* Translators: who owns a complaint, and when it should have been resolved by */
    g_string_append_printf (body, _("For %s: it was to be resolved by %s"), owner, target);
  else
    /* Translators: when a complaint should have been resolved by */
    g_string_append_printf (body, _("It was to be resolved by %s"), target);
  return g_string_free (g_steal_pointer (&body), FALSE);
}

typedef struct
{
  RegNotifier *self;
  gint64       case_id;
  gint64       customer_id;
} CaseActionData;

static void
on_case_action (NotifyNotification *notification,
                char               *action,
                gpointer            data)
{
  CaseActionData *ad = data;

  g_signal_emit (ad->self, signals[OPEN_CASE], 0, ad->customer_id, ad->case_id);
}

static void
on_case_closed (NotifyNotification *notification,
                gpointer            data)
{
  RegNotifier *self = data;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (notification), "reg-case-id"));

  if (g_hash_table_lookup (self->shown_cases, &id) == notification)
    g_hash_table_remove (self->shown_cases, &id);
}

static gboolean
show_one_case (RegNotifier *self,
               RegCase     *kase,
               GHashTable  *caps,
               GError     **error)
{
  NotifyNotification *notification;
  g_autofree char *name = customer_name (self, reg_case_get_customer_id (kase));
  /* Translators: the title of a pop-up; %s is a customer's name */
  g_autofree char *title = g_strdup_printf (_("Complaint past its target: %s"), name);
  g_autofree char *text = case_body (self, kase);
  g_autofree char *body = body_text (caps, text);
  gint64 id = reg_case_get_id (kase);

  notification = new_notification (title, body);
  notify_notification_set_category (notification, "x-regulars.complaint");
  if (reg_case_get_severity (kase) == REG_CASE_SEVERITY_URGENT)
    notify_notification_set_urgency (notification, NOTIFY_URGENCY_CRITICAL);
  if (g_hash_table_contains (caps, "actions"))
    {
      const char * const ids[] = { "open", "default" };

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          CaseActionData *ad = g_new0 (CaseActionData, 1);

          ad->self = self;
          ad->case_id = id;
          ad->customer_id = reg_case_get_customer_id (kase);
          notify_notification_add_action (notification, ids[i], _("Open"), on_case_action, ad, g_free);
        }
    }
  g_object_set_data (G_OBJECT (notification), "reg-case-id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (notification, "closed", G_CALLBACK (on_case_closed), self, 0);

  if (!notify_notification_show (notification, error))
    {
      g_object_unref (notification);
      return FALSE;
    }
  g_hash_table_replace (self->shown_cases, g_memdup2 (&id, sizeof id), notification);
  return TRUE;
}

static void
on_case_summary_action (NotifyNotification *notification,
                        char               *action,
                        gpointer            data)
{
  g_signal_emit (REG_NOTIFIER (data), signals[OPEN_OVERVIEW], 0);
}

static gboolean
show_case_summary (RegNotifier *self,
                   GPtrArray   *cases,
                   gboolean     missed,
                   GHashTable  *caps,
                   GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  guint listed = MIN (cases->len, 4);

  if (missed)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u complaint passed its target while Regulars was closed",
                                          "%u complaints passed their targets while Regulars was closed",
                                          cases->len), cases->len);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u complaint is past its target",
                                          "%u complaints are past their targets", cases->len), cases->len);

  for (guint i = 0; i < listed; i++)
    {
      RegCase *kase = g_ptr_array_index (cases, i);
      g_autofree char *name = customer_name (self, reg_case_get_customer_id (kase));
      g_autofree char *owner = staff_name (self, reg_case_get_owner_id (kase));

      if (owner != NULL)
        /* Translators: a customer, their complaint, and who owns it */
        g_string_append_printf (text, _("%s: %s (%s)"), name, reg_case_get_title (kase), owner);
      else
        /* Translators: a customer and their complaint */
        g_string_append_printf (text, _("%s: %s"), name, reg_case_get_title (kase));
      if (i + 1 < listed)
        g_string_append_c (text, '\n');
    }
  if (cases->len > listed)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                 cases->len - listed), cases->len - listed);
    }
  body = body_text (caps, text->str);

  if (self->case_summary == NULL)
    {
      self->case_summary = new_notification (title, body);
      notify_notification_set_category (self->case_summary, "x-regulars.complaint");
      if (g_hash_table_contains (caps, "actions"))
        {
          notify_notification_add_action (self->case_summary, "overview", _("Open Overview"),
                                          on_case_summary_action, self, NULL);
          notify_notification_add_action (self->case_summary, "default", _("Open Overview"),
                                          on_case_summary_action, self, NULL);
        }
    }
  else
    notify_notification_update (self->case_summary, title, body, BASE_ID);

  return notify_notification_show (self->case_summary, error);
}

/* Reminds the owners of @cases that their targets have passed; @missed
 * when that happened while Regulars was not running. Without a
 * notification server the cases stay flagged in the window: in the
 * customer list, on the card and in the Overview. */
void
reg_notifier_show_cases (RegNotifier *self,
                         GPtrArray   *cases,
                         gboolean     missed)
{
  g_autoptr(GHashTable) caps = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  g_return_if_fail (REG_IS_NOTIFIER (self));
  g_return_if_fail (cases != NULL);

  if (cases->len == 0)
    return;
  if (!server_available ())
    {
      g_message ("Complaints past target could not be shown as pop-ups: no notification server");
      return;
    }

  caps = server_caps ();
  if (missed || cases->len > REG_NOTIFIER_MAX_SINGLE)
    ok = show_case_summary (self, cases, missed, caps, &error);
  else
    for (guint i = 0; i < cases->len && ok; i++)
      ok = show_one_case (self, g_ptr_array_index (cases, i), caps, &error);

  if (!ok)
    g_message ("Complaints past target could not be shown as pop-ups: %s", error->message);
}

/* A pop-up whose case was resolved or given a new target goes. */
static void
on_case_changed (RegNotifier *self,
                 gint64       id,
                 gint64       customer_id,
                 RegStore    *store)
{
  NotifyNotification *notification = g_hash_table_lookup (self->shown_cases, &id);
  g_autoptr(RegCase) kase = NULL;

  if (notification == NULL)
    return;

  kase = reg_store_get_case (self->store, id, NULL);
  if (kase != NULL && reg_case_is_past_target (kase, reg_clock_get_now (self->clock)))
    return;

  notify_notification_close (notification, NULL);
  g_hash_table_remove (self->shown_cases, &id);
}

/* A pop-up whose follow-up was done, cancelled or moved elsewhere goes. */
static void
on_follow_up_changed (RegNotifier *self,
                      gint64       id,
                      gint64       customer_id,
                      RegStore    *store)
{
  NotifyNotification *notification = g_hash_table_lookup (self->shown, &id);
  g_autoptr(RegFollowUp) follow_up = NULL;

  if (notification == NULL)
    return;

  follow_up = reg_store_get_follow_up (self->store, id, NULL);
  if (follow_up != NULL &&
      reg_follow_up_get_status (follow_up) == REG_FOLLOW_UP_STATUS_OPEN &&
      reg_follow_up_get_deleted_at (follow_up) == 0 &&
      reg_follow_up_get_effective_due_at (follow_up) <= reg_clock_get_now (self->clock))
    return;

  notify_notification_close (notification, NULL);
  g_hash_table_remove (self->shown, &id);
}

static void
close_all (RegNotifier *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_signal_handlers_disconnect_by_data (value, self);
  g_hash_table_remove_all (self->shown);

  g_hash_table_iter_init (&iter, self->shown_cases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_signal_handlers_disconnect_by_data (value, self);
  g_hash_table_remove_all (self->shown_cases);
}

static void
reg_notifier_dispose (GObject *object)
{
  RegNotifier *self = REG_NOTIFIER (object);

  /* Pop-ups on screen stay there; their actions can no longer reach
   * this notifier. */
  close_all (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->summary);
  g_clear_object (&self->case_summary);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (reg_notifier_parent_class)->dispose (object);
}

static void
reg_notifier_finalize (GObject *object)
{
  RegNotifier *self = REG_NOTIFIER (object);

  g_hash_table_unref (self->shown);
  g_hash_table_unref (self->shown_cases);

  G_OBJECT_CLASS (reg_notifier_parent_class)->finalize (object);
}

static void
reg_notifier_class_init (RegNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reg_notifier_dispose;
  object_class->finalize = reg_notifier_finalize;

  signals[OPEN_CUSTOMER] = g_signal_new ("open-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[OPEN_AGENDA] = g_signal_new ("open-agenda", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RegNotifier::unshown:
   * @follow_ups: (element-type RegFollowUp): due follow-ups no pop-up
   *   could be shown for
   */
  /**
   * RegNotifier::open-case:
   * @customer_id: the customer
   * @case_id: their complaint, past its target
   */
  signals[OPEN_CASE] = g_signal_new ("open-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[OPEN_OVERVIEW] = g_signal_new ("open-overview", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[UNSHOWN] = g_signal_new ("unshown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
reg_notifier_init (RegNotifier *self)
{
  self->shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->shown_cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}
