/* test-files-window.c: Import…, Export…, Back Up…, Restore From Backup…
 * in the main menu, and Export Their Data… and Erase for Good… on the
 * card, driven through the real windows and dialogs under Xvfb
 *
 * Built twice. As test-file-chooser (REG_TEST_FILE_CHOOSER) every file is
 * picked in GTK's own file chooser, as a person picks it; GTK 4.8's file
 * chooser leaks by itself, so that program runs without LeakSanitizer.
 * As test-files-window the import window is opened on the file directly
 * and everything but the choosers runs with LeakSanitizer on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <string.h>

#include "reg-test-util.h"
#include "store/reg-store-private.h"
#include "ui/reg-import-window.h"
#include "ui/reg-window.h"

typedef struct
{
  char   *dir;
  char   *path;
  gint64  zoe, omar;
} Shop;

static gint64
add_customer (RegStore   *store,
              const char *name,
              const char *phone,
              const char *email)
{
  g_autoptr(RegCustomer) customer = reg_customer_new ();
  g_autoptr(GError) error = NULL;

  reg_customer_set_display_name (customer, name);
  if (phone)
    reg_customer_add_phone (customer, "mobile", phone);
  if (email)
    reg_customer_add_email (customer, "home", email);
  g_assert_true (reg_store_save_customer (store, customer, &error));
  g_assert_no_error (error);
  return reg_customer_get_id (customer);
}

static void
shop_set_up (Shop *shop)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = NULL;

  shop->dir = g_dir_make_tmp ("regulars-files-XXXXXX", &error);
  shop->path = g_build_filename (shop->dir, "shop.db", NULL);
  store = reg_store_open (shop->path, &error);
  g_assert_no_error (error);
  reg_test_add_staff (store, "Priya Sharma", TRUE);
  shop->zoe = add_customer (store, "Zoë Brown", "+44 7700 900123", "zoe@example.com");
  shop->omar = add_customer (store, "Omar Quintessential-Haddad", "+44 7700 900999", "omar.q@example.com");
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

static char *
fixture (const char *kind,
         const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", kind, name, NULL);
}

static gint64
count (RegApplication *app,
       const char     *sql)
{
  return reg_test_sql_int (reg_application_get_store (app), sql);
}

#ifdef REG_TEST_FILE_CHOOSER
/* ------------------------------------------------------------------ */
/* Driving the file chooser as a person would: pick a file, press the
 * accept button. Without a portal, GtkFileChooserNative shows GTK's own
 * dialog. */

static gboolean
chooser_shown (gpointer data)
{
  GtkWindow **found = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *found = window;
          return TRUE;
        }
    }
  return FALSE;
}

static GtkWindow *
wait_for_chooser (void)
{
  GtkWindow *chooser = NULL;

  g_assert_true (reg_test_wait_until (chooser_shown, &chooser, 5000));
  return chooser;
}

static gboolean
window_gone (gpointer data)
{
  GtkWidget **window = data;

  return *window == NULL || !gtk_widget_get_visible (*window);
}

/* The chooser's Open, Save or Export button. */
static void
press_accept (GtkWindow *chooser)
{
  GtkWidget *button = gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  GtkWidget *shown = GTK_WIDGET (chooser);

  g_assert_nonnull (button);
  g_test_message ("pressing %s in %s", gtk_button_get_label (GTK_BUTTON (button)), gtk_window_get_title (chooser));
  reg_test_settle ();
  g_object_add_weak_pointer (G_OBJECT (shown), (gpointer *) &shown);
  g_signal_emit_by_name (button, "clicked");
  if (!reg_test_wait_until (window_gone, &shown, 5000))
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
          g_autoptr(GPtrArray) labels = reg_test_find_widgets (GTK_WIDGET (window), GTK_TYPE_LABEL);

          g_test_message ("window %s %s visible %d", G_OBJECT_TYPE_NAME (window), gtk_window_get_title (window),
                          gtk_widget_get_visible (GTK_WIDGET (window)));
          for (guint j = 0; j < labels->len; j++)
            if (gtk_widget_is_drawable (labels->pdata[j]))
              g_test_message ("  label: %s", gtk_label_get_text (labels->pdata[j]));
        }
      g_assert_not_reached ();
    }
  if (shown != NULL)
    g_object_remove_weak_pointer (G_OBJECT (shown), (gpointer *) &shown);
  /* The chooser reads folders in GIO's threads; what it asked for comes
   * back, and is dropped, before the test goes on. */
  reg_test_spin (300);
  reg_test_settle ();
}

static gboolean
chooser_has_file (gpointer chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);

  return file != NULL;
}

/* Opens @path in the chooser shown (an Open one). */
static void
choose_open (const char *path)
{
  GtkWindow *chooser = wait_for_chooser ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error));
  g_assert_no_error (error);
  /* Selected once the folder is read. */
  g_assert_true (reg_test_wait_until (chooser_has_file, chooser, 5000));
  press_accept (chooser);
}

typedef struct
{
  GtkWindow *chooser;
  GFile     *folder;
} ChooserFolder;

static gboolean
chooser_in_folder (gpointer data)
{
  ChooserFolder *wait = data;
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (wait->chooser));

  return folder != NULL && g_file_equal (folder, wait->folder);
}

static gboolean
offers (GtkWidget     *widget,
        gconstpointer  label)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      if (GTK_IS_STRING_OBJECT (item) && g_strcmp0 (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), label) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Saves as @name in @dir, with the format @choice if not NULL; returns
 * the name the chooser offered. @choice is a format's label. */
static char *
choose_save (const char *dir,
             const char *name,
             const char *choice)
{
  GtkWindow *chooser = wait_for_chooser ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  char *offered = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

  /* Once the first folder is read: a folder set before is given up. */
  reg_test_spin (300);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error));
  g_assert_no_error (error);
  g_assert_true (reg_test_wait_until (chooser_in_folder, &(ChooserFolder) { chooser, folder }, 5000));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (choice != NULL)
    {
      /* The Format drop-down below the files, as a person picks it. */
      GtkDropDown *formats = GTK_DROP_DOWN (reg_test_find_widget (GTK_WIDGET (chooser), GTK_TYPE_DROP_DOWN,
                                                                  offers, choice));

      g_assert_nonnull (formats);
      for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (formats)); i++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (gtk_drop_down_get_model (formats), i);
          if (g_strcmp0 (gtk_string_object_get_string (item), choice) == 0)
            gtk_drop_down_set_selected (formats, i);
        }
    }
  press_accept (chooser);
  return offered;
}

#endif

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  text)
{
  return gtk_widget_is_drawable (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
label_has (GtkWidget     *widget,
           gconstpointer  text)
{
  return gtk_widget_is_drawable (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
  gboolean    part;
} Shows;

static gboolean
shows (gpointer data)
{
  Shows *shows = data;

  return reg_test_find_widget (shows->root, GTK_TYPE_LABEL, shows->part ? label_has : label_is, shows->text) != NULL;
}

/* Waits for @root to show a label that reads @text (or has it, @part). */
static void
wait_shown (GtkWidget  *root,
            const char *text,
            gboolean    part)
{
  Shows data = { root, text, part };

  if (!reg_test_wait_until (shows, &data, 10000))
    {
      g_autoptr(GPtrArray) labels = reg_test_find_widgets (root, GTK_TYPE_LABEL);

      for (guint i = 0; i < labels->len; i++)
        if (gtk_widget_is_drawable (labels->pdata[i]))
          g_test_message ("shown: %s", gtk_label_get_text (labels->pdata[i]));
      g_error ("“%s” was never shown", text);
    }
}

static RegImportWindow *
import_window (void)
{
  GtkWindow *window = NULL;

  g_assert_true (reg_test_wait_until ((RegTestCondition) reg_test_find_window,
                                      GSIZE_TO_POINTER (REG_TYPE_IMPORT_WINDOW), 5000));
  window = reg_test_find_window (REG_TYPE_IMPORT_WINDOW);
  reg_test_wait_mapped (window);
  return REG_IMPORT_WINDOW (window);
}

/* Import… in the main menu, and @path chosen. */
static RegImportWindow *
import_file (RegWindow  *window,
             const char *path)
{
#ifdef REG_TEST_FILE_CHOOSER
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  choose_open (path);
#else
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_present (GTK_WINDOW (reg_import_window_new (GTK_WINDOW (window),
                                                         reg_application_get_store (REG_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)))), file)));
#endif
  return import_window ();
}

static void
close_import_window (RegImportWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL);
  reg_test_settle ();
  g_assert_null (reg_test_find_window (REG_TYPE_IMPORT_WINDOW));
}

static gboolean
button_labelled (GtkWidget     *widget,
                 gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
row_titled (GtkWidget     *widget,
            gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* ------------------------------------------------------------------ */

/* A vCard file: the duplicates choice, the summary, what the database
 * then holds; a broken file: nothing, then the good ones on request. */
static void
check_import_vcard (RegApplication *app,
                    gpointer        data)
{
  RegWindow *window = main_window (app);
  g_autofree char *google = fixture ("vcard", "google.vcf");
  g_autofree char *malformed = fixture ("vcard", "malformed.vcf");
  RegImportWindow *import;
  AdwComboRow *duplicates;

  import = import_file (window, google);
  duplicates = ADW_COMBO_ROW (reg_test_find_widget (GTK_WIDGET (import), ADW_TYPE_COMBO_ROW, row_titled, "_Duplicates"));
  g_assert_nonnull (duplicates);
  g_assert_cmpuint (adw_combo_row_get_selected (duplicates), ==, 0);   /* merge */
  gtk_widget_activate_action (GTK_WIDGET (import), "import.start", NULL);
  wait_shown (GTK_WIDGET (import), "Imported 2 Customers", FALSE);
  g_assert_cmpint (count (app, "SELECT count(*) FROM customers"), ==, 4);
  close_import_window (import);

  /* Again, skipping those already known: each is listed. */
  import = import_file (window, google);
  duplicates = ADW_COMBO_ROW (reg_test_find_widget (GTK_WIDGET (import), ADW_TYPE_COMBO_ROW, row_titled, "_Duplicates"));
  adw_combo_row_set_selected (duplicates, 1);
  gtk_widget_activate_action (GTK_WIDGET (import), "import.start", NULL);
  wait_shown (GTK_WIDGET (import), "Imported 0 Customers", FALSE);
  wait_shown (GTK_WIDGET (import), "2 already known and skipped", FALSE);
  g_assert_nonnull (reg_test_find_widget (GTK_WIDGET (import), GTK_TYPE_LABEL, label_has, "belongs to customer number 3 already"));
  g_assert_cmpint (count (app, "SELECT count(*) FROM customers"), ==, 4);
  close_import_window (import);

  /* A broken card: all or nothing, the place named, then the rest. */
  import = import_file (window, malformed);
  gtk_widget_activate_action (GTK_WIDGET (import), "import.start", NULL);
  wait_shown (GTK_WIDGET (import), "Nothing Was Imported", FALSE);
  wait_shown (GTK_WIDGET (import), "“malformed.vcf”, line 10, card 2", TRUE);
  g_assert_cmpint (count (app, "SELECT count(*) FROM customers"), ==, 4);
  gtk_widget_activate_action (GTK_WIDGET (import), "import.keep-going", NULL);
  wait_shown (GTK_WIDGET (import), "Imported 2 Customers", FALSE);
  wait_shown (GTK_WIDGET (import), "1 broken and not imported", FALSE);
  g_assert_nonnull (reg_test_find_widget (GTK_WIDGET (import), GTK_TYPE_LABEL, label_has, "line 10, card 2"));
  g_assert_cmpint (count (app, "SELECT count(*) FROM customers"), ==, 6);
  close_import_window (import);
}

/* A CSV file: a row per column with what it was taken to be, changed
 * by hand before importing. */
static void
check_import_csv (RegApplication *app,
                  gpointer        data)
{
  RegWindow *window = main_window (app);
  g_autofree char *google = fixture ("csv", "google.csv");
  g_autoptr(GPtrArray) rows = NULL;
  RegImportWindow *import;
  AdwComboRow *name_row = NULL;
  AdwComboRow *notes_row = NULL;

  import = import_file (window, google);

  rows = reg_test_find_widgets (GTK_WIDGET (import), ADW_TYPE_COMBO_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *title = adw_preferences_row_get_title (rows->pdata[i]);

      if (g_strcmp0 (title, "Name") == 0)
        name_row = rows->pdata[i];
      else if (g_strcmp0 (title, "Notes") == 0)
        notes_row = rows->pdata[i];
    }
  /* Google's headings, understood. */
  g_assert_nonnull (name_row);
  g_assert_cmpint (adw_combo_row_get_selected (name_row), ==, 1);    /* Name */
  g_assert_nonnull (notes_row);
  g_assert_cmpint (adw_combo_row_get_selected (notes_row), ==, 16);  /* Crib note */
  /* Only the name left, and then not even that: nothing to import by. */
  for (guint i = 0; i < rows->len; i++)
    if (rows->pdata[i] != name_row && !row_titled (rows->pdata[i], "_Duplicates"))
      adw_combo_row_set_selected (rows->pdata[i], 0);
  adw_combo_row_set_selected (name_row, 0);
  reg_test_settle ();
  g_assert_false (gtk_widget_is_sensitive (reg_test_find_widget (GTK_WIDGET (import), GTK_TYPE_BUTTON,
                                                                button_labelled, "_Import")));
  wait_shown (GTK_WIDGET (import), "Choose a column for the name, an email address or a phone number", FALSE);
  adw_combo_row_set_selected (name_row, 1);
  reg_test_settle ();
  g_assert_true (gtk_widget_is_sensitive (reg_test_find_widget (GTK_WIDGET (import), GTK_TYPE_BUTTON,
                                                               button_labelled, "_Import")));
  gtk_widget_activate_action (GTK_WIDGET (import), "import.start", NULL);
  wait_shown (GTK_WIDGET (import), "Imported", TRUE);
  /* The notes column was ignored: no crib notes came in. */
  g_assert_cmpint (count (app, "SELECT count(*) FROM crib_notes"), ==, 0);
  /* By name alone: no email to know her by, so a customer of her own. */
  g_assert_cmpint (count (app, "SELECT count(*) FROM customers WHERE display_name = 'Zoë Müller'"), ==, 1);
  close_import_window (import);

  /* Not a CSV file at all */
  {
    g_autofree char *garbage = fixture ("csv", "garbage.bin");
    g_autofree char *copy = g_build_filename (g_get_tmp_dir (), "regulars-garbage.csv", NULL);
    g_autofree char *bytes = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (garbage, &bytes, &length, NULL));
    g_assert_true (g_file_set_contents (copy, bytes, length, NULL));
    import = import_file (window, copy);
    wait_shown (GTK_WIDGET (import), "Nothing Was Imported", FALSE);
    wait_shown (GTK_WIDGET (import), "regulars-garbage.csv", TRUE);
    close_import_window (import);
    g_unlink (copy);
  }
}

#ifdef REG_TEST_FILE_CHOOSER
static gboolean
file_has_version_3 (gpointer path)
{
  g_autofree char *text = NULL;

  return g_file_get_contents (path, &text, NULL, NULL) &&
         g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:3.0\r\n");
}

/* Export… writes the list as it is shown, in the format chosen. */
static void
check_export (RegApplication *app,
              gpointer        data)
{
  Shop *shop = data;
  RegWindow *window = main_window (app);
  g_autofree char *vcf = g_build_filename (shop->dir, "Everyone.vcf", NULL);
  g_autofree char *older = g_build_filename (shop->dir, "Older.vcf", NULL);
  g_autofree char *csv = g_build_filename (shop->dir, "Zoe only.csv", NULL);
  g_autofree char *offered = NULL;
  g_autofree char *text = NULL;
  GtkEditable *search = GTK_EDITABLE (reg_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL, NULL));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  offered = choose_save (shop->dir, "Everyone", NULL);
  g_assert_cmpstr (offered, ==, "Customers.vcf");
  wait_shown (GTK_WIDGET (window), "Exported to “Everyone.vcf”", FALSE);
  g_assert_true (g_file_get_contents (vcf, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "FN:Zoë Brown"));
  g_assert_nonnull (strstr (text, "FN:Omar Quintessential-Haddad"));
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_clear_pointer (&text, g_free);

  /* vCard 3.0, chosen below the files, for an older address book */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  g_clear_pointer (&offered, g_free);
  offered = choose_save (shop->dir, "Older.vcf", "vCard 3.0, for Older Address Books");
  wait_shown (GTK_WIDGET (window), "Exported to “Older.vcf”", FALSE);
  g_assert_true (reg_test_wait_until (file_has_version_3, older, 5000));

  /* Searched: only what is shown, as CSV. */
  gtk_editable_set_text (search, "zoë");
  reg_test_settle ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  g_assert_cmpstr (gtk_window_get_title (wait_for_chooser ()), ==, "Export the 1 Customer Shown");
  g_clear_pointer (&offered, g_free);
  offered = choose_save (shop->dir, "Zoe only", "CSV Spreadsheet");
  wait_shown (GTK_WIDGET (window), "Exported to “Zoe only.csv”", FALSE);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Zoë Brown"));
  g_assert_null (strstr (text, "Omar"));
}
#endif

#ifdef REG_TEST_FILE_CHOOSER
/* Back Up… makes a checked copy; Restore From Backup… brings it back
 * after asking, keeping what was there as a backup first. */
static void
check_backup_restore (RegApplication *app,
                      gpointer        data)
{
  Shop *shop = data;
  RegWindow *window = main_window (app);
  g_autofree char *backup = g_build_filename (shop->dir, "monday.db", NULL);
  g_autofree char *offered = NULL;
  g_autoptr(RegCustomer) extra = reg_customer_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  GStatBuf st;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back-up", NULL);
  offered = choose_save (shop->dir, "monday.db", NULL);
  g_assert_true (g_str_has_prefix (offered, "Regulars Backup "));
  wait_shown (GTK_WIDGET (window), "Backed up to “monday.db”", FALSE);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A customer added after the backup … */
  reg_customer_set_display_name (extra, "Added Later");
  g_assert_true (reg_store_save_customer (reg_application_get_store (app), extra, &error));
  g_assert_cmpint (count (app, "SELECT count(*) FROM customers"), ==, 3);

  /* … is gone once the backup is restored. Cancel first: nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL);
  choose_open (backup);
  g_assert_true (reg_test_wait_until ((RegTestCondition) reg_test_find_window,
                                      GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
  dialog = reg_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Restore From Backup?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  reg_test_settle ();
  g_assert_cmpint (count (app, "SELECT count(*) FROM customers"), ==, 3);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.restore-backup", NULL);
  choose_open (backup);
  g_assert_true (reg_test_wait_until ((RegTestCondition) reg_test_find_window,
                                      GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
  dialog = reg_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  reg_test_settle ();
  wait_shown (GTK_WIDGET (window), "what was there before is kept as", TRUE);
  g_assert_cmpint (count (app, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (count (app, "SELECT count(*) FROM customers WHERE display_name = 'Added Later'"), ==, 0);
}
#endif

/* A daily backup that failed while nobody looked is said in the window. */
static void
check_backup_failed (RegApplication *app,
                     gpointer        data)
{
  RegWindow *window = main_window (app);
  g_autoptr(GError) failed = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                                                  "Could not make today's backup: the disk is full");

  g_signal_emit_by_name (app, "backup-failed", failed);
  wait_shown (GTK_WIDGET (window), "Could not make today's backup: the disk is full", FALSE);
}

static gboolean
customer_open (gpointer data)
{
  return reg_window_get_customer (data) != NULL;
}

static void
open_omar (RegWindow *window,
           Shop      *shop)
{
  GtkEditable *search = GTK_EDITABLE (reg_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL, NULL));

  gtk_editable_set_text (search, "quintess");
  reg_test_settle ();
  g_assert_true (reg_test_wait_until (customer_open, window, 5000));
  g_assert_cmpint (reg_customer_get_id (reg_window_get_customer (window)), ==, shop->omar);
}

#ifdef REG_TEST_FILE_CHOOSER
/* On the card: the customer's data as JSON. */
static void
check_export_customer (RegApplication *app,
                       gpointer        data)
{
  Shop *shop = data;
  RegWindow *window = main_window (app);
  g_autofree char *json = g_build_filename (shop->dir, "omar.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *offered = NULL;
  JsonObject *customer;

  open_omar (window, shop);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-customer", NULL);
  offered = choose_save (shop->dir, "omar.json", NULL);
  g_assert_cmpstr (offered, ==, "Omar Quintessential-Haddad.json");
  wait_shown (GTK_WIDGET (window), "Their data is in “omar.json”", FALSE);
  g_assert_true (json_parser_load_from_file (parser, json, &error));
  g_assert_no_error (error);
  customer = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "customer");
  g_assert_cmpint (json_object_get_int_member (customer, "id"), ==, shop->omar);
}
#endif

/* On the card: erased for good, after a dialog that says what stays. */
static void
check_erase (RegApplication *app,
             gpointer        data)
{
  Shop *shop = data;
  RegWindow *window = main_window (app);
  GtkWindow *dialog;

  open_omar (window, shop);

  /* The dialog says backups keep them; Cancel keeps them here. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.erase-customer", NULL);
  dialog = reg_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Erase “Omar Quintessential-Haddad” for Good?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Backups made before now still hold them"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  reg_test_settle ();
  g_assert_cmpint (count (app, "SELECT count(*) FROM customers"), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.erase-customer", NULL);
  dialog = reg_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "erase");
  reg_test_settle ();
  wait_shown (GTK_WIDGET (window), "“Omar Quintessential-Haddad” was erased for good", FALSE);
  g_assert_null (reg_window_get_customer (window));
  g_assert_cmpint (count (app, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (count (app, "SELECT count(*) FROM customers WHERE display_name LIKE '%Quintessential%'"), ==, 0);
}

#define FILES_TEST(name) \
  static void test_##name (void) \
  { \
    g_autoptr(RegApplication) app = reg_test_application_new (); \
    Shop shop = { 0 }; \
    shop_set_up (&shop); \
    reg_test_run_with_database (app, shop.path, check_##name, &shop); \
    shop_tear_down (&shop); \
  }

FILES_TEST (import_vcard)
FILES_TEST (import_csv)
FILES_TEST (erase)
FILES_TEST (backup_failed)
#ifdef REG_TEST_FILE_CHOOSER
FILES_TEST (export)
FILES_TEST (backup_restore)
FILES_TEST (export_customer)
#endif

int
main (int   argc,
      char *argv[])
{
  reg_test_init (&argc, &argv);

  g_test_add_func ("/files-window/import/vcard", test_import_vcard);
  g_test_add_func ("/files-window/import/csv-columns", test_import_csv);
  g_test_add_func ("/files-window/customer/erase", test_erase);
  g_test_add_func ("/files-window/backup/failed", test_backup_failed);
#ifdef REG_TEST_FILE_CHOOSER
  g_test_add_func ("/files-window/export/shown-list", test_export);
  g_test_add_func ("/files-window/backup/restore", test_backup_restore);
  g_test_add_func ("/files-window/customer/export", test_export_customer);
#endif

  return g_test_run ();
}
