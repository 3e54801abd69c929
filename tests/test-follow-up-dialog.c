/* test-follow-up-dialog.c: promises on the customer card — added,
 * changed, given to someone else, snoozed, cancelled — driven through
 * the card's buttons and menus and the follow-up dialog, and checked in
 * the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "reg-test-util.h"
#include "store/reg-store-private.h"
#include "ui/reg-customer-card.h"
#include "ui/reg-follow-up-dialog.h"

/* Due times are wall-clock times. London leaves summer time on Sunday
 * 25 October 2026 at 02:00 BST; the tests' "now" is the day before, at
 * noon BST (11:00 UTC), so that "tomorrow 09:00" shows whether the hour
 * stays put across the change. */
#define TEST_ZONE "Europe/London"
#define NOW ((gint64) 1792839600)              /* Sat 24 Oct 2026 12:00 BST */
#define SUNDAY_0900 ((gint64) 1792918800)      /* Sun 25 Oct 2026 09:00 GMT */
#define SUNDAY_1000 ((gint64) 1792922400)      /* Sun 25 Oct 2026 10:00 GMT */
#define TUESDAY_1530 ((gint64) 1793115000)     /* Tue 27 Oct 2026 15:30 GMT */
/* The test in the application runs its reminder service on the real
 * clock: ten years on, nothing it holds is due yet. */
#define APP_NOW ((gint64) 2108545200)          /* Sat 25 Oct 2036 12:00 BST */
#define APP_TUESDAY_1530 ((gint64) 2108820600) /* Tue 28 Oct 2036 15:30 GMT */
#define HOUR ((gint64) 3600)
#define DAY (24 * HOUR)

#define DUE_TITLE "Due Date and Time (YYYY-MM-DD HH:MM)"

typedef struct
{
  char            *dir;
  char            *path;
  gint64           now;
  RegStore        *store;
  RegCustomer     *customer;
  gint64           priya;
  gint64           tom;
  gint64           invoice;     /* due in two days, Tom's */
  gint64           call_back;   /* overdue, Priya's */
  GtkWidget       *overlay;
  RegCustomerCard *card;
} Fixture;

/* ------------------------------------------------------------------ */
/* The database                                                         */

/* One column of the follow-up @id, as the database holds it. */
static char *
column_sql (gint64      id,
            const char *column)
{
  return g_strdup_printf ("SELECT %s FROM follow_ups WHERE id = %" G_GINT64_FORMAT, column, id);
}

static gint64
follow_up_int (Fixture    *f,
               gint64      id,
               const char *column)
{
  g_autofree char *sql = column_sql (id, column);

  return reg_test_sql_int (f->store, sql);
}

static char *
follow_up_text (Fixture    *f,
                gint64      id,
                const char *column)
{
  g_autofree char *sql = column_sql (id, column);

  return reg_test_sql_text (f->store, sql);
}

static gint64
count_follow_ups (Fixture *f)
{
  return reg_test_sql_int (f->store, "SELECT count(*) FROM follow_ups");
}

/* ------------------------------------------------------------------ */
/* The widgets                                                          */

static gboolean
no_dialog (gpointer data)
{
  return reg_test_find_window (REG_TYPE_FOLLOW_UP_DIALOG) == NULL;
}

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

/* A click, holding on to the button: what it does may take away the
 * row it sits in. */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_object_ref (button);
  g_signal_emit_by_name (button, "clicked");
  g_object_unref (button);
}

/* The card's row for the promise @promise, or NULL when it shows none. */
static GtkWidget *
promise_row (Fixture    *f,
             const char *promise)
{
  g_autoptr(GPtrArray) rows = reg_test_find_widgets (GTK_WIDGET (f->card), ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (gtk_widget_has_css_class (row, "follow-up") && is_titled (row, promise))
        return row;
    }
  return NULL;
}

static const char *
promise_subtitle (Fixture    *f,
                  const char *promise)
{
  GtkWidget *row = promise_row (f, promise);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* Chooses @label from the row's "More Actions" menu, as the popover
 * would: the menu item's action with its target, from the menu button. */
static void
choose_from_row_menu (Fixture    *f,
                      const char *promise,
                      const char *label)
{
  GtkWidget *row = promise_row (f, promise);
  GtkWidget *button;
  GMenuModel *menu;

  g_assert_nonnull (row);
  button = reg_test_find_widget (row, GTK_TYPE_MENU_BUTTON, has_tooltip, "More Actions");
  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);

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
          g_object_ref (button);
          g_assert_true (gtk_widget_activate_action_variant (button, action, target));
          g_object_unref (button);
          return;
        }
    }

  g_error ("The menu of “%s” has no “%s”", promise, label);
}

static RegFollowUpDialog *
wait_for_dialog (void)
{
  GtkWindow *dialog;

  reg_test_settle ();
  dialog = reg_test_find_window (REG_TYPE_FOLLOW_UP_DIALOG);
  g_assert_nonnull (dialog);
  reg_test_wait_mapped (dialog);
  return REG_FOLLOW_UP_DIALOG (dialog);
}

static GtkWidget *
dialog_row (RegFollowUpDialog *dialog,
            const char        *title)
{
  GtkWidget *row = reg_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_ROW, is_titled, title);

  g_assert_nonnull (row);
  return row;
}

static const char *
dialog_text (RegFollowUpDialog *dialog,
             const char        *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (dialog_row (dialog, title)));
}

static void
dialog_type (RegFollowUpDialog *dialog,
             const char        *title,
             const char        *text)
{
  gtk_editable_set_text (GTK_EDITABLE (dialog_row (dialog, title)), text);
}

static const char *
dialog_assignee (RegFollowUpDialog *dialog)
{
  AdwComboRow *row = ADW_COMBO_ROW (dialog_row (dialog, "Assigned To"));
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
dialog_choose_assignee (RegFollowUpDialog *dialog,
                        const char        *name)
{
  AdwComboRow *row = ADW_COMBO_ROW (dialog_row (dialog, "Assigned To"));
  GListModel *names = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }

  g_error ("%s cannot be chosen", name);
}

static void
dialog_save (RegFollowUpDialog *dialog)
{
  click (reg_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, has_label, "_Save"));
}

static gboolean
dialog_shows (RegFollowUpDialog *dialog,
              const char        *text)
{
  return reg_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, shows_text, text) != NULL;
}

static void
assert_dialog_closed (void)
{
  g_assert_true (reg_test_wait_until (no_dialog, NULL, 5000));
}

/* ------------------------------------------------------------------ */
/* Fixture                                                              */

/* The customer and their promises, in @store. */
static void
fill_store (Fixture  *f,
            RegStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  f->store = g_object_ref (store);
  reg_store_set_now (f->store, f->now);

  f->priya = reg_test_add_staff (f->store, "Priya Sharma", TRUE);
  f->tom = reg_test_add_staff (f->store, "Tom Baker", TRUE);

  f->customer = reg_customer_new ();
  reg_customer_set_display_name (f->customer, "Ada Lovelace");
  g_assert_true (reg_store_save_customer (f->store, f->customer, &error));
  g_assert_no_error (error);
  id = reg_customer_get_id (f->customer);

  f->invoice = reg_test_add_follow_up (f->store, id, f->tom, f->now + 2 * DAY, "Send the invoice",
                                       REG_FOLLOW_UP_STATUS_OPEN);
  f->call_back = reg_test_add_follow_up (f->store, id, f->priya, f->now - 3 * HOUR,
                                         "Call back about the part", REG_FOLLOW_UP_STATUS_OPEN);
}

/* The card in a window of its own, in @app when there is one. */
static void
show_card (Fixture        *f,
           RegApplication *app)
{
  GtkWidget *window = gtk_window_new ();

  if (app != NULL)
    gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 900);
  f->overlay = adw_toast_overlay_new ();
  f->card = reg_customer_card_new (f->store);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f->overlay), GTK_WIDGET (f->card));
  gtk_window_set_child (GTK_WINDOW (window), f->overlay);
  reg_customer_card_set_customer (f->card, f->customer);

  gtk_window_present (GTK_WINDOW (window));
  reg_test_wait_mapped (f->card);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = NULL;

  f->dir = g_dir_make_tmp ("regulars-follow-up-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "regulars.db", NULL);
  f->now = data != NULL ? APP_NOW : NOW;

  /* The application opens the database itself. */
  if (data != NULL)
    return;

  store = reg_store_open (f->path, &error);
  g_assert_no_error (error);
  fill_store (f, store);
  show_card (f, NULL);
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

/* ------------------------------------------------------------------ */
/* Adding                                                               */

/* In the application, so that the promise is the current staff
 * member's, as it is when someone at the counter adds one. */
static void
add_in_app (RegApplication *app,
            gpointer        data)
{
  Fixture *f = data;
  RegFollowUpDialog *dialog;
  g_autoptr(GDateTime) chosen = NULL;
  g_autofree char *promise = NULL;
  g_autofree char *zone = NULL;
  gint64 before, id;

  fill_store (f, reg_application_get_store (app));
  g_settings_set_int64 (reg_application_get_settings (app), "current-staff-id", f->tom);
  show_card (f, app);
  before = count_follow_ups (f);

  click (reg_test_find_widget (GTK_WIDGET (f->card), GTK_TYPE_BUTTON, has_tooltip, "Add Follow-up"));
  dialog = wait_for_dialog ();

  /* Ready to type: tomorrow 10:00, for whoever is at the keyboard. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Add Follow-up");
  g_assert_cmpstr (dialog_text (dialog, "Promise"), ==, "");
  g_assert_cmpstr (dialog_text (dialog, DUE_TITLE), ==, "2036-10-26 10:00");
  g_assert_true (dialog_shows (dialog, "Due Sunday 26 Oct, 10:00"));
  g_assert_cmpstr (dialog_assignee (dialog), ==, "Tom Baker");

  dialog_type (dialog, "Promise", "Ring about the spare part");
  dialog_type (dialog, DUE_TITLE, "2036-10-28 15:30");
  dialog_save (dialog);
  assert_dialog_closed ();

  g_assert_cmpint (count_follow_ups (f), ==, before + 1);
  id = reg_test_sql_int (f->store, "SELECT max(id) FROM follow_ups");
  promise = follow_up_text (f, id, "promise");
  zone = follow_up_text (f, id, "due_zone");
  g_assert_cmpstr (promise, ==, "Ring about the spare part");
  /* 15:30 chosen in London after the change is 15:30 UTC. */
  chosen = g_date_time_new_local (2036, 10, 28, 15, 30, 0);
  g_assert_cmpint (follow_up_int (f, id, "due_at"), ==, g_date_time_to_unix (chosen));
  g_assert_cmpint (follow_up_int (f, id, "due_at"), ==, APP_TUESDAY_1530);
  g_assert_cmpstr (zone, ==, TEST_ZONE);
  g_assert_cmpint (follow_up_int (f, id, "assigned_to"), ==, f->tom);
  g_assert_cmpint (follow_up_int (f, id, "created_by"), ==, f->tom);
  g_assert_cmpint (follow_up_int (f, id, "customer_id"), ==, reg_customer_get_id (f->customer));

  g_assert_cmpstr (promise_subtitle (f, "Ring about the spare part"), ==,
                   "Due Tuesday at 15:30 · Tom Baker");
  g_clear_object (&f->customer);
  g_clear_object (&f->store);
}

static void
test_add_from_card (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RegApplication) app = reg_test_application_new ();

  reg_test_run_with_database (app, f->path, add_in_app, f);
}

/* Saving at once keeps the default: tomorrow 10:00 local time, which
 * is 10:00 UTC once summer time is over, not 09:00. */
static void
test_add_default_due (Fixture       *f,
                      gconstpointer  data)
{
  RegFollowUpDialog *dialog;
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (f->card), "card.add-follow-up", NULL);
  dialog = wait_for_dialog ();
  /* No application, so no one at the keyboard. */
  g_assert_cmpstr (dialog_assignee (dialog), ==, "Nobody");
  dialog_choose_assignee (dialog, "Priya Sharma");
  dialog_type (dialog, "Promise", "  Order the part  ");
  dialog_save (dialog);
  assert_dialog_closed ();

  id = reg_test_sql_int (f->store, "SELECT max(id) FROM follow_ups");
  g_assert_cmpint (follow_up_int (f, id, "due_at"), ==, SUNDAY_1000);
  g_assert_cmpint (follow_up_int (f, id, "assigned_to"), ==, f->priya);
  g_assert_cmpint (follow_up_int (f, id, "created_by"), ==, 0);
  g_assert_cmpstr (promise_subtitle (f, "Order the part"), ==, "Due tomorrow at 10:00 · Priya Sharma");
}

static void
test_invalid_refused (Fixture       *f,
                      gconstpointer  data)
{
  gint64 before = count_follow_ups (f);
  RegFollowUpDialog *dialog;
  GtkWidget *promise, *due;

  gtk_widget_activate_action (GTK_WIDGET (f->card), "card.add-follow-up", NULL);
  dialog = wait_for_dialog ();
  promise = dialog_row (dialog, "Promise");
  due = dialog_row (dialog, DUE_TITLE);

  /* Nothing promised: said on the field, nothing saved. */
  dialog_type (dialog, "Promise", "   ");
  dialog_save (dialog);
  g_assert_true (dialog_shows (dialog, "Write down what was promised"));
  g_assert_true (gtk_widget_has_css_class (promise, "error"));
  g_assert_cmpint (count_follow_ups (f), ==, before);
  g_assert_nonnull (reg_test_find_window (REG_TYPE_FOLLOW_UP_DIALOG));

  /* Typing there takes the complaint away. */
  dialog_type (dialog, "Promise", "Ring about the quote");
  g_assert_false (gtk_widget_has_css_class (promise, "error"));
  g_assert_false (dialog_shows (dialog, "Write down what was promised"));

  /* A time that cannot be read: what was typed stays to be corrected. */
  dialog_type (dialog, DUE_TITLE, "next tuesday");
  dialog_save (dialog);
  g_assert_true (dialog_shows (dialog, "Type the due time as YYYY-MM-DD HH:MM, for example 2026-10-25 09:00"));
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  g_assert_cmpstr (dialog_text (dialog, DUE_TITLE), ==, "next tuesday");
  g_assert_cmpstr (dialog_text (dialog, "Promise"), ==, "Ring about the quote");
  g_assert_cmpint (count_follow_ups (f), ==, before);

  /* Nor one that has passed. */
  dialog_type (dialog, DUE_TITLE, "2026-10-24 09:00");
  dialog_save (dialog);
  g_assert_true (dialog_shows (dialog, "That due time has passed; choose a later one"));
  g_assert_cmpint (count_follow_ups (f), ==, before);

  dialog_type (dialog, DUE_TITLE, "2026-10-24 18:00");
  dialog_save (dialog);
  assert_dialog_closed ();
  g_assert_cmpint (count_follow_ups (f), ==, before + 1);
}

static void
test_cancel_dialog (Fixture       *f,
                    gconstpointer  data)
{
  gint64 before = count_follow_ups (f);
  RegFollowUpDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (f->card), "card.add-follow-up", NULL);
  dialog = wait_for_dialog ();
  dialog_type (dialog, "Promise", "Never mind");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  assert_dialog_closed ();
  g_assert_cmpint (count_follow_ups (f), ==, before);
}

/* ------------------------------------------------------------------ */
/* Changing                                                             */

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(RegFollowUp) invoice = reg_store_get_follow_up (f->store, f->invoice, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *promise = NULL;
  RegFollowUpDialog *dialog;

  /* Put off to the day after it was due. */
  g_assert_true (reg_store_snooze_follow_up (f->store, invoice, NOW + 3 * DAY, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (promise_subtitle (f, "Send the invoice"), "Snoozed until Tuesday "));

  choose_from_row_menu (f, "Send the invoice", "_Edit…");
  dialog = wait_for_dialog ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Follow-up");
  g_assert_cmpstr (dialog_text (dialog, "Promise"), ==, "Send the invoice");
  /* Noon BST in two days' time is 11:00 GMT, shown in local time. */
  g_assert_cmpstr (dialog_text (dialog, DUE_TITLE), ==, "2026-10-26 11:00");
  g_assert_cmpstr (dialog_assignee (dialog), ==, "Tom Baker");
  g_assert_true (dialog_shows (dialog, "Due Monday 26 Oct, 11:00 · snoozed until Tuesday 27 Oct, 11:00"));

  dialog_type (dialog, "Promise", "Send the corrected invoice");
  dialog_type (dialog, DUE_TITLE, "2026-10-27 15:30");
  g_assert_true (dialog_shows (dialog, "Due Tuesday 27 Oct, 15:30 · replaces the snooze until Tuesday 27 Oct, 11:00"));
  dialog_save (dialog);
  assert_dialog_closed ();

  promise = follow_up_text (f, f->invoice, "promise");
  g_assert_cmpstr (promise, ==, "Send the corrected invoice");
  g_assert_cmpint (follow_up_int (f, f->invoice, "due_at"), ==, TUESDAY_1530);
  /* The new time is the one that counts, not the old snooze. */
  g_assert_cmpint (follow_up_int (f, f->invoice, "snoozed_until"), ==, 0);
  g_assert_cmpint (follow_up_int (f, f->invoice, "assigned_to"), ==, f->tom);
  g_assert_cmpint (follow_up_int (f, f->invoice, "created_by"), ==, f->tom);
  g_assert_cmpint (reg_follow_up_get_effective_due_at (invoice), ==, TUESDAY_1530);

  g_assert_null (promise_row (f, "Send the invoice"));
  g_assert_cmpstr (promise_subtitle (f, "Send the corrected invoice"), ==,
                   "Due Tuesday at 15:30 · Tom Baker");
}

/* Changing what was promised of an overdue promise leaves its time be:
 * that it has passed is no reason to refuse. */
static void
test_edit_overdue_text_only (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *promise = NULL;
  RegFollowUpDialog *dialog;

  choose_from_row_menu (f, "Call back about the part", "_Edit…");
  dialog = wait_for_dialog ();
  dialog_type (dialog, "Promise", "Call back about the spare part");
  dialog_save (dialog);
  assert_dialog_closed ();

  promise = follow_up_text (f, f->call_back, "promise");
  g_assert_cmpstr (promise, ==, "Call back about the spare part");
  g_assert_cmpint (follow_up_int (f, f->call_back, "due_at"), ==, NOW - 3 * HOUR);
}

static void
test_reassign (Fixture       *f,
               gconstpointer  data)
{
  RegFollowUpDialog *dialog;

  choose_from_row_menu (f, "Send the invoice", "_Edit…");
  dialog = wait_for_dialog ();
  dialog_choose_assignee (dialog, "Priya Sharma");
  dialog_save (dialog);
  assert_dialog_closed ();

  g_assert_cmpint (follow_up_int (f, f->invoice, "assigned_to"), ==, f->priya);
  g_assert_cmpint (follow_up_int (f, f->invoice, "created_by"), ==, f->tom);
  g_assert_cmpint (follow_up_int (f, f->invoice, "due_at"), ==, NOW + 2 * DAY);
  g_assert_true (g_str_has_suffix (promise_subtitle (f, "Send the invoice"), " · Priya Sharma"));
}

/* ------------------------------------------------------------------ */
/* Snoozing, cancelling                                                 */

static void
test_snooze_hour (Fixture       *f,
                  gconstpointer  data)
{
  choose_from_row_menu (f, "Call back about the part", "1 _Hour");

  g_assert_cmpint (follow_up_int (f, f->call_back, "snoozed_until"), ==, NOW + HOUR);
  g_assert_cmpint (follow_up_int (f, f->call_back, "due_at"), ==, NOW - 3 * HOUR);
  g_assert_cmpstr (promise_subtitle (f, "Call back about the part"), ==,
                   "Snoozed until 13:00 · Priya Sharma");
}

static void
test_snooze_tomorrow_morning (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *undo;

  choose_from_row_menu (f, "Call back about the part", "Tomorrow _Morning");

  /* 09:00 GMT, although it is summer time when the snooze is chosen. */
  g_assert_cmpint (follow_up_int (f, f->call_back, "snoozed_until"), ==, SUNDAY_0900);
  g_assert_cmpstr (promise_subtitle (f, "Call back about the part"), ==,
                   "Snoozed until 09:00 tomorrow · Priya Sharma");

  /* Undo puts it back to overdue. */
  undo = reg_test_find_widget (f->overlay, GTK_TYPE_BUTTON, has_label, "_Undo");
  click (undo);
  g_assert_cmpint (follow_up_int (f, f->call_back, "snoozed_until"), ==, 0);
  g_assert_true (g_str_has_prefix (promise_subtitle (f, "Call back about the part"), "Overdue since "));
}

static void
test_cancel_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *status = NULL;
  GtkWidget *undo;

  choose_from_row_menu (f, "Send the invoice", "_Cancel Promise");
  status = follow_up_text (f, f->invoice, "status");
  g_assert_cmpstr (status, ==, "cancelled");
  g_assert_null (promise_row (f, "Send the invoice"));
  g_assert_nonnull (promise_row (f, "Call back about the part"));

  undo = reg_test_find_widget (f->overlay, GTK_TYPE_BUTTON, has_label, "_Undo");
  click (undo);
  g_clear_pointer (&status, g_free);
  status = follow_up_text (f, f->invoice, "status");
  g_assert_cmpstr (status, ==, "open");
  g_assert_cmpint (follow_up_int (f, f->invoice, "done_at"), ==, 0);
  g_assert_nonnull (promise_row (f, "Send the invoice"));
}

static void
test_every_row_control_is_named (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWidget *row = promise_row (f, "Send the invoice");

  g_assert_nonnull (reg_test_find_widget (row, GTK_TYPE_MENU_BUTTON, has_tooltip, "More Actions"));
  g_assert_nonnull (reg_test_find_widget (row, GTK_TYPE_BUTTON, has_tooltip, "Mark as Done"));
  g_assert_nonnull (reg_test_find_widget (GTK_WIDGET (f->card), GTK_TYPE_BUTTON, has_tooltip,
                                          "Add Follow-up"));
}

/* ------------------------------------------------------------------ */

#define ADD_TEST(path, func, data) \
  g_test_add ("/follow-ups/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  /* Before anything reads the local zone. */
  g_setenv ("TZ", TEST_ZONE, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  reg_test_init (&argc, &argv);

  ADD_TEST ("add-from-card", test_add_from_card, "in the application");
  ADD_TEST ("add-default-due", test_add_default_due, NULL);
  ADD_TEST ("invalid-refused", test_invalid_refused, NULL);
  ADD_TEST ("cancel-dialog", test_cancel_dialog, NULL);
  ADD_TEST ("edit", test_edit, NULL);
  ADD_TEST ("edit-overdue-text-only", test_edit_overdue_text_only, NULL);
  ADD_TEST ("reassign", test_reassign, NULL);
  ADD_TEST ("snooze-hour", test_snooze_hour, NULL);
  ADD_TEST ("snooze-tomorrow-morning", test_snooze_tomorrow_morning, NULL);
  ADD_TEST ("cancel-undo", test_cancel_undo, NULL);
  ADD_TEST ("every-row-control-is-named", test_every_row_control_is_named, NULL);

  return g_test_run ();
}
