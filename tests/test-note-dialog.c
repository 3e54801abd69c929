/* test-note-dialog.c: "Add a note after a visit", driven as a person
 * would, checked in the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "reg-test-util.h"
#include "store/reg-store-private.h"
#include "ui/reg-note-dialog.h"

/* Due times are wall-clock times; a zone with summer time shows whether
 * "tomorrow 09:00" stays 09:00 across the change. */
#define TEST_ZONE "Europe/Vienna"

typedef struct
{
  char        *dir;
  RegStore    *store;
  RegCustomer *customer;
  gint64       ben;        /* the current staff member */
  gint64       ana;
  GtkWindow   *parent;
  GWeakRef     dialog_ref;
  gint64       saved_visit_id;
  guint        n_saved;
} Fixture;

#define NO_STAFF GINT_TO_POINTER (1)

static gboolean
object_is_gone (gpointer data)
{
  g_autoptr(GObject) object = g_weak_ref_get (data);

  return object == NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("regulars-note-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "regulars.db", NULL);
  f->store = reg_store_open (path, &error);
  g_assert_no_error (error);

  f->customer = reg_customer_new ();
  reg_customer_set_display_name (f->customer, "Maria Rossi");
  g_assert_true (reg_store_save_customer (f->store, f->customer, &error));
  g_assert_no_error (error);

  /* Ben is the one writing, but Ana comes first in the list by name. */
  if (data != NO_STAFF)
    {
      f->ben = reg_test_add_staff (f->store, "Ben Okafor", TRUE);
      f->ana = reg_test_add_staff (f->store, "Ana Lima", TRUE);
    }

  f->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (f->parent);
  reg_test_wait_mapped (f->parent);

  g_weak_ref_init (&f->dialog_ref, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  reg_test_destroy_windows ();
  g_weak_ref_clear (&f->dialog_ref);
  g_clear_object (&f->customer);
  g_clear_object (&f->store);
  reg_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
on_saved (RegNoteDialog *dialog,
          RegVisit      *visit,
          Fixture       *f)
{
  g_assert_true (REG_IS_VISIT (visit));
  f->saved_visit_id = reg_visit_get_id (visit);
  f->n_saved++;
}

static RegNoteDialog *
open_dialog (Fixture *f,
             gint64   author_id)
{
  RegNoteDialog *dialog = reg_note_dialog_new (f->parent, f->store, f->customer, author_id);

  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved), f);
  g_weak_ref_set (&f->dialog_ref, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  reg_test_wait_mapped (dialog);
  return dialog;
}

static void
assert_dialog_closed (Fixture *f)
{
  g_assert_true (reg_test_wait_until (object_is_gone, &f->dialog_ref, 5000));
}

static void
assert_dialog_open (Fixture *f)
{
  g_autoptr(RegNoteDialog) dialog = g_weak_ref_get (&f->dialog_ref);

  reg_test_spin (20);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
}

static gpointer
child (RegNoteDialog *dialog,
       const char    *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), REG_TYPE_NOTE_DIALOG, name);

  g_assert_nonnull (object);
  return object;
}

/* Typed at the cursor, as the keyboard would. */
static void
type_text (RegNoteDialog *dialog,
           const char    *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (child (dialog, "text_view"));

  g_assert_true (gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE));
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
set_flag (GtkButton *button,
          gboolean  *flag)
{
  *flag = TRUE;
}

/* As Space on the focused button does it: "clicked" follows a moment
 * later, once the button has been shown pressed. */
static void
click (RegNoteDialog *dialog,
       const char    *name)
{
  /* Saving destroys the dialog, and the button with it. */
  g_autoptr(GtkWidget) widget = g_object_ref (child (dialog, name));
  gboolean clicked = FALSE;
  gulong id;

  g_assert_true (gtk_widget_is_sensitive (widget));
  g_assert_true (gtk_widget_get_mapped (widget));
  id = g_signal_connect (widget, "clicked", G_CALLBACK (set_flag), &clicked);
  g_assert_true (gtk_widget_activate (widget));
  g_assert_true (reg_test_wait_until (flag_is_set, &clicked, 5000));
  if (g_signal_handler_is_connected (widget, id))
    g_signal_handler_disconnect (widget, id);
}

/* What @accel does on @widget: the shortcut is found among the widget's
 * shortcut controllers and run the way a key press would run it. Returns
 * the phase it runs in; the test fails when there is no such shortcut. */
static GtkPropagationPhase
press (GtkWidget  *widget,
       const char *accel)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  g_assert_nonnull (wanted);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkPropagationPhase phase = gtk_event_controller_get_propagation_phase (controller);

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            continue;

          g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                       GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                       widget,
                                                       gtk_shortcut_get_arguments (shortcut)));
          return phase;
        }
    }

  g_error ("No shortcut for %s", accel);
}

static gint64
local_time (int year,
            int month,
            int day,
            int hour,
            int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

/* Reading the database ------------------------------------------------- */

static sqlite3_stmt *
query (RegStore   *store,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (reg_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

static gint64
db_int (RegStore   *store,
        const char *sql)
{
  sqlite3_stmt *stmt = query (store, sql);
  gint64 value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  return value;
}

static char *
db_text (RegStore   *store,
         const char *sql)
{
  sqlite3_stmt *stmt = query (store, sql);
  char *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  return value;
}

static void
assert_nothing_saved (Fixture *f)
{
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM visits"), ==, 0);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM follow_ups"), ==, 0);
  g_assert_cmpuint (f->n_saved, ==, 0);
}

#define assert_db_text(f, sql, expected) G_STMT_START { \
  g_autofree char *_value = db_text ((f)->store, sql);    \
  g_assert_cmpstr (_value, ==, expected);                 \
} G_STMT_END

/* Tests ---------------------------------------------------------------- */

/* It opens ready to type, with everything else at its default. */
static void
test_opens_ready (Fixture       *f,
                  gconstpointer  data)
{
  RegNoteDialog *dialog = open_dialog (f, f->ben);
  GtkWidget *text_view = child (dialog, "text_view");

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->parent);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (reg_note_dialog_get_customer (dialog) == f->customer);
  g_assert_cmpstr (adw_window_title_get_title (child (dialog, "window_title")), ==, "Add Note");
  g_assert_cmpstr (adw_window_title_get_subtitle (child (dialog, "window_title")), ==, "Maria Rossi");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == text_view);

  g_assert_cmpint (reg_note_dialog_get_author_id (dialog), ==, f->ben);
  g_assert_cmpint (reg_note_dialog_get_channel (dialog), ==, REG_CHANNEL_VISIT);
  g_assert_true (gtk_toggle_button_get_active (child (dialog, "visit_button")));
  g_assert_false (gtk_toggle_button_get_active (child (dialog, "call_button")));
  g_assert_cmpint (reg_note_dialog_get_satisfaction (dialog), ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (child (dialog, "satisfaction_row")), ==, "Not recorded");
  g_assert_false (adw_expander_row_get_enable_expansion (child (dialog, "promise_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "error_box")));

  g_assert_true (gtk_widget_has_css_class (child (dialog, "save_button"), "suggested-action"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (dialog, "save_button")), ==, "Save (Ctrl+Enter)");

  /* Ctrl+Enter is taken before the text view can make it a new line. */
  g_assert_cmpint (press (GTK_WIDGET (dialog), "<Control>Return"), ==, GTK_PHASE_CAPTURE);
  g_assert_cmpstr (gtk_label_get_text (child (dialog, "error_label")), ==, "Write what happened before saving");
  assert_dialog_open (f);
  g_assert_true (press (GTK_WIDGET (dialog), "<Control>KP_Enter") == GTK_PHASE_CAPTURE);
  assert_dialog_open (f);
}

/* The quickest note: type, Ctrl+Enter. */
static void
test_quick_note (Fixture       *f,
                 gconstpointer  data)
{
  RegNoteDialog *dialog = open_dialog (f, f->ben);
  g_autofree char *sql = NULL;

  type_text (dialog, "Bought two croissants; asked after the rye bread.\n");
  press (GTK_WIDGET (dialog), "<Control>Return");
  assert_dialog_closed (f);

  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM visits"), ==, 1);
  g_assert_cmpint (db_int (f->store, "SELECT id FROM visits"), ==, f->saved_visit_id);
  assert_db_text (f, "SELECT text FROM visits", "Bought two croissants; asked after the rye bread.");
  assert_db_text (f, "SELECT channel FROM visits", "visit");
  g_assert_cmpint (db_int (f->store, "SELECT author_id FROM visits"), ==, f->ben);
  g_assert_cmpint (db_int (f->store, "SELECT customer_id FROM visits"), ==, reg_customer_get_id (f->customer));
  g_assert_cmpint (db_int (f->store, "SELECT satisfaction IS NULL FROM visits"), ==, 1);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM follow_ups"), ==, 0);
}

/* A call, a rating, and a promise to call back tomorrow morning. */
static void
test_call_with_promise (Fixture       *f,
                        gconstpointer  data)
{
  gint64 now = local_time (2025, 11, 17, 14, 30);   /* a Monday afternoon */
  RegNoteDialog *dialog;

  reg_store_set_now (f->store, now);
  dialog = open_dialog (f, f->ben);

  type_text (dialog, "Wants the brown strap; none in stock.");
  click (dialog, "call_button");
  g_assert_cmpint (reg_note_dialog_get_channel (dialog), ==, REG_CHANNEL_CALL);
  g_assert_false (gtk_toggle_button_get_active (child (dialog, "visit_button")));

  click (dialog, "star_4");
  g_assert_cmpint (reg_note_dialog_get_satisfaction (dialog), ==, 4);
  g_assert_cmpstr (adw_action_row_get_subtitle (child (dialog, "satisfaction_row")), ==, "Happy");
  g_assert_cmpstr (gtk_button_get_icon_name (child (dialog, "star_4")), ==, "starred-symbolic");
  g_assert_cmpstr (gtk_button_get_icon_name (child (dialog, "star_5")), ==, "non-starred-symbolic");
  g_assert_true (gtk_toggle_button_get_active (child (dialog, "star_4")));

  adw_expander_row_set_enable_expansion (child (dialog, "promise_row"), TRUE);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "promise_entry")), ==, "Call back");
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "due_row")), ==, 2);
  g_assert_cmpstr (adw_action_row_get_subtitle (child (dialog, "due_row")), ==, "Due Tuesday 18 Nov, 09:00");
  g_assert_false (gtk_widget_get_visible (child (dialog, "custom_due_entry")));

  click (dialog, "save_button");
  assert_dialog_closed (f);

  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM visits"), ==, 1);
  assert_db_text (f, "SELECT channel FROM visits", "call");
  g_assert_cmpint (db_int (f->store, "SELECT satisfaction FROM visits"), ==, 4);
  g_assert_cmpint (db_int (f->store, "SELECT happened_at FROM visits"), ==, now);

  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM follow_ups"), ==, 1);
  assert_db_text (f, "SELECT promise FROM follow_ups", "Call back");
  g_assert_cmpint (db_int (f->store, "SELECT due_at FROM follow_ups"), ==, local_time (2025, 11, 18, 9, 0));
  assert_db_text (f, "SELECT due_zone FROM follow_ups", TEST_ZONE);
  g_assert_cmpint (db_int (f->store, "SELECT assigned_to FROM follow_ups"), ==, f->ben);
  g_assert_cmpint (db_int (f->store, "SELECT created_by FROM follow_ups"), ==, f->ben);
  assert_db_text (f, "SELECT status FROM follow_ups", "open");
  g_assert_cmpint (db_int (f->store, "SELECT visit_id FROM follow_ups"), ==,
                   db_int (f->store, "SELECT id FROM visits"));
  g_assert_cmpint (db_int (f->store, "SELECT customer_id FROM follow_ups"), ==,
                   reg_customer_get_id (f->customer));
}

/* Each quick choice of due time, seen from a Monday afternoon. */
static void
test_due_choices (Fixture       *f,
                  gconstpointer  data)
{
  static const char *expected[] = {
    "Due Monday 17 Nov, 15:30",
    "Due Monday 17 Nov, 17:00",
    "Due Tuesday 18 Nov, 09:00",
    "Due Wednesday 19 Nov, 09:00",
    "Due Monday 24 Nov, 09:00",
  };
  RegNoteDialog *dialog;
  AdwComboRow *due_row;

  reg_store_set_now (f->store, local_time (2025, 11, 17, 14, 30));
  dialog = open_dialog (f, f->ben);
  due_row = child (dialog, "due_row");
  adw_expander_row_set_enable_expansion (child (dialog, "promise_row"), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      adw_combo_row_set_selected (due_row, i);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (due_row)), ==, expected[i]);
    }

  /* "Next Monday" from a Sunday is the next day. */
  reg_store_set_now (f->store, local_time (2025, 11, 23, 10, 0));
  adw_combo_row_set_selected (due_row, 0);
  adw_combo_row_set_selected (due_row, 4);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (due_row)), ==, "Due Monday 24 Nov, 09:00");

  /* Saving "In an hour" counts from when it is saved. */
  type_text (dialog, "Dropped off the parcel.");
  adw_combo_row_set_selected (due_row, 0);
  reg_store_set_now (f->store, local_time (2025, 11, 23, 10, 5));
  press (GTK_WIDGET (dialog), "<Control>Return");
  assert_dialog_closed (f);
  g_assert_cmpint (db_int (f->store, "SELECT due_at FROM follow_ups"), ==, local_time (2025, 11, 23, 11, 5));
}

/* "Tomorrow 09:00" is 09:00 even when the clocks go forward overnight. */
static void
test_due_across_summer_time (Fixture       *f,
                             gconstpointer  data)
{
  gint64 now = local_time (2025, 3, 29, 14, 0);   /* summer time starts the next night */
  RegNoteDialog *dialog;

  reg_store_set_now (f->store, now);
  dialog = open_dialog (f, f->ben);
  type_text (dialog, "Ordered the spring catalogue.");
  adw_expander_row_set_enable_expansion (child (dialog, "promise_row"), TRUE);
  press (GTK_WIDGET (dialog), "<Control>Return");
  assert_dialog_closed (f);

  g_assert_cmpint (db_int (f->store, "SELECT due_at FROM follow_ups"), ==, local_time (2025, 3, 30, 9, 0));
  g_assert_cmpint (db_int (f->store, "SELECT due_at FROM follow_ups") - now, ==, 18 * 3600);
}

/* A time that has passed is not a promise. */
static void
test_due_passed_refused (Fixture       *f,
                         gconstpointer  data)
{
  RegNoteDialog *dialog;

  reg_store_set_now (f->store, local_time (2025, 11, 17, 18, 0));
  dialog = open_dialog (f, f->ben);
  type_text (dialog, "Came in just before closing.");
  adw_expander_row_set_enable_expansion (child (dialog, "promise_row"), TRUE);
  adw_combo_row_set_selected (child (dialog, "due_row"), 1);   /* today 17:00 */
  g_assert_cmpstr (adw_action_row_get_subtitle (child (dialog, "due_row")), ==,
                   "That due time has passed; choose a later one");

  press (GTK_WIDGET (dialog), "<Control>Return");
  assert_dialog_open (f);
  assert_nothing_saved (f);
  g_assert_true (gtk_widget_get_visible (child (dialog, "error_box")));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == child (dialog, "due_row"));
}

static guint
find_author_row (RegNoteDialog *dialog,
                 const char    *name)
{
  GListModel *model = adw_combo_row_get_model (child (dialog, "author_row"));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name) == 0)
      return i;

  g_error ("%s is not offered as the author", name);
}

/* Someone else writes the note, and is given the promise. */
static void
test_change_author (Fixture       *f,
                    gconstpointer  data)
{
  RegNoteDialog *dialog = open_dialog (f, f->ben);
  AdwComboRow *author_row = child (dialog, "author_row");

  g_assert_cmpuint (adw_combo_row_get_selected (author_row), ==, find_author_row (dialog, "Ben Okafor"));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (author_row)), ==, 2);

  adw_combo_row_set_selected (author_row, find_author_row (dialog, "Ana Lima"));
  g_assert_cmpint (reg_note_dialog_get_author_id (dialog), ==, f->ana);

  type_text (dialog, "Returned the umbrella she left.");
  adw_expander_row_set_enable_expansion (child (dialog, "promise_row"), TRUE);
  gtk_editable_set_text (child (dialog, "promise_entry"), "Ring when the new umbrellas arrive");
  /* Enter in a one-line field saves too. */
  g_signal_emit_by_name (gtk_editable_get_delegate (child (dialog, "promise_entry")), "activate");
  assert_dialog_closed (f);

  g_assert_cmpint (db_int (f->store, "SELECT author_id FROM visits"), ==, f->ana);
  assert_db_text (f, "SELECT promise FROM follow_ups", "Ring when the new umbrellas arrive");
  g_assert_cmpint (db_int (f->store, "SELECT assigned_to FROM follow_ups"), ==, f->ana);
  g_assert_cmpint (db_int (f->store, "SELECT created_by FROM follow_ups"), ==, f->ana);
}

/* With nobody on the staff list, notes are still written, by nobody. */
static void
test_no_staff (Fixture       *f,
               gconstpointer  data)
{
  RegNoteDialog *dialog = open_dialog (f, 0);
  AdwComboRow *author_row = child (dialog, "author_row");
  GListModel *model = adw_combo_row_get_model (author_row);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Nobody");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (author_row)));

  type_text (dialog, "First customer of the day.");
  click (dialog, "save_button");
  assert_dialog_closed (f);
  g_assert_cmpint (db_int (f->store, "SELECT author_id IS NULL FROM visits"), ==, 1);
}

/* Saving with nothing written says so and keeps the dialog. */
static void
test_empty_text_refused (Fixture       *f,
                         gconstpointer  data)
{
  RegNoteDialog *dialog = open_dialog (f, f->ben);
  GtkWidget *text_view = child (dialog, "text_view");

  click (dialog, "email_button");
  click (dialog, "star_2");
  type_text (dialog, "  \n\t ");
  gtk_widget_grab_focus (child (dialog, "email_button"));

  press (GTK_WIDGET (dialog), "<Control>Return");
  assert_dialog_open (f);
  assert_nothing_saved (f);
  g_assert_true (gtk_widget_get_visible (child (dialog, "error_box")));
  g_assert_cmpstr (gtk_label_get_text (child (dialog, "error_label")), ==, "Write what happened before saving");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == text_view);
  /* What was chosen is kept. */
  g_assert_cmpint (reg_note_dialog_get_channel (dialog), ==, REG_CHANNEL_EMAIL);
  g_assert_cmpint (reg_note_dialog_get_satisfaction (dialog), ==, 2);

  /* Writing something is the fix, and the message goes. */
  type_text (dialog, "Replied about the opening hours.");
  g_assert_false (gtk_widget_get_visible (child (dialog, "error_box")));
  click (dialog, "save_button");
  assert_dialog_closed (f);
  assert_db_text (f, "SELECT channel FROM visits", "email");
  g_assert_cmpint (db_int (f->store, "SELECT satisfaction FROM visits"), ==, 2);
}

/* A custom due time that cannot be read saves nothing; a good one saves. */
static void
test_custom_due (Fixture       *f,
                 gconstpointer  data)
{
  RegNoteDialog *dialog;
  GtkWidget *entry, *focus;
  g_autofree char *message = NULL;

  reg_store_set_now (f->store, local_time (2025, 11, 17, 14, 30));
  dialog = open_dialog (f, f->ben);
  entry = child (dialog, "custom_due_entry");

  type_text (dialog, "Needs the ring resized.");
  adw_expander_row_set_enable_expansion (child (dialog, "promise_row"), TRUE);
  gtk_editable_set_text (child (dialog, "promise_entry"), "Ring when the ring is ready");
  adw_combo_row_set_selected (child (dialog, "due_row"), 5);
  g_assert_true (gtk_widget_get_visible (entry));
  /* It starts from the time chosen before. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2025-11-18 09:00");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "next tuesday");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));

  press (GTK_WIDGET (dialog), "<Control>Return");
  assert_dialog_open (f);
  assert_nothing_saved (f);
  g_assert_true (gtk_widget_get_visible (child (dialog, "error_box")));
  message = g_strdup (gtk_label_get_text (child (dialog, "error_label")));
  g_assert_nonnull (strstr (message, "YYYY-MM-DD HH:MM"));
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  /* 31 November does not exist either. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "2025-11-31 10:00");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  click (dialog, "save_button");
  assert_dialog_open (f);
  assert_nothing_saved (f);

  gtk_editable_set_text (GTK_EDITABLE (entry), "2025-11-20 15:30");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gtk_widget_get_visible (child (dialog, "error_box")));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (dialog, "due_row")), ==, "Due Thursday 20 Nov, 15:30");
  click (dialog, "save_button");
  assert_dialog_closed (f);

  g_assert_cmpint (db_int (f->store, "SELECT due_at FROM follow_ups"), ==, local_time (2025, 11, 20, 15, 30));
  assert_db_text (f, "SELECT promise FROM follow_ups", "Ring when the ring is ready");
}

/* A promise must say what was promised. */
static void
test_empty_promise_refused (Fixture       *f,
                            gconstpointer  data)
{
  RegNoteDialog *dialog = open_dialog (f, f->ben);
  GtkWidget *entry = child (dialog, "promise_entry");
  GtkWidget *focus;

  type_text (dialog, "Asked about gift wrapping.");
  adw_expander_row_set_enable_expansion (child (dialog, "promise_row"), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  press (GTK_WIDGET (dialog), "<Control>Return");
  assert_dialog_open (f);
  assert_nothing_saved (f);
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  /* Switching the promise off saves the note alone. */
  adw_expander_row_set_enable_expansion (child (dialog, "promise_row"), FALSE);
  g_assert_false (gtk_widget_get_visible (child (dialog, "error_box")));
  press (GTK_WIDGET (dialog), "<Control>Return");
  assert_dialog_closed (f);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM visits"), ==, 1);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM follow_ups"), ==, 0);
}

/* When the store refuses, what was typed stays and the reason shows. */
static void
test_store_error_keeps_dialog (Fixture       *f,
                               gconstpointer  data)
{
  RegNoteDialog *dialog = open_dialog (f, f->ben);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (child (dialog, "text_view"));
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  type_text (dialog, "Paid the invoice.");
  /* Someone else erased the customer meanwhile. */
  g_assert_cmpint (sqlite3_exec (reg_store_get_db (f->store), "DELETE FROM customers", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  press (GTK_WIDGET (dialog), "<Control>Return");
  assert_dialog_open (f);
  assert_nothing_saved (f);
  g_assert_true (gtk_widget_get_visible (child (dialog, "error_box")));
  g_assert_cmpstr (gtk_label_get_text (child (dialog, "error_label")), !=, "");

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "Paid the invoice.");
}

/* Alt+1 to Alt+4 choose how; the chosen star again clears the rating. */
static void
test_channel_keys_and_stars (Fixture       *f,
                             gconstpointer  data)
{
  static const char *buttons[] = { "visit_button", "call_button", "email_button", "other_button" };
  static const char *keys[] = { "<Alt>2", "<Alt>3", "<Alt>4", "<Alt>1" };
  static const RegChannel channels[] = { REG_CHANNEL_CALL, REG_CHANNEL_EMAIL, REG_CHANNEL_OTHER, REG_CHANNEL_VISIT };
  RegNoteDialog *dialog = open_dialog (f, f->ben);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      press (GTK_WIDGET (dialog), keys[i]);
      g_assert_cmpint (reg_note_dialog_get_channel (dialog), ==, channels[i]);
      for (guint j = 0; j < G_N_ELEMENTS (buttons); j++)
        g_assert_true (gtk_toggle_button_get_active (child (dialog, buttons[j])) == (j == channels[i]));
    }

  click (dialog, "star_3");
  g_assert_cmpint (reg_note_dialog_get_satisfaction (dialog), ==, 3);
  click (dialog, "star_5");
  g_assert_cmpint (reg_note_dialog_get_satisfaction (dialog), ==, 5);
  g_assert_false (gtk_toggle_button_get_active (child (dialog, "star_3")));
  click (dialog, "star_5");
  g_assert_cmpint (reg_note_dialog_get_satisfaction (dialog), ==, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (child (dialog, "satisfaction_row")), ==, "Not recorded");
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("star_%u", i);

      g_assert_cmpstr (gtk_button_get_icon_name (child (dialog, name)), ==, "non-starred-symbolic");
      g_assert_false (gtk_toggle_button_get_active (child (dialog, name)));
    }
}

/* Cancel and Escape save nothing. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  RegNoteDialog *dialog = open_dialog (f, f->ben);

  type_text (dialog, "Never mind.");
  click (dialog, "star_4");
  click (dialog, "cancel_button");
  assert_dialog_closed (f);
  assert_nothing_saved (f);

  dialog = open_dialog (f, f->ben);
  type_text (dialog, "Never mind either.");
  press (GTK_WIDGET (dialog), "Escape");
  assert_dialog_closed (f);
  assert_nothing_saved (f);
}

#define ADD_TEST(path, func, data) \
  g_test_add ("/note-dialog/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", TEST_ZONE, TRUE);
  /* Day and month names are checked in English. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  reg_test_init (&argc, &argv);

  ADD_TEST ("opens-ready", test_opens_ready, NULL);
  ADD_TEST ("quick-note", test_quick_note, NULL);
  ADD_TEST ("call-with-promise", test_call_with_promise, NULL);
  ADD_TEST ("due-choices", test_due_choices, NULL);
  ADD_TEST ("due-across-summer-time", test_due_across_summer_time, NULL);
  ADD_TEST ("due-passed-refused", test_due_passed_refused, NULL);
  ADD_TEST ("change-author", test_change_author, NULL);
  ADD_TEST ("no-staff", test_no_staff, NO_STAFF);
  ADD_TEST ("empty-text-refused", test_empty_text_refused, NULL);
  ADD_TEST ("empty-promise-refused", test_empty_promise_refused, NULL);
  ADD_TEST ("custom-due", test_custom_due, NULL);
  ADD_TEST ("store-error-keeps-dialog", test_store_error_keeps_dialog, NULL);
  ADD_TEST ("channel-keys-and-stars", test_channel_keys_and_stars, NULL);
  ADD_TEST ("cancel", test_cancel, NULL);

  return g_test_run ();
}
