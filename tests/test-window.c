/* test-window.c: the customer files window, driven as a person would
 * drive it, on a database filled through the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "reg-test-util.h"
#include "model/reg-customer-list.h"
#include "store/reg-store-private.h"
#include "ui/reg-customer-card.h"
#include "ui/reg-customer-row.h"
#include "ui/reg-note-dialog.h"
#include "ui/reg-staff-button.h"
#include "ui/reg-tooltip.h"
#include "ui/reg-window.h"

typedef struct
{
  char   *dir;
  char   *path;
  gint64  zoe, anna, omar, priya, jonas;
} Shop;

static gint64
add_customer (RegStore   *store,
              const char *name,
              const char *phone,
              const char *email,
              gboolean    vip)
{
  g_autoptr(RegCustomer) customer = reg_customer_new ();
  g_autoptr(GError) error = NULL;

  reg_customer_set_display_name (customer, name);
  if (phone)
    reg_customer_add_phone (customer, "mobile", phone);
  if (email)
    reg_customer_add_email (customer, "home", email);
  reg_customer_set_vip (customer, vip);
  g_assert_true (reg_store_save_customer (store, customer, &error));
  g_assert_no_error (error);
  return reg_customer_get_id (customer);
}

static void
shop_set_up (Shop *shop)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = NULL;
  g_autoptr(RegCribNote) note = reg_crib_note_new ();

  shop->dir = g_dir_make_tmp ("regulars-window-XXXXXX", &error);
  shop->path = g_build_filename (shop->dir, "shop.db", NULL);
  store = reg_store_open (shop->path, &error);
  g_assert_no_error (error);

  shop->priya = reg_test_add_staff (store, "Priya Sharma", TRUE);
  shop->jonas = reg_test_add_staff (store, "Jonas Weber", TRUE);
  shop->zoe = add_customer (store, "Zoë Brown", "+44 7700 900123", "zoe@example.com", TRUE);
  shop->anna = add_customer (store, "Anna Smith", NULL, "anna@example.org", FALSE);
  shop->omar = add_customer (store, "Omar Haddad", NULL, NULL, FALSE);
  add_customer (store, "Beatrice Annan", NULL, NULL, FALSE);

  reg_crib_note_set_customer_id (note, shop->zoe);
  reg_crib_note_set_text (note, "Daughter Mia starts school in September");
  g_assert_true (reg_store_save_crib_note (store, note, &error));
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

static int
sql_int (RegApplication *app,
         const char     *sql,
         gint64          id)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (reg_store_get_db (reg_application_get_store (app)), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
is_customer_view (GtkWidget     *widget,
                  gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "navigation-sidebar");
}

static GtkWidget *
customer_view (RegWindow *window)
{
  GtkWidget *view = reg_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, is_customer_view, NULL);

  g_assert_nonnull (view);
  return view;
}

/* The names the list shows on screen, in order. */
static char *
shown_names (RegWindow *window)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *view = customer_view (window);
  GString *names = g_string_new (NULL);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();

  reg_test_settle ();
  if (!gtk_widget_is_drawable (view))
    return g_string_free (names, FALSE);

  rows = reg_test_find_widgets (view, REG_TYPE_CUSTOMER_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      RegCustomerRow *row = g_ptr_array_index (rows, i);
      RegCustomer *customer = reg_customer_row_get_customer (row);
      graphene_point_t point;

      if (customer == NULL || !gtk_widget_get_mapped (GTK_WIDGET (row)))
        continue;
      /* Rows sit in list order on screen, top to bottom. */
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (row), view, &GRAPHENE_POINT_INIT (0, 0), &point));
      g_object_set_data (G_OBJECT (row), "y", GINT_TO_POINTER ((int) point.y + 1));
      g_ptr_array_add (shown, row);
    }
  for (guint i = 1; i < shown->len; i++)
    for (guint j = i; j > 0 &&
         GPOINTER_TO_INT (g_object_get_data (shown->pdata[j - 1], "y")) >
         GPOINTER_TO_INT (g_object_get_data (shown->pdata[j], "y")); j--)
      {
        gpointer t = shown->pdata[j];
        shown->pdata[j] = shown->pdata[j - 1];
        shown->pdata[j - 1] = t;
      }
  for (guint i = 0; i < shown->len; i++)
    g_string_append_printf (names, "%s%s", i ? "|" : "",
                            reg_customer_get_display_name (reg_customer_row_get_customer (shown->pdata[i])));
  return g_string_free (names, FALSE);
}

/* The row on screen that shows @name. */
static RegCustomerRow *
shown_row (RegWindow  *window,
           const char *name)
{
  g_autoptr(GPtrArray) rows = reg_test_find_widgets (customer_view (window), REG_TYPE_CUSTOMER_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      RegCustomer *customer = reg_customer_row_get_customer (rows->pdata[i]);

      if (customer != NULL && gtk_widget_get_mapped (rows->pdata[i]) &&
          g_strcmp0 (reg_customer_get_display_name (customer), name) == 0)
        return rows->pdata[i];
    }
  g_assert_not_reached ();
}

static GtkEditable *
search_entry (RegWindow *window)
{
  return GTK_EDITABLE (reg_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL, NULL));
}

/* Types into the search field and lets the search run. */
static gboolean
card_caught_up (gpointer data)
{
  RegWindow *window = data;
  GtkWidget *card = reg_test_find_widget (GTK_WIDGET (window), REG_TYPE_CUSTOMER_CARD, NULL, NULL);

  return reg_customer_card_get_customer (REG_CUSTOMER_CARD (card)) == reg_window_get_customer (window);
}

/* Types into the search field and lets the search run; the card of the
 * best match is filled once the list is on screen. */
static void
type_search (RegWindow  *window,
             const char *text)
{
  gtk_editable_set_text (search_entry (window), text);
  reg_test_settle ();
  g_assert_true (reg_test_wait_until (card_caught_up, window, 5000));
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  text)
{
  return g_strcmp0 (reg_get_tooltip (widget), text) == 0;
}

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  text)
{
  return gtk_widget_is_drawable (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
shows_label (RegWindow  *window,
             const char *text)
{
  reg_test_settle ();
  return reg_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, label_is, text) != NULL;
}

/* ------------------------------------------------------------------ */

static void
check_search (RegApplication *app,
              gpointer        data)
{
  RegWindow *window = main_window (app);
  g_autofree char *all = NULL, *zoe = NULL, *an = NULL, *phone = NULL;
  RegCustomerRow *row, *top;

  all = shown_names (window);
  g_assert_cmpstr (all, ==, "Anna Smith|Beatrice Annan|Omar Haddad|Zoë Brown");
  top = shown_row (window, "Anna Smith");

  /* Three letters, no accent: the customer, and her card with the crib note */
  type_search (window, "zoe");
  zoe = shown_names (window);
  g_assert_cmpstr (zoe, ==, "Zoë Brown");
  g_assert_nonnull (reg_window_get_customer (window));
  g_assert_cmpstr (reg_customer_get_display_name (reg_window_get_customer (window)), ==, "Zoë Brown");
  g_assert_true (shows_label (window, "Zoë Brown"));
  /* Her row, the same widget that showed Anna at the top before: a
   * search changes what rows show rather than making rows. Never seen
   * yet, and a VIP. */
  row = shown_row (window, "Zoë Brown");
  g_assert_true (row == top);
  g_assert_cmpstr (reg_customer_row_get_detail_text (row), ==, "Never seen");
  g_assert_true (reg_customer_row_shows_badge (row, "starred-symbolic"));
  g_assert_false (reg_customer_row_shows_badge (row, "task-past-due-symbolic"));

  type_search (window, "an");
  an = shown_names (window);
  g_assert_cmpstr (an, ==, "Anna Smith|Beatrice Annan");

  type_search (window, "900123");
  phone = shown_names (window);
  g_assert_cmpstr (phone, ==, "Zoë Brown");

  type_search (window, "");
}

static void
check_no_results_offers_new (RegApplication *app,
                             gpointer        data)
{
  RegWindow *window = main_window (app);
  Shop *shop = data;
  GtkWidget *button;

  type_search (window, "Xavier Quinn");
  g_assert_true (shows_label (window, "No Customers Found"));
  button = reg_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, NULL, NULL);
  g_assert_nonnull (button);
  g_assert_true (shows_label (window, "Add “Xavier Quinn”"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-typed-customer", NULL);
  g_assert_cmpint (sql_int (app, "SELECT count(*) FROM customers WHERE display_name = 'Xavier Quinn' AND family_name = 'Quinn' AND ?1 > 0", shop->zoe), ==, 1);
  g_assert_cmpstr (reg_customer_get_display_name (reg_window_get_customer (window)), ==, "Xavier Quinn");
  {
    g_autofree char *names = shown_names (window);
    g_assert_cmpstr (names, ==, "Xavier Quinn");
  }
}

static gboolean
is_message_dialog (gpointer data)
{
  return reg_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
check_new_customer (RegApplication *app,
                    gpointer        data)
{
  RegWindow *window = main_window (app);
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-customer", NULL);
  g_assert_true (reg_test_wait_until (is_message_dialog, NULL, 5000));
  dialog = ADW_MESSAGE_DIALOG (reg_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));

  entry = GTK_EDITABLE (reg_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, NULL));
  gtk_editable_set_text (entry, "  Kwame Mensah ");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  g_signal_emit_by_name (gtk_widget_get_first_child (GTK_WIDGET (entry)), "activate");
  reg_test_settle ();

  g_assert_cmpint (sql_int (app, "SELECT count(*) FROM customers WHERE display_name = 'Kwame Mensah' AND given_name = 'Kwame' AND ?1", 1), ==, 1);
  g_assert_cmpstr (reg_customer_get_display_name (reg_window_get_customer (window)), ==, "Kwame Mensah");
}

static void
check_trash_and_undo (RegApplication *app,
                      gpointer        data)
{
  RegWindow *window = main_window (app);
  Shop *shop = data;
  g_autofree char *after_trash = NULL, *after_undo = NULL, *trash = NULL;

  type_search (window, "omar");
  g_assert_cmpstr (reg_customer_get_display_name (reg_window_get_customer (window)), ==, "Omar Haddad");
  type_search (window, "");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.trash-customer", NULL);
  g_assert_cmpint (sql_int (app, "SELECT deleted_at IS NOT NULL FROM customers WHERE id = ?1", shop->omar), ==, 1);
  after_trash = shown_names (window);
  g_assert_cmpstr (after_trash, ==, "Anna Smith|Beatrice Annan|Zoë Brown");
  g_assert_true (shows_label (window, "“Omar Haddad” moved to the trash"));

  /* The toast's Undo */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-trash", "x", shop->omar);
  g_assert_cmpint (sql_int (app, "SELECT deleted_at IS NULL FROM customers WHERE id = ?1", shop->omar), ==, 1);
  after_undo = shown_names (window);
  g_assert_cmpstr (after_undo, ==, "Anna Smith|Beatrice Annan|Omar Haddad|Zoë Brown");

  /* Trash again, and restore from the Trash view */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.trash-customer", NULL);
  g_object_set (window, "show-trash", TRUE, NULL);
  trash = shown_names (window);
  g_assert_cmpstr (trash, ==, "Omar Haddad");
  type_search (window, "");
  g_signal_emit_by_name (customer_view (window), "activate", 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-customer", NULL);
  g_assert_cmpint (sql_int (app, "SELECT deleted_at IS NULL FROM customers WHERE id = ?1", shop->omar), ==, 1);
  g_object_set (window, "show-trash", FALSE, NULL);
}

static void
check_filters (RegApplication *app,
               gpointer        data)
{
  RegWindow *window = main_window (app);
  GtkWidget *button = reg_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, has_tooltip, "Filter and Sort");
  GtkCheckButton *vip = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *vips = NULL, *all = NULL;

  g_assert_nonnull (button);
  checks = reg_test_find_widgets (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                                  GTK_TYPE_CHECK_BUTTON);
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (gtk_check_button_get_label (checks->pdata[i]), "_VIP") == 0)
      vip = checks->pdata[i];
  g_assert_nonnull (vip);

  gtk_check_button_set_active (vip, TRUE);
  vips = shown_names (window);
  g_assert_cmpstr (vips, ==, "Zoë Brown");
  g_assert_true (gtk_widget_has_css_class (button, "accent"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  all = shown_names (window);
  g_assert_cmpstr (all, ==, "Anna Smith|Beatrice Annan|Omar Haddad|Zoë Brown");
  g_assert_false (gtk_check_button_get_active (vip));
}

/* A figure of the Overview lists its customers with a bar above the
 * list saying what it shows; the filters show what they can of it. */
static void
check_filter_bar (RegApplication *app,
                  gpointer        data)
{
  RegWindow *window = main_window (app);
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  GtkWidget *button = reg_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, has_tooltip, "Filter and Sort");
  GtkCheckButton *vip = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *vips = NULL, *all = NULL, *again = NULL;

  checks = reg_test_find_widgets (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                                  GTK_TYPE_CHECK_BUTTON);
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (gtk_check_button_get_label (checks->pdata[i]), "_VIP") == 0)
      vip = checks->pdata[i];
  g_assert_nonnull (vip);

  /* What was typed makes way for the link. */
  type_search (window, "anna");
  query->vip = 1;
  reg_window_show_customers (window, query, "VIP customers");
  vips = shown_names (window);
  g_assert_cmpstr (vips, ==, "Zoë Brown");
  g_assert_cmpstr (gtk_editable_get_text (search_entry (window)), ==, "");
  g_assert_cmpstr (reg_window_get_filter_description (window), ==, "VIP customers");
  g_assert_true (shows_label (window, "VIP customers"));
  g_assert_true (gtk_check_button_get_active (vip));
  g_assert_true (gtk_widget_has_css_class (button, "accent"));

  /* The trash is not what the link showed. */
  g_object_set (window, "show-trash", TRUE, NULL);
  g_assert_null (reg_window_get_filter_description (window));
  g_object_set (window, "show-trash", FALSE, NULL);

  /* Clearing the filters shows everyone again, and the bar goes. */
  reg_window_show_customers (window, query, "VIP customers");
  again = shown_names (window);
  g_assert_cmpstr (again, ==, "Zoë Brown");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  all = shown_names (window);
  g_assert_cmpstr (all, ==, "Anna Smith|Beatrice Annan|Omar Haddad|Zoë Brown");
  g_assert_null (reg_window_get_filter_description (window));
  g_assert_false (gtk_check_button_get_active (vip));
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
  RegWindow *window = main_window (app);
  AdwLeaflet *leaflet = ADW_LEAFLET (reg_test_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL, NULL));

  g_assert_false (adw_leaflet_get_folded (leaflet));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  g_assert_true (reg_test_wait_until (leaflet_folded, leaflet, 5000));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Opening a customer shows the card; Back shows the list. */
  g_signal_emit_by_name (customer_view (window), "activate", 1);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_cmpstr (reg_customer_get_display_name (reg_window_get_customer (window)), ==, "Beatrice Annan");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Ctrl+F from the card goes back to the search. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
}

static void
check_accels (RegApplication *app,
              gpointer        data)
{
  static const char * const expected[][2] = {
    { "win.find", "<Control>f" },
    { "win.new-customer", "<Shift><Control>n" },
    { "win.add-note", "<Control>n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), expected[i][0]);
      g_assert_true (g_strv_contains ((const char * const *) accels, expected[i][1]));
    }
}

/* ------------------------------------------------------------------ */
/* The card, the note dialog and the staff button, inside the window     */

static gboolean
entry_row_with_text (GtkWidget     *widget,
                     gconstpointer  text)
{
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0;
}

static GtkWidget *
find_in_card (RegWindow         *window,
              GType              type,
              RegTestWidgetFunc  match,
              gconstpointer      data)
{
  GtkWidget *card = reg_test_find_widget (GTK_WIDGET (window), REG_TYPE_CUSTOMER_CARD, NULL, NULL);

  reg_test_settle ();
  g_assert_nonnull (card);
  return reg_test_find_widget (card, type, match, data);
}

/* Types into an entry row and presses Enter. */
static void
type_into_row (GtkWidget  *row,
               const char *text)
{
  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  reg_test_settle ();
}

static void
click_button_with_tooltip (GtkWidget  *root,
                           const char *tooltip)
{
  GtkWidget *button = reg_test_find_widget (root, GTK_TYPE_BUTTON, has_tooltip, tooltip);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  reg_test_settle ();
}

static char *
sql_text (RegApplication *app,
          const char     *sql,
          gint64          id)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (reg_store_get_db (reg_application_get_store (app)), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
check_crib_notes_in_card (RegApplication *app,
                          gpointer        data)
{
  RegWindow *window = main_window (app);
  Shop *shop = data;
  GtkWidget *row;
  g_autofree char *edited = NULL;

  type_search (window, "zoe");
  g_assert_true (shows_label (window, "Zoë Brown"));

  /* Add */
  click_button_with_tooltip (GTK_WIDGET (window), "Add Crib Note");
  row = find_in_card (window, ADW_TYPE_ENTRY_ROW, entry_row_with_text, "");
  type_into_row (row, "Allergic to nuts");
  g_assert_cmpint (sql_int (app, "SELECT count(*) FROM crib_notes WHERE customer_id = ?1 AND text = 'Allergic to nuts' AND deleted_at IS NULL", shop->zoe), ==, 1);

  /* Edit in place */
  row = find_in_card (window, ADW_TYPE_ENTRY_ROW, entry_row_with_text, "Daughter Mia starts school in September");
  type_into_row (row, "Daughter Mia starts school in October");
  edited = sql_text (app, "SELECT text FROM crib_notes WHERE customer_id = ?1 ORDER BY position LIMIT 1", shop->zoe);
  g_assert_cmpstr (edited, ==, "Daughter Mia starts school in October");

  /* Remove */
  row = find_in_card (window, ADW_TYPE_ENTRY_ROW, entry_row_with_text, "Allergic to nuts");
  click_button_with_tooltip (row, "Remove");
  g_assert_cmpint (sql_int (app, "SELECT count(*) FROM crib_notes WHERE customer_id = ?1 AND deleted_at IS NULL", shop->zoe), ==, 1);
  g_assert_cmpint (sql_int (app, "SELECT count(*) FROM crib_notes WHERE customer_id = ?1 AND deleted_at IS NOT NULL", shop->zoe), ==, 1);
}

static void
check_contact_in_card (RegApplication *app,
                       gpointer        data)
{
  RegWindow *window = main_window (app);
  Shop *shop = data;
  GtkWidget *phone, *email;
  g_autofree char *stored_phone = NULL, *stored_email = NULL;

  type_search (window, "zoe");

  phone = find_in_card (window, ADW_TYPE_ENTRY_ROW, entry_row_with_text, "+44 7700 900123");
  type_into_row (phone, "+44 7700 900999");
  stored_phone = sql_text (app, "SELECT value FROM customer_contacts WHERE customer_id = ?1 AND kind = 'phone'", shop->zoe);
  g_assert_cmpstr (stored_phone, ==, "+44 7700 900999");

  /* An email without @: the database keeps the old one, the field keeps
   * what was typed and says what is wrong. */
  email = find_in_card (window, ADW_TYPE_ENTRY_ROW, entry_row_with_text, "zoe@example.com");
  type_into_row (email, "zoe.example.com");
  stored_email = sql_text (app, "SELECT value FROM customer_contacts WHERE customer_id = ?1 AND kind = 'email'", shop->zoe);
  g_assert_cmpstr (stored_email, ==, "zoe@example.com");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email)), ==, "zoe.example.com");
  g_assert_true (gtk_widget_has_css_class (email, "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (email), "@"));
}

static gboolean
note_dialog_open (gpointer data)
{
  return reg_test_find_window (REG_TYPE_NOTE_DIALOG) != NULL;
}

static gboolean
note_dialog_closed (gpointer data)
{
  return reg_test_find_window (REG_TYPE_NOTE_DIALOG) == NULL;
}

/* Ctrl+N, type, promise a callback, Ctrl+Enter. */
static void
add_note (RegWindow  *window,
          const char *text,
          gboolean    promise)
{
  RegNoteDialog *dialog;
  GtkTextView *view;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-note", NULL);
  g_assert_true (reg_test_wait_until (note_dialog_open, NULL, 5000));
  dialog = REG_NOTE_DIALOG (reg_test_find_window (REG_TYPE_NOTE_DIALOG));
  view = GTK_TEXT_VIEW (reg_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL, NULL));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  if (promise)
    adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (reg_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_EXPANDER_ROW, NULL, NULL)), TRUE);
  reg_test_settle ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "note.save", NULL);
  g_assert_true (reg_test_wait_until (note_dialog_closed, NULL, 5000));
  reg_test_settle ();
}

static void
check_note_with_promise (RegApplication *app,
                         gpointer        data)
{
  RegWindow *window = main_window (app);
  Shop *shop = data;
  g_autofree char *promise = NULL;

  /* Typed and Ctrl+N at once, before the card has caught up: the note
   * is for the customer found. */
  gtk_editable_set_text (search_entry (window), "anna");
  add_note (window, "Asked for a quote for the wedding flowers.", TRUE);
  g_assert_true (reg_test_wait_until (card_caught_up, window, 5000));

  g_assert_cmpint (sql_int (app, "SELECT count(*) FROM visits WHERE customer_id = ?1 AND text = 'Asked for a quote for the wedding flowers.'", shop->anna), ==, 1);
  g_assert_cmpint (sql_int (app, "SELECT count(*) FROM follow_ups f JOIN visits v ON v.id = f.visit_id WHERE f.customer_id = ?1 AND f.status = 'open' AND f.due_at > strftime ('%s', 'now')", shop->anna), ==, 1);
  promise = sql_text (app, "SELECT promise FROM follow_ups WHERE customer_id = ?1", shop->anna);
  g_assert_cmpstr (promise, ==, "Call back");
  /* The card shows the note at once. */
  g_assert_true (shows_label (window, "Asked for a quote for the wedding flowers."));
}

static gboolean
label_row_named (GtkWidget     *widget,
                 gconstpointer  name)
{
  return reg_test_find_widget (widget, GTK_TYPE_LABEL, label_is, name) != NULL;
}

static void
check_switch_staff (RegApplication *app,
                    gpointer        data)
{
  RegWindow *window = main_window (app);
  Shop *shop = data;
  RegStaffButton *button;
  GtkMenuButton *menu_button;
  GtkWidget *popover, *list, *row;

  type_search (window, "omar");
  button = REG_STAFF_BUTTON (reg_test_find_widget (GTK_WIDGET (window), REG_TYPE_STAFF_BUTTON, NULL, NULL));
  g_assert_nonnull (button);
  /* The first active by name is at the keyboard to begin with. */
  g_assert_cmpint (reg_staff_button_get_staff_id (button), ==, shop->jonas);
  add_note (window, "Popped in to say hello.", FALSE);
  g_assert_cmpint (sql_int (app, "SELECT author_id FROM visits WHERE customer_id = ?1", shop->omar), ==, shop->jonas);

  /* Two clicks: open the menu, choose Priya. */
  menu_button = GTK_MENU_BUTTON (reg_test_find_widget (GTK_WIDGET (button), GTK_TYPE_MENU_BUTTON, NULL, NULL));
  gtk_menu_button_popup (menu_button);
  reg_test_settle ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (menu_button));
  list = reg_test_find_widget (popover, GTK_TYPE_LIST_BOX, NULL, NULL);
  row = reg_test_find_widget (list, GTK_TYPE_LIST_BOX_ROW, label_row_named, "Priya Sharma");
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  reg_test_settle ();
  g_assert_cmpint (reg_staff_button_get_staff_id (button), ==, shop->priya);

  add_note (window, "Called about the invoice.", FALSE);
  g_assert_cmpint (sql_int (app, "SELECT author_id FROM visits WHERE customer_id = ?1 AND text = 'Called about the invoice.'", shop->omar), ==, shop->priya);
}

#define WINDOW_TEST(name) \
  static void test_##name (void) \
  { \
    g_autoptr(RegApplication) app = reg_test_application_new (); \
    Shop shop = { 0 }; \
    shop_set_up (&shop); \
    reg_test_run_with_database (app, shop.path, check_##name, &shop); \
    shop_tear_down (&shop); \
  }

WINDOW_TEST (search)
WINDOW_TEST (no_results_offers_new)
WINDOW_TEST (new_customer)
WINDOW_TEST (trash_and_undo)
WINDOW_TEST (filters)
WINDOW_TEST (filter_bar)
WINDOW_TEST (narrow)
WINDOW_TEST (accels)
WINDOW_TEST (crib_notes_in_card)
WINDOW_TEST (contact_in_card)
WINDOW_TEST (note_with_promise)
WINDOW_TEST (switch_staff)

int
main (int   argc,
      char *argv[])
{
  reg_test_init (&argc, &argv);

  g_test_add_func ("/window/search/fragments", test_search);
  g_test_add_func ("/window/search/no-results-offers-new", test_no_results_offers_new);
  g_test_add_func ("/window/customer/new", test_new_customer);
  g_test_add_func ("/window/customer/trash-and-undo", test_trash_and_undo);
  g_test_add_func ("/window/list/filters", test_filters);
  g_test_add_func ("/window/list/filter-bar", test_filter_bar);
  g_test_add_func ("/window/layout/narrow", test_narrow);
  g_test_add_func ("/window/accels", test_accels);
  g_test_add_func ("/window/card/crib-notes", test_crib_notes_in_card);
  g_test_add_func ("/window/card/phone-and-invalid-email", test_contact_in_card);
  g_test_add_func ("/window/card/note-with-promise", test_note_with_promise);
  g_test_add_func ("/window/staff/switch-and-author", test_switch_staff);

  return g_test_run ();
}
