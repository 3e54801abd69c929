/* test-overview.c: the Overview, the links from its figures to the
 * customer list, the shop-wide settings in Preferences and the
 * past-target badge, driven as a person would drive them, on a database
 * filled through the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "reg-test-util.h"
#include "model/reg-customer-list.h"
#include "ui/reg-customer-row.h"
#include "ui/reg-overview-view.h"
#include "ui/reg-preferences-window.h"
#include "ui/reg-satisfaction-chart.h"
#include "ui/reg-window.h"

#define HOUR 3600
#define DAY  (24 * HOUR)

typedef struct
{
  char   *dir;
  char   *path;
  gint64  now;          /* the store's clock while the test runs */
  gint64  priya, jonas;
  gint64  zoe, anna, omar, bea, kwame, lena, marta;
} Shop;

/* 11:00 on the day @days from today, local time */
static gint64
local_time (int days,
            int hour)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (now),
                                                    g_date_time_get_month (now),
                                                    g_date_time_get_day_of_month (now),
                                                    hour, 0, 0);
  g_autoptr(GDateTime) then = g_date_time_add_days (day, days);

  return g_date_time_to_unix (then);
}

static gint64
add_customer (RegStore        *store,
              const char      *name,
              RegCustomerKind  kind)
{
  g_autoptr(RegCustomer) customer = reg_customer_new ();
  g_autoptr(GError) error = NULL;

  reg_customer_set_display_name (customer, name);
  reg_customer_set_kind (customer, kind);
  g_assert_true (reg_store_save_customer (store, customer, &error));
  g_assert_no_error (error);
  return reg_customer_get_id (customer);
}

static gint64
open_case (RegStore        *store,
           gint64           customer_id,
           RegCaseSeverity  severity,
           gint64           opened_at,
           gint64           actor_id)
{
  g_autoptr(RegCase) kase = reg_case_new ();
  g_autoptr(GError) error = NULL;

  reg_case_set_customer_id (kase, customer_id);
  reg_case_set_title (kase, "The order came damaged");
  reg_case_set_severity (kase, severity);
  reg_case_set_opened_at (kase, opened_at);
  g_assert_true (reg_store_open_case (store, kase, actor_id, &error));
  g_assert_no_error (error);
  return reg_case_get_id (kase);
}

static void
add_visit (RegStore *store,
           gint64    customer_id,
           gint64    author_id,
           gint64    at,
           int       satisfaction)
{
  g_autoptr(RegVisit) visit = reg_visit_new ();
  g_autoptr(GError) error = NULL;

  reg_visit_set_customer_id (visit, customer_id);
  reg_visit_set_author_id (visit, author_id);
  reg_visit_set_happened_at (visit, at);
  reg_visit_set_text (visit, "Came in for a chat.");
  reg_visit_set_satisfaction (visit, satisfaction);
  g_assert_true (reg_store_save_visit (store, visit, &error));
  g_assert_no_error (error);
}

/* The store's clock stands at 11:00 thirty days from now, so that every
 * due time and target lies in the real future: the reminder service,
 * which goes by the real clock, reminds of nothing while a test runs. */
static void
shop_set_up (Shop *shop)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = NULL;
  gint64 now = local_time (30, 11);

  shop->now = now;
  shop->dir = g_dir_make_tmp ("regulars-overview-XXXXXX", &error);
  g_assert_no_error (error);
  shop->path = g_build_filename (shop->dir, "shop.db", NULL);
  store = reg_store_open (shop->path, &error);
  g_assert_no_error (error);

  /* Lena became a customer long ago and was never seen since. */
  reg_store_set_now (store, now - 200 * DAY);
  shop->lena = add_customer (store, "Lena Fischer", REG_CUSTOMER_KIND_CURRENT);

  reg_store_set_now (store, now);
  shop->priya = reg_test_add_staff (store, "Priya Sharma", TRUE);
  shop->jonas = reg_test_add_staff (store, "Jonas Weber", TRUE);
  shop->zoe = add_customer (store, "Zoë Brown", REG_CUSTOMER_KIND_CURRENT);
  shop->anna = add_customer (store, "Anna Smith", REG_CUSTOMER_KIND_CURRENT);
  shop->omar = add_customer (store, "Omar Haddad", REG_CUSTOMER_KIND_PROSPECT);
  shop->bea = add_customer (store, "Beatrice Annan", REG_CUSTOMER_KIND_CURRENT);
  shop->kwame = add_customer (store, "Kwame Mensah", REG_CUSTOMER_KIND_FORMER);
  shop->marta = add_customer (store, "Marta Rossi", REG_CUSTOMER_KIND_CURRENT);

  /* Complaints: urgent 1-3 days old (past its 4 hours), urgent under a
   * day (within them), normal over a week old (past its 3 days). */
  open_case (store, shop->zoe, REG_CASE_SEVERITY_URGENT, now - 2 * DAY, shop->priya);
  open_case (store, shop->anna, REG_CASE_SEVERITY_URGENT, now - 2 * HOUR, shop->priya);
  open_case (store, shop->omar, REG_CASE_SEVERITY_NORMAL, now - 10 * DAY, shop->jonas);

  /* Overdue promises: two of Priya's, one of Jonas's, one nobody's; and
   * one not yet due. */
  reg_test_add_follow_up (store, shop->omar, shop->priya, now - HOUR, "Call back", REG_FOLLOW_UP_STATUS_OPEN);
  reg_test_add_follow_up (store, shop->bea, shop->priya, now - 3 * HOUR, "Send the quote", REG_FOLLOW_UP_STATUS_OPEN);
  reg_test_add_follow_up (store, shop->bea, shop->jonas, now - DAY, "Ring back", REG_FOLLOW_UP_STATUS_OPEN);
  reg_test_add_follow_up (store, shop->kwame, 0, now - 2 * HOUR, "Post the catalogue", REG_FOLLOW_UP_STATUS_OPEN);
  reg_test_add_follow_up (store, shop->anna, shop->jonas, now + DAY, "Book the fitting", REG_FOLLOW_UP_STATUS_OPEN);

  /* How satisfied they were: 5 and 4 this week, 3 two weeks ago */
  add_visit (store, shop->bea, shop->priya, now - HOUR, 5);
  add_visit (store, shop->zoe, shop->jonas, now - 2 * HOUR, 4);
  add_visit (store, shop->kwame, shop->jonas, now - 14 * DAY, 3);
  /* Marta was last seen four months ago. */
  add_visit (store, shop->marta, shop->jonas, now - 120 * DAY, 0);
}

static void
shop_tear_down (Shop *shop)
{
  reg_test_remove_tree (shop->dir);
  g_free (shop->dir);
  g_free (shop->path);
}

static RegWindow *
main_window (RegApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (REG_IS_WINDOW (window));
  reg_test_wait_mapped (window);
  return REG_WINDOW (window);
}

static RegOverviewView *
overview (RegWindow *window)
{
  GtkWidget *view = reg_test_find_widget (GTK_WIDGET (window), REG_TYPE_OVERVIEW_VIEW, NULL, NULL);

  g_assert_nonnull (view);
  return REG_OVERVIEW_VIEW (view);
}

/* Sets the store's clock and opens the Overview, as its button does. */
static RegOverviewView *
show_overview (RegApplication *app,
               Shop           *shop)
{
  RegWindow *window = main_window (app);
  RegOverviewView *view;

  reg_store_set_now (reg_application_get_store (app), shop->now);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-overview", NULL);
  view = overview (window);
  reg_test_wait_mapped (view);
  reg_test_settle ();
  return view;
}

/* ------------------------------------------------------------------ */
/* Finding what a person sees                                           */

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  text)
{
  return gtk_widget_is_drawable (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
label_text_is (GtkWidget     *widget,
               gconstpointer  text)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
row_titled (GtkWidget     *widget,
            gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The count a figure's tile shows, found by its caption */
static const char *
tile_figure (RegOverviewView *view,
             const char      *caption,
             GtkWidget      **tile_out)
{
  GtkWidget *label = reg_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_is, caption);
  GtkWidget *tile, *figure;

  g_assert_nonnull (label);
  tile = gtk_widget_get_ancestor (label, GTK_TYPE_FLOW_BOX_CHILD);
  g_assert_nonnull (tile);
  figure = gtk_widget_get_first_child (gtk_widget_get_parent (label));
  g_assert_true (GTK_IS_LABEL (figure));
  g_assert_true (gtk_widget_is_drawable (figure));
  if (tile_out != NULL)
    *tile_out = tile;
  return gtk_label_get_text (GTK_LABEL (figure));
}

/* The count in the severity and age table, "0" when it is no button */
static const char *
cell_figure (RegOverviewView *view,
             const char      *description,
             GtkWidget      **button_out)
{
  GtkWidget *button = reg_test_find_widget (GTK_WIDGET (view), GTK_TYPE_BUTTON, has_tooltip, description);
  GtkWidget *zero;

  g_assert_nonnull (button);
  if (button_out != NULL)
    *button_out = button;
  if (gtk_widget_is_drawable (button))
    return gtk_button_get_label (GTK_BUTTON (button));

  zero = gtk_widget_get_next_sibling (button);
  g_assert_true (gtk_widget_is_drawable (zero));
  return gtk_label_get_text (GTK_LABEL (zero));
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = reg_test_find_widget (root, ADW_TYPE_ACTION_ROW, row_titled, title);

  g_assert_nonnull (row);
  return row;
}

static gboolean
is_count (GtkWidget     *widget,
          gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "numeric") && gtk_widget_get_visible (widget);
}

/* The count at the end of a row */
static const char *
row_count (GtkWidget *row)
{
  GtkWidget *label = reg_test_find_widget (row, GTK_TYPE_LABEL, is_count, NULL);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The titles of a list box's rows, in order */
static char *
row_titles (GtkWidget *list)
{
  GString *titles = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_PREFERENCES_ROW (child))
      g_string_append_printf (titles, "%s%s", titles->len ? "|" : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)));
  return g_string_free (titles, FALSE);
}

static GtkWidget *
list_of (GtkWidget  *root,
         const char *first_title)
{
  return gtk_widget_get_parent (find_row (root, first_title));
}

/* The customers the list holds, as the store names them, in order */
static char *
listed_names (RegApplication *app,
              RegWindow      *window)
{
  RegCustomerList *list = reg_window_get_customer_list (window);
  RegStore *store = reg_application_get_store (app);
  GString *names = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RegCustomer) customer = reg_store_get_customer (store, reg_customer_list_get_id (list, i), NULL);

      g_assert_nonnull (customer);
      g_string_append_printf (names, "%s%s", i ? "|" : "", reg_customer_get_display_name (customer));
    }
  return g_string_free (names, FALSE);
}

static gboolean
is_filter_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Filter and Sort") == 0;
}

/* A check button among the list's filters */
static GtkCheckButton *
filter_check (RegWindow  *window,
              const char *label)
{
  GtkWidget *button = reg_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, is_filter_button, NULL);
  g_autoptr(GPtrArray) checks = NULL;

  g_assert_nonnull (button);
  checks = reg_test_find_widgets (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                                  GTK_TYPE_CHECK_BUTTON);
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (gtk_check_button_get_label (checks->pdata[i]), label) == 0)
      return checks->pdata[i];
  g_assert_not_reached ();
}

static GtkRevealer *
filter_bar (RegWindow *window)
{
  const char *description = reg_window_get_filter_description (window);
  GtkWidget *label;

  if (description == NULL)
    return NULL;
  label = reg_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, label_text_is, description);
  g_assert_nonnull (label);
  return GTK_REVEALER (gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER));
}

static gboolean
bar_revealed (gpointer data)
{
  return gtk_revealer_get_child_revealed (data) && gtk_widget_is_drawable (gtk_revealer_get_child (data));
}

/* Whether the bar above the list says what it shows, once it has slid
 * into view. */
static gboolean
filter_bar_shown (RegWindow *window)
{
  GtkRevealer *bar = filter_bar (window);

  return bar != NULL && gtk_revealer_get_reveal_child (bar) &&
         reg_test_wait_until (bar_revealed, bar, 5000);
}

/* ------------------------------------------------------------------ */

static void
check_figures (RegApplication *app,
               gpointer        data)
{
  Shop *shop = data;
  RegOverviewView *view = show_overview (app, shop);
  RegSatisfactionChart *chart;
  g_autofree char *staff = NULL, *win_back = NULL;
  g_autofree char *this_week = NULL, *two_weeks_ago = NULL;
  GtkWidget *tile;
  const RegSatisfactionWeek *week;
  const char *summary;

  /* The tiles */
  g_assert_cmpstr (tile_figure (view, "Open Complaints", NULL), ==, "3");
  g_assert_cmpstr (tile_figure (view, "Past Their Target", NULL), ==, "2");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (gtk_widget_get_parent (
    reg_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_is, "Past Their Target"))), "error"));
  g_assert_cmpstr (tile_figure (view, "Overdue Promises", &tile), ==, "4");
  g_assert_cmpstr (tile_figure (view, "To Win Back", NULL), ==, "2");

  /* The table of severity by age */
  g_assert_cmpstr (cell_figure (view, "Urgent complaints opened 1–3 days ago", NULL), ==, "1");
  g_assert_cmpstr (cell_figure (view, "Urgent complaints opened under a day ago", NULL), ==, "1");
  g_assert_cmpstr (cell_figure (view, "Normal complaints opened over a week ago", NULL), ==, "1");
  g_assert_cmpstr (cell_figure (view, "Normal complaints opened 3–7 days ago", NULL), ==, "0");
  g_assert_cmpstr (cell_figure (view, "High-severity complaints opened under a day ago", NULL), ==, "0");
  g_assert_cmpstr (cell_figure (view, "Low-severity complaints opened over a week ago", NULL), ==, "0");

  /* Overdue promises by staff: the most first */
  staff = row_titles (list_of (GTK_WIDGET (view), "Priya Sharma"));
  g_assert_cmpstr (staff, ==, "Priya Sharma|Nobody|Jonas Weber");
  g_assert_cmpstr (row_count (find_row (GTK_WIDGET (view), "Priya Sharma")), ==, "2");
  g_assert_cmpstr (row_count (find_row (GTK_WIDGET (view), "Jonas Weber")), ==, "1");
  g_assert_cmpstr (row_count (find_row (GTK_WIDGET (view), "Nobody")), ==, "1");

  /* Customers by kind */
  g_assert_cmpstr (row_count (find_row (GTK_WIDGET (view), "Prospects")), ==, "1");
  g_assert_cmpstr (row_count (find_row (GTK_WIDGET (view), "Current Customers")), ==, "5");
  g_assert_cmpstr (row_count (find_row (GTK_WIDGET (view), "Former Customers")), ==, "1");

  /* Win back: the longest unseen first */
  win_back = row_titles (list_of (GTK_WIDGET (view), "Lena Fischer"));
  g_assert_cmpstr (win_back, ==, "Lena Fischer|Marta Rossi|Show All in the List");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (GTK_WIDGET (view), "Marta Rossi"))),
                   ==, "Last seen 4 months ago");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (GTK_WIDGET (view), "Lena Fischer"))),
                   ==, "Never seen");
  g_assert_cmpstr (row_count (find_row (GTK_WIDGET (view), "Show All in the List")), ==, "2");
  g_assert_nonnull (reg_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_is,
                                          "Current customers not seen for 90 days, longest unseen first"));

  /* Satisfaction: twelve weeks, the last this one */
  chart = REG_SATISFACTION_CHART (reg_test_find_widget (GTK_WIDGET (view), REG_TYPE_SATISFACTION_CHART, NULL, NULL));
  g_assert_nonnull (chart);
  g_assert_cmpuint (reg_satisfaction_chart_get_n_weeks (chart), ==, 12);
  week = reg_satisfaction_chart_get_week (chart, 11);
  g_assert_cmpuint (week->count, ==, 2);
  g_assert_cmpfloat_with_epsilon (week->average, 4.5, 0.001);
  g_assert_cmpint (week->week_start, <=, shop->now - 2 * HOUR);
  g_assert_cmpint (week->week_start, >, shop->now - 7 * DAY);
  week = reg_satisfaction_chart_get_week (chart, 9);
  g_assert_cmpuint (week->count, ==, 1);
  g_assert_cmpfloat_with_epsilon (week->average, 3.0, 0.001);
  for (guint i = 0; i < 12; i++)
    if (i != 9 && i != 11)
      g_assert_cmpuint (reg_satisfaction_chart_get_week (chart, i)->count, ==, 0);

  this_week = reg_satisfaction_chart_describe_week (chart, 11);
  g_assert_true (g_str_has_prefix (this_week, "Week of "));
  g_assert_true (g_str_has_suffix (this_week, ": 4.5 from 2 answers"));
  two_weeks_ago = reg_satisfaction_chart_describe_week (chart, 9);
  g_assert_true (g_str_has_suffix (two_weeks_ago, ": 3.0 from 1 answer"));
  summary = reg_satisfaction_chart_get_summary (chart);
  g_assert_true (g_str_has_prefix (summary, "Satisfaction in the last 12 weeks: 4.0 on average from 3 answers."));
  g_assert_nonnull (strstr (summary, this_week));
  g_assert_nonnull (strstr (summary, two_weeks_ago));
  g_assert_nonnull (reg_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_is,
                                          "4.0 on average from 3 answers"));
  /* The pointer finds a week's bar where it is drawn. */
  {
    int width = gtk_widget_get_width (GTK_WIDGET (chart));

    g_assert_cmpint (width, >, 0);
    g_assert_cmpuint (reg_satisfaction_chart_get_week_at (chart, width - 2), ==, 11);
  }
}

static void
check_links (RegApplication *app,
             gpointer        data)
{
  Shop *shop = data;
  RegWindow *window = main_window (app);
  RegOverviewView *view = show_overview (app, shop);
  RegSatisfactionChart *chart;
  GtkWidget *button, *tile;
  g_autofree char *all = NULL, *urgent = NULL, *past = NULL, *priya = NULL, *nobody = NULL;
  g_autofree char *rated = NULL, *win_back = NULL, *former = NULL, *after = NULL, *open = NULL;

  all = listed_names (app, window);
  g_assert_cmpstr (all, ==, "Anna Smith|Beatrice Annan|Kwame Mensah|Lena Fischer|Marta Rossi|Omar Haddad|Zoë Brown");
  g_assert_false (filter_bar_shown (window));

  /* A cell of the table */
  cell_figure (view, "Urgent complaints opened 1–3 days ago", &button);
  g_signal_emit_by_name (button, "clicked");
  urgent = listed_names (app, window);
  g_assert_cmpstr (urgent, ==, "Zoë Brown");
  g_assert_cmpstr (reg_window_get_filter_description (window), ==, "Urgent complaints opened 1–3 days ago");
  g_assert_true (filter_bar_shown (window));
  g_assert_true (gtk_check_button_get_active (filter_check (window, "Has an open _complaint")));
  /* The Overview stays beside the list. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));

  /* Past their target */
  tile_figure (view, "Past Their Target", &tile);
  gtk_widget_activate (tile);
  past = listed_names (app, window);
  g_assert_cmpstr (past, ==, "Omar Haddad|Zoë Brown");
  g_assert_cmpstr (reg_window_get_filter_description (window), ==, "Complaints past their target");

  /* Undoing in the filters what the link set there leaves the link. */
  gtk_check_button_set_active (filter_check (window, "Has an open _complaint"), FALSE);
  g_assert_null (reg_window_get_filter_description (window));
  all = (g_free (all), listed_names (app, window));
  g_assert_cmpstr (all, ==, "Anna Smith|Beatrice Annan|Kwame Mensah|Lena Fischer|Marta Rossi|Omar Haddad|Zoë Brown");

  /* All open complaints */
  tile_figure (view, "Open Complaints", &tile);
  gtk_widget_activate (tile);
  open = listed_names (app, window);
  g_assert_cmpstr (open, ==, "Anna Smith|Omar Haddad|Zoë Brown");

  /* A staff member's overdue promises, and those assigned to nobody */
  gtk_widget_activate (find_row (GTK_WIDGET (view), "Priya Sharma"));
  priya = listed_names (app, window);
  g_assert_cmpstr (priya, ==, "Beatrice Annan|Omar Haddad");
  g_assert_cmpstr (reg_window_get_filter_description (window), ==, "Promises overdue for Priya Sharma");
  g_assert_true (gtk_check_button_get_active (filter_check (window, "Has an _overdue promise")));
  g_assert_false (gtk_check_button_get_active (filter_check (window, "Has an open _complaint")));
  gtk_widget_activate (find_row (GTK_WIDGET (view), "Nobody"));
  nobody = listed_names (app, window);
  g_assert_cmpstr (nobody, ==, "Kwame Mensah");
  g_assert_cmpstr (reg_window_get_filter_description (window), ==, "Promises overdue for nobody in particular");

  /* A week of the chart: who said how satisfied they were then */
  chart = REG_SATISFACTION_CHART (reg_test_find_widget (GTK_WIDGET (view), REG_TYPE_SATISFACTION_CHART, NULL, NULL));
  reg_satisfaction_chart_activate_week (chart, 11);
  rated = listed_names (app, window);
  g_assert_cmpstr (rated, ==, "Beatrice Annan|Zoë Brown");
  g_assert_true (g_str_has_prefix (reg_window_get_filter_description (window),
                                   "Said how satisfied they were in the week of "));
  g_assert_false (gtk_check_button_get_active (filter_check (window, "Has an _overdue promise")));

  /* Win back, longest unseen first */
  tile_figure (view, "To Win Back", &tile);
  gtk_widget_activate (tile);
  win_back = listed_names (app, window);
  g_assert_cmpstr (win_back, ==, "Lena Fischer|Marta Rossi");
  g_assert_cmpstr (reg_window_get_filter_description (window), ==, "Current customers not seen for 90 days");
  g_assert_true (gtk_check_button_get_active (filter_check (window, "_Not seen for 90 days")));

  /* A kind */
  gtk_widget_activate (find_row (GTK_WIDGET (view), "Former Customers"));
  former = listed_names (app, window);
  g_assert_cmpstr (former, ==, "Kwame Mensah");
  g_assert_cmpstr (reg_window_get_filter_description (window), ==, "Former customers");
  g_assert_false (gtk_check_button_get_active (filter_check (window, "_Not seen for 90 days")));

  /* The bar's close button shows everyone again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  after = listed_names (app, window);
  g_assert_cmpstr (after, ==, "Anna Smith|Beatrice Annan|Kwame Mensah|Lena Fischer|Marta Rossi|Omar Haddad|Zoë Brown");
  g_assert_null (reg_window_get_filter_description (window));
  g_assert_false (filter_bar_shown (window));

  /* A name among those to win back opens the card. */
  gtk_widget_activate (find_row (GTK_WIDGET (view), "Marta Rossi"));
  g_assert_nonnull (reg_window_get_customer (window));
  g_assert_cmpint (reg_customer_get_id (reg_window_get_customer (window)), ==, shop->marta);
}

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

static void
check_narrow (RegApplication *app,
              gpointer        data)
{
  Shop *shop = data;
  RegWindow *window = main_window (app);
  AdwLeaflet *leaflet = ADW_LEAFLET (reg_test_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL, NULL));
  RegOverviewView *view;
  g_autofree char *former = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  g_assert_true (reg_test_wait_until (leaflet_folded, leaflet, 5000));

  view = show_overview (app, shop);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");

  /* Following a link goes to the list. */
  gtk_widget_activate (find_row (GTK_WIDGET (view), "Former Customers"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
  former = listed_names (app, window);
  g_assert_cmpstr (former, ==, "Kwame Mensah");
  g_assert_true (filter_bar_shown (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
}

static gboolean
label_shown (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (tile_figure (args[0], args[1], NULL), args[2]) == 0;
}

/* Changes in the store show on the page, after a short pause. */
static void
check_refresh (RegApplication *app,
               gpointer        data)
{
  Shop *shop = data;
  RegOverviewView *view = show_overview (app, shop);
  RegStore *store = reg_application_get_store (app);
  gpointer args[3] = { view, (gpointer) "Open Complaints", (gpointer) "4" };
  gpointer win_back_args[3] = { view, (gpointer) "To Win Back", (gpointer) "1" };
  g_autoptr(GError) error = NULL;

  open_case (store, shop->bea, REG_CASE_SEVERITY_URGENT, shop->now - 5 * HOUR, shop->jonas);
  g_assert_true (reg_test_wait_until (label_shown, args, 2000));
  g_assert_cmpstr (cell_figure (view, "Urgent complaints opened under a day ago", NULL), ==, "2");

  /* Winning back after 150 days leaves only Lena. */
  g_assert_true (reg_store_set_win_back_days (store, 150, &error));
  g_assert_no_error (error);
  g_assert_true (reg_test_wait_until (label_shown, win_back_args, 2000));
  g_assert_nonnull (reg_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_is,
                                          "Current customers not seen for 150 days, longest unseen first"));
}

static void
check_shortcut (RegApplication *app,
                gpointer        data)
{
  Shop *shop = data;
  RegWindow *window = main_window (app);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GSList) objects = NULL;
  GtkShortcut *found = NULL;
  gboolean listed = FALSE;

  reg_store_set_now (reg_application_get_store (app), shop->now);

  /* Ctrl+Shift+O, among the window's shortcuts */
  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; found == NULL && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.show-overview") == 0)
            found = shortcut;
        }
    }
  g_assert_nonnull (found);
  {
    g_autoptr(GtkShortcutTrigger) expected = gtk_shortcut_trigger_parse_string ("<Control><Shift>o");

    g_assert_true (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (found), expected));
  }
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (found), 0, GTK_WIDGET (window), NULL));
  reg_test_wait_mapped (overview (window));
  {
    g_autoptr(GPtrArray) titles = reg_test_find_widgets (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);
    gboolean overview_title = FALSE;

    for (guint i = 0; i < titles->len; i++)
      overview_title |= g_strcmp0 (adw_window_title_get_title (titles->pdata[i]), "Overview") == 0;
    g_assert_true (overview_title);
  }

  /* It says so in the Keyboard Shortcuts window. */
  builder = gtk_builder_new_from_resource (RESOURCE_PATH "/ui/reg-shortcuts-window.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *name = NULL, *accelerator = NULL;

        g_object_get (l->data, "title", &name, "accelerator", &accelerator, NULL);
        if (g_strcmp0 (name, "Show the Overview") == 0)
          listed = g_strcmp0 (accelerator, "<Control><Shift>o") == 0;
      }
  g_assert_true (listed);
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window")));

  /* The button in the list's header bar, and the main menu */
  g_assert_true (gtk_widget_get_visible (reg_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON,
                                                                has_tooltip, "Overview")));
}

/* ------------------------------------------------------------------ */
/* Preferences                                                          */

static gboolean
prefs_open (gpointer data)
{
  return reg_test_find_window (REG_TYPE_PREFERENCES_WINDOW) != NULL;
}

static gboolean
prefs_closed (gpointer data)
{
  return reg_test_find_window (REG_TYPE_PREFERENCES_WINDOW) == NULL;
}

static GtkWidget *
open_preferences (RegApplication *app)
{
  GtkWidget *prefs;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (reg_test_wait_until (prefs_open, NULL, 5000));
  prefs = GTK_WIDGET (reg_test_find_window (REG_TYPE_PREFERENCES_WINDOW));
  reg_test_wait_mapped (prefs);
  return prefs;
}

static GtkWidget *
in_row (GtkWidget  *prefs,
        const char *title,
        GType       type)
{
  GtkWidget *widget = reg_test_find_widget (find_row (prefs, title), type, NULL, NULL);

  g_assert_nonnull (widget);
  return widget;
}

static gint64
setting (RegApplication *app,
         const char     *key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT value FROM settings WHERE key = '%s'", key);

  return reg_test_sql_int (reg_application_get_store (app), sql);
}

static void
check_preferences (RegApplication *app,
                   gpointer        data)
{
  RegWindow *window = main_window (app);
  GtkWidget *prefs = open_preferences (app);
  RegCaseTargets targets;

  /* What the store holds to begin with: 4 hours, 1 day, 3 days, 7 days */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (in_row (prefs, "Urgent", GTK_TYPE_SPIN_BUTTON))), ==, 4);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (in_row (prefs, "Urgent", GTK_TYPE_DROP_DOWN))), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (in_row (prefs, "High", GTK_TYPE_SPIN_BUTTON))), ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (in_row (prefs, "High", GTK_TYPE_DROP_DOWN))), ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (in_row (prefs, "Low", GTK_TYPE_SPIN_BUTTON))), ==, 7);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (in_row (prefs, "Win Back After", GTK_TYPE_SPIN_BUTTON))), ==, 90);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (in_row (prefs, "Count Working Days Only", GTK_TYPE_SWITCH))));

  /* Urgent: 6 hours */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (in_row (prefs, "Urgent", GTK_TYPE_SPIN_BUTTON)), 6);
  g_assert_cmpint (setting (app, "case-target-hours-urgent"), ==, 6);
  /* High: in hours, 36 of them */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (in_row (prefs, "High", GTK_TYPE_DROP_DOWN)), 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (in_row (prefs, "High", GTK_TYPE_SPIN_BUTTON)), 36);
  g_assert_cmpint (setting (app, "case-target-hours-high"), ==, 36);
  /* Normal: 5 days */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (in_row (prefs, "Normal", GTK_TYPE_SPIN_BUTTON)), 5);
  g_assert_cmpint (setting (app, "case-target-hours-normal"), ==, 5 * 24);
  gtk_switch_set_active (GTK_SWITCH (in_row (prefs, "Count Working Days Only", GTK_TYPE_SWITCH)), TRUE);
  g_assert_cmpint (setting (app, "case-target-working-days"), ==, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (in_row (prefs, "Win Back After", GTK_TYPE_SPIN_BUTTON)), 60);
  g_assert_cmpint (setting (app, "win-back-days"), ==, 60);

  reg_store_get_case_targets (reg_application_get_store (app), &targets);
  g_assert_cmpuint (targets.hours[REG_CASE_SEVERITY_URGENT], ==, 6);
  g_assert_cmpuint (targets.hours[REG_CASE_SEVERITY_HIGH], ==, 36);
  g_assert_cmpuint (targets.hours[REG_CASE_SEVERITY_NORMAL], ==, 120);
  g_assert_cmpuint (targets.hours[REG_CASE_SEVERITY_LOW], ==, 168);
  g_assert_true (targets.working_days_only);

  /* The customer filters count unseen days as the win-back time. */
  g_assert_nonnull (filter_check (window, "_Not seen for 60 days"));

  /* Opened again, it shows what was chosen. */
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_true (reg_test_wait_until (prefs_closed, NULL, 5000));
  prefs = open_preferences (app);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (in_row (prefs, "Urgent", GTK_TYPE_SPIN_BUTTON))), ==, 6);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (in_row (prefs, "Urgent", GTK_TYPE_DROP_DOWN))), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (in_row (prefs, "High", GTK_TYPE_SPIN_BUTTON))), ==, 36);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (in_row (prefs, "High", GTK_TYPE_DROP_DOWN))), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (in_row (prefs, "Normal", GTK_TYPE_SPIN_BUTTON))), ==, 5);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (in_row (prefs, "Normal", GTK_TYPE_DROP_DOWN))), ==, 1);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (in_row (prefs, "Count Working Days Only", GTK_TYPE_SWITCH))));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (in_row (prefs, "Win Back After", GTK_TYPE_SPIN_BUTTON))), ==, 60);

  /* Another desk (here the store itself) changes them: shown at once. */
  g_assert_true (reg_store_set_win_back_days (reg_application_get_store (app), 120, NULL));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (in_row (prefs, "Win Back After", GTK_TYPE_SPIN_BUTTON))), ==, 120);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* ------------------------------------------------------------------ */
/* The badge in the list                                                */

static gboolean
is_customer_view (GtkWidget     *widget,
                  gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "navigation-sidebar");
}

static RegCustomerRow *
shown_row (RegWindow  *window,
           const char *name)
{
  GtkWidget *view = reg_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, is_customer_view, NULL);
  g_autoptr(GPtrArray) rows = NULL;

  reg_test_settle ();
  rows = reg_test_find_widgets (view, REG_TYPE_CUSTOMER_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      RegCustomer *customer = reg_customer_row_get_customer (rows->pdata[i]);

      if (customer != NULL && gtk_widget_get_mapped (rows->pdata[i]) &&
          g_strcmp0 (reg_customer_get_display_name (customer), name) == 0)
        return rows->pdata[i];
    }
  g_assert_not_reached ();
}

static void
check_past_target_badge (RegApplication *app,
                         gpointer        data)
{
  Shop *shop = data;
  RegWindow *window = main_window (app);
  RegStore *store = reg_application_get_store (app);
  RegCustomerRow *row;

  reg_store_set_now (store, shop->now);

  /* Anna's complaint is within its target: the open-complaint badge */
  row = shown_row (window, "Anna Smith");
  g_assert_true (reg_customer_row_shows_badge (row, "dialog-warning-symbolic"));
  g_assert_false (reg_customer_row_shows_badge (row, "emblem-important-symbolic"));

  /* One opened yesterday is past its four hours: the row says so at once. */
  open_case (store, shop->anna, REG_CASE_SEVERITY_URGENT, shop->now - DAY, shop->priya);
  row = shown_row (window, "Anna Smith");
  g_assert_true (reg_customer_row_shows_badge (row, "emblem-important-symbolic"));
  g_assert_false (reg_customer_row_shows_badge (row, "dialog-warning-symbolic"));

  /* Kwame has no complaint at all. */
  row = shown_row (window, "Kwame Mensah");
  g_assert_false (reg_customer_row_shows_badge (row, "emblem-important-symbolic"));
  g_assert_false (reg_customer_row_shows_badge (row, "dialog-warning-symbolic"));
}

#define OVERVIEW_TEST(name) \
  static void test_##name (void) \
  { \
    g_autoptr(RegApplication) app = reg_test_application_new (); \
    Shop shop = { 0 }; \
    shop_set_up (&shop); \
    reg_test_run_with_database (app, shop.path, check_##name, &shop); \
    shop_tear_down (&shop); \
  }

OVERVIEW_TEST (figures)
OVERVIEW_TEST (links)
OVERVIEW_TEST (narrow)
OVERVIEW_TEST (refresh)
OVERVIEW_TEST (shortcut)
OVERVIEW_TEST (preferences)
OVERVIEW_TEST (past_target_badge)

int
main (int   argc,
      char *argv[])
{
  reg_test_init (&argc, &argv);

  g_test_add_func ("/overview/figures", test_figures);
  g_test_add_func ("/overview/links", test_links);
  g_test_add_func ("/overview/links/narrow", test_narrow);
  g_test_add_func ("/overview/refresh", test_refresh);
  g_test_add_func ("/overview/shortcut", test_shortcut);
  g_test_add_func ("/overview/preferences/targets-and-win-back", test_preferences);
  g_test_add_func ("/overview/list/past-target-badge", test_past_target_badge);

  return g_test_run ();
}
