/* test-cases.c: complaints on the customer card — opened from the card,
 * escalated, handed over, resolved with how satisfied the customer was,
 * the customer told of a delay — driven through the card, the new
 * complaint dialog, the case window and the delay dialog, and checked in
 * what they show and what the database holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "reg-test-util.h"
#include "ui/reg-case-dialog.h"
#include "ui/reg-case-window.h"
#include "ui/reg-customer-card.h"
#include "ui/reg-delay-dialog.h"
#include "ui/reg-tooltip.h"

/* Everything runs in the application, so that steps are taken by the
 * staff member at the keyboard. Its reminder service runs on the real
 * clock: ten years on, no target the tests set has come yet. London
 * leaves summer time on Sunday 26 October 2036, so a target counted in
 * days shows whether the hour stays put across the change. */
#define TEST_ZONE "Europe/London"
#define APP_NOW ((gint64) 2108545200)          /* Sat 25 Oct 2036 12:00 BST */
#define HOUR ((gint64) 3600)
#define DAY (24 * HOUR)

#define DUE_TITLE "New Date and Time (YYYY-MM-DD HH:MM)"

typedef struct
{
  char            *dir;
  char            *path;
  RegStore        *store;
  RegCustomer     *customer;
  gint64           priya;
  gint64           tom;
  gint64           sam;
  gint64           kettle;      /* an open case, Priya's, opened just now */
  RegCustomerCard *card;
} Fixture;

typedef struct
{
  const char *path;
  void      (*func) (Fixture *f);
} CaseTest;

/* ------------------------------------------------------------------ */
/* The database                                                         */

static gint64
case_int (Fixture    *f,
          gint64      id,
          const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM cases WHERE id = %" G_GINT64_FORMAT, column, id);

  return reg_test_sql_int (f->store, sql);
}

static char *
case_text (Fixture    *f,
           gint64      id,
           const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM cases WHERE id = %" G_GINT64_FORMAT, column, id);

  return reg_test_sql_text (f->store, sql);
}

static gint64
count_events (Fixture    *f,
              gint64      id,
              const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM case_events WHERE case_id = %" G_GINT64_FORMAT
                                          " AND kind = '%s'", id, kind);

  return reg_test_sql_int (f->store, sql);
}

static gint64
local_time (int year,
            int month,
            int day,
            int hour,
            int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

/* ------------------------------------------------------------------ */
/* The widgets                                                          */

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0 ||
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "reg-tooltip"), tooltip) == 0;
}

static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_titled (GtkWidget     *widget,
           gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
shows_text (GtkWidget     *widget,
            gconstpointer  text)
{
  return gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_object_ref (button);
  g_signal_emit_by_name (button, "clicked");
  g_object_unref (button);
}

static GtkWidget *
find_button (gpointer    root,
             const char *label)
{
  GtkWidget *button = reg_test_find_widget (GTK_WIDGET (root), GTK_TYPE_BUTTON, has_label, label);

  g_assert_nonnull (button);
  return button;
}

/* Offered: on screen and usable. */
static gboolean
is_offered (GtkWidget *button)
{
  return gtk_widget_is_sensitive (button) && gtk_widget_is_drawable (button);
}

static GtkWidget *
find_row (gpointer    root,
          const char *title)
{
  GtkWidget *row = reg_test_find_widget (GTK_WIDGET (root), ADW_TYPE_PREFERENCES_ROW, is_titled, title);

  g_assert_nonnull (row);
  return row;
}

static void
type_into (gpointer    root,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (root, title)), text);
}

static void
type_into_text_view (gpointer    root,
                     const char *text)
{
  GtkWidget *view = reg_test_find_widget (GTK_WIDGET (root), GTK_TYPE_TEXT_VIEW, NULL, NULL);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static const char *
combo_choice (gpointer    root,
              const char *title)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (find_row (root, title)));

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static gboolean
combo_offers (gpointer    root,
              const char *title,
              const char *name)
{
  GListModel *names = adw_combo_row_get_model (ADW_COMBO_ROW (find_row (root, title)));

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
      return TRUE;
  return FALSE;
}

static void
combo_choose (gpointer    root,
              const char *title,
              const char *name)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_row (root, title));
  GListModel *names = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }

  g_error ("%s cannot be chosen in %s", name, title);
}

static gboolean
window_shows (gpointer    root,
              const char *text)
{
  return reg_test_find_widget (GTK_WIDGET (root), GTK_TYPE_LABEL, shows_text, text) != NULL;
}

static gboolean
no_window_of_type (gpointer data)
{
  return reg_test_find_window (GPOINTER_TO_SIZE (data)) == NULL;
}

static void
assert_window_closed (GType type)
{
  g_assert_true (reg_test_wait_until (no_window_of_type, GSIZE_TO_POINTER (type), 5000));
}

static gpointer
wait_for_window (GType type)
{
  GtkWindow *window;

  reg_test_settle ();
  window = reg_test_find_window (type);
  g_assert_nonnull (window);
  reg_test_wait_mapped (window);
  return window;
}

/* The card's row for the case @title, or NULL. */
static GtkWidget *
case_row (Fixture    *f,
          const char *title)
{
  g_autoptr(GPtrArray) rows = reg_test_find_widgets (GTK_WIDGET (f->card), ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (gtk_widget_has_css_class (row, "case") && is_titled (row, title))
        return row;
    }
  return NULL;
}

static const char *
case_row_subtitle (Fixture    *f,
                   const char *title)
{
  GtkWidget *row = case_row (f, title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The flag beside a case on the card: its target, or that it is past. */
static GtkLabel *
case_row_flag (Fixture    *f,
               const char *title)
{
  GtkWidget *row = case_row (f, title);
  g_autoptr(GPtrArray) labels = NULL;

  g_assert_nonnull (row);
  labels = reg_test_find_widgets (row, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_has_css_class (label, "caption") && gtk_widget_get_visible (label))
        return GTK_LABEL (label);
    }
  return NULL;
}

static gboolean
card_shows_visit (Fixture    *f,
                  const char *text)
{
  g_autoptr(GPtrArray) rows = reg_test_find_widgets (GTK_WIDGET (f->card), ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (gtk_widget_has_css_class (row, "visit") && is_titled (row, text) && gtk_widget_is_drawable (row))
        return TRUE;
    }
  return FALSE;
}

/* The history of a case window, one line per step, oldest first. */
static char *
history (RegCaseWindow *window)
{
  g_autoptr(GPtrArray) rows = reg_test_find_widgets (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW);
  GString *lines = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (!gtk_widget_has_css_class (row, "case-event"))
        continue;
      g_string_append_printf (lines, "%s | %s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
    }
  return g_string_free (lines, FALSE);
}

/* What the window says of @title; rows of a form may share the name. */
static const char *
detail (RegCaseWindow *window,
        const char    *title)
{
  GtkWidget *row = reg_test_find_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, is_titled, title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static RegCaseWindow *
open_case_window (Fixture *f,
                  gint64   id)
{
  reg_customer_card_show_case (f->card, id);
  return REG_CASE_WINDOW (wait_for_window (REG_TYPE_CASE_WINDOW));
}

/* ------------------------------------------------------------------ */
/* Fixture                                                              */

static void
fill_store (Fixture  *f,
            RegStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStaff) sam = reg_staff_new ();
  g_autoptr(RegCase) kase = reg_case_new ();

  f->store = g_object_ref (store);
  reg_store_set_now (f->store, APP_NOW);

  f->priya = reg_test_add_staff (f->store, "Priya Sharma", TRUE);
  f->tom = reg_test_add_staff (f->store, "Tom Baker", TRUE);
  reg_staff_set_name (sam, "Sam Lee");
  reg_staff_set_team (sam, "Workshop");
  reg_staff_set_active (sam, TRUE);
  g_assert_true (reg_store_save_staff (f->store, sam, &error));
  g_assert_no_error (error);
  f->sam = reg_staff_get_id (sam);

  f->customer = reg_customer_new ();
  reg_customer_set_display_name (f->customer, "Ada Lovelace");
  g_assert_true (reg_store_save_customer (f->store, f->customer, &error));
  g_assert_no_error (error);

  reg_case_set_customer_id (kase, reg_customer_get_id (f->customer));
  reg_case_set_title (kase, "Kettle leaks");
  reg_case_set_description (kase, "Bought last week; leaks from the base.");
  reg_case_set_severity (kase, REG_CASE_SEVERITY_NORMAL);
  g_assert_true (reg_store_open_case (f->store, kase, f->priya, &error));
  g_assert_no_error (error);
  f->kettle = reg_case_get_id (kase);
}

/* The card in a window of the application's own. */
static void
show_card (Fixture        *f,
           RegApplication *app)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 900);
  f->card = reg_customer_card_new (f->store);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->card));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  reg_customer_card_set_customer (f->card, f->customer);

  gtk_window_present (GTK_WINDOW (window));
  reg_test_wait_mapped (f->card);
}

static void
run_in_app (RegApplication *app,
            gpointer        data)
{
  Fixture *f = data;
  const CaseTest *test = g_object_get_data (G_OBJECT (app), "reg-case-test");

  fill_store (f, reg_application_get_store (app));
  g_settings_set_int64 (reg_application_get_settings (app), "current-staff-id", f->priya);
  show_card (f, app);

  test->func (f);

  reg_test_destroy_windows ();
  f->card = NULL;
  g_clear_object (&f->customer);
  g_clear_object (&f->store);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("regulars-cases-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "regulars.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  reg_test_destroy_windows ();
  g_clear_object (&f->customer);
  g_clear_object (&f->store);
  reg_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
run_test (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(RegApplication) app = reg_test_application_new ();

  g_object_set_data (G_OBJECT (app), "reg-case-test", (gpointer) data);
  reg_test_run_with_database (app, f->path, run_in_app, f);
}

/* ------------------------------------------------------------------ */
/* Opening a complaint                                                  */

static void
test_open_from_card (Fixture *f)
{
  RegCaseDialog *dialog;
  g_autofree char *severity = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  gint64 before = reg_test_sql_int (f->store, "SELECT count(*) FROM cases");
  GtkLabel *flag;
  gint64 id;

  /* The case already there, with its target beside it. */
  g_assert_cmpstr (case_row_subtitle (f, "Kettle leaks"), ==, "Normal · Open · Priya Sharma · opened just now");
  g_assert_cmpstr (gtk_label_get_text (case_row_flag (f, "Kettle leaks")), ==, "Due by Tue 28 Oct, 12:00");

  click (reg_test_find_widget (GTK_WIDGET (f->card), GTK_TYPE_BUTTON, has_tooltip, "Open a Complaint…"));
  dialog = wait_for_window (REG_TYPE_CASE_DIALOG);

  /* Ready to type; whoever starts the case owns it. */
  g_assert_cmpstr (combo_choice (dialog, "Severity"), ==, "Normal");
  g_assert_cmpstr (combo_choice (dialog, "Owner"), ==, "Priya Sharma");
  g_assert_true (window_shows (dialog, "To be resolved by Tue 28 Oct, 12:00"));

  /* The target follows the severity: hours around the clock, days on
   * the calendar (the clocks go back in between). */
  combo_choose (dialog, "Severity", "Urgent");
  g_assert_true (window_shows (dialog, "To be resolved by Sat 25 Oct, 16:00"));
  combo_choose (dialog, "Severity", "High");
  g_assert_true (window_shows (dialog, "To be resolved by Sun 26 Oct, 12:00"));

  /* No title: said on the field, nothing saved, nothing lost. */
  type_into_text_view (dialog, "The lid came off in her hand.");
  click (find_button (dialog, "_Save"));
  g_assert_true (window_shows (dialog, "Title: a case needs a short title"));
  g_assert_true (gtk_widget_has_css_class (find_row (dialog, "Title"), "error"));
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM cases"), ==, before);

  type_into (dialog, "Title", "  Lid came off  ");
  g_assert_false (gtk_widget_has_css_class (find_row (dialog, "Title"), "error"));
  click (find_button (dialog, "_Save"));
  assert_window_closed (REG_TYPE_CASE_DIALOG);

  id = reg_test_sql_int (f->store, "SELECT max(id) FROM cases");
  title = case_text (f, id, "title");
  description = case_text (f, id, "description");
  severity = case_text (f, id, "severity");
  g_assert_cmpstr (title, ==, "Lid came off");
  g_assert_cmpstr (description, ==, "The lid came off in her hand.");
  g_assert_cmpstr (severity, ==, "high");
  g_assert_cmpint (case_int (f, id, "owner_id"), ==, f->priya);
  g_assert_cmpint (case_int (f, id, "opened_at"), ==, APP_NOW);
  g_assert_cmpint (case_int (f, id, "target_at"), ==, local_time (2036, 10, 26, 12, 0));
  g_assert_cmpint (count_events (f, id, "opened"), ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT actor_id FROM case_events WHERE case_id = %" G_GINT64_FORMAT, id);

    g_assert_cmpint (reg_test_sql_int (f->store, sql), ==, f->priya);
  }

  /* On the card at once. */
  reg_test_settle ();
  g_assert_cmpstr (case_row_subtitle (f, "Lid came off"), ==, "High · Open · Priya Sharma · opened just now");
  flag = case_row_flag (f, "Lid came off");
  g_assert_nonnull (flag);
  g_assert_cmpstr (gtk_label_get_text (flag), ==, "Due by Sun 26 Oct, 12:00");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (flag), "error"));
}

/* Activating the row opens the case's window; Escape closes it. */
static void
test_row_opens_window (Fixture *f)
{
  GtkWidget *row = case_row (f, "Kettle leaks");
  RegCaseWindow *window;
  g_autofree char *lines = NULL;

  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  window = wait_for_window (REG_TYPE_CASE_WINDOW);

  g_assert_cmpint (reg_case_get_id (reg_case_window_get_case (window)), ==, f->kettle);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (window)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) ==
                 GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (f->card))));
  g_assert_true (window_shows (window, "Kettle leaks"));
  g_assert_true (window_shows (window, "Bought last week; leaks from the base."));
  g_assert_cmpstr (detail (window, "Customer"), ==, "Ada Lovelace");
  g_assert_cmpstr (detail (window, "Severity"), ==, "Normal");
  g_assert_cmpstr (detail (window, "Status"), ==, "Open");
  g_assert_cmpstr (detail (window, "Owner"), ==, "Priya Sharma");
  g_assert_cmpstr (detail (window, "Opened"), ==, "Sat 25 Oct, 12:00 (just now)");
  g_assert_cmpstr (detail (window, "Target"), ==, "Tue 28 Oct, 12:00");
  g_assert_false (gtk_widget_get_visible (find_row (window, "Escalated To")));

  lines = history (window);
  g_assert_cmpstr (lines, ==, "Opened by Priya Sharma | Sat 25 Oct, 12:00\n");

  /* Showing it again brings the same window forward. */
  reg_customer_card_show_case (f->card, f->kettle);
  reg_test_settle ();
  g_assert_true (reg_test_find_window (REG_TYPE_CASE_WINDOW) == GTK_WINDOW (window));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), >=, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  assert_window_closed (REG_TYPE_CASE_WINDOW);
}

/* ------------------------------------------------------------------ */
/* Steps                                                                */

/* Only the steps a case may take are offered. */
static void
test_refused_steps_not_offered (Fixture *f)
{
  RegCaseWindow *window = open_case_window (f, f->kettle);
  g_autofree char *status = NULL;
  g_autofree char *lines = NULL;

  g_assert_false (gtk_widget_is_sensitive (find_button (window, "_Close Case")));
  g_assert_false (is_offered (find_button (window, "_Close Case")));
  g_assert_false (is_offered (find_button (window, "Re_open")));
  g_assert_false (is_offered (find_button (window, "Record _Satisfaction…")));
  g_assert_true (is_offered (find_button (window, "_Start Work")));
  g_assert_true (is_offered (find_button (window, "_Waiting on Customer")));
  g_assert_true (is_offered (find_button (window, "_Escalate…")));
  g_assert_true (is_offered (find_button (window, "_Hand Over…")));
  g_assert_true (is_offered (find_button (window, "_Tell Customer About Delay…")));
  g_assert_true (is_offered (find_button (window, "_Resolve…")));

  click (find_button (window, "_Start Work"));
  status = case_text (f, f->kettle, "status");
  g_assert_cmpstr (status, ==, "in_progress");
  g_assert_cmpint (count_events (f, f->kettle, "status"), ==, 1);

  /* Started once is enough. */
  g_assert_false (is_offered (find_button (window, "_Start Work")));
  g_assert_cmpstr (detail (window, "Status"), ==, "In Progress");
  lines = history (window);
  g_assert_cmpstr (lines, ==,
                   "Opened by Priya Sharma | Sat 25 Oct, 12:00\n"
                   "Status: open → in progress | Priya Sharma · Sat 25 Oct, 12:00\n");
  g_assert_cmpstr (case_row_subtitle (f, "Kettle leaks"), ==,
                   "Normal · In Progress · Priya Sharma · opened just now");
}

static void
test_escalate (Fixture *f)
{
  RegCaseWindow *window = open_case_window (f, f->kettle);
  g_autofree char *status = NULL;
  g_autofree char *team = NULL;
  g_autofree char *lines = NULL;
  GtkWidget *reason;

  click (find_button (window, "_Escalate…"));
  reg_test_settle ();
  g_assert_cmpstr (combo_choice (window, "Staff Member"), ==, "Nobody");

  /* A colleague brings their team along. */
  combo_choose (window, "Staff Member", "Sam Lee");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (window, "Team"))), ==, "Workshop");

  /* Why is not optional: said on the field, nothing saved. */
  click (find_button (window, "_Escalate"));
  reason = find_row (window, "Reason");
  g_assert_true (window_shows (window, "Reason: say why the case is escalated"));
  g_assert_true (gtk_widget_has_css_class (reason, "error"));
  status = case_text (f, f->kettle, "status");
  g_assert_cmpstr (status, ==, "open");
  g_assert_cmpstr (combo_choice (window, "Staff Member"), ==, "Sam Lee");

  type_into (window, "Reason", "Needs a new heating element");
  g_assert_false (gtk_widget_has_css_class (reason, "error"));
  click (find_button (window, "_Escalate"));

  g_clear_pointer (&status, g_free);
  status = case_text (f, f->kettle, "status");
  team = case_text (f, f->kettle, "escalated_team");
  g_assert_cmpstr (status, ==, "escalated");
  g_assert_cmpint (case_int (f, f->kettle, "escalated_to_id"), ==, f->sam);
  g_assert_cmpstr (team, ==, "Workshop");
  g_assert_cmpint (count_events (f, f->kettle, "escalated"), ==, 1);

  lines = history (window);
  g_assert_cmpstr (lines, ==,
                   "Opened by Priya Sharma | Sat 25 Oct, 12:00\n"
                   "Escalated to Sam Lee (Workshop): Needs a new heating element | Priya Sharma · Sat 25 Oct, 12:00\n");
  g_assert_cmpstr (detail (window, "Escalated To"), ==, "Sam Lee (Workshop)");
  g_assert_cmpstr (detail (window, "Status"), ==, "Escalated");
  g_assert_false (is_offered (find_button (window, "_Escalate…")));
  g_assert_true (is_offered (find_button (window, "_Start Work")));
  g_assert_cmpstr (case_row_subtitle (f, "Kettle leaks"), ==,
                   "Normal · Escalated · Priya Sharma · opened just now");
}

static void
test_hand_over (Fixture *f)
{
  RegCaseWindow *window = open_case_window (f, f->kettle);
  g_autofree char *lines = NULL;

  click (find_button (window, "_Hand Over…"));
  reg_test_settle ();

  /* Handed over to someone else. */
  g_assert_false (combo_offers (window, "New Owner", "Priya Sharma"));
  g_assert_true (combo_offers (window, "New Owner", "Tom Baker"));
  combo_choose (window, "New Owner", "Tom Baker");
  type_into (window, "Note", "Off on holiday from Monday");
  click (find_button (window, "_Hand Over"));

  g_assert_cmpint (case_int (f, f->kettle, "owner_id"), ==, f->tom);
  g_assert_cmpint (count_events (f, f->kettle, "handed-over"), ==, 1);
  lines = history (window);
  g_assert_cmpstr (lines, ==,
                   "Opened by Priya Sharma | Sat 25 Oct, 12:00\n"
                   "Handed over to Tom Baker: Off on holiday from Monday | Priya Sharma · Sat 25 Oct, 12:00\n");
  g_assert_cmpstr (detail (window, "Owner"), ==, "Tom Baker");
  g_assert_cmpstr (case_row_subtitle (f, "Kettle leaks"), ==, "Normal · Open · Tom Baker · opened just now");
}

static void
test_resolve_with_satisfaction (Fixture *f)
{
  RegCaseWindow *window = open_case_window (f, f->kettle);
  g_autofree char *status = NULL;
  g_autofree char *resolution = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *lines = NULL;
  GtkWidget *row;

  reg_store_set_now (f->store, APP_NOW + 2 * HOUR);
  click (find_button (window, "_Resolve…"));
  reg_test_settle ();

  /* How it was resolved is asked for before anything is saved. */
  gtk_widget_activate_action (GTK_WIDGET (window), "case.set-satisfaction", "i", 4);
  click (find_button (window, "_Resolve"));
  g_assert_true (window_shows (window, "Resolution: say how the case was resolved"));
  g_assert_true (gtk_widget_has_css_class (find_row (window, "Resolution"), "error"));
  status = case_text (f, f->kettle, "status");
  g_assert_cmpstr (status, ==, "open");
  g_assert_cmpint (count_events (f, f->kettle, "rated"), ==, 0);

  type_into (window, "Resolution", "Replaced the kettle");
  gtk_switch_set_active (GTK_SWITCH (reg_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SWITCH, NULL, NULL)), TRUE);
  type_into (window, "What They Said", "Quick and friendly");
  g_assert_cmpstr (detail (window, "How Satisfied"), ==, "Happy");
  click (find_button (window, "_Resolve"));

  g_clear_pointer (&status, g_free);
  status = case_text (f, f->kettle, "status");
  resolution = case_text (f, f->kettle, "resolution");
  comment = case_text (f, f->kettle, "satisfaction_comment");
  g_assert_cmpstr (status, ==, "resolved");
  g_assert_cmpstr (resolution, ==, "Replaced the kettle");
  g_assert_cmpint (case_int (f, f->kettle, "customer_told"), ==, 1);
  g_assert_cmpint (case_int (f, f->kettle, "satisfaction"), ==, 4);
  g_assert_cmpstr (comment, ==, "Quick and friendly");
  g_assert_cmpint (case_int (f, f->kettle, "resolved_at"), ==, APP_NOW + 2 * HOUR);
  g_assert_cmpint (count_events (f, f->kettle, "resolved"), ==, 1);
  g_assert_cmpint (count_events (f, f->kettle, "rated"), ==, 1);

  lines = history (window);
  g_assert_cmpstr (lines, ==,
                   "Opened by Priya Sharma | Sat 25 Oct, 12:00\n"
                   "Resolved: Replaced the kettle (customer told) | Priya Sharma · Sat 25 Oct, 14:00\n"
                   "Satisfaction 4/5: Quick and friendly | Priya Sharma · Sat 25 Oct, 14:00\n");
  g_assert_cmpstr (detail (window, "Satisfaction"), ==, "★★★★☆ Happy · “Quick and friendly”");

  /* What a resolved case may do next. */
  g_assert_true (is_offered (find_button (window, "_Close Case")));
  g_assert_true (is_offered (find_button (window, "Re_open")));
  g_assert_false (is_offered (find_button (window, "Record _Satisfaction…")));
  g_assert_false (is_offered (find_button (window, "_Resolve…")));
  g_assert_false (is_offered (find_button (window, "_Escalate…")));

  /* On the card, over and dimmed, with how it ended. */
  row = case_row (f, "Kettle leaks");
  g_assert_true (gtk_widget_has_css_class (row, "dim-label"));
  g_assert_cmpstr (case_row_subtitle (f, "Kettle leaks"), ==,
                   "Normal · Resolved · Priya Sharma · resolved Sat 25 Oct, 14:00 · ★★★★☆");
  g_assert_null (case_row_flag (f, "Kettle leaks"));

  /* Closing it leaves nothing to do. */
  click (find_button (window, "_Close Case"));
  g_clear_pointer (&status, g_free);
  status = case_text (f, f->kettle, "status");
  g_assert_cmpstr (status, ==, "closed");
  g_assert_true (window_shows (window, "This case is closed."));
  g_assert_false (is_offered (find_button (window, "Re_open")));
}

/* Recording satisfaction later, on a case resolved without it. */
static void
test_record_satisfaction_later (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCase) kase = reg_store_get_case (f->store, f->kettle, &error);
  RegCaseWindow *window;

  g_assert_no_error (error);
  g_assert_true (reg_store_resolve_case (f->store, kase, "Refunded", FALSE, f->priya, &error));
  g_assert_no_error (error);

  window = open_case_window (f, f->kettle);
  click (find_button (window, "Record _Satisfaction…"));
  reg_test_settle ();

  /* A rating is what this step is for. */
  click (find_button (window, "_Save"));
  g_assert_true (window_shows (window, "Satisfaction: choose 1 to 5"));
  g_assert_cmpint (count_events (f, f->kettle, "rated"), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "case.set-satisfaction", "i", 2);
  click (find_button (window, "_Save"));
  g_assert_cmpint (case_int (f, f->kettle, "satisfaction"), ==, 2);
  g_assert_cmpint (count_events (f, f->kettle, "rated"), ==, 1);
  g_assert_false (is_offered (find_button (window, "Record _Satisfaction…")));
  g_assert_cmpstr (detail (window, "Resolution"), ==,
                   "Refunded\nSat 25 Oct, 12:00 · the customer was not told");
}

/* Cancelling a form takes nothing, and the steps come back; so does
 * Escape. */
static void
test_cancel_form (Fixture *f)
{
  RegCaseWindow *window = open_case_window (f, f->kettle);
  g_autofree char *status = NULL;

  click (find_button (window, "_Escalate…"));
  reg_test_settle ();
  type_into (window, "Reason", "Changed my mind");
  g_assert_false (is_offered (find_button (window, "_Resolve…")));

  click (find_button (window, "_Cancel"));
  reg_test_settle ();
  status = case_text (f, f->kettle, "status");
  g_assert_cmpstr (status, ==, "open");
  g_assert_true (is_offered (find_button (window, "_Resolve…")));
  g_assert_nonnull (reg_test_find_window (REG_TYPE_CASE_WINDOW));

  /* Escape takes the form away first, then closes the window. */
  click (find_button (window, "_Hand Over…"));
  reg_test_settle ();
  g_assert_false (is_offered (find_button (window, "_Resolve…")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "case.dismiss", NULL));
  reg_test_settle ();
  g_assert_true (is_offered (find_button (window, "_Resolve…")));
  g_assert_nonnull (reg_test_find_window (REG_TYPE_CASE_WINDOW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "case.dismiss", NULL));
  assert_window_closed (REG_TYPE_CASE_WINDOW);
  g_assert_cmpint (case_int (f, f->kettle, "owner_id"), ==, f->priya);
}

/* ------------------------------------------------------------------ */
/* Telling the customer about a delay                                   */

static void
test_delay_on_case (Fixture *f)
{
  RegCaseWindow *window = open_case_window (f, f->kettle);
  RegDelayDialog *dialog;
  g_autofree char *text = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *lines = NULL;
  gint64 visit_id, new_target = local_time (2036, 10, 31, 12, 0);
  gint64 before = reg_test_sql_int (f->store, "SELECT count(*) FROM visits");

  click (find_button (window, "_Tell Customer About Delay…"));
  dialog = wait_for_window (REG_TYPE_DELAY_DIALOG);

  /* A day later than the present target, at the same hour. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, DUE_TITLE))), ==, "2036-10-29 12:00");

  /* Nothing said, nothing saved. */
  click (find_button (dialog, "_Save"));
  g_assert_true (window_shows (dialog, "What was said: write down what the customer was told"));
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM visits"), ==, before);

  type_into_text_view (dialog, "The part arrives on Friday");
  type_into (dialog, DUE_TITLE, "2036-10-31 12:00");
  click (find_button (dialog, "_Save"));
  assert_window_closed (REG_TYPE_DELAY_DIALOG);

  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM visits"), ==, before + 1);
  visit_id = reg_test_sql_int (f->store, "SELECT max(id) FROM visits");
  text = reg_test_sql_text (f->store, "SELECT text FROM visits ORDER BY id DESC LIMIT 1");
  channel = reg_test_sql_text (f->store, "SELECT channel FROM visits ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (text, ==, "The part arrives on Friday");
  g_assert_cmpstr (channel, ==, "call");
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT author_id FROM visits ORDER BY id DESC LIMIT 1"), ==, f->priya);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT customer_id FROM visits ORDER BY id DESC LIMIT 1"), ==,
                   reg_customer_get_id (f->customer));
  g_assert_cmpint (case_int (f, f->kettle, "target_at"), ==, new_target);
  g_assert_cmpint (count_events (f, f->kettle, "customer-told"), ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT visit_id FROM case_events WHERE kind = 'customer-told' "
                                            "AND case_id = %" G_GINT64_FORMAT, f->kettle);

    g_assert_cmpint (reg_test_sql_int (f->store, sql), ==, visit_id);
  }

  reg_test_settle ();
  lines = history (window);
  g_assert_cmpstr (lines, ==,
                   "Opened by Priya Sharma | Sat 25 Oct, 12:00\n"
                   "Told the customer by phone: “The part arrives on Friday” — new target Fri 31 Oct, 12:00"
                   " | Priya Sharma · Sat 25 Oct, 12:00\n");
  g_assert_cmpstr (detail (window, "Target"), ==, "Fri 31 Oct, 12:00");

  /* The card shows the call in the visit log, and the new target. */
  g_assert_true (card_shows_visit (f, "The part arrives on Friday"));
  g_assert_cmpstr (gtk_label_get_text (case_row_flag (f, "Kettle leaks")), ==, "Due by Fri 31 Oct, 12:00");
}

static void
choose_from_follow_up_menu (Fixture    *f,
                            const char *promise,
                            const char *label)
{
  g_autoptr(GPtrArray) rows = reg_test_find_widgets (GTK_WIDGET (f->card), ADW_TYPE_ACTION_ROW);
  GtkWidget *row = NULL;
  GtkWidget *button;
  GMenuModel *menu;

  for (guint i = 0; i < rows->len && row == NULL; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (rows, i), "follow-up") &&
        is_titled (g_ptr_array_index (rows, i), promise))
      row = g_ptr_array_index (rows, i);
  g_assert_nonnull (row);

  button = reg_test_find_widget (row, GTK_TYPE_MENU_BUTTON, has_tooltip, "More Actions");
  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *item_label = NULL;
          g_autofree char *action = NULL;
          g_autoptr(GVariant) target = NULL;

          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &item_label);
          if (g_strcmp0 (item_label, label) != 0)
            continue;

          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          target = g_menu_model_get_item_attribute_value (section, j, G_MENU_ATTRIBUTE_TARGET, NULL);
          g_assert_true (gtk_widget_activate_action_variant (button, action, target));
          return;
        }
    }

  g_error ("The menu of “%s” has no “%s”", promise, label);
}

static void
test_delay_on_follow_up (Fixture *f)
{
  gint64 id = reg_test_add_follow_up (f->store, reg_customer_get_id (f->customer), f->priya,
                                      local_time (2036, 10, 27, 15, 30), "Ring about the spare part",
                                      REG_FOLLOW_UP_STATUS_OPEN);
  gint64 before = reg_test_sql_int (f->store, "SELECT count(*) FROM visits");
  g_autofree char *sql = g_strdup_printf ("SELECT due_at FROM follow_ups WHERE id = %" G_GINT64_FORMAT, id);
  g_autofree char *zone_sql = g_strdup_printf ("SELECT due_zone FROM follow_ups WHERE id = %" G_GINT64_FORMAT, id);
  g_autofree char *channel = NULL;
  g_autofree char *zone = NULL;
  RegDelayDialog *dialog;

  reg_test_settle ();
  choose_from_follow_up_menu (f, "Ring about the spare part", "_Tell Customer About Delay…");
  dialog = wait_for_window (REG_TYPE_DELAY_DIALOG);

  /* A day after it was due, at the same hour, across the change of clocks. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, DUE_TITLE))), ==, "2036-10-28 15:30");

  /* A time gone by is refused on its field. */
  type_into_text_view (dialog, "Emailed: the supplier is late");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_button (dialog, "Email")), TRUE);
  type_into (dialog, DUE_TITLE, "2036-10-24 09:00");
  click (find_button (dialog, "_Save"));
  g_assert_true (window_shows (dialog, "That due time has passed; choose a later one"));
  g_assert_true (gtk_widget_has_css_class (find_row (dialog, DUE_TITLE), "error"));
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM visits"), ==, before);

  type_into (dialog, DUE_TITLE, "2036-10-28 15:30");
  click (find_button (dialog, "_Save"));
  assert_window_closed (REG_TYPE_DELAY_DIALOG);

  g_assert_cmpint (reg_test_sql_int (f->store, sql), ==, local_time (2036, 10, 28, 15, 30));
  zone = reg_test_sql_text (f->store, zone_sql);
  g_assert_cmpstr (zone, ==, TEST_ZONE);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM visits"), ==, before + 1);
  channel = reg_test_sql_text (f->store, "SELECT channel FROM visits ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (channel, ==, "email");

  reg_test_settle ();
  g_assert_true (card_shows_visit (f, "Emailed: the supplier is late"));
}

/* Leaving the time as it was records what was said, and nothing moves. */
static void
test_delay_keeps_target (Fixture *f)
{
  RegCaseWindow *window = open_case_window (f, f->kettle);
  gint64 target = case_int (f, f->kettle, "target_at");
  RegDelayDialog *dialog;
  g_autofree char *lines = NULL;

  click (find_button (window, "_Tell Customer About Delay…"));
  dialog = wait_for_window (REG_TYPE_DELAY_DIALOG);
  type_into_text_view (dialog, "Still on track for Tuesday");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_button (dialog, "Visit")), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (find_row (dialog, "Move the Target")), FALSE);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (find_row (dialog, "Move the Target"))), ==,
                   "Stays Tue 28 Oct, 12:00");
  click (find_button (dialog, "_Save"));
  assert_window_closed (REG_TYPE_DELAY_DIALOG);

  g_assert_cmpint (case_int (f, f->kettle, "target_at"), ==, target);
  reg_test_settle ();
  lines = history (window);
  g_assert_cmpstr (lines, ==,
                   "Opened by Priya Sharma | Sat 25 Oct, 12:00\n"
                   "Told the customer in person: “Still on track for Tuesday” | Priya Sharma · Sat 25 Oct, 12:00\n");
}

/* ------------------------------------------------------------------ */
/* Past target                                                          */

static void
test_past_target_flag (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCase) late = reg_case_new ();
  g_autoptr(RegCase) done = reg_case_new ();
  RegCaseWindow *window;
  GtkLabel *flag;

  /* Opened five days ago, to be resolved in three. */
  reg_case_set_customer_id (late, reg_customer_get_id (f->customer));
  reg_case_set_title (late, "Wrong size delivered");
  reg_case_set_severity (late, REG_CASE_SEVERITY_URGENT);
  reg_case_set_opened_at (late, APP_NOW - 5 * DAY);
  reg_case_set_target_at (late, local_time (2036, 10, 23, 12, 0));
  g_assert_true (reg_store_open_case (f->store, late, f->tom, &error));
  g_assert_no_error (error);

  /* Over long ago: no flag, however late it was. */
  reg_case_set_customer_id (done, reg_customer_get_id (f->customer));
  reg_case_set_title (done, "Scratched lid");
  reg_case_set_opened_at (done, APP_NOW - 20 * DAY);
  g_assert_true (reg_store_open_case (f->store, done, f->tom, &error));
  g_assert_no_error (error);
  g_assert_true (reg_store_resolve_case (f->store, done, "Polished out", TRUE, f->tom, &error));
  g_assert_no_error (error);
  reg_test_settle ();

  flag = case_row_flag (f, "Wrong size delivered");
  g_assert_nonnull (flag);
  g_assert_cmpstr (gtk_label_get_text (flag), ==, "Past Target");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (flag), "error"));
  g_assert_cmpstr (reg_get_tooltip (GTK_WIDGET (flag)), ==, "Should have been resolved by Thu 23 Oct, 12:00");
  g_assert_cmpstr (case_row_subtitle (f, "Wrong size delivered"), ==,
                   "Urgent · Open · Tom Baker · opened 5 days ago");
  g_assert_null (case_row_flag (f, "Scratched lid"));
  g_assert_true (gtk_widget_has_css_class (case_row (f, "Scratched lid"), "dim-label"));
  g_assert_false (gtk_widget_has_css_class (case_row (f, "Kettle leaks"), "dim-label"));

  window = open_case_window (f, reg_case_get_id (late));
  g_assert_true (window_shows (window, "Past Target"));
  g_assert_cmpstr (detail (window, "Target"), ==, "Should have been resolved by Thu 23 Oct, 12:00");
  g_assert_cmpstr (detail (window, "Opened"), ==, "Mon 20 Oct, 12:00 (5 days ago)");

  /* A new target the customer was told of takes the flag away. */
  gtk_window_destroy (GTK_WINDOW (window));
  {
    g_autoptr(RegVisit) visit = reg_visit_new ();

    reg_visit_set_channel (visit, REG_CHANNEL_CALL);
    reg_visit_set_text (visit, "Sorry, new stock on Wednesday");
    reg_visit_set_author_id (visit, f->priya);
    g_assert_true (reg_store_tell_case_delay (f->store, late, visit, local_time (2036, 10, 29, 12, 0),
                                              f->priya, &error));
    g_assert_no_error (error);
  }
  reg_test_settle ();
  flag = case_row_flag (f, "Wrong size delivered");
  g_assert_cmpstr (gtk_label_get_text (flag), ==, "Due by Wed 29 Oct, 12:00");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (flag), "error"));
}

static void
test_every_control_is_named (Fixture *f)
{
  RegCaseWindow *window = open_case_window (f, f->kettle);
  g_autoptr(GPtrArray) buttons = reg_test_find_widgets (GTK_WIDGET (window), GTK_TYPE_BUTTON);

  g_assert_nonnull (reg_test_find_widget (GTK_WIDGET (f->card), GTK_TYPE_BUTTON, has_tooltip, "Open a Complaint…"));

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GtkWidget *parent = gtk_widget_get_parent (button);

      /* A menu button is named as a whole; the title bar is GTK's own. */
      if (GTK_IS_MENU_BUTTON (parent) || GTK_IS_WINDOW_CONTROLS (parent))
        continue;
      if (gtk_button_get_label (GTK_BUTTON (button)) == NULL && reg_get_tooltip (button) == NULL)
        g_error ("A %s in a %s, with icon %s, has no name", G_OBJECT_TYPE_NAME (button),
                 G_OBJECT_TYPE_NAME (parent), gtk_button_get_icon_name (GTK_BUTTON (button)));
    }
}

/* ------------------------------------------------------------------ */

static const CaseTest tests[] = {
  { "/cases/open-from-card", test_open_from_card },
  { "/cases/row-opens-window", test_row_opens_window },
  { "/cases/refused-steps-not-offered", test_refused_steps_not_offered },
  { "/cases/escalate", test_escalate },
  { "/cases/hand-over", test_hand_over },
  { "/cases/resolve-with-satisfaction", test_resolve_with_satisfaction },
  { "/cases/record-satisfaction-later", test_record_satisfaction_later },
  { "/cases/cancel-form", test_cancel_form },
  { "/cases/delay/case", test_delay_on_case },
  { "/cases/delay/follow-up", test_delay_on_follow_up },
  { "/cases/delay/keeps-target", test_delay_keeps_target },
  { "/cases/past-target-flag", test_past_target_flag },
  { "/cases/every-control-is-named", test_every_control_is_named },
};

int
main (int   argc,
      char *argv[])
{
  /* Before anything reads the local zone. */
  g_setenv ("TZ", TEST_ZONE, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  reg_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, Fixture, &tests[i], fixture_set_up, run_test, fixture_tear_down);

  return g_test_run ();
}
