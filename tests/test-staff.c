/* test-staff.c: who is at the keyboard, and the staff list in Preferences,
 * driven through the real widgets against a real database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "reg-test-util.h"
#include "model/reg-record-list.h"
#include "store/reg-store-private.h"
#include "ui/reg-preferences-window.h"
#include "ui/reg-staff-button.h"

typedef struct
{
  char      *dir;
  RegStore  *store;
  GSettings *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("regulars-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "regulars.db", NULL);
  f->store = reg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);

  f->settings = g_settings_new (BASE_ID);
  g_settings_reset (f->settings, "current-staff-id");
  g_assert_cmpint (g_settings_get_int64 (f->settings, "current-staff-id"), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  reg_test_destroy_windows ();
  g_settings_reset (f->settings, "current-staff-id");
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  reg_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
add_staff (Fixture    *f,
           const char *name,
           const char *team)
{
  g_autoptr(RegStaff) staff = reg_staff_new ();
  g_autoptr(GError) error = NULL;

  reg_staff_set_name (staff, name);
  reg_staff_set_team (staff, team);
  g_assert_true (reg_store_save_staff (f->store, staff, &error));
  g_assert_no_error (error);
  return reg_staff_get_id (staff);
}

static void
set_staff_active (Fixture  *f,
                  gint64    id,
                  gboolean  active)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStaff) staff = reg_store_get_staff (f->store, id, &error);

  g_assert_no_error (error);
  reg_staff_set_active (staff, active);
  g_assert_true (reg_store_save_staff (f->store, staff, &error));
  g_assert_no_error (error);
}

/* One value from the database, as text ("" for NULL, "-" for no row). */
static char *
sql_text (Fixture    *f,
          const char *sql,
          gint64      id)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (reg_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup (sqlite3_column_type (stmt, 0) == SQLITE_NULL
                     ? "" : (const char *) sqlite3_column_text (stmt, 0));
  else
    text = g_strdup ("-");
  sqlite3_finalize (stmt);
  return text;
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* The first widget of @type under @root (itself included) whose
 * AdwPreferencesRow title is @title, or any when @title is NULL. */
static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (title == NULL ||
       g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A label somewhere inside @widget shows exactly @text. */
static gboolean
widget_shows_text (GtkWidget  *widget,
                   const char *text)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (widget_shows_text (child, text))
      return TRUE;

  return FALSE;
}

/* The staff button ------------------------------------------------------ */

typedef struct
{
  GtkWindow      *window;
  RegStaffButton *button;
  GtkMenuButton  *menu_button;
  GtkLabel       *name_label;
  GtkPopover     *popover;
  GtkListBox     *list;
} ButtonView;

static void
button_view_open (ButtonView *view,
                  Fixture    *f)
{
  view->window = GTK_WINDOW (gtk_window_new ());
  view->button = reg_staff_button_new (f->store, f->settings);
  gtk_window_set_child (view->window, GTK_WIDGET (view->button));
  gtk_window_present (view->window);
  g_assert_true (reg_test_wait_until (widget_is_mapped, view->button, 5000));

  view->menu_button = GTK_MENU_BUTTON (template_child (view->button, REG_TYPE_STAFF_BUTTON, "menu_button"));
  view->name_label = GTK_LABEL (template_child (view->button, REG_TYPE_STAFF_BUTTON, "name_label"));
  view->popover = GTK_POPOVER (template_child (view->button, REG_TYPE_STAFF_BUTTON, "popover"));
  view->list = GTK_LIST_BOX (template_child (view->button, REG_TYPE_STAFF_BUTTON, "staff_list"));
}

static void
button_view_popup (ButtonView *view)
{
  gtk_menu_button_popup (view->menu_button);
  g_assert_true (reg_test_wait_until (widget_is_mapped, view->popover, 5000));
}

/* The names the popover lists, "|"-separated, the current one marked "*". */
static char *
listed_names (ButtonView *view)
{
  GString *names = g_string_new (NULL);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (view->list, i)) != NULL; i++)
    {
      GtkWidget *label = find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL);
      GtkWidget *check = find_widget (GTK_WIDGET (row), GTK_TYPE_IMAGE);

      g_assert_nonnull (label);
      g_assert_nonnull (check);
      g_string_append_printf (names, "%s%s%s", i ? "|" : "",
                              gtk_label_get_text (GTK_LABEL (label)),
                              gtk_widget_get_opacity (check) > 0 ? "*" : "");
    }

  return g_string_free (names, FALSE);
}

static GtkListBoxRow *
row_named (ButtonView *view,
           const char *name)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (view->list, i)) != NULL; i++)
    {
      GtkWidget *label = find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL);

      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), name) == 0)
        return row;
    }

  return NULL;
}

static void
test_button_first_active_by_default (Fixture       *f,
                                     gconstpointer  data)
{
  ButtonView view = { 0 };
  g_autofree char *names = NULL;
  gint64 zoe, ann, aaron;

  zoe = add_staff (f, "Zoë", "Till");
  ann = add_staff (f, "ann", "");
  aaron = add_staff (f, "Aaron", "Workshop");
  set_staff_active (f, aaron, FALSE);

  button_view_open (&view, f);

  /* Nobody chosen yet: the first active one by name, and the setting
   * says so, for the notes written next. */
  g_assert_cmpstr (gtk_label_get_text (view.name_label), ==, "ann");
  g_assert_cmpint (reg_staff_button_get_staff_id (view.button), ==, ann);
  g_assert_cmpint (g_settings_get_int64 (f->settings, "current-staff-id"), ==, ann);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (view.menu_button)), ==,
                   "Who Is at the Keyboard");
  g_assert_true (gtk_label_get_ellipsize (view.name_label) == PANGO_ELLIPSIZE_END);

  /* A setting that names someone active wins. */
  g_settings_set_int64 (f->settings, "current-staff-id", zoe);
  g_assert_cmpstr (gtk_label_get_text (view.name_label), ==, "Zoë");
  g_assert_cmpint (reg_staff_button_get_staff_id (view.button), ==, zoe);

  /* Only active staff are listed; the team is the subtitle. */
  button_view_popup (&view);
  names = listed_names (&view);
  g_assert_cmpstr (names, ==, "ann|Zoë*");
  g_assert_true (widget_shows_text (GTK_WIDGET (row_named (&view, "Zoë")), "Till"));

  /* A setting naming someone inactive is not honoured. */
  g_settings_set_int64 (f->settings, "current-staff-id", aaron);
  g_assert_cmpstr (gtk_label_get_text (view.name_label), ==, "ann");
  g_assert_cmpint (g_settings_get_int64 (f->settings, "current-staff-id"), ==, ann);
}

static void
on_staff_id_notify (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_button_choose_in_two_clicks (Fixture       *f,
                                  gconstpointer  data)
{
  ButtonView view = { 0 };
  g_autofree char *names = NULL;
  guint notified = 0;
  gint64 bea;

  add_staff (f, "Ann", "Till");
  bea = add_staff (f, "Bea", "Workshop");

  button_view_open (&view, f);
  g_signal_connect (view.button, "notify::staff-id", G_CALLBACK (on_staff_id_notify), &notified);
  g_assert_cmpstr (gtk_label_get_text (view.name_label), ==, "Ann");

  /* First click: the popover. */
  button_view_popup (&view);
  names = listed_names (&view);
  g_assert_cmpstr (names, ==, "Ann*|Bea");
  g_clear_pointer (&names, g_free);

  /* Second click: Bea. */
  g_signal_emit_by_name (view.list, "row-activated", row_named (&view, "Bea"));

  g_assert_cmpint (g_settings_get_int64 (f->settings, "current-staff-id"), ==, bea);
  g_assert_cmpint (reg_staff_button_get_staff_id (view.button), ==, bea);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (gtk_label_get_text (view.name_label), ==, "Bea");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view.popover)));

  button_view_popup (&view);
  names = listed_names (&view);
  g_assert_cmpstr (names, ==, "Ann|Bea*");
}

static void
test_button_follows_the_store (Fixture       *f,
                               gconstpointer  data)
{
  ButtonView view = { 0 };
  g_autoptr(RegStaff) ann = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  gint64 ann_id, bea_id, cy_id;

  ann_id = add_staff (f, "Ann", "");
  bea_id = add_staff (f, "Bea", "");
  g_settings_set_int64 (f->settings, "current-staff-id", bea_id);

  button_view_open (&view, f);
  g_assert_cmpstr (gtk_label_get_text (view.name_label), ==, "Bea");

  /* Someone new shows in the list; a rename shows at once. */
  cy_id = add_staff (f, "Cy", "Deli");
  ann = reg_store_get_staff (f->store, ann_id, &error);
  g_assert_no_error (error);
  reg_staff_set_name (ann, "Anna");
  g_assert_true (reg_store_save_staff (f->store, ann, &error));
  g_assert_no_error (error);

  button_view_popup (&view);
  names = listed_names (&view);
  g_assert_cmpstr (names, ==, "Anna|Bea*|Cy");
  g_clear_pointer (&names, g_free);

  /* Deactivating whoever is at the keyboard falls back to the first
   * active one, and the setting follows. */
  set_staff_active (f, bea_id, FALSE);
  g_assert_cmpstr (gtk_label_get_text (view.name_label), ==, "Anna");
  g_assert_cmpint (reg_staff_button_get_staff_id (view.button), ==, ann_id);
  g_assert_cmpint (g_settings_get_int64 (f->settings, "current-staff-id"), ==, ann_id);
  names = listed_names (&view);
  g_assert_cmpstr (names, ==, "Anna*|Cy");
  g_clear_pointer (&names, g_free);

  /* Deactivating everyone leaves nobody. */
  set_staff_active (f, ann_id, FALSE);
  set_staff_active (f, cy_id, FALSE);
  g_assert_cmpstr (gtk_label_get_text (view.name_label), ==, "Nobody");
  g_assert_cmpint (reg_staff_button_get_staff_id (view.button), ==, 0);
  g_assert_cmpint (g_settings_get_int64 (f->settings, "current-staff-id"), ==, 0);
  g_assert_true (widget_shows_text (GTK_WIDGET (view.popover), "No staff yet"));
}

static void
test_button_nobody (Fixture       *f,
                    gconstpointer  data)
{
  ButtonView view = { 0 };
  GtkWidget *manage;

  button_view_open (&view, f);

  g_assert_cmpstr (gtk_label_get_text (view.name_label), ==, "Nobody");
  g_assert_cmpint (reg_staff_button_get_staff_id (view.button), ==, 0);

  button_view_popup (&view);
  g_assert_null (gtk_list_box_get_row_at_index (view.list, 0));
  g_assert_true (widget_shows_text (GTK_WIDGET (view.popover), "No staff yet"));

  manage = template_child (view.button, REG_TYPE_STAFF_BUTTON, "manage_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (manage)), ==, "_Manage Staff…");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (manage)), ==, "app.preferences");

  /* The first one added is at the keyboard at once. */
  add_staff (f, "Ann", "");
  g_assert_cmpstr (gtk_label_get_text (view.name_label), ==, "Ann");
  g_assert_false (widget_shows_text (GTK_WIDGET (view.popover), "No staff yet"));
}

/* A button without a database shows nobody, and does not crash. */
static void
test_button_without_store (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RegStaffButton) button = g_object_ref_sink (reg_staff_button_new (NULL, f->settings));

  g_assert_cmpint (reg_staff_button_get_staff_id (button), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (template_child (button, REG_TYPE_STAFF_BUTTON, "name_label"))),
                   ==, "Nobody");
}

/* Preferences ----------------------------------------------------------- */

typedef struct
{
  RegPreferencesWindow *prefs;
  GtkListBox           *list;
  AdwEntryRow          *add_row;
} PrefsView;

static void
prefs_view_open (PrefsView *view,
                 Fixture   *f)
{
  view->prefs = reg_preferences_window_new (f->settings, f->store);
  gtk_window_present (GTK_WINDOW (view->prefs));
  g_assert_true (reg_test_wait_until (widget_is_mapped, view->prefs, 5000));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (view->prefs), "staff");

  view->list = GTK_LIST_BOX (template_child (view->prefs, REG_TYPE_PREFERENCES_WINDOW, "staff_list"));
  view->add_row = ADW_ENTRY_ROW (find_row (GTK_WIDGET (view->prefs), ADW_TYPE_ENTRY_ROW, "Add Staff Member"));
  g_assert_nonnull (view->add_row);
}

static AdwExpanderRow *
expander_for (PrefsView  *view,
              const char *name)
{
  GtkWidget *row = find_row (GTK_WIDGET (view->list), ADW_TYPE_EXPANDER_ROW, name);

  g_assert_nonnull (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  return ADW_EXPANDER_ROW (row);
}

static AdwEntryRow *
entry_in (AdwExpanderRow *expander,
          const char     *title)
{
  GtkWidget *row = find_row (GTK_WIDGET (expander), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return ADW_ENTRY_ROW (row);
}

static GtkSwitch *
active_switch_in (AdwExpanderRow *expander)
{
  GtkWidget *row = find_row (GTK_WIDGET (expander), ADW_TYPE_ACTION_ROW, "Active");
  GtkWidget *active_switch;

  g_assert_nonnull (row);
  active_switch = find_widget (row, GTK_TYPE_SWITCH);
  g_assert_nonnull (active_switch);
  return GTK_SWITCH (active_switch);
}

/* Types @text into @entry and presses its apply button. */
static void
apply_text (AdwEntryRow *entry,
            const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "apply");
}

static char *
expander_titles (PrefsView *view)
{
  GString *titles = g_string_new (NULL);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (view->list, i)) != NULL; i++)
    g_string_append_printf (titles, "%s%s (%s)", i ? "|" : "",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                            adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)));

  return g_string_free (titles, FALSE);
}

static void
test_prefs_add (Fixture       *f,
                gconstpointer  data)
{
  PrefsView view = { 0 };
  g_autofree char *count = NULL;
  g_autofree char *name = NULL;
  g_autofree char *titles = NULL;
  GtkWidget *page;

  prefs_view_open (&view, f);
  page = template_child (view.prefs, REG_TYPE_PREFERENCES_WINDOW, "staff_page");
  g_assert_true (gtk_widget_get_visible (page));
  g_assert_cmpstr (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (page)), ==, "Staff");
  g_assert_cmpstr (adw_preferences_page_get_icon_name (ADW_PREFERENCES_PAGE (page)), ==, "system-users-symbolic");
  g_assert_true (widget_shows_text (page, "Everyone who writes notes and makes promises. "
                                          "Deactivated staff keep their name on what they wrote."));
  /* Nobody yet: no empty box under the entry. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view.list)));

  apply_text (view.add_row, "  Smith & Sons <Ann>  ");

  count = sql_text (f, "SELECT count(*) FROM staff", 0);
  g_assert_cmpstr (count, ==, "1");
  name = sql_text (f, "SELECT name || '/' || team || '/' || active FROM staff", 0);
  g_assert_cmpstr (name, ==, "Smith & Sons <Ann>//1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (view.add_row)), ==, "");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (view.add_row), "error"));

  /* The list shows the name as typed, not as markup. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view.list)));
  titles = expander_titles (&view);
  g_assert_cmpstr (titles, ==, "Smith & Sons <Ann> (No team)");
  g_assert_true (widget_shows_text (GTK_WIDGET (view.list), "Smith & Sons <Ann>"));

  /* Enter in the entry adds too. */
  gtk_editable_set_text (GTK_EDITABLE (view.add_row), "Bea");
  g_signal_emit_by_name (view.add_row, "entry-activated");
  g_clear_pointer (&count, g_free);
  count = sql_text (f, "SELECT count(*) FROM staff", 0);
  g_assert_cmpstr (count, ==, "2");
  g_clear_pointer (&titles, g_free);
  titles = expander_titles (&view);
  g_assert_cmpstr (titles, ==, "Bea (No team)|Smith & Sons <Ann> (No team)");
}

static void
test_prefs_add_empty_refused (Fixture       *f,
                              gconstpointer  data)
{
  PrefsView view = { 0 };
  g_autofree char *count = NULL;

  prefs_view_open (&view, f);

  apply_text (view.add_row, "   ");

  count = sql_text (f, "SELECT count(*) FROM staff", 0);
  g_assert_cmpstr (count, ==, "0");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (view.add_row), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (view.add_row)), ==, "   ");
  /* The store's own words, in a toast. */
  g_assert_true (widget_shows_text (GTK_WIDGET (view.prefs), "Name: a staff member needs a name"));

  /* Typing takes the error away. */
  gtk_editable_set_text (GTK_EDITABLE (view.add_row), "Ann");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (view.add_row), "error"));
}

static void
test_prefs_rename (Fixture       *f,
                   gconstpointer  data)
{
  PrefsView view = { 0 };
  AdwExpanderRow *expander;
  AdwEntryRow *name_row;
  g_autofree char *name = NULL;
  g_autofree char *titles = NULL;
  gint64 ann;

  ann = add_staff (f, "Ann", "Till");
  add_staff (f, "Bea", "");
  prefs_view_open (&view, f);

  titles = expander_titles (&view);
  g_assert_cmpstr (titles, ==, "Ann (Till)|Bea (No team)");
  g_clear_pointer (&titles, g_free);

  expander = expander_for (&view, "Ann");
  name_row = entry_in (expander, "Name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Ann");

  /* Renamed past Bea: the row moves and stays open. */
  apply_text (name_row, "Cleo");
  name = sql_text (f, "SELECT name FROM staff WHERE id = ?1", ann);
  g_assert_cmpstr (name, ==, "Cleo");
  titles = expander_titles (&view);
  g_assert_cmpstr (titles, ==, "Bea (No team)|Cleo (Till)");
  g_clear_pointer (&titles, g_free);
  expander = ADW_EXPANDER_ROW (find_row (GTK_WIDGET (view.list), ADW_TYPE_EXPANDER_ROW, "Cleo"));
  g_assert_true (adw_expander_row_get_expanded (expander));
  name_row = entry_in (expander, "Name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Cleo");

  /* An empty name is refused: the database keeps the old one, the
   * entry keeps what was typed and says it is wrong. */
  apply_text (name_row, "  ");
  g_clear_pointer (&name, g_free);
  name = sql_text (f, "SELECT name FROM staff WHERE id = ?1", ann);
  g_assert_cmpstr (name, ==, "Cleo");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "  ");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (name_row), "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), ==, "Cleo");
  g_assert_true (widget_shows_text (GTK_WIDGET (view.prefs), "Name: a staff member needs a name"));

  /* Corrected, it saves and the error goes. */
  apply_text (name_row, "Cleo Smith");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (name_row), "error"));
  g_clear_pointer (&name, g_free);
  name = sql_text (f, "SELECT name FROM staff WHERE id = ?1", ann);
  g_assert_cmpstr (name, ==, "Cleo Smith");
}

static void
test_prefs_team (Fixture       *f,
                 gconstpointer  data)
{
  PrefsView view = { 0 };
  AdwExpanderRow *expander;
  g_autofree char *team = NULL;
  gint64 ann;

  ann = add_staff (f, "Ann", "");
  prefs_view_open (&view, f);

  expander = expander_for (&view, "Ann");
  g_assert_cmpstr (adw_expander_row_get_subtitle (expander), ==, "No team");

  apply_text (entry_in (expander, "Team"), "R&D <east> ");
  team = sql_text (f, "SELECT team FROM staff WHERE id = ?1", ann);
  g_assert_cmpstr (team, ==, "R&D <east>");
  g_assert_cmpstr (adw_expander_row_get_subtitle (expander), ==, "R&D <east>");
  g_assert_true (widget_shows_text (GTK_WIDGET (expander), "R&D <east>"));

  /* And back to no team. */
  apply_text (entry_in (expander, "Team"), "");
  g_clear_pointer (&team, g_free);
  team = sql_text (f, "SELECT team FROM staff WHERE id = ?1", ann);
  g_assert_cmpstr (team, ==, "");
  g_assert_cmpstr (adw_expander_row_get_subtitle (expander), ==, "No team");
}

static void
test_prefs_deactivate (Fixture       *f,
                       gconstpointer  data)
{
  PrefsView view = { 0 };
  ButtonView button = { 0 };
  AdwExpanderRow *expander;
  GtkSwitch *active_switch;
  g_autofree char *active = NULL;
  g_autofree char *names = NULL;
  gint64 ann, bea;

  ann = add_staff (f, "Ann", "");
  bea = add_staff (f, "Bea", "");
  g_settings_set_int64 (f->settings, "current-staff-id", ann);

  button_view_open (&button, f);
  prefs_view_open (&view, f);

  expander = expander_for (&view, "Ann");
  g_assert_false (widget_shows_text (GTK_WIDGET (expander), "Inactive"));
  active_switch = active_switch_in (expander);
  g_assert_true (gtk_switch_get_active (active_switch));

  gtk_switch_set_active (active_switch, FALSE);

  active = sql_text (f, "SELECT active FROM staff WHERE id = ?1", ann);
  g_assert_cmpstr (active, ==, "0");
  /* Still listed in Preferences, marked, to be switched back on. */
  g_assert_true (widget_shows_text (GTK_WIDGET (expander), "Inactive"));
  g_assert_false (gtk_switch_get_active (active_switch));
  /* Gone from the header bar's list; Bea is at the keyboard now. */
  names = listed_names (&button);
  g_assert_cmpstr (names, ==, "Bea*");
  g_clear_pointer (&names, g_free);
  g_assert_cmpstr (gtk_label_get_text (button.name_label), ==, "Bea");
  g_assert_cmpint (g_settings_get_int64 (f->settings, "current-staff-id"), ==, bea);

  /* Switched back on, Ann is listed again (Bea stays at the keyboard). */
  gtk_switch_set_active (active_switch, TRUE);
  g_clear_pointer (&active, g_free);
  active = sql_text (f, "SELECT active FROM staff WHERE id = ?1", ann);
  g_assert_cmpstr (active, ==, "1");
  g_assert_false (widget_shows_text (GTK_WIDGET (expander), "Inactive"));
  names = listed_names (&button);
  g_assert_cmpstr (names, ==, "Ann|Bea*");
}

/* Preferences and the header bar share the store's one object per row:
 * a rename in one shows in the other. */
static void
test_prefs_rename_shows_in_button (Fixture       *f,
                                   gconstpointer  data)
{
  PrefsView view = { 0 };
  ButtonView button = { 0 };

  add_staff (f, "Ann", "");
  button_view_open (&button, f);
  prefs_view_open (&view, f);

  apply_text (entry_in (expander_for (&view, "Ann"), "Name"), "Annie");
  g_assert_cmpstr (gtk_label_get_text (button.name_label), ==, "Annie");
}

static void
test_prefs_without_store (Fixture       *f,
                          gconstpointer  data)
{
  RegPreferencesWindow *prefs = reg_preferences_window_new (f->settings, NULL);

  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (reg_test_wait_until (widget_is_mapped, prefs, 5000));
  g_assert_false (gtk_widget_get_visible (template_child (prefs, REG_TYPE_PREFERENCES_WINDOW, "staff_page")));
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (prefs)), ==, "general");
}

/* What app.preferences opens has the staff page, on the app's database. */
static void
check_app_preferences (RegApplication *app,
                       gpointer        data)
{
  RegStore *store = reg_application_get_store (app);
  RegPreferencesWindow *prefs;
  AdwEntryRow *add_row;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = REG_PREFERENCES_WINDOW (reg_test_find_window (REG_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (prefs);
  g_assert_true (reg_test_wait_until (widget_is_mapped, prefs, 5000));
  g_assert_true (gtk_widget_get_visible (template_child (prefs, REG_TYPE_PREFERENCES_WINDOW, "staff_page")));

  add_row = ADW_ENTRY_ROW (find_row (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "Add Staff Member"));
  g_assert_nonnull (add_row);
  apply_text (add_row, "Ann");

  staff = reg_store_list_staff (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (staff->len, ==, 1);
  g_assert_cmpstr (reg_staff_get_name (g_ptr_array_index (staff, 0)), ==, "Ann");
}

static void
test_app_preferences (void)
{
  g_autoptr(RegApplication) app = reg_test_application_new ();

  reg_test_run (app, check_app_preferences, NULL);
}


int
main (int   argc,
      char *argv[])
{
  reg_test_init (&argc, &argv);
  /* The widgets as the app styles them (AdwApplication does this). */
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/staff/button/first-active-by-default", test_button_first_active_by_default);
  ADD ("/staff/button/choose-in-two-clicks", test_button_choose_in_two_clicks);
  ADD ("/staff/button/follows-the-store", test_button_follows_the_store);
  ADD ("/staff/button/nobody", test_button_nobody);
  ADD ("/staff/button/without-store", test_button_without_store);
  ADD ("/staff/preferences/add", test_prefs_add);
  ADD ("/staff/preferences/add-empty-refused", test_prefs_add_empty_refused);
  ADD ("/staff/preferences/rename", test_prefs_rename);
  ADD ("/staff/preferences/team", test_prefs_team);
  ADD ("/staff/preferences/deactivate", test_prefs_deactivate);
  ADD ("/staff/preferences/rename-shows-in-button", test_prefs_rename_shows_in_button);
  ADD ("/staff/preferences/without-store", test_prefs_without_store);
  g_test_add_func ("/staff/preferences/from-app", test_app_preferences);

#undef ADD

  return g_test_run ();
}
