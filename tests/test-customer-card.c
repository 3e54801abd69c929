/* test-customer-card.c: the customer card, driven as a person would,
 * against a real database in a temporary directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "reg-test-util.h"
#include "ui/reg-tooltip.h"
#include "model/reg-record-list.h"
#include "store/reg-store-private.h"
#include "ui/reg-customer-card.h"

/* 2026-11-12 12:00 UTC: the card's clock in these tests. */
#define NOW ((gint64) 1794484800)
#define HOUR ((gint64) 3600)
#define DAY (24 * HOUR)

typedef struct
{
  char            *dir;
  RegStore        *store;
  RegCustomer     *customer;
  gint64           priya;
  gint64           tom;
  GtkWidget       *window;
  GtkWidget       *overlay;
  RegCustomerCard *card;
} Fixture;

/* ------------------------------------------------------------------ */
/* The database                                                         */

/* One column of every row @sql returns, joined with "|". */
static char *
sql_column (RegStore   *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  GString *values = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (reg_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (values, "%s%s", values->len ? "|" : "",
                            (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (values, FALSE);
}

static void
add_crib_note (RegStore   *store,
               gint64      customer_id,
               const char *text)
{
  g_autoptr(RegCribNote) note = reg_crib_note_new ();
  g_autoptr(GError) error = NULL;

  reg_crib_note_set_customer_id (note, customer_id);
  reg_crib_note_set_text (note, text);
  g_assert_true (reg_store_save_crib_note (store, note, &error));
  g_assert_no_error (error);
}

static void
add_visit (RegStore   *store,
           gint64      customer_id,
           gint64      author_id,
           RegChannel  channel,
           gint64      happened_at,
           const char *text,
           int         satisfaction)
{
  g_autoptr(RegVisit) visit = reg_visit_new ();
  g_autoptr(GError) error = NULL;

  reg_visit_set_customer_id (visit, customer_id);
  reg_visit_set_author_id (visit, author_id);
  reg_visit_set_channel (visit, channel);
  reg_visit_set_happened_at (visit, happened_at);
  reg_visit_set_text (visit, text);
  reg_visit_set_satisfaction (visit, satisfaction);
  g_assert_true (reg_store_save_visit (store, visit, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ */
/* The widgets                                                          */

typedef gboolean (*WidgetMatch) (GtkWidget     *widget,
                                 gconstpointer  data);

static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetMatch    match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_widgets (GtkWidget     *root,
                 WidgetMatch    match,
                 gconstpointer  data,
                 GPtrArray     *found)
{
  if (match (root, data))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, match, data, found);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         gtk_widget_get_visible (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (reg_get_tooltip (widget), tooltip) == 0;
}

static gboolean
is_button_with_label (GtkWidget     *widget,
                      gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_showing_label (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) &&
         gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_visible_switch (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_SWITCH (widget);
}

static gboolean
is_badge (GtkWidget     *widget,
          gconstpointer  icon_name)
{
  return GTK_IS_IMAGE (widget) &&
         gtk_widget_has_css_class (widget, "badge") &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), icon_name) == 0;
}

static gboolean
is_any_button (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_SWITCH (widget);
}

static GtkWidget *
find_row (Fixture    *f,
          const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (f->card), is_row_titled, title);

  g_assert_nonnull (row);
  return row;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  GtkWidget *button = find_widget (root, is_button_with_tooltip, tooltip);

  g_assert_nonnull (button);
  return button;
}

static gboolean
shows_label (Fixture    *f,
             const char *text)
{
  return find_widget (GTK_WIDGET (f->card), is_showing_label, text) != NULL;
}

static GPtrArray *
rows_with_class (Fixture    *f,
                 const char *css_class)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (f->card), has_css_class, css_class, rows);
  return rows;
}

/* The text of each row of a kind, as the card shows them, joined by "|". */
static char *
row_texts (Fixture    *f,
           const char *css_class)
{
  g_autoptr(GPtrArray) rows = rows_with_class (f, css_class);
  GString *texts = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *text = GTK_IS_EDITABLE (row)
                         ? gtk_editable_get_text (GTK_EDITABLE (row))
                         : adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      g_string_append_printf (texts, "%s%s", i ? "|" : "", text);
    }
  return g_string_free (texts, FALSE);
}

static GtkWidget *
crib_row (Fixture *f,
          guint    index)
{
  g_autoptr(GPtrArray) rows = rows_with_class (f, "crib-note");

  g_assert_cmpuint (index, <, rows->len);
  return g_ptr_array_index (rows, index);
}

/* A click, holding on to the button: what it does may take away the
 * row it sits in. */
static void
click (GtkWidget *button)
{
  g_object_ref (button);
  g_signal_emit_by_name (button, "clicked");
  g_object_unref (button);
}

static void
type_and_apply (GtkWidget  *row,
                const char *text)
{
  g_object_ref (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  g_object_unref (row);
}

static gboolean
focus_is_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Presses a key combination bound on the card, as the keyboard would. */
static void
press_card_shortcut (Fixture         *f,
                     guint            keyval,
                     GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->card));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);
  gboolean pressed = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !pressed; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !pressed; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            pressed = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                    GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                    GTK_WIDGET (f->card),
                                                    gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_assert_true (pressed);
}

/* ------------------------------------------------------------------ */
/* Fixture                                                              */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 id;

  f->dir = g_dir_make_tmp ("regulars-card-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "regulars.db", NULL);
  f->store = reg_store_open (path, &error);
  g_assert_no_error (error);
  reg_store_set_now (f->store, NOW);

  f->priya = reg_test_add_staff (f->store, "Priya Sharma", TRUE);
  f->tom = reg_test_add_staff (f->store, "Tom Baker", TRUE);
  reg_test_add_staff (f->store, "Old Colleague", FALSE);

  f->customer = reg_customer_new ();
  reg_customer_set_display_name (f->customer, "Ada Lovelace");
  reg_customer_set_company (f->customer, "Analytical Engines Ltd");
  reg_customer_add_phone (f->customer, "mobile", "+44 20 7946 0001");
  reg_customer_add_email (f->customer, "home", "ada@example.com");
  /* A customer for a year and more. */
  reg_store_set_now (f->store, NOW - 400 * DAY);
  g_assert_true (reg_store_save_customer (f->store, f->customer, &error));
  g_assert_no_error (error);
  reg_store_set_now (f->store, NOW);
  id = reg_customer_get_id (f->customer);

  add_crib_note (f->store, id, "Daughter Mia starts school in September");
  add_crib_note (f->store, id, "Hates being called before 10");
  add_crib_note (f->store, id, "Allergic to nuts");

  add_visit (f->store, id, f->priya, REG_CHANNEL_CALL, NOW - 10 * DAY, "Asked about the spare part", 4);
  add_visit (f->store, id, f->tom, REG_CHANNEL_VISIT, NOW - 2 * DAY, "Picked up the repaired clock", 5);
  add_visit (f->store, id, 0, REG_CHANNEL_EMAIL, NOW - 30 * DAY, "Sent the first quote", 0);

  reg_test_add_follow_up (f->store, id, f->priya, NOW - 3 * HOUR, "Call back about the part",
                          REG_FOLLOW_UP_STATUS_OPEN);
  reg_test_add_follow_up (f->store, id, f->tom, NOW + 2 * DAY, "Send the invoice",
                          REG_FOLLOW_UP_STATUS_OPEN);
  reg_test_add_follow_up (f->store, id, f->tom, NOW - 5 * DAY, "Order the catalogue",
                          REG_FOLLOW_UP_STATUS_DONE);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 720, 900);
  f->overlay = adw_toast_overlay_new ();
  f->card = reg_customer_card_new (f->store);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f->overlay), GTK_WIDGET (f->card));
  gtk_window_set_child (GTK_WINDOW (f->window), f->overlay);
  reg_customer_card_set_customer (f->card, f->customer);

  gtk_window_present (GTK_WINDOW (f->window));
  reg_test_wait_mapped (f->card);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Long enough to look at the card, when asked to. */
  if (g_getenv ("REG_TEST_LINGER") != NULL)
    reg_test_spin ((guint) g_ascii_strtoull (g_getenv ("REG_TEST_LINGER"), NULL, 10));

  reg_test_destroy_windows ();
  g_clear_object (&f->customer);
  g_clear_object (&f->store);
  reg_test_remove_tree (f->dir);
  g_free (f->dir);
}

#define CUSTOMER_SQL(f, format) \
  g_strdup_printf (format, reg_customer_get_id ((f)->customer))

/* ------------------------------------------------------------------ */
/* Showing                                                              */

static void
test_shows_customer (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *crib = row_texts (f, "crib-note");
  g_autofree char *visits = row_texts (f, "visit");
  g_autofree char *promises = row_texts (f, "follow-up");
  g_autoptr(GPtrArray) follow_up_rows = rows_with_class (f, "follow-up");
  g_autoptr(GPtrArray) visit_rows = rows_with_class (f, "visit");
  GtkWidget *phone = find_row (f, "Mobile");
  GtkWidget *email = find_row (f, "Home");
  const char *subtitle;

  g_assert_true (reg_customer_card_get_store (f->card) == f->store);
  g_assert_true (reg_customer_card_get_customer (f->card) == f->customer);

  g_assert_true (shows_label (f, "Ada Lovelace"));
  g_assert_true (shows_label (f, "Analytical Engines Ltd · Customer since October 2025"));

  /* Crib notes in their order, visits newest first, only open promises
   * and the most pressing first. */
  g_assert_cmpstr (crib, ==, "Daughter Mia starts school in September|"
                             "Hates being called before 10|Allergic to nuts");
  g_assert_cmpstr (visits, ==, "Picked up the repaired clock|Asked about the spare part|"
                               "Sent the first quote");
  g_assert_cmpstr (promises, ==, "Call back about the part|Send the invoice");

  subtitle = adw_action_row_get_subtitle (g_ptr_array_index (follow_up_rows, 0));
  g_assert_true (g_str_has_prefix (subtitle, "Overdue since "));
  g_assert_true (g_str_has_suffix (subtitle, " · Priya Sharma"));
  subtitle = adw_action_row_get_subtitle (g_ptr_array_index (follow_up_rows, 1));
  g_assert_true (g_str_has_prefix (subtitle, "Due "));
  g_assert_true (g_str_has_suffix (subtitle, " · Tom Baker"));

  subtitle = adw_action_row_get_subtitle (g_ptr_array_index (visit_rows, 0));
  g_assert_true (g_str_has_prefix (subtitle, "Visit · Tom Baker · "));
  g_assert_true (g_str_has_suffix (subtitle, " · ★★★★★"));
  subtitle = adw_action_row_get_subtitle (g_ptr_array_index (visit_rows, 1));
  g_assert_true (g_str_has_prefix (subtitle, "Call · Priya Sharma · "));
  g_assert_true (g_str_has_suffix (subtitle, " · ★★★★☆"));
  subtitle = adw_action_row_get_subtitle (g_ptr_array_index (visit_rows, 2));
  g_assert_true (g_str_has_prefix (subtitle, "Email · Unknown · "));
  g_assert_null (strstr (subtitle, "★"));

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone)), ==, "+44 20 7946 0001");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email)), ==, "ada@example.com");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (f, "Company"))), ==,
                   "Analytical Engines Ltd");

  /* The overdue promise shows as a badge; they are no VIP. */
  g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (f->card), is_badge,
                                                      "task-past-due-symbolic")));
  g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (f->card), is_badge,
                                                       "starred-symbolic")));
  g_assert_false (shows_label (f, "This customer is in the trash"));
  g_assert_false (shows_label (f, "No crib notes yet. Add what to remember before greeting them."));
}

static void
test_every_control_is_named (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (f->card), is_any_button, NULL, controls);
  g_assert_cmpuint (controls->len, >, 10);

  /* Icon-only buttons say what they do in a tooltip (and, for screen
   * readers, in their accessible label, which GTK 4.8 cannot read back). */
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (controls, i);
      const char *label = GTK_IS_BUTTON (control) ? gtk_button_get_label (GTK_BUTTON (control)) : NULL;
      GtkWidget *parent = gtk_widget_get_parent (control);

      if (GTK_IS_SWITCH (control))
        continue;
      /* A menu button is named as a whole; the button inside is its part. */
      if (GTK_IS_MENU_BUTTON (parent) && reg_get_tooltip (parent) != NULL)
        continue;
      if (label == NULL && reg_get_tooltip (control) == NULL)
        g_error ("A %s with icon %s has no name",
                 G_OBJECT_TYPE_NAME (control),
                 gtk_button_get_icon_name (GTK_BUTTON (control)));
    }
}

/* ------------------------------------------------------------------ */
/* Crib notes                                                           */

static void
test_crib_note_add (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *count_sql = CUSTOMER_SQL (f, "SELECT count(*) FROM crib_notes WHERE customer_id = %"
                                                G_GINT64_FORMAT " AND deleted_at IS NULL");
  g_autofree char *last_sql = CUSTOMER_SQL (f, "SELECT text FROM crib_notes WHERE customer_id = %"
                                               G_GINT64_FORMAT " ORDER BY position DESC LIMIT 1");
  g_autofree char *last = NULL;
  g_autofree char *texts = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *row;

  click (find_button (GTK_WIDGET (f->card), "Add Crib Note"));

  /* A new, empty row at the end, ready to type into. */
  rows = rows_with_class (f, "crib-note");
  g_assert_cmpuint (rows->len, ==, 4);
  row = g_ptr_array_index (rows, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_true (focus_is_within (row));

  /* A second click goes back to it rather than adding another. */
  click (find_button (GTK_WIDGET (f->card), "Add Crib Note"));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = rows_with_class (f, "crib-note");
  g_assert_cmpuint (rows->len, ==, 4);

  /* Nothing written: it says why it cannot be saved. */
  type_and_apply (row, "   ");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (reg_get_tooltip (row));
  g_assert_cmpint (reg_test_sql_int (f->store, count_sql), ==, 3);

  type_and_apply (row, "Prefers oat milk");
  g_assert_cmpint (reg_test_sql_int (f->store, count_sql), ==, 4);
  last = reg_test_sql_text (f->store, last_sql);
  g_assert_cmpstr (last, ==, "Prefers oat milk");

  texts = row_texts (f, "crib-note");
  g_assert_cmpstr (texts, ==, "Daughter Mia starts school in September|"
                              "Hates being called before 10|Allergic to nuts|Prefers oat milk");
  /* The saved note has its own row now, without the error. */
  g_assert_false (gtk_widget_has_css_class (crib_row (f, 3), "error"));
  g_assert_true (focus_is_within (crib_row (f, 3)));
}

static void
test_crib_note_empty_state (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RegCustomer) other = reg_customer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *visits = NULL;

  reg_customer_set_display_name (other, "Charles Babbage");
  g_assert_true (reg_store_save_customer (f->store, other, &error));
  reg_customer_card_set_customer (f->card, other);

  g_assert_true (shows_label (f, "No crib notes yet. Add what to remember before greeting them."));
  g_assert_true (shows_label (f, "No open promises"));
  g_assert_true (shows_label (f, "No visits yet"));
  visits = row_texts (f, "visit");
  g_assert_cmpstr (visits, ==, "");

  /* With nothing to read, the focus goes to adding the first note. */
  reg_customer_card_focus_first_crib_note (f->card);
  g_assert_true (focus_is_within (find_button (GTK_WIDGET (f->card), "Add Crib Note")));

  click (find_button (GTK_WIDGET (f->card), "Add Crib Note"));
  g_assert_false (shows_label (f, "No crib notes yet. Add what to remember before greeting them."));
  /* Thrown away unsaved, the empty state is back. */
  click (find_button (crib_row (f, 0), "Discard"));
  g_assert_true (shows_label (f, "No crib notes yet. Add what to remember before greeting them."));
}

static void
test_crib_note_edit (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first_sql = CUSTOMER_SQL (f, "SELECT text FROM crib_notes WHERE customer_id = %"
                                                G_GINT64_FORMAT " ORDER BY position LIMIT 1");
  g_autofree char *first = NULL;
  g_autofree char *too_long = g_strnfill (281, 'x');
  GtkWidget *row = crib_row (f, 0);

  type_and_apply (row, "Daughter Mia starts school in October");
  first = reg_test_sql_text (f->store, first_sql);
  g_assert_cmpstr (first, ==, "Daughter Mia starts school in October");

  /* Too long to read in a glance: refused, but what was typed stays. */
  type_and_apply (row, too_long);
  g_clear_pointer (&first, g_free);
  first = reg_test_sql_text (f->store, first_sql);
  g_assert_cmpstr (first, ==, "Daughter Mia starts school in October");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, too_long);
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  type_and_apply (row, "Mia starts school in October");
  g_clear_pointer (&first, g_free);
  first = reg_test_sql_text (f->store, first_sql);
  g_assert_cmpstr (first, ==, "Mia starts school in October");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
}

static void
test_crib_note_move (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *order_sql = CUSTOMER_SQL (f, "SELECT text FROM crib_notes WHERE customer_id = %"
                                                G_GINT64_FORMAT " AND deleted_at IS NULL ORDER BY position");
  g_autofree char *order = NULL;
  g_autofree char *shown = NULL;

  /* The first cannot go further up, the last not further down. */
  g_assert_false (gtk_widget_get_sensitive (find_button (crib_row (f, 0), "Move Up")));
  g_assert_false (gtk_widget_get_sensitive (find_button (crib_row (f, 2), "Move Down")));

  click (find_button (crib_row (f, 2), "Move Up"));
  order = sql_column (f->store, order_sql);
  g_assert_cmpstr (order, ==, "Daughter Mia starts school in September|Allergic to nuts|"
                              "Hates being called before 10");
  shown = row_texts (f, "crib-note");
  g_assert_cmpstr (shown, ==, order);

  /* Alt+Down on the note with the focus. */
  gtk_widget_grab_focus (crib_row (f, 0));
  press_card_shortcut (f, GDK_KEY_Down, GDK_ALT_MASK);
  g_clear_pointer (&order, g_free);
  order = sql_column (f->store, order_sql);
  g_assert_cmpstr (order, ==, "Allergic to nuts|Daughter Mia starts school in September|"
                              "Hates being called before 10");
  /* The focus moved with it. */
  g_assert_true (focus_is_within (crib_row (f, 1)));

  press_card_shortcut (f, GDK_KEY_Up, GDK_ALT_MASK);
  g_clear_pointer (&order, g_free);
  order = sql_column (f->store, order_sql);
  g_assert_cmpstr (order, ==, "Daughter Mia starts school in September|Allergic to nuts|"
                              "Hates being called before 10");
  g_clear_pointer (&shown, g_free);
  shown = row_texts (f, "crib-note");
  g_assert_cmpstr (shown, ==, order);
}

static void
test_crib_note_remove_undo (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *trashed_sql = CUSTOMER_SQL (f, "SELECT count(*) FROM crib_notes WHERE customer_id = %"
                                                  G_GINT64_FORMAT " AND deleted_at IS NOT NULL");
  g_autofree char *shown = NULL;
  GtkWidget *undo;

  click (find_button (crib_row (f, 0), "Remove"));
  g_assert_cmpint (reg_test_sql_int (f->store, trashed_sql), ==, 1);
  shown = row_texts (f, "crib-note");
  g_assert_cmpstr (shown, ==, "Hates being called before 10|Allergic to nuts");

  /* The toast offers to take it back. */
  undo = find_widget (f->overlay, is_button_with_label, "_Undo");
  g_assert_nonnull (undo);
  click (undo);
  g_assert_cmpint (reg_test_sql_int (f->store, trashed_sql), ==, 0);
  g_clear_pointer (&shown, g_free);
  shown = row_texts (f, "crib-note");
  g_assert_cmpstr (shown, ==, "Daughter Mia starts school in September|"
                              "Hates being called before 10|Allergic to nuts");
}

/* ------------------------------------------------------------------ */
/* Contact details                                                      */

static void
test_phone_edit_add_remove (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *phones_sql = CUSTOMER_SQL (f, "SELECT value FROM customer_contacts WHERE customer_id = %"
                                                 G_GINT64_FORMAT " AND kind = 'phone' ORDER BY position");
  g_autofree char *phones = NULL;
  GtkWidget *row;
  GtkWidget *undo;

  type_and_apply (find_row (f, "Mobile"), "+44 20 7946 0999");
  phones = sql_column (f->store, phones_sql);
  g_assert_cmpstr (phones, ==, "+44 20 7946 0999");

  /* A new number gets a row of its own, saved once written. */
  adw_action_row_activate (ADW_ACTION_ROW (find_row (f, "Add Phone")));
  row = find_row (f, "Phone");
  g_assert_true (focus_is_within (row));
  type_and_apply (row, "01632 960123");
  g_clear_pointer (&phones, g_free);
  phones = sql_column (f->store, phones_sql);
  g_assert_cmpstr (phones, ==, "+44 20 7946 0999|01632 960123");
  /* One row per number, no stray new one. */
  g_assert_true (find_row (f, "Phone") == row);

  click (find_button (find_row (f, "Mobile"), "Remove Phone Number"));
  g_clear_pointer (&phones, g_free);
  phones = sql_column (f->store, phones_sql);
  g_assert_cmpstr (phones, ==, "01632 960123");
  g_assert_null (find_widget (GTK_WIDGET (f->card), is_row_titled, "Mobile"));

  undo = find_widget (f->overlay, is_button_with_label, "_Undo");
  g_assert_nonnull (undo);
  click (undo);
  g_clear_pointer (&phones, g_free);
  phones = sql_column (f->store, phones_sql);
  g_assert_cmpstr (phones, ==, "+44 20 7946 0999|01632 960123");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (f, "Mobile"))), ==, "+44 20 7946 0999");
}

static void
test_invalid_email (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *email_sql = CUSTOMER_SQL (f, "SELECT value FROM customer_contacts WHERE customer_id = %"
                                                G_GINT64_FORMAT " AND kind = 'email'");
  g_autofree char *email = NULL;
  GtkWidget *row = find_row (f, "Home");
  RegLabeledValue *value;

  type_and_apply (row, "ada at example.com");

  /* Refused: the database and the customer keep the old address… */
  email = reg_test_sql_text (f->store, email_sql);
  g_assert_cmpstr (email, ==, "ada@example.com");
  value = g_ptr_array_index (reg_customer_get_emails (f->customer), 0);
  g_assert_cmpstr (value->value, ==, "ada@example.com");
  /* …while the row keeps what was typed, and says what is wrong. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "ada at example.com");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (row), "“@”"));

  /* An edit elsewhere does not throw away what was typed. */
  type_and_apply (find_row (f, "Town"), "London");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "ada at example.com");
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  type_and_apply (row, "ada@lovelace.example");
  g_clear_pointer (&email, g_free);
  email = reg_test_sql_text (f->store, email_sql);
  g_assert_cmpstr (email, ==, "ada@lovelace.example");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_null (gtk_widget_get_tooltip_text (row));
}

static void
test_invalid_birthday (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *birthday_sql = CUSTOMER_SQL (f, "SELECT birthday FROM customers WHERE id = %" G_GINT64_FORMAT);
  g_autofree char *birthday = NULL;
  GtkWidget *row = find_row (f, "Birthday");

  type_and_apply (row, "21/03/1984");
  birthday = reg_test_sql_text (f->store, birthday_sql);
  g_assert_cmpstr (birthday, ==, "");
  g_assert_cmpstr (reg_customer_get_birthday (f->customer), ==, "");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "21/03/1984");

  type_and_apply (row, "1984-03-21");
  g_clear_pointer (&birthday, g_free);
  birthday = reg_test_sql_text (f->store, birthday_sql);
  g_assert_cmpstr (birthday, ==, "1984-03-21");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
}

static void
test_saved_when_leaving_row (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *company_sql = CUSTOMER_SQL (f, "SELECT company FROM customers WHERE id = %" G_GINT64_FORMAT);
  g_autofree char *company = NULL;
  GtkWidget *row = find_row (f, "Company");

  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Difference Engines Ltd");
  company = reg_test_sql_text (f->store, company_sql);
  g_assert_cmpstr (company, ==, "Analytical Engines Ltd");

  gtk_widget_grab_focus (find_row (f, "Street"));
  g_clear_pointer (&company, g_free);
  company = reg_test_sql_text (f->store, company_sql);
  g_assert_cmpstr (company, ==, "Difference Engines Ltd");
  g_assert_true (shows_label (f, "Difference Engines Ltd · Customer since October 2025"));

  /* Switching customers saves what was being typed, too. */
  gtk_widget_grab_focus (find_row (f, "Street"));
  gtk_editable_set_text (GTK_EDITABLE (find_row (f, "Street")), "12 St James's Square");
  reg_customer_card_set_customer (f->card, NULL);
  g_assert_cmpstr (reg_customer_get_street (f->customer), ==, "12 St James's Square");
  g_assert_false (shows_label (f, "Ada Lovelace"));
}

static void
test_updates_from_elsewhere (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RegCustomer) same = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *name_row = find_row (f, "Name");
  GtkWidget *company_row = find_row (f, "Company");

  /* Someone is typing a new company name when another view renames
   * the customer and their company. */
  gtk_widget_grab_focus (company_row);
  gtk_editable_set_text (GTK_EDITABLE (company_row), "Half-typed");

  same = reg_store_get_customer (f->store, reg_customer_get_id (f->customer), &error);
  g_assert_no_error (error);
  g_assert_true (same == f->customer);
  reg_customer_set_display_name (same, "Augusta Ada King");
  reg_customer_set_vip (same, TRUE);
  g_assert_true (reg_store_save_customer (f->store, same, &error));

  g_assert_true (shows_label (f, "Augusta Ada King"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Augusta Ada King");
  g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (f->card), is_badge, "starred-symbolic")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (company_row)), ==, "Half-typed");

  /* Gone from the card, the half-typed text was kept for them. */
  gtk_editable_set_text (GTK_EDITABLE (company_row), "Analytical Engines Ltd");
}

/* ------------------------------------------------------------------ */
/* The relationship                                                     */

static GtkSwitch *
row_switch (Fixture    *f,
            const char *title)
{
  GtkWidget *sw = find_widget (find_row (f, title), is_visible_switch, NULL);

  g_assert_nonnull (sw);
  return GTK_SWITCH (sw);
}

static void
test_relationship (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *sql = CUSTOMER_SQL (f, "SELECT vip || ' ' || internal || ' ' || kind || ' ' || "
                                          "ifnull (owner_id, 0) || ' ' || consent "
                                          "FROM customers WHERE id = %" G_GINT64_FORMAT);
  g_autofree char *tags_sql = CUSTOMER_SQL (f, "SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id "
                                               "WHERE ct.customer_id = %" G_GINT64_FORMAT " ORDER BY t.name");
  g_autofree char *expected = NULL;
  g_autofree char *values = NULL;
  g_autofree char *tags = NULL;
  AdwComboRow *owner = ADW_COMBO_ROW (find_row (f, "Owner"));
  GListModel *owners = adw_combo_row_get_model (owner);
  guint tom_position = G_MAXUINT;

  gtk_switch_set_active (row_switch (f, "VIP"), TRUE);
  values = reg_test_sql_text (f->store, sql);
  g_assert_cmpstr (values, ==, "1 0 current 0 0");
  g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (f->card), is_badge, "starred-symbolic")));

  gtk_switch_set_active (row_switch (f, "Internal"), TRUE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (f, "Kind")), REG_CUSTOMER_KIND_PROSPECT);

  /* Nobody, then the staff working here now, by name. */
  g_assert_cmpuint (g_list_model_get_n_items (owners), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (owners); i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (owners, i);

      if (g_str_equal (gtk_string_object_get_string (name), "Tom Baker"))
        tom_position = i;
      g_assert_cmpstr (gtk_string_object_get_string (name), !=, "Old Colleague");
    }
  g_assert_cmpuint (tom_position, ==, 2);
  adw_combo_row_set_selected (owner, tom_position);

  gtk_switch_set_active (row_switch (f, "Consent to Be Contacted"), TRUE);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (f, "Consent to Be Contacted"))),
                   ==, "Given on 12 November 2026");

  g_clear_pointer (&values, g_free);
  values = reg_test_sql_text (f->store, sql);
  expected = g_strdup_printf ("1 1 prospect %" G_GINT64_FORMAT " 1", f->tom);
  g_assert_cmpstr (values, ==, expected);

  type_and_apply (find_row (f, "Tags"), " regular, nut allergy ,, regular ");
  tags = sql_column (f->store, tags_sql);
  g_assert_cmpstr (tags, ==, "nut allergy|regular");

  adw_combo_row_set_selected (owner, 0);
  g_clear_pointer (&values, g_free);
  values = reg_test_sql_text (f->store, sql);
  g_assert_cmpstr (values, ==, "1 1 prospect 0 1");
}

/* ------------------------------------------------------------------ */
/* Promises and visits                                                  */

static void
test_follow_up_done (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *sql = CUSTOMER_SQL (f, "SELECT status FROM follow_ups WHERE customer_id = %"
                                          G_GINT64_FORMAT " AND promise = 'Call back about the part'");
  g_autofree char *status = NULL;
  g_autofree char *promises = NULL;
  g_autoptr(GPtrArray) rows = rows_with_class (f, "follow-up");

  click (find_button (g_ptr_array_index (rows, 0), "Mark as Done"));
  status = reg_test_sql_text (f->store, sql);
  g_assert_cmpstr (status, ==, "done");
  promises = row_texts (f, "follow-up");
  g_assert_cmpstr (promises, ==, "Send the invoice");
  /* Nothing overdue any more. */
  g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (f->card), is_badge,
                                                       "task-past-due-symbolic")));

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = rows_with_class (f, "follow-up");
  click (find_button (g_ptr_array_index (rows, 0), "Mark as Done"));
  g_assert_true (shows_label (f, "No open promises"));
}

typedef struct
{
  gint64 customer_id;
  gint64 author_id;
  guint  n_visits;
} VisitJob;

static gboolean
add_many_visits (RegStore      *bulk,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  VisitJob *job = data;

  for (guint i = 0; i < job->n_visits; i++)
    {
      g_autoptr(RegVisit) visit = reg_visit_new ();
      g_autofree char *text = g_strdup_printf ("Visit number %u", i + 1);

      reg_visit_set_customer_id (visit, job->customer_id);
      reg_visit_set_author_id (visit, job->author_id);
      reg_visit_set_channel (visit, (RegChannel) (i % 4));
      reg_visit_set_happened_at (visit, NOW - (gint64) (job->n_visits - i) * HOUR);
      reg_visit_set_text (visit, text);
      reg_visit_set_satisfaction (visit, (int) (i % 6));
      if (!reg_store_save_visit (bulk, visit, error))
        return FALSE;
    }
  return TRUE;
}

static void
test_many_visits (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RegCustomer) regular = reg_customer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  VisitJob job = { 0, f->priya, 2000 };
  GtkWidget *older;
  gint64 start;

  reg_customer_set_display_name (regular, "Every Day Eddie");
  g_assert_true (reg_store_save_customer (f->store, regular, &error));
  job.customer_id = reg_customer_get_id (regular);
  g_assert_true (reg_store_run_bulk (f->store, add_many_visits, &job, NULL, &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  reg_customer_card_set_customer (f->card, regular);
  g_test_message ("Showing a card with 2,000 visits took %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  /* Only the newest are built. */
  rows = rows_with_class (f, "visit");
  g_assert_cmpuint (rows->len, ==, 20);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Visit number 2000");

  older = find_widget (GTK_WIDGET (f->card), is_button_with_label, "Show _Older Visits");
  g_assert_nonnull (older);
  g_assert_true (gtk_widget_is_drawable (older));
  click (older);

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = rows_with_class (f, "visit");
  g_assert_cmpuint (rows->len, ==, 70);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 69)), ==, "Visit number 1931");
  g_assert_true (gtk_widget_is_drawable (older));

  /* Back to a customer with few: the button goes. */
  reg_customer_card_set_customer (f->card, f->customer);
  g_assert_false (gtk_widget_is_drawable (older));
}

/* ------------------------------------------------------------------ */
/* The trash                                                            */

static void
test_trash_restore (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *sql = CUSTOMER_SQL (f, "SELECT deleted_at IS NULL FROM customers WHERE id = %" G_GINT64_FORMAT);
  g_autoptr(GError) error = NULL;
  GtkWidget *restore;

  g_assert_true (reg_store_trash_customer (f->store, f->customer, &error));
  g_assert_true (shows_label (f, "This customer is in the trash"));
  g_assert_cmpint (reg_test_sql_int (f->store, sql), ==, 0);

  restore = find_widget (GTK_WIDGET (f->card), is_button_with_label, "_Restore");
  g_assert_nonnull (restore);
  click (restore);
  g_assert_cmpint (reg_test_sql_int (f->store, sql), ==, 1);
  g_assert_false (shows_label (f, "This customer is in the trash"));
}

/* ------------------------------------------------------------------ */

#define ADD_TEST(path, func) \
  g_test_add ("/card/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  /* Dates on the card are local time in the user's language; these
   * tests read them in UTC and English. */
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  reg_test_init (&argc, &argv);

  ADD_TEST ("show/customer", test_shows_customer);
  ADD_TEST ("show/every-control-is-named", test_every_control_is_named);
  ADD_TEST ("show/updates-from-elsewhere", test_updates_from_elsewhere);
  ADD_TEST ("crib-notes/add", test_crib_note_add);
  ADD_TEST ("crib-notes/empty-state", test_crib_note_empty_state);
  ADD_TEST ("crib-notes/edit", test_crib_note_edit);
  ADD_TEST ("crib-notes/move", test_crib_note_move);
  ADD_TEST ("crib-notes/remove-undo", test_crib_note_remove_undo);
  ADD_TEST ("contact/phone", test_phone_edit_add_remove);
  ADD_TEST ("contact/invalid-email", test_invalid_email);
  ADD_TEST ("contact/invalid-birthday", test_invalid_birthday);
  ADD_TEST ("contact/saved-when-leaving-row", test_saved_when_leaving_row);
  ADD_TEST ("relationship/switches-kind-owner-tags", test_relationship);
  ADD_TEST ("follow-ups/done", test_follow_up_done);
  ADD_TEST ("visits/many", test_many_visits);
  ADD_TEST ("trash/restore", test_trash_restore);

  return g_test_run ();
}
