/* reg-import-window.c: bringing customers in from a vCard or CSV file
 *
 * Three steps in one window: what to do with customers already known
 * (and, for CSV, what each column holds, as detected from its header),
 * then a progress bar that can be cancelled, then what was done: how
 * many were imported, merged, skipped or not imported and why. An
 * import is all or nothing; when one record is broken the summary says
 * which, and offers to import the good ones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-import-window"

#include "config.h"

#include <glib/gi18n.h>

#include "exchange/reg-exchange.h"
#include "reg-import-window.h"

/* Rows listed per kind of problem; a file with thousands says how many
 * more there are instead. */
#define MAX_LISTED 100

struct _RegImportWindow
{
  AdwWindow          parent_instance;

  RegStore          *store;
  GFile             *file;
  char              *path;
  RegExchangeFormat  format;
  RegCsvMapping     *mapping;        /* CSV only */
  GCancellable      *cancellable;    /* while importing */
  guint              progress_timer;
  gint               permille;       /* written by the importing thread */
  gboolean           close_when_done;

  /* Template widgets */
  AdwWindowTitle    *window_title;
  GtkWidget         *cancel_button;
  GtkWidget         *import_button;
  GtkWidget         *done_button;
  GtkStack          *stack;
  AdwComboRow       *duplicates_row;
  AdwPreferencesGroup *columns_group;
  GtkProgressBar    *progress_bar;
  AdwStatusPage     *summary_page;
  GtkWidget         *keep_going_button;
  GtkWidget         *problems_group;
  GtkListBox        *problems_list;
  GtkWidget         *duplicates_group;
  GtkListBox        *duplicates_list;
};

G_DEFINE_FINAL_TYPE (RegImportWindow, reg_import_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RegImportWindow *
reg_import_window_new (GtkWindow *parent,
                       RegStore  *store,
                       GFile     *file)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REG_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (REG_TYPE_IMPORT_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       "file", file,
                       NULL);
}

/* ------------------------------------------------------------------ */
/* The summary                                                          */

static void
list_rows (GtkWidget  *group,
           GtkListBox *list,
           GPtrArray  *lines)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);

  for (guint i = 0; i < MIN (lines->len, MAX_LISTED); i++)
    {
      g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (lines, i), -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      gtk_list_box_append (list, row);
    }
  if (lines->len > MAX_LISTED)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (ngettext ("And %u more", "And %u more", lines->len - MAX_LISTED),
                                               lines->len - MAX_LISTED);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (list, row);
    }
  gtk_widget_set_visible (group, lines->len > 0);
}

static void
show_done (RegImportWindow *self)
{
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->done_button, TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->done_button);
  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_window_set_focus (GTK_WINDOW (self),
                        gtk_widget_get_visible (self->keep_going_button) ? self->keep_going_button : self->done_button);
}

static void
show_failure (RegImportWindow *self,
              const GError    *error)
{
  g_autofree char *escaped = NULL;
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  adw_status_page_set_icon_name (self->summary_page, cancelled ? "process-stop-symbolic" : "dialog-warning-symbolic");
  adw_status_page_set_title (self->summary_page,
                             cancelled ? _("Import Cancelled") : _("Nothing Was Imported"));
  escaped = g_markup_escape_text (cancelled ? _("Nothing was imported.") : error->message, -1);
  adw_status_page_set_description (self->summary_page, escaped);
  gtk_widget_set_visible (self->keep_going_button, reg_exchange_error_is_bad_record (error));
  gtk_widget_set_visible (self->problems_group, FALSE);
  gtk_widget_set_visible (self->duplicates_group, FALSE);
  show_done (self);
}

static void
show_summary (RegImportWindow        *self,
              const RegImportSummary *summary)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  title = g_strdup_printf (ngettext ("Imported %u Customer", "Imported %u Customers", summary->imported),
                           summary->imported);
  if (summary->merged > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u merged into a customer already known",
                                                       "%u merged into customers already known",
                                                       summary->merged), summary->merged));
  if (summary->skipped > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u already known and skipped",
                                                       "%u already known and skipped",
                                                       summary->skipped), summary->skipped));
  if (summary->failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u broken and not imported",
                                                       "%u broken and not imported",
                                                       summary->failed), summary->failed));
  if (parts->len == 0 && summary->imported == 0)
    g_ptr_array_add (parts, g_strdup (_("The file held no customers.")));
  g_ptr_array_add (parts, NULL);
  /* Translators: between the parts of an import's summary */
  description = g_strjoinv (_(" · "), (char **) parts->pdata);

  adw_status_page_set_icon_name (self->summary_page, "object-select-symbolic");
  adw_status_page_set_title (self->summary_page, title);
  adw_status_page_set_description (self->summary_page, description);
  gtk_widget_set_visible (self->keep_going_button, FALSE);
  list_rows (self->problems_group, self->problems_list, summary->problems);
  list_rows (self->duplicates_group, self->duplicates_list, summary->duplicates);
  show_done (self);
}

/* ------------------------------------------------------------------ */
/* Importing                                                            */

/* On the importing thread. */
static void
import_progress (guint64  bytes_read,
                 guint64  bytes_total,
                 gpointer user_data)
{
  RegImportWindow *self = user_data;
  gint permille = bytes_total > 0 ? (gint) MIN (1000, bytes_read * 1000 / bytes_total) : 0;

  g_atomic_int_set (&self->permille, permille);
}

static gboolean
update_progress (gpointer user_data)
{
  RegImportWindow *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RegImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  RegImportSummary summary;
  gboolean ok;

  ok = reg_exchange_import_file_finish (REG_STORE (source), result, &summary, &error);
  g_clear_handle_id (&self->progress_timer, g_source_remove);
  g_clear_object (&self->cancellable);

  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
  else if (ok)
    show_summary (self, &summary);
  else
    show_failure (self, error);
  reg_import_summary_clear (&summary);
}

static void
start_import (RegImportWindow *self,
              gboolean         keep_going)
{
  RegImportOptions options = {
    .duplicates = (RegExchangeDuplicates) adw_combo_row_get_selected (self->duplicates_row),
    .keep_going = keep_going,
    .csv_mapping = self->mapping,
    .progress = import_progress,
    .progress_data = self,
  };

  g_return_if_fail (self->cancellable == NULL);

  self->cancellable = g_cancellable_new ();
  g_atomic_int_set (&self->permille, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_widget_set_visible (self->done_button, FALSE);
  gtk_widget_set_visible (self->cancel_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  self->progress_timer = g_timeout_add (100, update_progress, self);

  /* The window lives until the import is over: the progress is written
   * into it. */
  reg_exchange_import_file_async (self->store, self->path, &options, self->cancellable,
                                  import_done, g_object_ref (self));
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_import (REG_IMPORT_WINDOW (widget), FALSE);
}

static void
keep_going_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  start_import (REG_IMPORT_WINDOW (widget), TRUE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RegImportWindow *self = REG_IMPORT_WINDOW (widget);

  /* While importing: stop, and say so; before: close. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
reg_import_window_close_request (GtkWindow *window)
{
  RegImportWindow *self = REG_IMPORT_WINDOW (window);

  if (self->cancellable == NULL)
    return GTK_WINDOW_CLASS (reg_import_window_parent_class)->close_request (window);

  /* Nothing half-imported: the work stops and rolls back first. */
  self->close_when_done = TRUE;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The columns of a CSV file                                            */

static void
update_import_enabled (RegImportWindow *self)
{
  gboolean usable = self->format != REG_EXCHANGE_FORMAT_CSV ||
                    (self->mapping != NULL && reg_csv_mapping_is_usable (self->mapping));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", usable);
  adw_preferences_group_set_description (self->columns_group,
                                         usable ? _("What each column holds, as its heading says")
                                                : _("Choose a column for the name, an email address or a phone number"));
}

static void
column_changed (AdwComboRow     *row,
                GParamSpec      *pspec,
                RegImportWindow *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "reg-column"));

  reg_csv_mapping_set (self->mapping, column, (RegCsvField) adw_combo_row_get_selected (row), NULL, 0);
  update_import_enabled (self);
}

/* Reads the header and the first record, and shows a row per column
 * with what it was taken to be. FALSE with @error when the file cannot
 * be read as CSV at all. */
static gboolean
set_up_columns (RegImportWindow  *self,
                GError          **error)
{
  g_autoptr(RegCsvReader) reader = NULL;
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *record;

  if (!(reader = reg_csv_reader_new_for_path (self->path, NULL, error)))
    return FALSE;
  if (!(record = reg_csv_reader_next (reader, NULL, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_EMPTY, _("“%s” is empty."), reg_csv_reader_get_name (reader));
      return FALSE;
    }
  for (guint i = 0; i < record->len; i++)
    g_ptr_array_add (header, g_strdup (g_ptr_array_index (record, i)));
  if ((record = reg_csv_reader_next (reader, NULL, NULL)) != NULL)
    for (guint i = 0; i < record->len; i++)
      g_ptr_array_add (first, g_strdup (g_ptr_array_index (record, i)));

  self->mapping = reg_csv_mapping_detect ((const char * const *) header->pdata, header->len);

  for (guint field = 0; field < REG_CSV_N_FIELDS; field++)
    gtk_string_list_append (fields, reg_csv_field_to_string ((RegCsvField) field));

  for (guint i = 0; i < header->len; i++)
    {
      GtkWidget *row = adw_combo_row_new ();
      const char *heading = g_ptr_array_index (header, i);
      g_autofree char *title = NULL;

      /* Translators: a CSV column with no heading, by its number */
      title = heading[0] != '\0' ? g_markup_escape_text (heading, -1) : g_strdup_printf (_("Column %u"), i + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (i < first->len && ((const char *) g_ptr_array_index (first, i))[0] != '\0')
        {
          g_autofree char *sample = g_markup_escape_text (g_ptr_array_index (first, i), -1);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sample);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
        }
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (fields));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), self->mapping->columns[i].field);
      g_object_set_data (G_OBJECT (row), "reg-column", GUINT_TO_POINTER (i));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (column_changed), self, 0);
      adw_preferences_group_add (self->columns_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), TRUE);
  return TRUE;
}

/* ------------------------------------------------------------------ */

static void
reg_import_window_constructed (GObject *object)
{
  RegImportWindow *self = REG_IMPORT_WINDOW (object);
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (reg_import_window_parent_class)->constructed (object);

  self->path = g_file_get_path (self->file);
  name = g_file_get_basename (self->file);
  adw_window_title_set_subtitle (self->window_title, name);
  self->format = self->path != NULL ? reg_exchange_format_for_path (self->path) : REG_EXCHANGE_FORMAT_UNKNOWN;

  if (self->path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("“%s” is not a local file; copy it to this computer first."), name);
  else if (self->format != REG_EXCHANGE_FORMAT_VCARD && self->format != REG_EXCHANGE_FORMAT_CSV)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("“%s”: Regulars imports vCard (.vcf) and CSV (.csv) files."), name);
  else if (self->format == REG_EXCHANGE_FORMAT_CSV)
    set_up_columns (self, &error);

  if (error != NULL)
    show_failure (self, error);
  else
    {
      update_import_enabled (self);
      /* Enter imports, as the button says: nothing is lost by it, and
       * the summary can be left with Enter again. */
      gtk_window_set_focus (GTK_WINDOW (self), self->import_button);
    }
}

static void
reg_import_window_dispose (GObject *object)
{
  RegImportWindow *self = REG_IMPORT_WINDOW (object);

  g_clear_handle_id (&self->progress_timer, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_IMPORT_WINDOW);

  G_OBJECT_CLASS (reg_import_window_parent_class)->dispose (object);
}

static void
reg_import_window_finalize (GObject *object)
{
  RegImportWindow *self = REG_IMPORT_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->mapping, reg_csv_mapping_free);
  g_free (self->path);

  G_OBJECT_CLASS (reg_import_window_parent_class)->finalize (object);
}

static void
reg_import_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RegImportWindow *self = REG_IMPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_import_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RegImportWindow *self = REG_IMPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_import_window_class_init (RegImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = reg_import_window_constructed;
  object_class->dispose = reg_import_window_dispose;
  object_class->finalize = reg_import_window_finalize;
  object_class->set_property = reg_import_window_set_property;
  object_class->get_property = reg_import_window_get_property;
  window_class->close_request = reg_import_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, REG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/regulars/Regulars/ui/reg-import-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, done_button);
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, duplicates_row);
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, columns_group);
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, summary_page);
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, keep_going_button);
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, problems_group);
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, RegImportWindow, duplicates_list);

  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "import.keep-going", NULL, keep_going_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "import.start", NULL);
}

static void
reg_import_window_init (RegImportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
