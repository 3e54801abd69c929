/* reg-overview-view.c: the shop's figures at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-overview-view"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "reg-overview-view.h"
#include "reg-satisfaction-chart.h"

/* Every figure here is counted in SQL (reg_store_get_overview() and
 * friends); the page never loads customers but the few it names. Every
 * figure links to the customers behind it: activating one emits
 * "link-activated" with the query that lists them and a description of
 * it, and the window shows them in its list.
 *
 * Changes come in bursts (an import, a note with its promise), so the
 * page reads its figures again at most once per REFRESH_DELAY, and not
 * at all while it is not on screen. */

#define N_WEEKS       12
#define REFRESH_DELAY 250   /* ms */
#define N_SEVERITIES  4

/* The table's rows, the most severe first */
static const RegCaseSeverity severities[N_SEVERITIES] = {
  REG_CASE_SEVERITY_URGENT,
  REG_CASE_SEVERITY_HIGH,
  REG_CASE_SEVERITY_NORMAL,
  REG_CASE_SEVERITY_LOW,
};

static const RegCustomerKind kinds[] = {
  REG_CUSTOMER_KIND_PROSPECT,
  REG_CUSTOMER_KIND_CURRENT,
  REG_CUSTOMER_KIND_FORMER,
};

struct _RegOverviewView
{
  GtkWidget             parent_instance;

  RegStore             *store;
  guint                 refresh_timeout;
  GtkWidget            *win_back_placeholder;
  gboolean              dirty;          /* read again when next shown */
  gint64                now;            /* what the figures shown count as now */
  guint                 win_back_days;
  guint                 win_back;
  GArray               *weeks;          /* RegSatisfactionWeek, as the chart shows them */

  GtkWidget            *cells[N_SEVERITIES][REG_CASE_AGE_N];   /* buttons */
  GtkWidget            *zero_cells[N_SEVERITIES][REG_CASE_AGE_N];
  GtkLabel             *kind_counts[G_N_ELEMENTS (kinds)];

  /* Template widgets */
  GtkScrolledWindow    *scrolled_window;
  GtkFlowBox           *tiles;
  GtkWidget            *open_tile;
  GtkWidget            *past_target_tile;
  GtkWidget            *overdue_tile;
  GtkWidget            *win_back_tile;
  GtkLabel             *open_figure;
  GtkLabel             *past_target_figure;
  GtkLabel             *overdue_figure;
  GtkLabel             *win_back_figure;
  GtkGrid              *age_grid;
  AdwPreferencesGroup  *win_back_group;
  AdwPreferencesGroup  *satisfaction_group;
  RegSatisfactionChart *chart;
  GtkListBox           *staff_list;
  GtkListBox           *win_back_list;
  GtkListBox           *kind_list;
};

G_DEFINE_FINAL_TYPE (RegOverviewView, reg_overview_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LINK_ACTIVATED,
  CUSTOMER_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

RegOverviewView *
reg_overview_view_new (RegStore *store)
{
  g_return_val_if_fail (REG_IS_STORE (store), NULL);

  return g_object_new (REG_TYPE_OVERVIEW_VIEW, "store", store, NULL);
}

RegStore *
reg_overview_view_get_store (RegOverviewView *self)
{
  g_return_val_if_fail (REG_IS_OVERVIEW_VIEW (self), NULL);

  return self->store;
}

/* ------------------------------------------------------------------ */
/* The words                                                            */

static const char *
severity_title (RegCaseSeverity severity)
{
  switch (severity)
    {
    case REG_CASE_SEVERITY_URGENT:
      return _("Urgent");
    case REG_CASE_SEVERITY_HIGH:
      return _("High");
    case REG_CASE_SEVERITY_NORMAL:
      return _("Normal");
    case REG_CASE_SEVERITY_LOW:
    default:
      return _("Low");
    }
}

static const char *
severity_complaints (RegCaseSeverity severity)
{
  switch (severity)
    {
    case REG_CASE_SEVERITY_URGENT:
      return _("Urgent complaints");
    case REG_CASE_SEVERITY_HIGH:
      return _("High-severity complaints");
    case REG_CASE_SEVERITY_NORMAL:
      return _("Normal complaints");
    case REG_CASE_SEVERITY_LOW:
    default:
      return _("Low-severity complaints");
    }
}

static const char *
age_title (guint age)
{
  switch (age)
    {
    case 0:
      return _("Under a Day");
    case 1:
      return _("1–3 Days");
    case 2:
      return _("3–7 Days");
    case 3:
    default:
      return _("Over a Week");
    }
}

static const char *
age_phrase (guint age)
{
  switch (age)
    {
    case 0:
      return _("under a day ago");
    case 1:
      return _("1–3 days ago");
    case 2:
      return _("3–7 days ago");
    case 3:
    default:
      return _("over a week ago");
    }
}

/* "Urgent complaints opened 1–3 days ago" */
static char *
describe_cell (RegCaseSeverity severity,
               guint           age)
{
  /* Translators: complaints of a severity, then how long ago they were
   * opened: "Urgent complaints opened 1–3 days ago" */
  return g_strdup_printf (_("%s opened %s"), severity_complaints (severity), age_phrase (age));
}

static const char *
kind_title (RegCustomerKind kind)
{
  switch (kind)
    {
    case REG_CUSTOMER_KIND_PROSPECT:
      return _("Prospects");
    case REG_CUSTOMER_KIND_CURRENT:
      return _("Current Customers");
    case REG_CUSTOMER_KIND_FORMER:
    default:
      return _("Former Customers");
    }
}

static const char *
kind_description (RegCustomerKind kind)
{
  switch (kind)
    {
    case REG_CUSTOMER_KIND_PROSPECT:
      return _("Prospects");
    case REG_CUSTOMER_KIND_CURRENT:
      return _("Current customers");
    case REG_CUSTOMER_KIND_FORMER:
    default:
      return _("Former customers");
    }
}

static char *
describe_win_back (guint days)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Current customers not seen for %u day",
                                       "Current customers not seen for %u days", days),
                          days);
}

static GDate *
local_date (gint64 when)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when);

  if (dt == NULL)
    return g_date_new ();
  return g_date_new_dmy (g_date_time_get_day_of_month (dt),
                         g_date_time_get_month (dt),
                         g_date_time_get_year (dt));
}

/* "Last seen 5 months ago", in local calendar days */
static char *
format_last_seen (gint64 when,
                  gint64 now)
{
  g_autoptr(GDate) then_date = NULL;
  g_autoptr(GDate) now_date = NULL;
  int days;

  if (when <= 0)
    return g_strdup (_("Never seen"));

  then_date = local_date (when);
  now_date = local_date (now);
  days = g_date_valid (then_date) && g_date_valid (now_date) ? g_date_days_between (then_date, now_date) : 0;

  if (days <= 0)
    return g_strdup (_("Last seen today"));
  if (days == 1)
    return g_strdup (_("Last seen yesterday"));
  if (days < 14)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last seen %d day ago", "Last seen %d days ago", days), days);
  if (days < 61)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last seen %d week ago", "Last seen %d weeks ago", days / 7), days / 7);
  if (days < 730)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last seen %d month ago", "Last seen %d months ago", days / 30), days / 30);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last seen %d year ago", "Last seen %d years ago", days / 365), days / 365);
}

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_label (label, text);
}

/* A figure's button says what it counts, and how many. */
static void
set_accessible_figure (GtkWidget  *widget,
                       const char *what,
                       guint       count)
{
  /* Translators: what is counted, then the count: "Open complaints: 4" */
  g_autofree char *label = g_strdup_printf (_("%s: %u"), what, count);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* ------------------------------------------------------------------ */
/* Links to the customers behind a figure                               */

static void
follow_link (RegOverviewView  *self,
             RegCustomerQuery *query,
             const char       *description)
{
  g_signal_emit (self, signals[LINK_ACTIVATED], 0, query, description);
}

static void
follow_open_cases (RegOverviewView *self)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();

  query->has_open_case = TRUE;
  follow_link (self, query, _("Customers with an open complaint"));
}

static void
follow_past_target (RegOverviewView *self)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();

  query->has_open_case = TRUE;
  query->case_past_target = TRUE;
  follow_link (self, query, _("Complaints past their target"));
}

static void
follow_overdue (RegOverviewView *self)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();

  query->has_overdue = TRUE;
  follow_link (self, query, _("Customers with an overdue promise"));
}

static void
follow_win_back (RegOverviewView *self)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autofree char *description = describe_win_back (self->win_back_days);

  query->kind = REG_CUSTOMER_KIND_CURRENT;
  query->not_seen_days = self->win_back_days;
  query->sort = REG_SORT_LAST_CONTACT;
  follow_link (self, query, description);
}

/* The tiles are a flow box's children, so that arrows move between them
 * and the row of them is one stop for Tab. */
static void
on_tile_activated (RegOverviewView *self,
                   GtkFlowBoxChild *tile,
                   GtkFlowBox      *tiles)
{
  GtkWidget *widget = GTK_WIDGET (tile);

  if (widget == self->open_tile)
    follow_open_cases (self);
  else if (widget == self->past_target_tile)
    follow_past_target (self);
  else if (widget == self->overdue_tile)
    follow_overdue (self);
  else if (widget == self->win_back_tile)
    follow_win_back (self);
}

static void
on_cell_clicked (GtkButton       *button,
                 RegOverviewView *self)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  RegCaseSeverity severity = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "severity"));
  guint age = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "age"));
  g_autofree char *description = describe_cell (severity, age);

  query->has_open_case = TRUE;
  query->case_severity = severity;
  reg_case_age_bounds (age, self->now, &query->case_opened_from, &query->case_opened_until);
  follow_link (self, query, description);
}

static void
on_week_activated (RegOverviewView      *self,
                   guint                 index,
                   RegSatisfactionChart *chart)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *day = NULL;
  g_autofree char *description = NULL;
  const RegSatisfactionWeek *week;

  if (index >= self->weeks->len)
    return;

  week = &g_array_index (self->weeks, RegSatisfactionWeek, index);
  start = g_date_time_new_from_unix_local (week->week_start);
  if (start == NULL)
    return;
  /* A week is seven calendar days, whatever daylight saving did. */
  end = g_date_time_add_weeks (start, 1);

  query->rated_from = week->week_start;
  query->rated_until = g_date_time_to_unix (end);
  /* Translators: a short date for the week that starts on it, as in "16 Nov"; see strftime */
  day = g_date_time_format (start, _("%-d %b"));
  /* Translators: %s is a short date, as in "16 Nov" */
  description = g_strdup_printf (_("Said how satisfied they were in the week of %s"), day);
  follow_link (self, query, description);
}

static void
on_staff_row_activated (RegOverviewView *self,
                        GtkListBoxRow   *row,
                        GtkListBox      *list)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  gint64 *staff_id = g_object_get_data (G_OBJECT (row), "staff-id");
  g_autofree char *description = NULL;

  if (staff_id == NULL)
    return;

  query->has_overdue = TRUE;
  if (*staff_id != 0)
    {
      query->overdue_for = *staff_id;
      /* Translators: %s is a staff member's name */
      description = g_strdup_printf (_("Promises overdue for %s"),
                                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }
  else
    {
      query->overdue_for = REG_STAFF_NOBODY;
      description = g_strdup (_("Promises overdue for nobody in particular"));
    }
  follow_link (self, query, description);
}

static void
on_win_back_row_activated (RegOverviewView *self,
                           GtkListBoxRow   *row,
                           GtkListBox      *list)
{
  gint64 *customer_id = g_object_get_data (G_OBJECT (row), "customer-id");

  if (customer_id != NULL)
    g_signal_emit (self, signals[CUSTOMER_ACTIVATED], 0, *customer_id);
  else if (g_object_get_data (G_OBJECT (row), "show-all") != NULL)
    follow_win_back (self);
}

static void
on_kind_row_activated (RegOverviewView *self,
                       GtkListBoxRow   *row,
                       GtkListBox      *list)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();

  query->kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind"));
  follow_link (self, query, kind_description (query->kind));
}

/* ------------------------------------------------------------------ */
/* Reading the figures                                                  */

/* Removes the rows, not the placeholder, which is a child too. */
static void
list_box_clear (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
set_row_id (GtkWidget  *row,
            const char *key,
            gint64      id)
{
  g_object_set_data_full (G_OBJECT (row), key, g_memdup2 (&id, sizeof id), g_free);
}

/* A row that leads to a list: a count and an arrow at its end. */
static GtkWidget *
link_row_new (const char *title,
              const char *subtitle,
              GtkLabel  **count_label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* Names are text, not markup: "Smith & Sons" must show as typed. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_set_visible (count, count_label != NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  gtk_widget_add_css_class (arrow, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  if (count_label != NULL)
    *count_label = GTK_LABEL (count);
  return row;
}

static void
show_cases (RegOverviewView          *self,
            const RegOverviewFigures *figures)
{
  for (guint s = 0; s < N_SEVERITIES; s++)
    for (guint age = 0; age < REG_CASE_AGE_N; age++)
      {
        guint count = figures->by_severity_age[severities[s]][age];
        GtkWidget *button = self->cells[s][age];
        g_autofree char *description = describe_cell (severities[s], age);

        gtk_widget_set_visible (button, count > 0);
        gtk_widget_set_visible (self->zero_cells[s][age], count == 0);
        set_count (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), count);
        set_accessible_figure (button, description, count);
      }

  set_count (self->open_figure, figures->open_cases);
  set_accessible_figure (self->open_tile, _("Open complaints"), figures->open_cases);

  set_count (self->past_target_figure, figures->past_target);
  if (figures->past_target > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->past_target_figure), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->past_target_figure), "error");
  set_accessible_figure (self->past_target_tile, _("Complaints past their target"),
                         figures->past_target);
}

static void
show_overdue (RegOverviewView          *self,
              const RegOverviewFigures *figures)
{
  guint total = 0;

  list_box_clear (self->staff_list);
  for (guint i = 0; figures->overdue_by_staff != NULL && i < figures->overdue_by_staff->len; i++)
    {
      const RegStaffCount *entry = &g_array_index (figures->overdue_by_staff, RegStaffCount, i);
      g_autoptr(RegStaff) staff = NULL;
      g_autofree char *name = NULL;
      GtkLabel *count;
      GtkWidget *row;

      if (entry->count == 0)
        continue;
      total += entry->count;
      if (entry->staff_id != 0)
        staff = reg_store_get_staff (self->store, entry->staff_id, NULL);
      if (staff != NULL)
        name = g_strdup (reg_staff_get_name (staff));
      else if (entry->staff_id == 0)
        /* Translators: who an overdue promise is assigned to when it is nobody */
        name = g_strdup (_("Nobody"));
      else
        name = g_strdup (_("Someone no longer on the staff"));

      row = link_row_new (name, NULL, &count);
      set_count (count, entry->count);
      set_row_id (row, "staff-id", entry->staff_id);
      set_accessible_figure (row, name, entry->count);
      gtk_list_box_append (self->staff_list, row);
    }

  set_count (self->overdue_figure, total);
  set_accessible_figure (self->overdue_tile, _("Overdue promises"), total);
}

/* The first few to win back, by name: the figures carry their ids,
 * read down an index, longest unseen first. */
static void
name_win_back (RegOverviewView          *self,
               const RegOverviewFigures *figures)
{
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  GtkLabel *count_label;
  GtkWidget *row;

  list_box_clear (self->win_back_list);
  if (figures->win_back == 0)
    return;

  customers = reg_store_load_customers (self->store, figures->win_back_ids,
                                        MIN (figures->n_win_back_ids, REG_OVERVIEW_WIN_BACK_SHOWN), &error);
  if (customers == NULL)
    {
      g_warning ("Could not read the customers to win back: %s", error->message);
      return;
    }

  for (guint i = 0; i < customers->len; i++)
    {
      RegCustomer *customer = g_ptr_array_index (customers, i);
      g_autofree char *seen = format_last_seen (reg_customer_get_last_contact_at (customer), self->now);

      row = link_row_new (reg_customer_get_display_name (customer), seen, NULL);
      set_row_id (row, "customer-id", reg_customer_get_id (customer));
      gtk_list_box_append (self->win_back_list, row);
    }

  row = link_row_new (_("Show All in the List"), NULL, &count_label);
  set_count (count_label, self->win_back);
  g_object_set_data (G_OBJECT (row), "show-all", GINT_TO_POINTER (TRUE));
  gtk_list_box_append (self->win_back_list, row);
}

static void
show_win_back (RegOverviewView          *self,
               const RegOverviewFigures *figures)
{
  g_autofree char *description = NULL;
  guint count = figures->win_back;

  self->win_back = count;
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Current customers not seen for %u day, longest unseen first",
                                              "Current customers not seen for %u days, longest unseen first",
                                              self->win_back_days),
                                 self->win_back_days);
  adw_preferences_group_set_description (self->win_back_group, description);
  set_count (self->win_back_figure, count);
  set_accessible_figure (self->win_back_tile, _("Customers to win back"), count);

  gtk_widget_set_visible (self->win_back_placeholder, count == 0);
  name_win_back (self, figures);
}

static void
show_satisfaction (RegOverviewView *self,
                   GArray          *weeks)
{
  g_autofree char *total = NULL;
  double sum = 0;
  guint count = 0;

  g_array_set_size (self->weeks, 0);
  if (weeks != NULL)
    g_array_append_vals (self->weeks, weeks->data, weeks->len);
  reg_satisfaction_chart_set_weeks (self->chart, self->weeks);

  for (guint i = 0; i < self->weeks->len; i++)
    {
      const RegSatisfactionWeek *week = &g_array_index (self->weeks, RegSatisfactionWeek, i);

      sum += week->average * week->count;
      count += week->count;
    }

  if (count > 0)
    /* Translators: the average satisfaction (1 to 5), then the number of answers */
    total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.1f on average from %u answer",
                                          "%.1f on average from %u answers", count),
                             sum / count, count);
  else
    total = g_strdup (_("No answers yet"));
  adw_preferences_group_set_description (self->satisfaction_group, total);
}

static void
show_kinds (RegOverviewView          *self,
            const RegOverviewFigures *figures)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (self->kind_counts[i]), GTK_TYPE_LIST_BOX_ROW);

      set_count (self->kind_counts[i], figures->customers_by_kind[kinds[i]]);
      set_accessible_figure (row, kind_title (kinds[i]), figures->customers_by_kind[kinds[i]]);
    }
}

static void
read_again (RegOverviewView *self)
{
  RegOverviewFigures figures = { 0 };
  g_autoptr(GArray) weeks = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  g_clear_handle_id (&self->refresh_timeout, g_source_remove);
  self->dirty = FALSE;
  if (self->store == NULL)
    return;

  self->now = reg_store_now (self->store);
  self->win_back_days = reg_store_get_win_back_days (self->store);

  if (!reg_store_get_overview (self->store, self->now, &figures, &error))
    {
      g_warning ("Could not count the Overview's figures: %s", error->message);
      reg_overview_figures_clear (&figures);
      return;
    }

  show_cases (self, &figures);
  show_overdue (self, &figures);
  show_kinds (self, &figures);
  show_win_back (self, &figures);
  reg_overview_figures_clear (&figures);

  weeks = reg_store_satisfaction_by_week (self->store, self->now, N_WEEKS, &error);
  if (weeks == NULL)
    {
      g_warning ("Could not read how satisfied customers were: %s", error->message);
      g_clear_error (&error);
    }
  show_satisfaction (self, weeks);

  g_debug ("Overview read in %.1f ms", (g_get_monotonic_time () - started) / 1000.0);
}

/**
 * reg_overview_view_refresh:
 *
 * Reads the figures again: at once when the Overview is on screen,
 * otherwise when it is next shown. Time passing ages complaints and
 * makes promises overdue without any change in the store.
 */
void
reg_overview_view_refresh (RegOverviewView *self)
{
  g_return_if_fail (REG_IS_OVERVIEW_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    read_again (self);
  else
    self->dirty = TRUE;
}

static gboolean
refresh_timeout (gpointer data)
{
  RegOverviewView *self = data;

  self->refresh_timeout = 0;
  reg_overview_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (RegOverviewView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  if (self->refresh_timeout == 0)
    self->refresh_timeout = g_timeout_add (REFRESH_DELAY, refresh_timeout, self);
}

/**
 * reg_overview_view_scroll_to_start:
 *
 * Scrolls back to the top, where the complaints are.
 */
void
reg_overview_view_scroll_to_start (RegOverviewView *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (REG_IS_OVERVIEW_VIEW (self));

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
set_store (RegOverviewView *self,
           RegStore        *store)
{
  static const char * const changes[] = {
    "customer-changed", "case-changed", "follow-up-changed", "visits-changed",
    "staff-changed", "settings-changed", "reloaded",
  };

  g_return_if_fail (self->store == NULL);

  if (store == NULL)
    return;

  self->store = g_object_ref (store);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    g_signal_connect_object (store, changes[i], G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------ */

static void
build_age_grid (RegOverviewView *self)
{
  for (guint age = 0; age < REG_CASE_AGE_N; age++)
    {
      GtkWidget *heading = gtk_label_new (age_title (age));

      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_label_set_justify (GTK_LABEL (heading), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (heading, "caption-heading");
      gtk_widget_add_css_class (heading, "dim-label");
      gtk_widget_set_valign (heading, GTK_ALIGN_END);
      gtk_grid_attach (self->age_grid, heading, age + 1, 0, 1, 1);
    }

  for (guint s = 0; s < N_SEVERITIES; s++)
    {
      GtkWidget *title = gtk_label_new (severity_title (severities[s]));

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (title, "heading");
      gtk_grid_attach (self->age_grid, title, 0, s + 1, 1, 1);

      for (guint age = 0; age < REG_CASE_AGE_N; age++)
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
          GtkWidget *button = gtk_button_new_with_label ("0");
          GtkWidget *zero = gtk_label_new ("0");
          g_autofree char *description = describe_cell (severities[s], age);

          gtk_widget_add_css_class (button, "flat");
          gtk_widget_add_css_class (button, "numeric");
          gtk_widget_set_tooltip_text (button, description);
          g_object_set_data (G_OBJECT (button), "severity", GINT_TO_POINTER (severities[s]));
          g_object_set_data (G_OBJECT (button), "age", GUINT_TO_POINTER (age));
          g_signal_connect (button, "clicked", G_CALLBACK (on_cell_clicked), self);
          gtk_widget_set_visible (button, FALSE);

          gtk_widget_add_css_class (zero, "dim-label");
          gtk_widget_add_css_class (zero, "numeric");
          gtk_widget_set_vexpand (zero, TRUE);
          set_accessible_figure (zero, description, 0);

          gtk_box_append (GTK_BOX (box), button);
          gtk_box_append (GTK_BOX (box), zero);
          gtk_grid_attach (self->age_grid, box, age + 1, s + 1, 1, 1);
          self->cells[s][age] = button;
          self->zero_cells[s][age] = zero;
        }
    }
}

static void
build_kind_list (RegOverviewView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *row = link_row_new (kind_title (kinds[i]), NULL, &self->kind_counts[i]);

      set_count (self->kind_counts[i], 0);
      g_object_set_data (G_OBJECT (row), "kind", GINT_TO_POINTER (kinds[i]));
      gtk_list_box_append (self->kind_list, row);
    }
}

static GtkWidget *
placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
reg_overview_view_map (GtkWidget *widget)
{
  RegOverviewView *self = REG_OVERVIEW_VIEW (widget);

  /* Filled before it is mapped, the page lays out once. */
  if (self->dirty && self->store != NULL)
    read_again (self);

  GTK_WIDGET_CLASS (reg_overview_view_parent_class)->map (widget);
}

static gboolean
reg_overview_view_grab_focus (GtkWidget *widget)
{
  RegOverviewView *self = REG_OVERVIEW_VIEW (widget);

  /* Through the flow box, which then moves from this tile with arrows */
  return gtk_widget_child_focus (GTK_WIDGET (self->tiles), GTK_DIR_TAB_FORWARD);
}

static void
reg_overview_view_dispose (GObject *object)
{
  RegOverviewView *self = REG_OVERVIEW_VIEW (object);

  g_clear_handle_id (&self->refresh_timeout, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_OVERVIEW_VIEW);

  G_OBJECT_CLASS (reg_overview_view_parent_class)->dispose (object);
}

static void
reg_overview_view_finalize (GObject *object)
{
  RegOverviewView *self = REG_OVERVIEW_VIEW (object);

  g_clear_pointer (&self->weeks, g_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (reg_overview_view_parent_class)->finalize (object);
}

static void
reg_overview_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RegOverviewView *self = REG_OVERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_overview_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RegOverviewView *self = REG_OVERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_overview_view_class_init (RegOverviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_overview_view_dispose;
  object_class->finalize = reg_overview_view_finalize;
  object_class->get_property = reg_overview_view_get_property;
  object_class->set_property = reg_overview_view_set_property;

  widget_class->map = reg_overview_view_map;
  widget_class->grab_focus = reg_overview_view_grab_focus;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         REG_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RegOverviewView::link-activated:
   * @query: the customers behind the figure
   * @description: what they are, for a person: "Complaints past their target"
   *
   * A figure was activated: show the customers it counts.
   */
  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  REG_TYPE_CUSTOMER_QUERY, G_TYPE_STRING);

  /**
   * RegOverviewView::customer-activated:
   * @customer_id: who was activated
   *
   * A customer named on the page was activated: open their card.
   */
  signals[CUSTOMER_ACTIVATED] =
    g_signal_new ("customer-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (REG_TYPE_SATISFACTION_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/reg-overview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, tiles);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, open_tile);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, past_target_tile);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, overdue_tile);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, win_back_tile);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, open_figure);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, past_target_figure);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, overdue_figure);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, win_back_figure);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, age_grid);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, win_back_group);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, satisfaction_group);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, chart);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, staff_list);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, win_back_list);
  gtk_widget_class_bind_template_child (widget_class, RegOverviewView, kind_list);
  gtk_widget_class_bind_template_callback (widget_class, on_tile_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_week_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_win_back_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_row_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "overviewview");
}

static void
reg_overview_view_init (RegOverviewView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->weeks = g_array_new (FALSE, TRUE, sizeof (RegSatisfactionWeek));
  self->win_back_days = REG_WIN_BACK_DAYS_DEFAULT;
  self->dirty = TRUE;

  build_age_grid (self);
  build_kind_list (self);
  gtk_list_box_set_placeholder (self->staff_list, placeholder_new (_("No promises are overdue")));
  self->win_back_placeholder = placeholder_new (_("Every current customer was seen recently"));
  gtk_list_box_set_placeholder (self->win_back_list, self->win_back_placeholder);
}
