/* reg-case-window.c: one complaint — where it stands, the steps it may
 * take next, and everything that happened to it
 *
 * Only the steps the case may take now are offered. Steps that need more
 * than a click (escalating, handing over, resolving, recording how
 * satisfied the customer was) open a short form in the window itself;
 * Escape takes the form away again, and closes the window when there is
 * none. Whoever is at the keyboard takes each step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-case-window"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-field.h"
#include "reg-case-window.h"
#include "reg-delay-dialog.h"
#include "reg-staff-choices.h"

#define N_STARS 5

struct _RegCaseWindow
{
  AdwWindow         parent_instance;

  RegStore         *store;
  RegCase          *kase;
  gint64            staff_id;          /* who is at the keyboard */
  const char       *form;              /* the step form shown, or NULL */
  int               satisfaction;      /* chosen in the form, 0 for none */
  GArray           *escalate_ids;      /* gint64 per row of escalate_staff_names */
  GArray           *new_owner_ids;     /* gint64 per row of new_owner_names */
  char             *prefilled_team;    /* the team filled in for the staff member chosen */
  GtkWidget        *error_widget;      /* the form field the error shown is about */
  GtkToggleButton  *stars[N_STARS];
  guint             filling_form : 1;

  /* Template widgets */
  AdwWindowTitle   *window_title;
  AdwToastOverlay  *toast_overlay;
  GtkLabel         *title_label;
  GtkLabel         *state_label;
  GtkWidget        *past_target_icon;
  GtkWidget        *past_target_label;
  GtkLabel         *when_label;
  GtkWidget        *steps_area;
  GtkFlowBox       *steps_box;
  GtkWidget        *start_button;
  GtkWidget        *waiting_button;
  GtkWidget        *escalate_button;
  GtkWidget        *hand_over_button;
  GtkWidget        *delay_button;
  GtkWidget        *resolve_button;
  GtkWidget        *rate_button;
  GtkWidget        *close_button;
  GtkWidget        *reopen_button;
  GtkWidget        *no_steps_label;
  GtkRevealer      *form_revealer;
  GtkStack         *form_stack;
  AdwComboRow      *escalate_staff_row;
  GtkStringList    *escalate_staff_names;
  AdwEntryRow      *escalate_team_row;
  AdwEntryRow      *escalate_reason_row;
  AdwComboRow      *new_owner_row;
  GtkStringList    *new_owner_names;
  AdwEntryRow      *hand_over_note_row;
  AdwEntryRow      *resolution_row;
  GtkSwitch        *told_switch;
  GtkWidget        *satisfaction_group;
  AdwActionRow     *satisfaction_row;
  GtkToggleButton  *star_1;
  GtkToggleButton  *star_2;
  GtkToggleButton  *star_3;
  GtkToggleButton  *star_4;
  GtkToggleButton  *star_5;
  AdwEntryRow      *comment_row;
  GtkWidget        *form_error_box;
  GtkLabel         *form_error_label;
  GtkButton        *form_confirm_button;
  AdwActionRow     *customer_row;
  AdwActionRow     *severity_row;
  AdwActionRow     *status_row;
  AdwActionRow     *owner_row;
  AdwActionRow     *escalated_row;
  AdwActionRow     *opened_row;
  AdwActionRow     *target_row;
  GtkWidget        *target_flag;
  AdwActionRow     *resolution_info_row;
  AdwActionRow     *satisfaction_info_row;
  GtkWidget        *description_group;
  GtkLabel         *description_label;
  GtkListBox       *history_list;
};

G_DEFINE_FINAL_TYPE (RegCaseWindow, reg_case_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CASE,
  PROP_STAFF_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FORM_ESCALATE  "escalate"
#define FORM_HAND_OVER "hand-over"
#define FORM_RESOLVE   "resolve"
#define FORM_RATE      "rate"

/* ------------------------------------------------------------------ */
/* Words                                                                */

const char *
reg_case_text_severity (RegCaseSeverity severity)
{
  switch (severity)
    {
    case REG_CASE_SEVERITY_LOW: return C_("severity", "Low");
    case REG_CASE_SEVERITY_NORMAL: return C_("severity", "Normal");
    case REG_CASE_SEVERITY_HIGH: return C_("severity", "High");
    case REG_CASE_SEVERITY_URGENT: return C_("severity", "Urgent");
    default: return "";
    }
}

const char *
reg_case_text_status (RegCaseStatus status)
{
  switch (status)
    {
    case REG_CASE_STATUS_OPEN: return C_("case status", "Open");
    case REG_CASE_STATUS_IN_PROGRESS: return C_("case status", "In Progress");
    case REG_CASE_STATUS_ESCALATED: return C_("case status", "Escalated");
    case REG_CASE_STATUS_WAITING: return C_("case status", "Waiting on Customer");
    case REG_CASE_STATUS_RESOLVED: return C_("case status", "Resolved");
    case REG_CASE_STATUS_CLOSED: return C_("case status", "Closed");
    default: return "";
    }
}

/* A moment in local time, as in "Thu 26 Nov, 14:00", with the year
 * when it is not the year of @now. */
char *
reg_case_text_time (gint64 at,
                    gint64 now)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) today = NULL;

  if (at <= 0 || !(when = g_date_time_new_from_unix_local (at)))
    return g_strdup ("");

  today = g_date_time_new_from_unix_local (now);
  if (today != NULL && g_date_time_get_year (today) == g_date_time_get_year (when))
    /* Translators: a day and time this year, as in "Thu 26 Nov, 14:00"; see strftime */
    return g_date_time_format (when, _("%a %-d %b, %H:%M"));
  /* Translators: a day and time in another year, as in "Thu 26 Nov 2027, 14:00"; see strftime */
  return g_date_time_format (when, _("%a %-d %b %Y, %H:%M"));
}

/* How long ago, as in "2 days ago". */
char *
reg_case_text_age (gint64 opened_at,
                   gint64 now)
{
  gint64 minutes = MAX (now - opened_at, 0) / 60;
  gint64 hours = minutes / 60;
  gint64 days = hours / 24;
  int n;

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (hours < 1)
    {
      n = (int) minutes;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", n), n);
    }
  if (days < 1)
    {
      n = (int) hours;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", n), n);
    }
  if (days < 14)
    {
      n = (int) days;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", n), n);
    }
  if (days < 61)
    {
      n = (int) (days / 7);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week ago", "%d weeks ago", n), n);
    }
  n = (int) MIN (days / 30, G_MAXINT);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month ago", "%d months ago", n), n);
}

/* "★★★★☆" for 4 of 5; "" when not recorded. */
char *
reg_case_text_stars (int satisfaction)
{
  GString *stars = g_string_new (NULL);

  if (satisfaction < 1 || satisfaction > N_STARS)
    return g_string_free (stars, FALSE);

  for (int i = 1; i <= N_STARS; i++)
    g_string_append (stars, i <= satisfaction ? "★" : "☆");
  return g_string_free (stars, FALSE);
}

static const char *
satisfaction_description (int satisfaction)
{
  switch (satisfaction)
    {
    case 1: return _("Very unhappy");
    case 2: return _("Unhappy");
    case 3: return _("Neither happy nor unhappy");
    case 4: return _("Happy");
    case 5: return _("Very happy");
    default: return _("Not recorded");
    }
}

/* How the customer was told, to follow "Told the customer". */
static const char *
channel_phrase (const char *nick)
{
  if (g_strcmp0 (nick, "visit") == 0)
    return _("in person");
  if (g_strcmp0 (nick, "call") == 0)
    return _("by phone");
  if (g_strcmp0 (nick, "email") == 0)
    return _("by email");
  return NULL;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static char *
staff_name (RegCaseWindow *self,
            gint64         id)
{
  g_autoptr(RegStaff) staff = NULL;

  if (id == 0)
    return NULL;
  if ((staff = reg_store_get_staff (self->store, id, NULL)) == NULL)
    return g_strdup (_("Unknown"));
  return g_strdup (reg_staff_get_name (staff));
}

/* "Sam Lee (Workshop)", "Sam Lee" or "Workshop"; NULL for nobody. */
static char *
escalation_target (RegCaseWindow *self,
                   gint64         staff_id,
                   const char    *team)
{
  g_autofree char *name = staff_name (self, staff_id);

  if (name != NULL && !is_blank (team))
    /* Translators: a staff member, then the team a case was escalated to */
    return g_strdup_printf (_("%s (%s)"), name, team);
  if (name != NULL)
    return g_steal_pointer (&name);
  if (!is_blank (team))
    return g_strdup (team);
  return NULL;
}

static const char *
status_nick_describe (const char *nick)
{
  int status;

  if (nick != NULL && reg_enum_from_nick (REG_TYPE_CASE_STATUS, nick, &status))
    return reg_case_status_describe ((RegCaseStatus) status);
  return nick != NULL ? nick : "";
}

static void
show_toast (RegCaseWindow *self,
            const char    *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ------------------------------------------------------------------ */
/* Where the case stands                                                */

static void
set_subtitle (AdwActionRow *row,
              const char   *subtitle)
{
  adw_action_row_set_subtitle (row, subtitle != NULL ? subtitle : "");
}

static void
update_details (RegCaseWindow *self)
{
  RegCase *kase = self->kase;
  gint64 now = reg_store_now (self->store);
  RegCaseStatus status = reg_case_get_status (kase);
  gboolean past_target = reg_case_is_past_target (kase, now);
  g_autoptr(RegCustomer) customer = reg_store_get_customer (self->store, reg_case_get_customer_id (kase), NULL);
  g_autofree char *owner = staff_name (self, reg_case_get_owner_id (kase));
  g_autofree char *escalated = escalation_target (self, reg_case_get_escalated_to_id (kase),
                                                  reg_case_get_escalated_team (kase));
  g_autofree char *state = NULL;
  g_autofree char *opened = reg_case_text_time (reg_case_get_opened_at (kase), now);
  g_autofree char *age = reg_case_text_age (reg_case_get_opened_at (kase), now);
  g_autofree char *opened_text = NULL;
  g_autofree char *target = reg_case_text_time (reg_case_get_target_at (kase), now);
  g_autofree char *target_text = NULL;
  g_autofree char *status_text = NULL;
  const char *customer_name = customer != NULL ? reg_customer_get_display_name (customer) : _("Unknown");
  const char *description = reg_case_get_description (kase);
  int satisfaction = reg_case_get_satisfaction (kase);

  gtk_window_set_title (GTK_WINDOW (self), reg_case_get_title (kase));
  adw_window_title_set_subtitle (self->window_title, customer_name);
  gtk_label_set_text (self->title_label, reg_case_get_title (kase));

  /* Translators: a case's severity, then its status: "Urgent · Escalated" */
  state = g_strdup_printf (_("%s · %s"), reg_case_text_severity (reg_case_get_severity (kase)),
                           reg_case_text_status (status));
  if (owner != NULL)
    {
      g_autofree char *with_owner = g_strdup_printf ("%s · %s", state, owner);

      g_free (state);
      state = g_steal_pointer (&with_owner);
    }
  gtk_label_set_text (self->state_label, state);
  gtk_widget_set_visible (self->past_target_icon, past_target);
  gtk_widget_set_visible (self->past_target_label, past_target);

  set_subtitle (self->customer_row, customer_name);
  set_subtitle (self->severity_row, reg_case_text_severity (reg_case_get_severity (kase)));

  if (status == REG_CASE_STATUS_CLOSED && reg_case_get_closed_at (kase) > 0)
    {
      g_autofree char *closed = reg_case_text_time (reg_case_get_closed_at (kase), now);

      /* Translators: a status, then when the case took it: "Closed · Mon 23 Nov, 14:00" */
      status_text = g_strdup_printf (_("%s · %s"), reg_case_text_status (status), closed);
    }
  else
    status_text = g_strdup (reg_case_text_status (status));
  set_subtitle (self->status_row, status_text);

  set_subtitle (self->owner_row, owner != NULL ? owner : C_("staff member", "Nobody"));

  gtk_widget_set_visible (GTK_WIDGET (self->escalated_row), escalated != NULL);
  set_subtitle (self->escalated_row, escalated);

  /* Translators: when a case was opened, then how long ago: "Mon 23 Nov, 14:00 (2 days ago)" */
  opened_text = g_strdup_printf (_("%s (%s)"), opened, age);
  set_subtitle (self->opened_row, opened_text);

  gtk_widget_set_visible (GTK_WIDGET (self->target_row), reg_case_get_target_at (kase) > 0);
  if (past_target)
    /* Translators: %s is a day and time, as in "Mon 23 Nov, 14:00" */
    target_text = g_strdup_printf (_("Should have been resolved by %s"), target);
  else
    target_text = g_strdup (target);

  /* Below the title: by when, or when it ended. */
  if (reg_case_is_open (kase) && reg_case_get_target_at (kase) > 0)
    {
      g_autofree char *when = NULL;

      if (past_target)
        when = g_strdup (target_text);
      else
        /* Translators: %s is a day and time, as in "Thu 26 Nov, 14:00" */
        when = g_strdup_printf (_("To be resolved by %s"), target);
      gtk_label_set_text (self->when_label, when);
    }
  else if (!reg_case_is_open (kase))
    {
      gint64 at = status == REG_CASE_STATUS_CLOSED ? reg_case_get_closed_at (kase) : reg_case_get_resolved_at (kase);
      g_autofree char *day = reg_case_text_time (at, now);
      g_autofree char *when = NULL;

      if (status == REG_CASE_STATUS_CLOSED)
        /* Translators: %s is a day and time, as in "Thu 26 Nov, 14:00" */
        when = g_strdup_printf (_("Closed %s"), day);
      else
        /* Translators: %s is a day and time, as in "Thu 26 Nov, 14:00" */
        when = g_strdup_printf (_("Resolved %s"), day);
      gtk_label_set_text (self->when_label, when);
    }
  else
    gtk_label_set_text (self->when_label, "");
  set_subtitle (self->target_row, target_text);
  gtk_widget_set_visible (self->target_flag, past_target);
  if (past_target)
    gtk_widget_add_css_class (GTK_WIDGET (self->target_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->target_row), "error");

  if (status == REG_CASE_STATUS_RESOLVED || status == REG_CASE_STATUS_CLOSED)
    {
      g_autofree char *resolved = reg_case_text_time (reg_case_get_resolved_at (kase), now);
      g_autofree char *text = NULL;

      text = g_strdup_printf ("%s\n%s · %s", reg_case_get_resolution (kase), resolved,
                              reg_case_get_customer_told (kase) ? _("the customer was told")
                                                                : _("the customer was not told"));
      set_subtitle (self->resolution_info_row, text);
      gtk_widget_set_visible (GTK_WIDGET (self->resolution_info_row), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->resolution_info_row), FALSE);

  if (satisfaction > 0)
    {
      g_autofree char *stars = reg_case_text_stars (satisfaction);
      const char *comment = reg_case_get_satisfaction_comment (kase);
      g_autofree char *text = NULL;

      if (!is_blank (comment))
        /* Translators: stars, how satisfied in words, then what the customer said */
        text = g_strdup_printf (_("%s %s · “%s”"), stars, satisfaction_description (satisfaction), comment);
      else
        text = g_strdup_printf ("%s %s", stars, satisfaction_description (satisfaction));
      set_subtitle (self->satisfaction_info_row, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->satisfaction_info_row), satisfaction > 0);

  gtk_label_set_text (self->description_label, description);
  gtk_widget_set_visible (self->description_group, !is_blank (description));
}

/* ------------------------------------------------------------------ */
/* The steps the case may take                                          */

static gboolean
can_rate (RegCase *kase)
{
  RegCaseStatus status = reg_case_get_status (kase);

  return (status == REG_CASE_STATUS_RESOLVED || status == REG_CASE_STATUS_CLOSED) &&
         reg_case_get_satisfaction (kase) == 0;
}

/* A step not offered now is not shown either; the flow box keeps a
 * place for each child, so its place goes too. */
static void
offer_step (RegCaseWindow *self,
            GtkWidget     *button,
            const char    *action,
            gboolean       offered)
{
  GtkWidget *child = gtk_widget_get_parent (button);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), action, offered);
  gtk_widget_set_visible (child != NULL ? child : button, offered);
}

static void
update_steps (RegCaseWindow *self)
{
  RegCaseStatus status = reg_case_get_status (self->kase);
  gboolean writable = !reg_store_is_read_only (self->store);
  gboolean open = reg_case_is_open (self->kase);
  gboolean any;
  struct {
    GtkWidget  *button;
    const char *action;
    gboolean    offered;
  } steps[] = {
    { self->start_button, "case.start",
      open && reg_case_status_can_change (status, REG_CASE_STATUS_IN_PROGRESS) },
    { self->waiting_button, "case.wait", reg_case_status_can_change (status, REG_CASE_STATUS_WAITING) },
    { self->escalate_button, "case.escalate", reg_case_status_can_change (status, REG_CASE_STATUS_ESCALATED) },
    { self->hand_over_button, "case.hand-over", open },
    { self->delay_button, "case.tell-delay", open },
    { self->resolve_button, "case.resolve", reg_case_status_can_change (status, REG_CASE_STATUS_RESOLVED) },
    { self->rate_button, "case.rate", can_rate (self->kase) },
    { self->close_button, "case.close", reg_case_status_can_change (status, REG_CASE_STATUS_CLOSED) },
    { self->reopen_button, "case.reopen",
      !open && reg_case_status_can_change (status, REG_CASE_STATUS_IN_PROGRESS) },
  };

  any = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      offer_step (self, steps[i].button, steps[i].action, writable && steps[i].offered);
      any |= writable && steps[i].offered;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->steps_box), any);
  gtk_widget_set_visible (self->no_steps_label, !any);
  if (!writable)
    {
      const char *reason = reg_store_get_read_only_reason (self->store);

      gtk_label_set_text (GTK_LABEL (self->no_steps_label),
                          reason != NULL && *reason != '\0' ? reason
                                                            : _("The database is read-only: the case cannot change."));
    }
  else if (status == REG_CASE_STATUS_CLOSED)
    gtk_label_set_text (GTK_LABEL (self->no_steps_label), _("This case is closed."));
  else
    gtk_label_set_text (GTK_LABEL (self->no_steps_label), _("There is nothing more to do."));
}

/* ------------------------------------------------------------------ */
/* History                                                              */

static const char *
event_icon_name (const char *kind)
{
  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_OPENED) == 0)
    return "document-new-symbolic";
  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_ESCALATED) == 0)
    return "go-up-symbolic";
  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_HANDED_OVER) == 0)
    return "system-users-symbolic";
  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_RESOLVED) == 0)
    return "object-select-symbolic";
  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_RATED) == 0)
    return "starred-symbolic";
  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_CUSTOMER_TOLD) == 0)
    return "call-start-symbolic";
  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_NOTE) == 0)
    return "document-edit-symbolic";
  return "emblem-synchronizing-symbolic";
}

/* What happened, in words. */
static char *
describe_event (RegCaseWindow *self,
                RegCaseEvent  *event)
{
  const char *kind = reg_case_event_get_kind (event);
  const char *text = reg_case_event_get_text (event);
  gboolean has_text = !is_blank (text);
  gint64 now = reg_store_now (self->store);
  g_autofree char *actor = staff_name (self, reg_case_event_get_actor_id (event));

  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_OPENED) == 0)
    {
      if (actor != NULL)
        /* Translators: %s is a staff member */
        return g_strdup_printf (_("Opened by %s"), actor);
      return g_strdup (_("Opened"));
    }

  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_STATUS) == 0)
    {
      const char *from = status_nick_describe (reg_case_event_get_from_status (event));
      const char *to = status_nick_describe (reg_case_event_get_to_status (event));

      if (has_text)
        /* Translators: two case statuses, then a note: "Status: open → in progress: …" */
        return g_strdup_printf (_("Status: %s → %s: %s"), from, to, text);
      /* Translators: two case statuses: "Status: open → in progress" */
      return g_strdup_printf (_("Status: %s → %s"), from, to);
    }

  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_ESCALATED) == 0)
    {
      const char *team = reg_case_event_get_team (event);
      g_autofree char *target = escalation_target (self, reg_case_event_get_staff_id (event), team);

      if (target != NULL)
        /* Translators: whom to, then why: "Escalated to Sam Lee (Workshop): …" */
        return g_strdup_printf (_("Escalated to %s: %s"), target, text);
      /* Translators: %s is why the case was escalated */
      return g_strdup_printf (_("Escalated: %s"), text);
    }

  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_HANDED_OVER) == 0)
    {
      g_autofree char *to = staff_name (self, reg_case_event_get_staff_id (event));

      if (to == NULL)
        to = g_strdup (C_("staff member", "Nobody"));
      if (has_text)
        /* Translators: the new owner, then a note: "Handed over to Tom Baker: …" */
        return g_strdup_printf (_("Handed over to %s: %s"), to, text);
      /* Translators: %s is the new owner */
      return g_strdup_printf (_("Handed over to %s"), to);
    }

  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_RESOLVED) == 0)
    {
      if (reg_case_event_get_customer_told (event))
        /* Translators: %s is how the case was resolved */
        return g_strdup_printf (_("Resolved: %s (customer told)"), text);
      /* Translators: %s is how the case was resolved */
      return g_strdup_printf (_("Resolved: %s"), text);
    }

  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_RATED) == 0)
    {
      int satisfaction = reg_case_event_get_satisfaction (event);

      if (has_text)
        /* Translators: a rating out of 5, then what the customer said: "Satisfaction 4/5: …" */
        return g_strdup_printf (_("Satisfaction %d/5: %s"), satisfaction, text);
      /* Translators: a rating out of 5: "Satisfaction 4/5" */
      return g_strdup_printf (_("Satisfaction %d/5"), satisfaction);
    }

  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_CUSTOMER_TOLD) == 0)
    {
      const char *how = channel_phrase (reg_case_event_get_channel (event));
      gint64 due_at = reg_case_event_get_due_at (event);
      g_autoptr(GString) line = g_string_new (NULL);

      if (how != NULL)
        /* Translators: how, then what was said: "Told the customer by phone: “…”" */
        g_string_printf (line, _("Told the customer %s: “%s”"), how, text);
      else
        /* Translators: %s is what was said */
        g_string_printf (line, _("Told the customer: “%s”"), text);

      if (due_at > 0)
        {
          g_autofree char *due = reg_case_text_time (due_at, now);

          /* Translators: follows what the customer was told; %s is a day and time */
          g_string_append_printf (line, _(" — new target %s"), due);
        }
      return g_string_free (g_steal_pointer (&line), FALSE);
    }

  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_CLOSED) == 0)
    return g_strdup (_("Closed"));

  if (g_strcmp0 (kind, REG_CASE_EVENT_KIND_NOTE) == 0)
    /* Translators: %s is a note written on the case */
    return g_strdup_printf (_("Note: %s"), text);

  return g_strdup (has_text ? text : kind);
}

static GtkWidget *
create_history_row (RegCaseWindow *self,
                    RegCaseEvent  *event)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", event_icon_name (reg_case_event_get_kind (event)),
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);
  g_autofree char *title = describe_event (self, event);
  g_autofree char *actor = staff_name (self, reg_case_event_get_actor_id (event));
  g_autofree char *when = reg_case_text_time (reg_case_event_get_at (event), reg_store_now (self->store));
  g_autofree char *subtitle = NULL;

  /* "Opened by …" already says who. */
  if (actor != NULL && g_strcmp0 (reg_case_event_get_kind (event), REG_CASE_EVENT_KIND_OPENED) != 0)
    /* Translators: who took a step of a case, then when */
    subtitle = g_strdup_printf (_("%s · %s"), actor, when);
  else
    subtitle = g_steal_pointer (&when);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "case-event");
  return row;
}

static void
rebuild_history (RegCaseWindow *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  if (!(events = reg_store_list_case_events (self->store, reg_case_get_id (self->kase), &error)))
    {
      g_warning ("Could not read the history of case %" G_GINT64_FORMAT ": %s",
                 reg_case_get_id (self->kase), error->message);
      return;
    }

  /* Oldest first, as the case went. */
  for (guint i = 0; i < events->len; i++)
    gtk_list_box_append (self->history_list,
                         create_history_row (self, g_ptr_array_index (events, i)));
}

static void
refresh (RegCaseWindow *self)
{
  update_details (self);
  update_steps (self);
  rebuild_history (self);
}

static void
on_store_case_changed (RegCaseWindow *self,
                       gint64         id,
                       gint64         customer_id,
                       RegStore      *store)
{
  if (id == reg_case_get_id (self->kase))
    refresh (self);
}

static void
on_store_staff_changed (RegCaseWindow *self)
{
  refresh (self);
}

/* ------------------------------------------------------------------ */
/* Forms                                                                */

static void
clear_form_error (RegCaseWindow *self)
{
  reg_field_clear_error (GTK_WIDGET (self->form_error_box), self->form_error_label, &self->error_widget);
}

/* Says what is wrong, on the field it is about when there is one; what
 * was typed stays as it was. */
static void
show_form_error (RegCaseWindow *self,
                 GtkWidget     *field,
                 const char    *message)
{
  reg_field_show_error (GTK_WIDGET (self->form_error_box), self->form_error_label, &self->error_widget, field, message);
}

/* The store's messages start with the field they are about. */
static GtkWidget *
field_for_error (RegCaseWindow *self,
                 const GError  *error)
{
  /* Translators: these must match the start of the messages of the same
   * name in src/model and src/store */
  if (g_str_has_prefix (error->message, _("Escalated to")))
    return GTK_WIDGET (self->escalate_staff_row);
  if (g_str_has_prefix (error->message, _("Team")))
    return GTK_WIDGET (self->escalate_team_row);
  if (g_str_has_prefix (error->message, _("Reason")))
    return GTK_WIDGET (self->escalate_reason_row);
  if (g_str_has_prefix (error->message, _("New owner")))
    return GTK_WIDGET (self->new_owner_row);
  if (g_str_has_prefix (error->message, _("Resolution")))
    return GTK_WIDGET (self->resolution_row);
  if (g_str_has_prefix (error->message, _("Satisfaction")))
    return GTK_WIDGET (self->satisfaction_row);
  return NULL;
}

static void
on_form_field_changed (RegCaseWindow *self)
{
  if (!self->filling_form && self->error_widget != NULL)
    clear_form_error (self);
}

/* Stars are filled up to the rating; the one chosen is the pressed one. */
static void
set_satisfaction (RegCaseWindow *self,
                  int            satisfaction)
{
  self->satisfaction = CLAMP (satisfaction, 0, N_STARS);

  for (int i = 0; i < N_STARS; i++)
    {
      gtk_button_set_icon_name (GTK_BUTTON (self->stars[i]),
                                i < self->satisfaction ? "starred-symbolic" : "non-starred-symbolic");
      gtk_toggle_button_set_active (self->stars[i], i + 1 == self->satisfaction);
    }
  adw_action_row_set_subtitle (self->satisfaction_row, satisfaction_description (self->satisfaction));

  if (self->error_widget == GTK_WIDGET (self->satisfaction_row))
    clear_form_error (self);
}

/* Clicking the chosen star again takes the rating back. */
static void
set_satisfaction_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  RegCaseWindow *self = REG_CASE_WINDOW (widget);
  int value = g_variant_get_int32 (param);

  if (value < 0 || value > N_STARS)
    return;
  set_satisfaction (self, value == self->satisfaction ? 0 : value);
}

static void
fill_escalate_form (RegCaseWindow *self)
{
  gtk_string_list_splice (self->escalate_staff_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->escalate_staff_names)), NULL);
  g_array_set_size (self->escalate_ids, 0);
  /* "Nobody" first: escalating to a team alone is fine. */
  reg_staff_choices_fill (self->store, 0, self->escalate_staff_names, self->escalate_ids);
  adw_combo_row_set_selected (self->escalate_staff_row, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->escalate_team_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->escalate_reason_row), "");
  g_clear_pointer (&self->prefilled_team, g_free);
}

/* Choosing a colleague fills in their team, unless one was typed. */
static void
on_escalate_staff_selected (RegCaseWindow *self)
{
  gint64 id;
  g_autoptr(RegStaff) staff = NULL;
  const char *typed;

  on_form_field_changed (self);
  if (self->filling_form || self->store == NULL)
    return;

  typed = gtk_editable_get_text (GTK_EDITABLE (self->escalate_team_row));
  if (!is_blank (typed) && g_strcmp0 (typed, self->prefilled_team) != 0)
    return;

  id = reg_staff_choices_id_at (self->escalate_ids, adw_combo_row_get_selected (self->escalate_staff_row));
  staff = id != 0 ? reg_store_get_staff (self->store, id, NULL) : NULL;
  g_free (self->prefilled_team);
  self->prefilled_team = g_strdup (staff != NULL ? reg_staff_get_team (staff) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->escalate_team_row), self->prefilled_team);
}

/* Anyone working here but the present owner. */
static void
fill_hand_over_form (RegCaseWindow *self)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  gint64 owner = reg_case_get_owner_id (self->kase);

  gtk_string_list_splice (self->new_owner_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->new_owner_names)), NULL);
  g_array_set_size (self->new_owner_ids, 0);

  if (!(staff = reg_store_list_staff (self->store, TRUE, &error)))
    g_warning ("Could not list the staff: %s", error->message);

  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      RegStaff *member = g_ptr_array_index (staff, i);
      gint64 id = reg_staff_get_id (member);

      if (id == owner)
        continue;
      g_array_append_val (self->new_owner_ids, id);
      gtk_string_list_append (self->new_owner_names, reg_staff_get_name (member));
    }

  adw_combo_row_set_selected (self->new_owner_row, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_owner_row), self->new_owner_ids->len > 0);
  gtk_editable_set_text (GTK_EDITABLE (self->hand_over_note_row), "");
}

static void
show_form (RegCaseWindow *self,
           const char    *form)
{
  const char *confirm = NULL;
  GtkWidget *focus = NULL;

  self->filling_form = TRUE;
  clear_form_error (self);
  self->form = form;

  if (g_str_equal (form, FORM_ESCALATE))
    {
      fill_escalate_form (self);
      confirm = _("_Escalate");
      focus = GTK_WIDGET (self->escalate_staff_row);
    }
  else if (g_str_equal (form, FORM_HAND_OVER))
    {
      fill_hand_over_form (self);
      confirm = _("_Hand Over");
      focus = GTK_WIDGET (self->new_owner_row);
    }
  else if (g_str_equal (form, FORM_RESOLVE))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->resolution_row), "");
      gtk_switch_set_active (self->told_switch, FALSE);
      set_satisfaction (self, 0);
      gtk_editable_set_text (GTK_EDITABLE (self->comment_row), "");
      confirm = _("_Resolve");
      focus = GTK_WIDGET (self->resolution_row);
    }
  else if (g_str_equal (form, FORM_RATE))
    {
      /* Kept as they were when resolving could not record them. */
      confirm = _("_Save");
      focus = GTK_WIDGET (self->stars[0]);
    }

  gtk_stack_set_visible_child_name (self->form_stack, form);
  gtk_widget_set_visible (self->satisfaction_group,
                          g_str_equal (form, FORM_RESOLVE) || g_str_equal (form, FORM_RATE));
  gtk_button_set_label (self->form_confirm_button, confirm);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.form-confirm",
                                 !g_str_equal (form, FORM_HAND_OVER) || self->new_owner_ids->len > 0);
  if (g_str_equal (form, FORM_HAND_OVER) && self->new_owner_ids->len == 0)
    show_form_error (self, NULL, _("There is nobody else to hand the case over to."));

  gtk_widget_set_visible (self->steps_area, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->form_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->form_revealer, TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->form_confirm_button));
  self->filling_form = FALSE;

  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

/* The first step still offered, or the history when there is none. */
static void
focus_first_step (RegCaseWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD))
      return;
  gtk_widget_grab_focus (GTK_WIDGET (self->history_list));
}

static void
hide_form (RegCaseWindow *self)
{
  gboolean had_focus;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->form_revealer));

  clear_form_error (self);
  self->form = NULL;
  gtk_revealer_set_reveal_child (self->form_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->form_revealer), FALSE);
  gtk_widget_set_visible (self->steps_area, TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), NULL);

  if (had_focus)
    focus_first_step (self);
}

static void
form_cancel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  hide_form (REG_CASE_WINDOW (widget));
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
confirm_escalate (RegCaseWindow  *self,
                  char          **done,
                  GError        **error)
{
  gint64 to = reg_staff_choices_id_at (self->escalate_ids,
                                       adw_combo_row_get_selected (self->escalate_staff_row));
  g_autofree char *team = entry_text (self->escalate_team_row);
  g_autofree char *reason = entry_text (self->escalate_reason_row);
  g_autofree char *target = NULL;

  if (!reg_store_escalate_case (self->store, self->kase, to, team, reason, self->staff_id, error))
    return FALSE;

  target = escalation_target (self, to, team);
  /* Translators: %s is a staff member, a team, or both */
  *done = g_strdup_printf (_("Escalated to %s"), target);
  return TRUE;
}

static gboolean
confirm_hand_over (RegCaseWindow  *self,
                   char          **done,
                   GError        **error)
{
  gint64 to = reg_staff_choices_id_at (self->new_owner_ids,
                                       adw_combo_row_get_selected (self->new_owner_row));
  g_autofree char *note = entry_text (self->hand_over_note_row);
  g_autofree char *name = NULL;

  if (!reg_store_hand_over_case (self->store, self->kase, to, note, self->staff_id, error))
    return FALSE;

  name = staff_name (self, to);
  /* Translators: %s is the new owner of a case */
  *done = g_strdup_printf (_("Handed over to %s"), name);
  return TRUE;
}

static gboolean
confirm_rate (RegCaseWindow  *self,
              char          **done,
              GError        **error)
{
  g_autofree char *comment = entry_text (self->comment_row);

  if (self->satisfaction < 1 || self->satisfaction > N_STARS)
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("Satisfaction: choose 1 to 5"));
      return FALSE;
    }

  if (!reg_store_rate_case (self->store, self->kase, self->satisfaction, comment, self->staff_id, error))
    return FALSE;

  *done = g_strdup (_("Satisfaction recorded"));
  return TRUE;
}

/* Resolving and rating are two steps; what a person chose is checked
 * before either is taken, so that only the disk can stop the second. */
static gboolean
confirm_resolve (RegCaseWindow  *self,
                 char          **done,
                 GError        **error)
{
  g_autofree char *resolution = entry_text (self->resolution_row);
  g_autofree char *comment = entry_text (self->comment_row);
  gboolean told = gtk_switch_get_active (self->told_switch);

  if (*resolution == '\0')
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("Resolution: say how the case was resolved"));
      return FALSE;
    }
  if (self->satisfaction < 0 || self->satisfaction > N_STARS)
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("Satisfaction: choose 1 to 5, or leave it empty"));
      return FALSE;
    }

  if (!reg_store_resolve_case (self->store, self->kase, resolution, told, self->staff_id, error))
    return FALSE;

  if (self->satisfaction > 0 &&
      !reg_store_rate_case (self->store, self->kase, self->satisfaction, comment, self->staff_id, error))
    {
      /* Resolved all the same: what is left to do is recording how
       * satisfied the customer was, with what was chosen still there. */
      show_form (self, FORM_RATE);
      return FALSE;
    }

  *done = g_strdup (_("Case resolved"));
  return TRUE;
}

static void
form_confirm_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RegCaseWindow *self = REG_CASE_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  gboolean ok;

  if (self->form == NULL)
    return;

  if (g_str_equal (self->form, FORM_ESCALATE))
    ok = confirm_escalate (self, &done, &error);
  else if (g_str_equal (self->form, FORM_HAND_OVER))
    ok = confirm_hand_over (self, &done, &error);
  else if (g_str_equal (self->form, FORM_RESOLVE))
    ok = confirm_resolve (self, &done, &error);
  else
    ok = confirm_rate (self, &done, &error);

  if (!ok)
    {
      show_form_error (self, field_for_error (self, error), error->message);
      return;
    }

  hide_form (self);
  show_toast (self, done);
}

/* ------------------------------------------------------------------ */
/* Steps                                                                */

static void
take_status_step (RegCaseWindow *self,
                  RegCaseStatus  status,
                  const char    *done)
{
  g_autoptr(GError) error = NULL;

  if (self->form != NULL)
    hide_form (self);

  if (!reg_store_set_case_status (self->store, self->kase, status, self->staff_id, NULL, &error))
    {
      show_toast (self, error->message);
      return;
    }
  show_toast (self, done);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  take_status_step (REG_CASE_WINDOW (widget), REG_CASE_STATUS_IN_PROGRESS, _("Work started"));
}

static void
wait_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  take_status_step (REG_CASE_WINDOW (widget), REG_CASE_STATUS_WAITING, _("Waiting on the customer"));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  take_status_step (REG_CASE_WINDOW (widget), REG_CASE_STATUS_CLOSED, _("Case closed"));
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  take_status_step (REG_CASE_WINDOW (widget), REG_CASE_STATUS_IN_PROGRESS, _("Case reopened"));
}

static void
escalate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  show_form (REG_CASE_WINDOW (widget), FORM_ESCALATE);
}

static void
hand_over_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  show_form (REG_CASE_WINDOW (widget), FORM_HAND_OVER);
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  show_form (REG_CASE_WINDOW (widget), FORM_RESOLVE);
}

static void
rate_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RegCaseWindow *self = REG_CASE_WINDOW (widget);

  set_satisfaction (self, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->comment_row), "");
  show_form (self, FORM_RATE);
}

static void
on_delay_saved (RegCaseWindow  *self,
                RegVisit       *visit,
                RegDelayDialog *dialog)
{
  show_toast (self, _("Saved in the visit log"));
}

static void
tell_delay_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RegCaseWindow *self = REG_CASE_WINDOW (widget);
  RegDelayDialog *dialog;

  if (self->form != NULL)
    hide_form (self);

  dialog = reg_delay_dialog_new_for_case (GTK_WINDOW (self), self->store, self->kase, self->staff_id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_delay_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Escape takes a form away; without one, it closes the window. */
static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RegCaseWindow *self = REG_CASE_WINDOW (widget);

  if (self->form != NULL)
    hide_form (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

/**
 * reg_case_window_new:
 * @parent: (nullable): the window it belongs to
 * @store: where the case is kept
 * @kase: the case shown
 * @staff_id: who is at the keyboard, or 0: they take the steps
 */
RegCaseWindow *
reg_case_window_new (GtkWindow *parent,
                     RegStore  *store,
                     RegCase   *kase,
                     gint64     staff_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REG_IS_STORE (store), NULL);
  g_return_val_if_fail (REG_IS_CASE (kase), NULL);

  return g_object_new (REG_TYPE_CASE_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       "case", kase,
                       "staff-id", staff_id,
                       NULL);
}

RegCase *
reg_case_window_get_case (RegCaseWindow *self)
{
  g_return_val_if_fail (REG_IS_CASE_WINDOW (self), NULL);

  return self->kase;
}

static void
reg_case_window_constructed (GObject *object)
{
  RegCaseWindow *self = REG_CASE_WINDOW (object);

  G_OBJECT_CLASS (reg_case_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_assert (self->kase != NULL);

  g_signal_connect_object (self->store, "case-changed",
                           G_CALLBACK (on_store_case_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "staff-changed",
                           G_CALLBACK (on_store_staff_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reloaded",
                           G_CALLBACK (on_store_staff_changed), self, G_CONNECT_SWAPPED);

  refresh (self);

  /* Ready for the next step, rather than on the text. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  focus_first_step (self);
}

static void
reg_case_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RegCaseWindow *self = REG_CASE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    case PROP_CASE:
      g_set_object (&self->kase, g_value_get_object (value));
      break;

    case PROP_STAFF_ID:
      self->staff_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_case_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RegCaseWindow *self = REG_CASE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;

    case PROP_STAFF_ID:
      g_value_set_int64 (value, self->staff_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_case_window_dispose (GObject *object)
{
  RegCaseWindow *self = REG_CASE_WINDOW (object);

  self->error_widget = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_CASE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (reg_case_window_parent_class)->dispose (object);
}

static void
reg_case_window_finalize (GObject *object)
{
  RegCaseWindow *self = REG_CASE_WINDOW (object);

  g_clear_pointer (&self->escalate_ids, g_array_unref);
  g_clear_pointer (&self->new_owner_ids, g_array_unref);
  g_clear_pointer (&self->prefilled_team, g_free);

  G_OBJECT_CLASS (reg_case_window_parent_class)->finalize (object);
}

static void
reg_case_window_class_init (RegCaseWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = reg_case_window_constructed;
  object_class->dispose = reg_case_window_dispose;
  object_class->finalize = reg_case_window_finalize;
  object_class->get_property = reg_case_window_get_property;
  object_class->set_property = reg_case_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         REG_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         REG_TYPE_CASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Who is at the keyboard: they take the steps; 0 for nobody. */
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "case.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "case.wait", NULL, wait_action);
  gtk_widget_class_install_action (widget_class, "case.escalate", NULL, escalate_action);
  gtk_widget_class_install_action (widget_class, "case.hand-over", NULL, hand_over_action);
  gtk_widget_class_install_action (widget_class, "case.tell-delay", NULL, tell_delay_action);
  gtk_widget_class_install_action (widget_class, "case.resolve", NULL, resolve_action);
  gtk_widget_class_install_action (widget_class, "case.rate", NULL, rate_action);
  gtk_widget_class_install_action (widget_class, "case.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "case.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "case.form-cancel", NULL, form_cancel_action);
  gtk_widget_class_install_action (widget_class, "case.form-confirm", NULL, form_confirm_action);
  gtk_widget_class_install_action (widget_class, "case.set-satisfaction", "i", set_satisfaction_action);

  gtk_widget_class_install_action (widget_class, "case.dismiss", NULL, dismiss_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "case.dismiss", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/reg-case-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, state_label);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, past_target_icon);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, past_target_label);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, when_label);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, steps_area);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, steps_box);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, start_button);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, waiting_button);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, escalate_button);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, hand_over_button);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, delay_button);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, rate_button);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, close_button);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, no_steps_label);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, form_revealer);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, form_stack);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, escalate_staff_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, escalate_staff_names);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, escalate_team_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, escalate_reason_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, new_owner_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, new_owner_names);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, hand_over_note_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, resolution_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, told_switch);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, satisfaction_group);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, satisfaction_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, star_1);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, star_2);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, star_3);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, star_4);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, star_5);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, comment_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, form_error_box);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, form_error_label);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, form_confirm_button);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, customer_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, severity_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, owner_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, escalated_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, opened_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, target_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, target_flag);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, resolution_info_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, satisfaction_info_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, description_group);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, description_label);
  gtk_widget_class_bind_template_child (widget_class, RegCaseWindow, history_list);
  gtk_widget_class_bind_template_callback (widget_class, on_form_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_escalate_staff_selected);
}

static void
reg_case_window_init (RegCaseWindow *self)
{
  self->escalate_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->new_owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  self->stars[0] = self->star_1;
  self->stars[1] = self->star_2;
  self->stars[2] = self->star_3;
  self->stars[3] = self->star_4;
  self->stars[4] = self->star_5;
  set_satisfaction (self, 0);

  /* The buttons take the focus, not the places the flow box keeps. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}
