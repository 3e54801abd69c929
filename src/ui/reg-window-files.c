/* reg-window-files.c: the window's file work — importing, exporting,
 * backing up and restoring, and one customer's data exported or erased
 *
 * Each starts from a file chooser; long work runs on a connection of its
 * own in a worker thread and says when it is done in a toast. Nothing is
 * replaced or erased without a dialog that says what will happen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "exchange/reg-exchange.h"
#include "exchange/reg-json.h"
#include "model/reg-customer-list.h"
#include "reg-application.h"
#include "reg-import-window.h"
#include "reg-window-private.h"

typedef void (*ChosenFunc) (RegWindow      *self,
                            GtkFileChooser *chooser,
                            GFile          *file,
                            gpointer        data);

typedef struct
{
  RegWindow      *window;
  ChosenFunc      func;
  gpointer        data;
  GDestroyNotify  data_free;
} Choosing;

static void
choosing_free (Choosing *choosing)
{
  if (choosing->data_free != NULL)
    choosing->data_free (choosing->data);
  g_object_unref (choosing->window);
  g_free (choosing);
}

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  Choosing *choosing = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        choosing->func (choosing->window, GTK_FILE_CHOOSER (dialog), file, choosing->data);
    }
  choosing_free (choosing);
  g_object_unref (dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *first_pattern,
            ...)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  va_list args;

  gtk_file_filter_set_name (filter, name);
  va_start (args, first_pattern);
  for (const char *pattern = first_pattern; pattern != NULL; pattern = va_arg (args, const char *))
    gtk_file_filter_add_suffix (filter, pattern);
  va_end (args);
  gtk_file_chooser_add_filter (chooser, filter);
}

/* A file chooser for the window; @func gets the file chosen. */
static GtkFileChooser *
choose_file (RegWindow            *self,
             GtkFileChooserAction  action,
             const char           *title,
             const char           *accept,
             ChosenFunc            func,
             gpointer              data,
             GDestroyNotify        data_free)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, NULL);
  Choosing *choosing = g_new0 (Choosing, 1);

  choosing->window = g_object_ref (self);
  choosing->func = func;
  choosing->data = data;
  choosing->data_free = data_free;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), choosing);
  return GTK_FILE_CHOOSER (chooser);
}

static void
show_chooser (GtkFileChooser *chooser)
{
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* "Zoë Gupta.json": a name a file system takes. */
static char *
file_name_for (const char *name,
               const char *extension)
{
  g_autofree char *safe = g_strdup (name);

  g_strdelimit (safe, "/\\:*?\"<>|", '-');
  return g_strconcat (g_strstrip (safe), extension, NULL);
}

/* Takes @title. */
static void
toast_done (RegWindow *self,
            char      *title)
{
  AdwToast *toast = adw_toast_new (title);
  AdwToast *last = g_object_get_data (G_OBJECT (self), "reg-file-toast");

  /* The newest result replaces the one before rather than queueing. */
  if (last != NULL)
    adw_toast_dismiss (last);
  g_object_set_data_full (G_OBJECT (self), "reg-file-toast", g_object_ref (toast), g_object_unref);
  adw_toast_set_timeout (toast, 5);
  reg_window_add_toast (self, toast);
  g_free (title);
}

static char *
display_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return g_filename_display_name (name);
}

/* Work under way on a file, for when it is done. */
typedef struct
{
  RegWindow *window;
  GFile     *file;
} Pending;

static Pending *
pending_new (RegWindow *window,
             GFile     *file)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->window = g_object_ref (window);
  pending->file = g_object_ref (file);
  return pending;
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->window);
  g_object_unref (pending->file);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

/* ------------------------------------------------------------------ */
/* Import                                                               */

static void
import_chosen (RegWindow      *self,
               GtkFileChooser *chooser,
               GFile          *file,
               gpointer        data)
{
  RegImportWindow *window = reg_import_window_new (GTK_WINDOW (self), reg_window_get_store (self), file);

  gtk_window_present (GTK_WINDOW (window));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);
  GtkFileChooser *chooser;

  chooser = choose_file (self, GTK_FILE_CHOOSER_ACTION_OPEN, _("Import Customers"), _("_Import"),
                         import_chosen, NULL, NULL);
  add_filter (chooser, _("Address Books and Spreadsheets"), "vcf", "vcard", "csv", NULL);
  add_filter (chooser, _("vCard Address Books"), "vcf", "vcard", NULL);
  add_filter (chooser, _("CSV Spreadsheets"), "csv", NULL);
  show_chooser (chooser);
}

/* ------------------------------------------------------------------ */
/* Export                                                               */

static const struct {
  const char        *id;
  RegExchangeFormat  format;
  const char        *extension;
  const char        *label;
} formats[] = {
  { "vcard", REG_EXCHANGE_FORMAT_VCARD, ".vcf", N_("vCard Address Book") },
  { "vcard3", REG_EXCHANGE_FORMAT_VCARD_3, ".vcf", N_("vCard 3.0, for Older Address Books") },
  { "csv", REG_EXCHANGE_FORMAT_CSV, ".csv", N_("CSV Spreadsheet") },
  { "json", REG_EXCHANGE_FORMAT_JSON, ".json", N_("JSON, Everything About Each Customer") },
  { "ics", REG_EXCHANGE_FORMAT_ICALENDAR, ".ics", N_("iCalendar, the Open Promises") },
};

/* Whether the list shows fewer than every live customer. */
static gboolean
is_narrowed (const RegCustomerQuery *query)
{
  return query != NULL && ((query->search != NULL && *query->search != '\0') ||
                           query->trashed || reg_customer_query_has_filters (query));
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  g_autoptr(GError) error = NULL;

  if (!reg_exchange_export_file_finish (REG_STORE (source), result, &error))
    reg_window_show_error (pending->window, error);
  else
    {
      g_autofree char *name = display_name (pending->file);
      /* Translators: the file written */
      toast_done (pending->window, g_strdup_printf (_("Exported to “%s”"), name));
    }
}

static void
export_chosen (RegWindow      *self,
               GtkFileChooser *chooser,
               GFile          *file,
               gpointer        data)
{
  g_autofree char *path = g_file_get_path (file);
  const char *format = gtk_file_chooser_get_choice (chooser, "format");
  RegCustomerList *list = reg_window_get_customer_list (self);
  const RegCustomerQuery *query = list != NULL ? reg_customer_list_get_query (list) : NULL;
  RegExchangeFormat chosen = REG_EXCHANGE_FORMAT_UNKNOWN;
  g_autoptr(GFile) target = NULL;

  if (path == NULL)
    return;
  /* The format chosen, unless the name given says another. */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (format, formats[i].id) == 0)
      {
        RegExchangeFormat named = reg_exchange_format_for_path (path);

        if (named == REG_EXCHANGE_FORMAT_UNKNOWN)
          {
            char *with = g_strconcat (path, formats[i].extension, NULL);
            g_free (path);
            path = with;
            chosen = formats[i].format;
          }
        else if (named == REG_EXCHANGE_FORMAT_VCARD && formats[i].format == REG_EXCHANGE_FORMAT_VCARD_3)
          chosen = REG_EXCHANGE_FORMAT_VCARD_3;
      }

  target = g_file_new_for_path (path);
  /* The list as it is shown: searched and filtered, or everyone. */
  reg_exchange_export_file_async (reg_window_get_store (self), path, chosen, query,
                                  NULL, export_done, pending_new (self, target));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);
  RegCustomerList *list = reg_window_get_customer_list (self);
  const RegCustomerQuery *query = list != NULL ? reg_customer_list_get_query (list) : NULL;
  const char *ids[G_N_ELEMENTS (formats) + 1] = { NULL, };
  const char *labels[G_N_ELEMENTS (formats) + 1] = { NULL, };
  g_autofree char *title = NULL;
  GtkFileChooser *chooser;

  if (is_narrowed (query))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
      title = g_strdup_printf (ngettext ("Export the %u Customer Shown", "Export the %u Customers Shown", n), n);
    }
  else
    title = g_strdup (_("Export All Customers"));

  chooser = choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, title, _("_Export"), export_chosen, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      ids[i] = formats[i].id;
      labels[i] = _(formats[i].label);
    }
  gtk_file_chooser_add_choice (chooser, "format", _("Format"), ids, labels);
  gtk_file_chooser_set_choice (chooser, "format", "vcard");
  gtk_file_chooser_set_current_name (chooser, _("Customers.vcf"));
  show_chooser (chooser);
}

/* ------------------------------------------------------------------ */
/* Backups                                                              */

static gboolean
back_up_on_worker (RegStore      *worker,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *path = g_file_get_path (data);

  /* The chooser asked already whether to replace the file. */
  return reg_store_backup (worker, path, TRUE, error);
}

static void
back_up_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  g_autoptr(GError) error = NULL;

  if (!reg_store_run_worker_finish (REG_STORE (source), result, &error))
    reg_window_show_error (pending->window, error);
  else
    {
      g_autofree char *name = display_name (pending->file);
      /* Translators: the backup file */
      toast_done (pending->window, g_strdup_printf (_("Backed up to “%s”"), name));
    }
}

static void
back_up_chosen (RegWindow      *self,
                GtkFileChooser *chooser,
                GFile          *file,
                gpointer        data)
{
  reg_store_run_worker_async (reg_window_get_store (self), back_up_on_worker,
                              g_object_ref (file), g_object_unref, NULL,
                              back_up_done, pending_new (self, file));
}

static void
back_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  chooser = choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Back Up"), _("_Back Up"),
                         back_up_chosen, NULL, NULL);
  /* Translators: the name offered for a backup; %s is today's date */
  name = g_strdup_printf (_("Regulars Backup %s.db"), date);
  gtk_file_chooser_set_current_name (chooser, name);
  show_chooser (chooser);
}

static void
restore_response (AdwMessageDialog *dialog,
                  const char       *response,
                  RegWindow        *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "reg-file");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *kept = NULL;
  g_autofree char *kept_name = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "restore") != 0)
    return;

  if (!reg_store_restore (reg_window_get_store (self), path, NULL, &kept, &error))
    {
      reg_window_show_error (self, error);
      return;
    }

  reg_window_close_card (self);
  kept_name = g_path_get_basename (kept);
  /* Translators: the backup restored from, then the copy of what was there before */
  toast_done (self, g_strdup_printf (_("Restored from “%s”; what was there before is kept as “%s”"),
                                     g_file_peek_path (file), kept_name));
}

static void
restore_chosen (RegWindow      *self,
                GtkFileChooser *chooser,
                GFile          *file,
                gpointer        data)
{
  g_autofree char *name = g_file_get_basename (file);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore From Backup?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Everything Regulars holds now is replaced by what “%s” holds. "
                                    "A backup of what is there now is made first, so this can be undone "
                                    "by restoring that one."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "reg-file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);
  GtkFileChooser *chooser;
  g_autofree char *dir = reg_store_get_backup_dir (reg_window_get_store (self));
  g_autoptr(GFile) folder = g_file_new_for_path (dir);

  chooser = choose_file (self, GTK_FILE_CHOOSER_ACTION_OPEN, _("Restore From Backup"), _("_Open"),
                         restore_chosen, NULL, NULL);
  add_filter (chooser, _("Regulars Backups"), "db", NULL);
  if (g_file_query_exists (folder, NULL))
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  show_chooser (chooser);
}

/* ------------------------------------------------------------------ */
/* One customer's data                                                  */

static void
export_customer_chosen (RegWindow      *self,
                        GtkFileChooser *chooser,
                        GFile          *file,
                        gpointer        data)
{
  gint64 id = GPOINTER_TO_SIZE (data);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (!reg_json_export_customer (reg_window_get_store (self), id, path, &error))
    reg_window_show_error (self, error);
  else
    {
      g_autofree char *name = display_name (file);
      /* Translators: the file written */
      toast_done (self, g_strdup_printf (_("Their data is in “%s”"), name));
    }
}

static void
export_customer_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);
  RegCustomer *customer = reg_window_get_customer (self);
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  if (customer == NULL)
    return;
  chooser = choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Export This Customer’s Data"), _("_Export"),
                         export_customer_chosen, GSIZE_TO_POINTER (reg_customer_get_id (customer)), NULL);
  name = file_name_for (reg_customer_get_display_name (customer), ".json");
  gtk_file_chooser_set_current_name (chooser, name);
  show_chooser (chooser);
}

static void
erase_response (AdwMessageDialog *dialog,
                const char       *response,
                RegWindow        *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "reg-customer-id"));
  const char *name = g_object_get_data (G_OBJECT (dialog), "reg-name");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "erase") != 0)
    return;

  if (!reg_store_erase_customer (reg_window_get_store (self), id, &error))
    {
      reg_window_show_error (self, error);
      return;
    }
  reg_window_close_card (self);
  /* Translators: a customer's name */
  toast_done (self, g_strdup_printf (_("“%s” was erased for good"), name));
}

static void
erase_customer_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);
  RegCustomer *customer = reg_window_get_customer (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (customer == NULL)
    return;

  /* Translators: a customer's name */
  heading = g_strdup_printf (_("Erase “%s” for Good?"), reg_customer_get_display_name (customer));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Their card, crib notes, visits, promises and complaints are removed "
                                     "and cannot be brought back. Backups made before now still hold them: "
                                     "they are left as they are."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "erase", _("_Erase for Good"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "reg-customer-id", GSIZE_TO_POINTER (reg_customer_get_id (customer)));
  g_object_set_data_full (G_OBJECT (dialog), "reg-name", g_strdup (reg_customer_get_display_name (customer)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (erase_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The daily backup runs without the window: a failure it met is said
 * here, and stays until read. */
static void
on_backup_failed (RegWindow      *self,
                  const GError   *error,
                  RegApplication *app)
{
  reg_window_show_error (self, error);
}

void
reg_window_files_set_up (RegWindow      *self,
                         RegApplication *app)
{
  const GError *error = reg_application_get_last_backup_error (app);

  g_signal_connect_object (app, "backup-failed", G_CALLBACK (on_backup_failed), self, G_CONNECT_SWAPPED);
  if (error != NULL)
    reg_window_show_error (self, error);
}

/* ------------------------------------------------------------------ */

void
reg_window_files_update_actions (RegWindow *self)
{
  RegStore *store = reg_window_get_store (self);
  gboolean have_store = store != NULL;
  gboolean writable = have_store && !reg_store_is_read_only (store);
  gboolean have = reg_window_get_customer (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-customer", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.erase-customer", writable && have);
}

void
reg_window_files_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.export-customer", NULL, export_customer_action);
  gtk_widget_class_install_action (widget_class, "win.erase-customer", NULL, erase_customer_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
}
