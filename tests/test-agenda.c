/* test-agenda.c: the Agenda and the reminder bits of the window, driven
 * as a person would drive them, on a database filled through the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "reg-test-util.h"
#include "ui/reg-agenda-view.h"
#include "ui/reg-window.h"

typedef struct _ShopTest ShopTest;

typedef struct
{
  const ShopTest *test;
  char           *dir;
  char           *path;
  gint64          now;         /* the store's clock while the test runs */
  gint64          priya, jonas;
  gint64          zoe, anna, omar, bea;
  gint64          zoe_call, anna_quote, omar_ring, bea_invoice, zoe_stock;
  guint           n_many;      /* more overdue promises, for the big list */
} Shop;

/* What a test checks in the running application's window. */
typedef void (*ShopCheck) (RegApplication *app,
                           RegWindow      *window,
                           Shop           *shop);

/* A test: its check, on a shop with @n_many more promises. */
struct _ShopTest
{
  const char *path;
  ShopCheck   check;
  guint       n_many;
};

static gint64
add_customer (RegStore   *store,
              const char *name)
{
  g_autoptr(RegCustomer) customer = reg_customer_new ();
  g_autoptr(GError) error = NULL;

  reg_customer_set_display_name (customer, name);
  g_assert_true (reg_store_save_customer (store, customer, &error));
  g_assert_no_error (error);
  return reg_customer_get_id (customer);
}

/* A local time on the day @days from today. */
static gint64
local_time (int days,
            int hour,
            int minute)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now),
                                                         0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (midnight, days);
  g_autoptr(GDateTime) when = g_date_time_add_full (day, 0, 0, 0, hour, minute, 0);

  return g_date_time_to_unix (when);
}

/* A promise kept, as the store records it from any view. */
static void
mark_done (RegStore *store,
           gint64    id)
{
  g_autoptr(RegFollowUp) follow_up = reg_store_get_follow_up (store, id, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (follow_up);
  g_assert_true (reg_store_set_follow_up_status (store, follow_up, REG_FOLLOW_UP_STATUS_DONE, &error));
  g_assert_no_error (error);
}

typedef struct
{
  gint64 customer_id;
  guint  n;
} Many;

static gboolean
add_many (RegStore      *bulk,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Many *many = data;

  for (guint i = 0; i < many->n; i++)
    {
      g_autoptr(RegFollowUp) follow_up = reg_follow_up_new ();
      g_autofree char *promise = g_strdup_printf ("Promise %u", i);

      reg_follow_up_set_customer_id (follow_up, many->customer_id);
      reg_follow_up_set_promise (follow_up, promise);
      /* Far ahead, so that the shop's own promises still come first. */
      reg_follow_up_set_due_at (follow_up, local_time (400, 9, 0) + i * 60);
      if (!reg_store_save_follow_up (bulk, follow_up, error))
        return FALSE;
    }
  return TRUE;
}

/* The store's clock stands at 10:00 three days from now, so that every
 * due time lies in the real future: the reminder service, which goes by
 * the real clock, reminds of nothing while the test runs. */
static void
shop_set_up (Shop          *shop,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = NULL;
  gint64 other;

  shop->test = data;
  shop->n_many = shop->test->n_many;
  shop->dir = g_dir_make_tmp ("regulars-agenda-XXXXXX", &error);
  shop->path = g_build_filename (shop->dir, "shop.db", NULL);
  store = reg_store_open (shop->path, &error);
  g_assert_no_error (error);

  shop->now = local_time (3, 10, 0);
  shop->priya = reg_test_add_staff (store, "Priya Sharma", TRUE);
  shop->jonas = reg_test_add_staff (store, "Jonas Weber", TRUE);
  shop->zoe = add_customer (store, "Zoë Brown");
  shop->anna = add_customer (store, "Anna Smith");
  shop->omar = add_customer (store, "Omar Haddad");
  shop->bea = add_customer (store, "Beatrice Annan");

  shop->zoe_call = reg_test_add_follow_up (store, shop->zoe, shop->priya, local_time (3, 8, 0),
                                           "Call back about the part", REG_FOLLOW_UP_STATUS_OPEN);
  shop->anna_quote = reg_test_add_follow_up (store, shop->anna, shop->jonas, local_time (2, 8, 0),
                                             "Send the quote", REG_FOLLOW_UP_STATUS_OPEN);
  shop->omar_ring = reg_test_add_follow_up (store, shop->omar, shop->priya, local_time (3, 16, 30),
                                            "Ring when the order arrives", REG_FOLLOW_UP_STATUS_OPEN);
  shop->bea_invoice = reg_test_add_follow_up (store, shop->bea, shop->jonas, local_time (6, 11, 0),
                                              "Email the invoice", REG_FOLLOW_UP_STATUS_OPEN);
  shop->zoe_stock = reg_test_add_follow_up (store, shop->zoe, shop->priya, local_time (40, 9, 15),
                                            "Check stock of the blue one", REG_FOLLOW_UP_STATUS_OPEN);

  /* Kept promises are not on the Agenda. */
  other = reg_test_add_follow_up (store, shop->omar, shop->jonas, local_time (3, 9, 0),
                                  "Order the catalogue", REG_FOLLOW_UP_STATUS_OPEN);
  mark_done (store, other);

  if (shop->n_many > 0)
    {
      Many many = { shop->bea, shop->n_many };

      g_assert_true (reg_store_run_bulk (store, add_many, &many, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
shop_tear_down (Shop          *shop,
                gconstpointer  data)
{
  reg_test_remove_tree (shop->dir);
  g_free (shop->dir);
  g_free (shop->path);
}

/* The window, with the store's clock set to the shop's "now". */
static RegWindow *
main_window (RegApplication *app,
             Shop           *shop)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (REG_IS_WINDOW (window));
  reg_test_wait_mapped (window);
  reg_store_set_now (reg_application_get_store (app), shop->now);
  reg_window_refresh_reminders (REG_WINDOW (window));
  reg_test_settle ();
  return REG_WINDOW (window);
}

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, data);
}

static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static GtkWidget *
find_by_class (gpointer    root,
               GType       type,
               const char *css_class)
{
  GtkWidget *widget = reg_test_find_widget (GTK_WIDGET (root), type, has_class, css_class);

  g_assert_nonnull (widget);
  return widget;
}

static RegAgendaView *
agenda_view (RegWindow *window)
{
  GtkWidget *agenda = reg_test_find_widget (GTK_WIDGET (window), REG_TYPE_AGENDA_VIEW, NULL, NULL);

  g_assert_nonnull (agenda);
  return REG_AGENDA_VIEW (agenda);
}

static GtkWidget *
agenda_list (RegWindow *window)
{
  GtkWidget *list = reg_test_find_widget (GTK_WIDGET (agenda_view (window)), GTK_TYPE_LIST_VIEW, NULL, NULL);

  g_assert_nonnull (list);
  return list;
}

static const char *
card_page (RegWindow *window)
{
  GtkWidget *stack = GTK_WIDGET (agenda_view (window));

  /* The Agenda is a page of the stack that holds the card. */
  while (stack != NULL && !GTK_IS_STACK (stack))
    stack = gtk_widget_get_parent (stack);
  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The visible labels under @widget, in tree order, joined by " · ". */
static char *
label_text (GtkWidget *widget)
{
  g_autoptr(GPtrArray) labels = reg_test_find_widgets (widget, GTK_TYPE_LABEL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = labels->pdata[i];

      if (!gtk_widget_is_visible (label))
        continue;
      g_string_append_printf (text, "%s%s", text->len ? " · " : "", gtk_label_get_label (GTK_LABEL (label)));
    }
  return g_string_free (text, FALSE);
}

static int
compare_y (gconstpointer a,
           gconstpointer b)
{
  int ya = GPOINTER_TO_INT (g_object_get_data (*(GObject **) a, "y"));
  int yb = GPOINTER_TO_INT (g_object_get_data (*(GObject **) b, "y"));

  return ya - yb;
}

/* The Agenda's rows on screen, top to bottom: headings and promises. */
static GPtrArray *
shown_rows (RegWindow *window)
{
  GtkWidget *list = agenda_list (window);
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *shown = g_ptr_array_new ();

  reg_test_settle ();
  all = reg_test_find_widgets (list, GTK_TYPE_BOX);
  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *row = all->pdata[i];
      graphene_point_t point;

      if (!gtk_widget_has_css_class (row, "agenda-heading") && !gtk_widget_has_css_class (row, "agenda-row"))
        continue;
      if (!gtk_widget_get_mapped (row))
        continue;
      g_assert_true (gtk_widget_compute_point (row, list, &GRAPHENE_POINT_INIT (0, 0), &point));
      g_object_set_data (G_OBJECT (row), "y", GINT_TO_POINTER ((int) point.y + 1));
      g_ptr_array_add (shown, row);
    }
  g_ptr_array_sort (shown, compare_y);
  return shown;
}

/* The Agenda as a person reads it, a line per row. */
static char *
shown_agenda (RegWindow *window)
{
  g_autoptr(GPtrArray) rows = shown_rows (window);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *line = label_text (rows->pdata[i]);

      g_string_append_printf (text, "%s%s", i ? "\n" : "", line);
    }
  return g_string_free (text, FALSE);
}

/* Activates the row that shows @text, as a click or Enter does. */
static void
activate_row (RegWindow  *window,
              const char *text)
{
  g_autoptr(GPtrArray) rows = shown_rows (window);

  /* Every row of the shop fits on screen, so a row's place on screen
   * is its place in the list. */
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *line = label_text (rows->pdata[i]);

      if (strstr (line, text) != NULL)
        {
          gtk_widget_activate_action (agenda_list (window), "list.activate-item", "u", i);
          reg_test_settle ();
          return;
        }
    }
  g_error ("No row shows “%s”", text);
}

static char *
short_day (gint64 when)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (when);

  return g_date_time_format (time, "%a %-d %b");
}

static char *
expected_agenda (Shop     *shop,
                 gboolean  mine_only)
{
  g_autofree char *anna_day = short_day (local_time (2, 8, 0));
  g_autofree char *bea_day = short_day (local_time (6, 11, 0));
  g_autofree char *zoe_day = NULL;
  g_autoptr(GDateTime) later = g_date_time_new_from_unix_local (local_time (40, 9, 15));
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (shop->now);

  zoe_day = g_date_time_format (later, g_date_time_get_year (later) == g_date_time_get_year (today)
                                ? "%a %-d %b" : "%a %-d %b %Y");

  if (mine_only)
    return g_strdup_printf ("Overdue · 1\n"
                            "Zoë Brown · Call back about the part · Overdue since 08:00 · Priya Sharma\n"
                            "Today · 1\n"
                            "Omar Haddad · Ring when the order arrives · Today at 16:30 · Priya Sharma\n"
                            "Later · 1\n"
                            "Zoë Brown · Check stock of the blue one · %s, 09:15 · Priya Sharma",
                            zoe_day);

  return g_strdup_printf ("Overdue · 2\n"
                          "Anna Smith · Send the quote · Overdue since %s · Jonas Weber\n"
                          "Zoë Brown · Call back about the part · Overdue since 08:00 · Priya Sharma\n"
                          "Today · 1\n"
                          "Omar Haddad · Ring when the order arrives · Today at 16:30 · Priya Sharma\n"
                          "This Week · 1\n"
                          "Beatrice Annan · Email the invoice · %s, 11:00 · Jonas Weber\n"
                          "Later · 1\n"
                          "Zoë Brown · Check stock of the blue one · %s, 09:15 · Priya Sharma",
                          anna_day, bea_day, zoe_day);
}

/* The Agenda read again into @shown, for the checks that follow. */
static const char *
read_agenda (RegWindow  *window,
             char      **shown)
{
  g_free (*shown);
  *shown = shown_agenda (window);
  return *shown;
}

static void
assert_labels (GtkWidget  *widget,
               const char *expected)
{
  g_autofree char *text = label_text (widget);

  g_assert_cmpstr (text, ==, expected);
}

/* The header bar's count of overdue promises, and what its button says;
 * NULL for no count, or for a tooltip not checked. */
static void
assert_overdue_count (RegWindow  *window,
                      const char *count,
                      const char *tooltip)
{
  GtkWidget *button = find_by_class (window, GTK_TYPE_BUTTON, "agenda-button");
  GtkWidget *badge = find_by_class (button, GTK_TYPE_LABEL, "overdue-badge");

  g_assert_cmpint (gtk_widget_get_visible (badge), ==, count != NULL);
  if (count != NULL)
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, count);
  if (tooltip != NULL)
    g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, tooltip);
}

/* ------------------------------------------------------------------ */

static void
check_groups (RegApplication *app,
              RegWindow      *window,
              Shop           *shop)
{
  GtkWidget *button = find_by_class (window, GTK_TYPE_BUTTON, "agenda-button");
  g_autofree char *expected = expected_agenda (shop, FALSE);
  g_autofree char *shown = NULL;

  /* The header bar tells of the two overdue promises. */
  assert_overdue_count (window, "2", "Agenda, 2 overdue promises");

  g_signal_emit_by_name (button, "clicked");
  reg_test_settle ();
  g_assert_cmpstr (card_page (window), ==, "agenda");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (agenda_view (window))));

  g_assert_cmpstr (read_agenda (window, &shown), ==, expected);

  /* Overdue rows look as they do on the card. */
  {
    g_autoptr(GPtrArray) rows = shown_rows (window);

    g_assert_true (gtk_widget_has_css_class (rows->pdata[1], "overdue"));
    g_assert_true (gtk_widget_has_css_class (rows->pdata[2], "overdue"));
    g_assert_false (gtk_widget_has_css_class (rows->pdata[4], "overdue"));
  }
}

static void
check_mine_only (RegApplication *app,
                 RegWindow      *window,
                 Shop           *shop)
{
  RegAgendaView *agenda = agenda_view (window);
  GtkWidget *toggle = reg_test_find_widget (GTK_WIDGET (agenda), GTK_TYPE_TOGGLE_BUTTON, NULL, NULL);
  g_autofree char *mine = expected_agenda (shop, TRUE);
  g_autofree char *everyone = expected_agenda (shop, FALSE);
  g_autofree char *shown = NULL;

  g_settings_set_int64 (reg_application_get_settings (app), "current-staff-id", shop->priya);
  reg_window_show_agenda (window);
  reg_test_settle ();
  g_assert_cmpint (reg_agenda_view_get_staff_id (agenda), ==, shop->priya);

  g_assert_nonnull (toggle);
  g_assert_true (gtk_widget_is_sensitive (toggle));
  g_signal_emit_by_name (toggle, "clicked");
  g_assert_true (reg_agenda_view_get_mine_only (agenda));
  g_assert_cmpstr (read_agenda (window, &shown), ==, mine);

  /* Someone else at the keyboard: their promises. */
  g_settings_set_int64 (reg_application_get_settings (app), "current-staff-id", shop->jonas);
  reg_test_settle ();
  read_agenda (window, &shown);
  g_assert_nonnull (strstr (shown, "Anna Smith"));
  g_assert_null (strstr (shown, "Zoë Brown"));

  g_signal_emit_by_name (toggle, "clicked");
  g_assert_false (reg_agenda_view_get_mine_only (agenda));
  g_assert_cmpstr (read_agenda (window, &shown), ==, everyone);
}

static void
check_activate (RegApplication *app,
                RegWindow      *window,
                Shop           *shop)
{
  GtkWidget *focus;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-agenda", NULL);
  reg_test_settle ();
  g_assert_cmpstr (card_page (window), ==, "agenda");
  g_assert_null (reg_window_get_customer (window));
  /* From the keyboard, the keys go on to the rows. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == agenda_list (window) || gtk_widget_is_ancestor (focus, agenda_list (window)));

  activate_row (window, "Ring when the order arrives");
  g_assert_cmpstr (card_page (window), ==, "card");
  g_assert_nonnull (reg_window_get_customer (window));
  g_assert_cmpint (reg_customer_get_id (reg_window_get_customer (window)), ==, shop->omar);

  /* Headings are read, not opened. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-agenda", NULL);
  reg_test_settle ();
  activate_row (window, "Overdue");
  g_assert_cmpstr (card_page (window), ==, "agenda");

  /* What a reminder's Open button does. */
  reg_window_show_customer (window, shop->anna);
  reg_test_settle ();
  g_assert_cmpstr (card_page (window), ==, "card");
  g_assert_cmpint (reg_customer_get_id (reg_window_get_customer (window)), ==, shop->anna);
}

static void
check_unshown (RegApplication *app,
               RegWindow      *window,
               Shop           *shop)
{
  RegStore *store = reg_application_get_store (app);
  GtkWidget *banner = find_by_class (window, GTK_TYPE_BOX, "reminder-banner");
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_parent (banner));
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *open_button;

  /* The application may have told of reminders already. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.dismiss-reminders", NULL);
  reg_test_settle ();
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  g_ptr_array_add (due, reg_store_get_follow_up (store, shop->zoe_call, NULL));
  g_ptr_array_add (due, reg_store_get_follow_up (store, shop->anna_quote, NULL));
  reg_window_add_unshown_reminders (window, due);
  reg_test_settle ();
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_get_mapped (banner));
  assert_labels (banner, "2 reminders could not be shown as pop-ups · Zoë Brown: Call back about the part · _Open Agenda");

  g_ptr_array_add (more, reg_store_get_follow_up (store, shop->omar_ring, NULL));
  reg_window_add_unshown_reminders (window, more);
  reg_test_settle ();
  assert_labels (banner, "3 reminders could not be shown as pop-ups · Zoë Brown: Call back about the part · _Open Agenda");

  /* Open Agenda shows them there, and the banner has said its piece. */
  open_button = reg_test_find_widget (banner, GTK_TYPE_BUTTON, has_label, "_Open Agenda");
  g_assert_nonnull (open_button);
  g_signal_emit_by_name (open_button, "clicked");
  reg_test_settle ();
  g_assert_cmpstr (card_page (window), ==, "agenda");
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* Nothing was marked done by any of it. */
  for (guint i = 0; i < due->len; i++)
    g_assert_cmpint (reg_follow_up_get_status (due->pdata[i]), ==, REG_FOLLOW_UP_STATUS_OPEN);

  /* Closed, it starts counting again. */
  reg_window_add_unshown_reminders (window, more);
  reg_test_settle ();
  assert_labels (banner, "1 reminder could not be shown as a pop-up · Omar Haddad: Ring when the order arrives · _Open Agenda");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.dismiss-reminders", NULL);
  reg_test_settle ();
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
}

static void
check_done (RegApplication *app,
            RegWindow      *window,
            Shop           *shop)
{
  RegStore *store = reg_application_get_store (app);
  g_autoptr(RegFollowUp) quote = reg_store_get_follow_up (store, shop->anna_quote, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  reg_window_show_agenda (window);
  g_assert_nonnull (strstr (read_agenda (window, &shown), "Call back about the part"));

  mark_done (store, shop->zoe_call);
  read_agenda (window, &shown);
  g_assert_null (strstr (shown, "Call back about the part"));
  g_assert_true (g_str_has_prefix (shown, "Overdue · 1\nAnna Smith · Send the quote"));
  assert_overdue_count (window, "1", "Agenda, 1 overdue promise");

  /* Time passing makes a promise overdue with no change in the store. */
  reg_store_set_now (store, local_time (3, 17, 0));
  reg_window_refresh_reminders (window);
  read_agenda (window, &shown);
  g_assert_true (g_str_has_prefix (shown, "Overdue · 2\n"));
  g_assert_nonnull (strstr (shown, "Ring when the order arrives · Overdue since 16:30"));
  assert_overdue_count (window, "2", NULL);

  /* Snoozed to tomorrow, a promise leaves the overdue ones. */
  g_assert_true (reg_store_snooze_follow_up (store, quote, local_time (4, 9, 0), &error));
  g_assert_no_error (error);
  read_agenda (window, &shown);
  g_assert_true (g_str_has_prefix (shown, "Overdue · 1\nOmar Haddad"));
  g_assert_nonnull (strstr (shown, "Anna Smith · Send the quote · Tomorrow at 09:00"));
  assert_overdue_count (window, "1", NULL);
}

static void
check_empty (RegApplication *app,
             RegWindow      *window,
             Shop           *shop)
{
  RegStore *store = reg_application_get_store (app);
  gint64 ids[] = { shop->zoe_call, shop->anna_quote, shop->omar_ring, shop->bea_invoice, shop->zoe_stock };
  GtkWidget *page;

  reg_window_show_agenda (window);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    mark_done (store, ids[i]);
  reg_test_settle ();

  assert_overdue_count (window, NULL, "Agenda");
  page = reg_test_find_widget (GTK_WIDGET (agenda_view (window)), ADW_TYPE_STATUS_PAGE, NULL, NULL);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "No Open Promises");
}

/* Thousands of promises make widgets only for the rows on screen. */
static void
check_many (RegApplication *app,
            RegWindow      *window,
            Shop           *shop)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) boxes = NULL;
  g_autofree char *first = NULL;
  guint made = 0;
  gint64 start;

  start = g_get_monotonic_time ();
  reg_window_show_agenda (window);
  reg_test_settle ();
  g_test_message ("Showing %u promises took %.0f ms", shop->n_many + 5,
                  (g_get_monotonic_time () - start) / 1000.0);

  /* A promise kept replaces its rows, not the whole list. */
  start = g_get_monotonic_time ();
  mark_done (reg_application_get_store (app), shop->zoe_call);
  reg_test_settle ();
  g_test_message ("Keeping a promise took %.0f ms to show", (g_get_monotonic_time () - start) / 1000.0);

  rows = shown_rows (window);
  g_assert_cmpuint (rows->len, >, 0);
  first = label_text (rows->pdata[0]);
  g_assert_cmpstr (first, ==, "Overdue · 1");

  boxes = reg_test_find_widgets (agenda_list (window), GTK_TYPE_BOX);
  for (guint i = 0; i < boxes->len; i++)
    if (gtk_widget_has_css_class (boxes->pdata[i], "agenda-row"))
      made++;
  g_assert_cmpuint (made, <, 500);
}

static void
run_check (RegApplication *app,
           gpointer        data)
{
  Shop *shop = data;

  shop->test->check (app, main_window (app, shop), shop);
}

/* Each test runs the application on its own copy of the shop. */
static void
run_in_shop (Shop          *shop,
             gconstpointer  data)
{
  g_autoptr(RegApplication) app = reg_test_application_new ();

  reg_test_run_with_database (app, shop->path, run_check, shop);
}

int
main (int   argc,
      char *argv[])
{
  static const ShopTest tests[] = {
    { "/agenda/groups", check_groups, 0 },
    { "/agenda/mine-only", check_mine_only, 0 },
    { "/agenda/activate", check_activate, 0 },
    { "/agenda/unshown-reminders", check_unshown, 0 },
    { "/agenda/done", check_done, 0 },
    { "/agenda/empty", check_empty, 0 },
    { "/agenda/many", check_many, 20000 },
  };

  reg_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, Shop, &tests[i], shop_set_up, run_in_shop, shop_tear_down);

  return g_test_run ();
}
