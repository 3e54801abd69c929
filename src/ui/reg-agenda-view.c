/* reg-agenda-view.c: everyone's open promises, by when they fall due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-agenda-view"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "reg-agenda-view.h"

/* A shop may have tens of thousands of open promises, so the agenda is a
 * GtkListView, which makes widgets only for the rows on screen. GTK 4.8
 * has no list sections: the group headings are items of their own
 * (AgendaHeading) between the follow-ups in one flat GListStore. A row
 * loads its customer when it is bound, not when the list is filled. */

/* ------------------------------------------------------------------ */
/* A group heading, as an item of the list                              */

#define AGENDA_TYPE_HEADING (agenda_heading_get_type ())
G_DECLARE_FINAL_TYPE (AgendaHeading, agenda_heading, AGENDA, HEADING, GObject)

struct _AgendaHeading
{
  GObject        parent_instance;
  RegAgendaGroup group;
  guint          count;
};

G_DEFINE_FINAL_TYPE (AgendaHeading, agenda_heading, G_TYPE_OBJECT)

static void
agenda_heading_class_init (AgendaHeadingClass *klass)
{
}

static void
agenda_heading_init (AgendaHeading *self)
{
}

static AgendaHeading *
agenda_heading_new (RegAgendaGroup group)
{
  AgendaHeading *self = g_object_new (AGENDA_TYPE_HEADING, NULL);

  self->group = group;
  return self;
}

static const char *
group_title (RegAgendaGroup group)
{
  switch (group)
    {
    case REG_AGENDA_GROUP_OVERDUE:
      return _("Overdue");
    case REG_AGENDA_GROUP_TODAY:
      return _("Today");
    case REG_AGENDA_GROUP_THIS_WEEK:
      return _("This Week");
    case REG_AGENDA_GROUP_LATER:
    default:
      return _("Later");
    }
}

/* ------------------------------------------------------------------ */
/* When things fall due                                                 */

/* The start of the local day @days after the one @now is in. Calendar
 * days, not periods of 24 hours: a day with a clock change is 23 or 25
 * hours long. */
static gint64
local_day_start (gint64 now,
                 int    days)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) day = NULL;
  int y, m, d;

  if (then == NULL)
    return now;
  g_date_time_get_ymd (then, &y, &m, &d);
  midnight = g_date_time_new_local (y, m, d, 0, 0, 0);
  day = midnight != NULL ? g_date_time_add_days (midnight, days) : NULL;
  return day != NULL ? g_date_time_to_unix (day) : now;
}

typedef struct
{
  gint64 now;
  gint64 tomorrow;    /* the start of tomorrow */
  gint64 week_end;    /* the start of the 8th day from today */
} Bounds;

static void
bounds_init (Bounds *bounds,
             gint64  now)
{
  bounds->now = now;
  bounds->tomorrow = local_day_start (now, 1);
  bounds->week_end = local_day_start (now, 8);
}

/* Overdue is due now or earlier, as the overdue count has it. "This
 * week" is the seven calendar days after today rather than up to
 * Sunday: on a Saturday, Monday's callback is still this week's work. */
static RegAgendaGroup
bounds_group (const Bounds *bounds,
              gint64        due_at)
{
  if (due_at <= bounds->now)
    return REG_AGENDA_GROUP_OVERDUE;
  if (due_at < bounds->tomorrow)
    return REG_AGENDA_GROUP_TODAY;
  if (due_at < bounds->week_end)
    return REG_AGENDA_GROUP_THIS_WEEK;
  return REG_AGENDA_GROUP_LATER;
}

RegAgendaGroup
reg_agenda_group_for_due (gint64 due_at,
                          gint64 now)
{
  Bounds bounds;

  bounds_init (&bounds, now);
  return bounds_group (&bounds, due_at);
}

/* A short day for a list: "Thu 27 Nov", with the year when it is not
 * this one. */
static char *
format_day (GDateTime *when,
            GDateTime *now)
{
  if (g_date_time_get_year (when) == g_date_time_get_year (now))
    /* Translators: a short day in the current year, as in "Thu 27 Nov"; see strftime */
    return g_date_time_format (when, _("%a %-d %b"));
  /* Translators: a short day in another year, as in "Thu 27 Nov 2027"; see strftime */
  return g_date_time_format (when, _("%a %-d %b %Y"));
}

/* When a promise is due, kept short for a row: "Overdue since 14:00",
 * "Today at 16:30", "Thu 27 Nov, 10:00". */
char *
reg_agenda_format_due (gint64 due_at,
                       gint64 now)
{
  g_autoptr(GDateTime) due = g_date_time_new_from_unix_local (due_at);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);
  g_autofree char *time = NULL;
  g_autofree char *day = NULL;
  gint64 today_start = local_day_start (now, 0);
  gint64 tomorrow_start = local_day_start (now, 1);

  if (due == NULL || today == NULL)
    return g_strdup ("");

  time = g_date_time_format (due, "%H:%M");
  day = format_day (due, today);

  if (due_at <= now)
    {
      if (due_at >= today_start)
        /* Translators: %s is a time today, as in "14:00" */
        return g_strdup_printf (_("Overdue since %s"), time);
      /* Translators: %s is a short day, as in "Overdue since Mon 24 Nov" */
      return g_strdup_printf (_("Overdue since %s"), day);
    }

  if (due_at < tomorrow_start)
    /* Translators: %s is a time, as in "Today at 16:30" */
    return g_strdup_printf (_("Today at %s"), time);
  if (due_at < local_day_start (now, 2))
    /* Translators: %s is a time, as in "Tomorrow at 09:00" */
    return g_strdup_printf (_("Tomorrow at %s"), time);
  /* Translators: a short day, then a time: "Thu 27 Nov, 10:00" */
  return g_strdup_printf (_("%s, %s"), day, time);
}

/* ------------------------------------------------------------------ */
/* A row: a heading or a promise                                        */

#define AGENDA_TYPE_ROW (agenda_row_get_type ())
G_DECLARE_FINAL_TYPE (AgendaRow, agenda_row, AGENDA, ROW, GtkBox)

struct _AgendaRow
{
  GtkBox       parent_instance;

  RegCustomer *customer;     /* held while bound, for its name */
  GBinding    *name_binding;

  GtkWidget   *heading_box;
  GtkLabel    *heading_label;
  GtkLabel    *count_label;

  GtkWidget   *promise_box;
  GtkImage    *icon;
  GtkLabel    *name_label;
  GtkLabel    *promise_label;
  GtkLabel    *due_label;
  GtkLabel    *who_label;
};

G_DEFINE_FINAL_TYPE (AgendaRow, agenda_row, GTK_TYPE_BOX)

static GtkLabel *
label_new (float       xalign,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return GTK_LABEL (label);
}

static void
agenda_row_clear (AgendaRow *self)
{
  if (self->name_binding != NULL)
    g_binding_unbind (self->name_binding);
  self->name_binding = NULL;
  g_clear_object (&self->customer);
}

static void
agenda_row_dispose (GObject *object)
{
  agenda_row_clear (AGENDA_ROW (object));

  G_OBJECT_CLASS (agenda_row_parent_class)->dispose (object);
}

static void
agenda_row_class_init (AgendaRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = agenda_row_dispose;
}

static void
agenda_row_init (AgendaRow *self)
{
  GtkWidget *text, *when;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  self->heading_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->heading_box, "agenda-heading");
  self->heading_label = label_new (0, "heading");
  gtk_widget_set_hexpand (GTK_WIDGET (self->heading_label), TRUE);
  self->count_label = label_new (1, "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "numeric");
  gtk_box_append (GTK_BOX (self->heading_box), GTK_WIDGET (self->heading_label));
  gtk_box_append (GTK_BOX (self->heading_box), GTK_WIDGET (self->count_label));
  gtk_box_append (GTK_BOX (self), self->heading_box);

  self->promise_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->promise_box, "agenda-row");
  self->icon = GTK_IMAGE (gtk_image_new_from_icon_name ("alarm-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), "follow-up-icon");

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  self->name_label = label_new (0, "heading");
  self->promise_label = label_new (0, NULL);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->name_label));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->promise_label));

  when = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_valign (when, GTK_ALIGN_CENTER);
  self->due_label = label_new (1, "due");
  self->who_label = label_new (1, "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->who_label), "caption");
  gtk_box_append (GTK_BOX (when), GTK_WIDGET (self->due_label));
  gtk_box_append (GTK_BOX (when), GTK_WIDGET (self->who_label));

  gtk_box_append (GTK_BOX (self->promise_box), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (self->promise_box), text);
  gtk_box_append (GTK_BOX (self->promise_box), when);
  gtk_box_append (GTK_BOX (self), self->promise_box);
}

/* ------------------------------------------------------------------ */
/* The view                                                             */

struct _RegAgendaView
{
  GtkWidget          parent_instance;

  RegStore          *store;
  GListStore        *items;        /* AgendaHeading and RegFollowUp */
  GPtrArray         *shown;        /* the same, to compare with quickly */
  AgendaHeading     *headings[REG_AGENDA_GROUP_LATER + 1];
  GHashTable        *changed_ids;  /* follow-ups changed since the last read */
  gboolean           read_all;     /* every row must be bound again */
  gint64             day_start;    /* of the day the list was read on */
  GHashTable        *staff_names;  /* staff id → name, while a list shows */
  gint64             staff_id;
  gboolean           mine_only;
  gboolean           dirty;        /* to read again when next shown */
  guint              refresh_idle;
  gint64             now;          /* when the list was read */

  /* Template widgets */
  GtkWidget         *box;
  GtkLabel          *summary_label;
  GtkToggleButton   *mine_button;
  GtkStack          *stack;
  GtkScrolledWindow *scrolled_window;
  GtkListView       *list_view;
  AdwStatusPage     *empty_page;
};

G_DEFINE_FINAL_TYPE (RegAgendaView, reg_agenda_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STAFF_ID,
  PROP_MINE_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CUSTOMER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

RegAgendaView *
reg_agenda_view_new (RegStore *store)
{
  g_return_val_if_fail (REG_IS_STORE (store), NULL);

  return g_object_new (REG_TYPE_AGENDA_VIEW, "store", store, NULL);
}

RegStore *
reg_agenda_view_get_store (RegAgendaView *self)
{
  g_return_val_if_fail (REG_IS_AGENDA_VIEW (self), NULL);

  return self->store;
}

static const char *
staff_name (RegAgendaView *self,
            gint64         id)
{
  const char *name;

  if (id == 0)
    return _("Unassigned");

  name = g_hash_table_lookup (self->staff_names, &id);
  if (name == NULL)
    {
      g_autoptr(RegStaff) staff = reg_store_get_staff (self->store, id, NULL);
      gint64 *key = g_new (gint64, 1);

      *key = id;
      name = staff != NULL ? reg_staff_get_name (staff) : _("Unknown");
      g_hash_table_insert (self->staff_names, key, g_strdup (name));
      name = g_hash_table_lookup (self->staff_names, &id);
    }
  return name;
}

static void
bind_heading (RegAgendaView *self,
              AgendaRow     *row,
              AgendaHeading *heading)
{
  g_autofree char *count = g_strdup_printf ("%u", heading->count);
  g_autofree char *label = NULL;

  gtk_widget_set_visible (row->heading_box, TRUE);
  gtk_widget_set_visible (row->promise_box, FALSE);
  gtk_label_set_label (row->heading_label, group_title (heading->group));
  gtk_label_set_label (row->count_label, count);
  if (heading->group == REG_AGENDA_GROUP_OVERDUE)
    gtk_widget_add_css_class (row->heading_box, "overdue");
  else
    gtk_widget_remove_css_class (row->heading_box, "overdue");

  /* Translators: a heading in the agenda, then how many promises it has: "Today, 3 promises" */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u promise", "%s, %u promises", heading->count),
                           group_title (heading->group), heading->count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
bind_follow_up (RegAgendaView *self,
                AgendaRow     *row,
                RegFollowUp   *follow_up)
{
  gint64 due_at = reg_follow_up_get_effective_due_at (follow_up);
  gboolean overdue = due_at <= self->now;
  g_autofree char *due = reg_agenda_format_due (due_at, self->now);
  g_autofree char *label = NULL;
  const char *who = staff_name (self, reg_follow_up_get_assigned_to (follow_up));

  gtk_widget_set_visible (row->heading_box, FALSE);
  gtk_widget_set_visible (row->promise_box, TRUE);

  /* The identity map hands out the customer another row or the open
   * card already holds; only customers on screen are read. */
  row->customer = reg_store_get_customer (self->store, reg_follow_up_get_customer_id (follow_up), NULL);
  if (row->customer != NULL)
    row->name_binding = g_object_bind_property (row->customer, "display-name",
                                                row->name_label, "label",
                                                G_BINDING_SYNC_CREATE);
  else
    gtk_label_set_label (row->name_label, _("Unknown Customer"));

  gtk_label_set_label (row->promise_label, reg_follow_up_get_promise (follow_up));
  gtk_label_set_label (row->due_label, due);
  gtk_label_set_label (row->who_label, who);
  gtk_image_set_from_icon_name (row->icon, overdue ? "task-past-due-symbolic" : "alarm-symbolic");
  if (overdue)
    gtk_widget_add_css_class (row->promise_box, "overdue");
  else
    gtk_widget_remove_css_class (row->promise_box, "overdue");

  /* Translators: an agenda row as a screen reader reads it: customer, promise, when, who */
  label = g_strdup_printf (_("%s: %s. %s. %s"),
                           gtk_label_get_label (row->name_label),
                           reg_follow_up_get_promise (follow_up), due, who);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           RegAgendaView            *self)
{
  gtk_list_item_set_child (item, g_object_new (AGENDA_TYPE_ROW, NULL));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          RegAgendaView            *self)
{
  AgendaRow *row = AGENDA_ROW (gtk_list_item_get_child (item));
  gpointer object = gtk_list_item_get_item (item);

  agenda_row_clear (row);
  if (AGENDA_IS_HEADING (object))
    {
      /* Headings are there to be read, not opened. */
      gtk_list_item_set_activatable (item, FALSE);
      gtk_list_item_set_selectable (item, FALSE);
      bind_heading (self, row, object);
    }
  else
    {
      gtk_list_item_set_activatable (item, TRUE);
      gtk_list_item_set_selectable (item, FALSE);
      bind_follow_up (self, row, object);
    }
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            RegAgendaView            *self)
{
  agenda_row_clear (AGENDA_ROW (gtk_list_item_get_child (item)));
}

static void
on_list_activate (RegAgendaView *self,
                  guint          position,
                  GtkListView   *view)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (REG_IS_FOLLOW_UP (item))
    g_signal_emit (self, signals[CUSTOMER_ACTIVATED], 0,
                   reg_follow_up_get_customer_id (REG_FOLLOW_UP (item)));
}

static void
update_summary (RegAgendaView *self,
                guint          n_open,
                guint          n_overdue)
{
  g_autofree char *open = NULL;
  g_autofree char *summary = NULL;

  open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open promise", "%u open promises", n_open), n_open);
  if (n_overdue > 0)
    /* Translators: how many promises are open ("12 open promises"), then how many of them are overdue */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u overdue", "%s, %u overdue", n_overdue),
                               open, n_overdue);
  else
    summary = g_steal_pointer (&open);
  gtk_label_set_label (self->summary_label, summary);
}

static void
update_empty_page (RegAgendaView *self,
                   gboolean       empty)
{
  if (!empty)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (self->mine_only)
    adw_status_page_set_description (self->empty_page,
                                     _("Nothing you promised is waiting. Promises assigned to others are shown without “Mine Only”."));
  else
    adw_status_page_set_description (self->empty_page,
                                     _("Promises made to customers are listed here until they are done."));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static gboolean
needs_binding (RegAgendaView *self,
               gpointer       item)
{
  gint64 id;

  if (!REG_IS_FOLLOW_UP (item))
    return FALSE;
  id = reg_follow_up_get_id (item);
  return g_hash_table_contains (self->changed_ids, &id);
}

/* Replaces only the rows that changed, so that the list keeps its place
 * and its focus when a promise elsewhere is kept or snoozed. Follow-ups
 * are compared as objects (the store hands out one per row) and
 * headings are made anew only when their count changes. */
static void
show_items (RegAgendaView *self,
            GPtrArray     *items)
{
  guint n_old = self->shown->len, n_new = items->len;
  guint prefix = 0, suffix = 0;

  if (!self->read_all)
    {
      while (prefix < MIN (n_old, n_new) &&
             self->shown->pdata[prefix] == items->pdata[prefix] &&
             !needs_binding (self, items->pdata[prefix]))
        prefix++;
      while (suffix < MIN (n_old, n_new) - prefix &&
             self->shown->pdata[n_old - 1 - suffix] == items->pdata[n_new - 1 - suffix] &&
             !needs_binding (self, items->pdata[n_new - 1 - suffix]))
        suffix++;
    }

  g_list_store_splice (self->items, prefix, n_old - prefix - suffix,
                       items->pdata + prefix, n_new - prefix - suffix);

  g_ptr_array_set_size (self->shown, 0);
  for (guint i = 0; i < n_new; i++)
    g_ptr_array_add (self->shown, g_object_ref (items->pdata[i]));
}

static void
read_again (RegAgendaView *self)
{
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[G_N_ELEMENTS (self->headings)] = { 0 };
  int last = -1;
  guint n_open = 0;
  Bounds bounds;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  self->dirty = FALSE;

  follow_ups = reg_store_list_open_follow_ups (self->store, 0, &error);
  if (follow_ups == NULL)
    {
      g_warning ("Could not read the open promises: %s", error->message);
      follow_ups = g_ptr_array_new ();
    }

  self->now = reg_store_now (self->store);
  bounds_init (&bounds, self->now);
  /* A new day changes how due times read ("Tomorrow" is "Today"). */
  if (local_day_start (self->now, 0) != self->day_start)
    self->read_all = TRUE;
  self->day_start = local_day_start (self->now, 0);
  if (self->read_all)
    g_hash_table_remove_all (self->staff_names);

  /* The store lists them by effective due time, so each group's
   * follow-ups come together. */
  for (guint i = 0; i < follow_ups->len; i++)
    {
      RegFollowUp *follow_up = g_ptr_array_index (follow_ups, i);

      if (self->mine_only && reg_follow_up_get_assigned_to (follow_up) != self->staff_id)
        continue;
      n_open++;
      counts[bounds_group (&bounds, reg_follow_up_get_effective_due_at (follow_up))]++;
    }

  for (guint g = 0; g < G_N_ELEMENTS (self->headings); g++)
    if (counts[g] == 0 || self->read_all ||
        self->headings[g] == NULL || self->headings[g]->count != counts[g])
      {
        g_clear_object (&self->headings[g]);
        if (counts[g] > 0)
          {
            self->headings[g] = agenda_heading_new (g);
            self->headings[g]->count = counts[g];
          }
      }

  items = g_ptr_array_new_full (follow_ups->len + G_N_ELEMENTS (self->headings), NULL);
  for (guint i = 0; i < follow_ups->len; i++)
    {
      RegFollowUp *follow_up = g_ptr_array_index (follow_ups, i);
      RegAgendaGroup group;

      if (self->mine_only && reg_follow_up_get_assigned_to (follow_up) != self->staff_id)
        continue;
      group = bounds_group (&bounds, reg_follow_up_get_effective_due_at (follow_up));
      if ((int) group != last)
        g_ptr_array_add (items, self->headings[group]);
      last = group;
      g_ptr_array_add (items, follow_up);
    }

  show_items (self, items);
  self->read_all = FALSE;
  g_hash_table_remove_all (self->changed_ids);

  update_summary (self, n_open, counts[REG_AGENDA_GROUP_OVERDUE]);
  update_empty_page (self, items->len == 0);
}

/**
 * reg_agenda_view_refresh:
 *
 * Reads the open follow-ups again: at once when the Agenda is on
 * screen, otherwise when it is next shown. Time passing moves promises
 * from one group to another without any change in the store, so
 * whoever knows that a promise fell due calls this.
 */
void
reg_agenda_view_refresh (RegAgendaView *self)
{
  g_return_if_fail (REG_IS_AGENDA_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    read_again (self);
  else
    self->dirty = TRUE;
}

static gboolean
refresh_idle (gpointer data)
{
  RegAgendaView *self = data;

  self->refresh_idle = 0;
  reg_agenda_view_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Changes come in bursts (a note with its promise, an import), and a
 * refresh reads every open promise: one refresh after the burst, and
 * none at all while the agenda is not on screen. */
static void
queue_refresh (RegAgendaView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add (refresh_idle, self);
}

static void
on_store_changed (RegAgendaView *self)
{
  self->read_all = TRUE;
  queue_refresh (self);
}

static void
on_follow_up_changed (RegAgendaView *self,
                      gint64         id,
                      gint64         customer_id,
                      RegStore      *store)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_add (self->changed_ids, key);
  queue_refresh (self);
}

/**
 * reg_agenda_view_scroll_to_start:
 *
 * Scrolls back to the first group, where the overdue promises are.
 */
void
reg_agenda_view_scroll_to_start (RegAgendaView *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (REG_IS_AGENDA_VIEW (self));

  if (self->dirty && gtk_widget_get_mapped (GTK_WIDGET (self)))
    read_again (self);
  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

gint64
reg_agenda_view_get_staff_id (RegAgendaView *self)
{
  g_return_val_if_fail (REG_IS_AGENDA_VIEW (self), 0);

  return self->staff_id;
}

static void
update_mine_button (RegAgendaView *self)
{
  /* With nobody chosen at the keyboard, nothing is "mine". */
  gtk_widget_set_sensitive (GTK_WIDGET (self->mine_button), self->staff_id != 0 || self->mine_only);
}

/**
 * reg_agenda_view_set_staff_id:
 *
 * Who "Mine Only" means: the staff member at the keyboard.
 */
void
reg_agenda_view_set_staff_id (RegAgendaView *self,
                              gint64         staff_id)
{
  g_return_if_fail (REG_IS_AGENDA_VIEW (self));

  if (self->staff_id == staff_id)
    return;

  self->staff_id = staff_id;
  update_mine_button (self);
  if (self->mine_only)
    {
      self->read_all = TRUE;
      queue_refresh (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ID]);
}

gboolean
reg_agenda_view_get_mine_only (RegAgendaView *self)
{
  g_return_val_if_fail (REG_IS_AGENDA_VIEW (self), FALSE);

  return self->mine_only;
}

void
reg_agenda_view_set_mine_only (RegAgendaView *self,
                               gboolean       mine_only)
{
  g_return_if_fail (REG_IS_AGENDA_VIEW (self));

  mine_only = !!mine_only;
  if (self->mine_only == mine_only)
    return;

  self->mine_only = mine_only;
  self->read_all = TRUE;
  update_mine_button (self);
  /* A click on the toggle shows its result at once. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reg_agenda_view_refresh (self);
  else
    self->dirty = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINE_ONLY]);
}

static void
set_store (RegAgendaView *self,
           RegStore      *store)
{
  g_return_if_fail (self->store == NULL);

  if (store == NULL)
    return;

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "follow-up-changed", G_CALLBACK (on_follow_up_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "staff-changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reloaded", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
}

static void
reg_agenda_view_map (GtkWidget *widget)
{
  RegAgendaView *self = REG_AGENDA_VIEW (widget);

  /* Filled before the list is mapped, the list lays out once. */
  if (self->dirty && self->store != NULL)
    read_again (self);

  GTK_WIDGET_CLASS (reg_agenda_view_parent_class)->map (widget);
}

/* From the keyboard (the Agenda button, its shortcut), to the rows. */
static gboolean
reg_agenda_view_grab_focus (GtkWidget *widget)
{
  RegAgendaView *self = REG_AGENDA_VIEW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0 &&
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view)))
    return TRUE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->mine_button));
}

static void
reg_agenda_view_dispose (GObject *object)
{
  RegAgendaView *self = REG_AGENDA_VIEW (object);

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_AGENDA_VIEW);

  g_clear_object (&self->items);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->headings); i++)
    g_clear_object (&self->headings[i]);

  G_OBJECT_CLASS (reg_agenda_view_parent_class)->dispose (object);
}

static void
reg_agenda_view_finalize (GObject *object)
{
  RegAgendaView *self = REG_AGENDA_VIEW (object);

  g_clear_pointer (&self->staff_names, g_hash_table_unref);
  g_clear_pointer (&self->changed_ids, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (reg_agenda_view_parent_class)->finalize (object);
}

static void
reg_agenda_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RegAgendaView *self = REG_AGENDA_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STAFF_ID:
      g_value_set_int64 (value, self->staff_id);
      break;

    case PROP_MINE_ONLY:
      g_value_set_boolean (value, self->mine_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_agenda_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RegAgendaView *self = REG_AGENDA_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;

    case PROP_STAFF_ID:
      reg_agenda_view_set_staff_id (self, g_value_get_int64 (value));
      break;

    case PROP_MINE_ONLY:
      reg_agenda_view_set_mine_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_agenda_view_class_init (RegAgendaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_agenda_view_dispose;
  object_class->finalize = reg_agenda_view_finalize;
  object_class->get_property = reg_agenda_view_get_property;
  object_class->set_property = reg_agenda_view_set_property;

  widget_class->map = reg_agenda_view_map;
  widget_class->grab_focus = reg_agenda_view_grab_focus;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         REG_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * RegAgendaView:staff-id:
   *
   * The staff member at the keyboard, whom "Mine Only" shows; 0 for
   * nobody.
   */
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MINE_ONLY] =
    g_param_spec_boolean ("mine-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RegAgendaView::customer-activated:
   * @customer_id: whose promise was activated
   *
   * A promise's row was clicked or activated from the keyboard.
   */
  signals[CUSTOMER_ACTIVATED] =
    g_signal_new ("customer-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/reg-agenda-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RegAgendaView, box);
  gtk_widget_class_bind_template_child (widget_class, RegAgendaView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RegAgendaView, mine_button);
  gtk_widget_class_bind_template_child (widget_class, RegAgendaView, stack);
  gtk_widget_class_bind_template_child (widget_class, RegAgendaView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RegAgendaView, list_view);
  gtk_widget_class_bind_template_child (widget_class, RegAgendaView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "agendaview");
}

static void
reg_agenda_view_init (RegAgendaView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (G_TYPE_OBJECT);
  self->staff_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->changed_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->dirty = TRUE;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);

  /* Rows are opened, not selected. */
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->items)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  g_object_bind_property (self, "mine-only", self->mine_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  update_mine_button (self);
  update_summary (self, 0, 0);
}
