/* reg-exchange.c: import from and export to a file, in the format its
 * name ends with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One door for the window and the command line: they name a file, and
 * this picks the reader or writer, and turns each reader's own account of
 * what it did into one summary a person can read.
 */

#define G_LOG_DOMAIN "reg-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "reg-exchange.h"
#include "reg-ical.h"
#include "reg-json.h"
#include "reg-vcard.h"

/* ".json" for "Shop Export.JSON"; NULL when the name has no extension. */
static char *
file_extension (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');

  if (dot == NULL || dot == base || dot[1] == '\0')
    return NULL;
  return g_ascii_strdown (dot, -1);
}

RegExchangeFormat
reg_exchange_format_for_path (const char *path)
{
  g_autofree char *extension = NULL;

  g_return_val_if_fail (path != NULL, REG_EXCHANGE_FORMAT_UNKNOWN);

  extension = file_extension (path);
  if (g_strcmp0 (extension, ".vcf") == 0 || g_strcmp0 (extension, ".vcard") == 0)
    return REG_EXCHANGE_FORMAT_VCARD;
  if (g_strcmp0 (extension, ".csv") == 0)
    return REG_EXCHANGE_FORMAT_CSV;
  if (g_strcmp0 (extension, ".ics") == 0)
    return REG_EXCHANGE_FORMAT_ICALENDAR;
  if (g_strcmp0 (extension, ".json") == 0)
    return REG_EXCHANGE_FORMAT_JSON;
  return REG_EXCHANGE_FORMAT_UNKNOWN;
}

static void
unknown_format_error (const char  *path,
                      gboolean     writing,
                      GError     **error)
{
  g_autofree char *extension = file_extension (path);
  const char *formats = writing ? ".vcf, .csv, .ics or .json" : ".vcf or .csv";

  if (extension == NULL)
    /* Translators: the file, then the extensions that are understood */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 writing ? _("“%s”: Regulars cannot tell what kind of file to write; end its name with %s.")
                         : _("“%s”: Regulars cannot tell what kind of file this is; end its name with %s."),
                 path, formats);
  else
    /* Translators: the file, its extension (such as ".xyz"), then the
     * extensions that are understood */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 writing ? _("“%s”: Regulars cannot write %s files; use %s.")
                         : _("“%s”: Regulars cannot import %s files; use %s."),
                 path, extension, formats);
}

/* ------------------------------------------------------------------ */
/* Importing                                                            */

void
reg_import_summary_init (RegImportSummary *summary)
{
  memset (summary, 0, sizeof *summary);
  summary->problems = g_ptr_array_new_with_free_func (g_free);
  summary->duplicates = g_ptr_array_new_with_free_func (g_free);
}

void
reg_import_summary_clear (RegImportSummary *summary)
{
  g_clear_pointer (&summary->problems, g_ptr_array_unref);
  g_clear_pointer (&summary->duplicates, g_ptr_array_unref);
}

gboolean
reg_exchange_error_is_bad_record (const GError *error)
{
  return g_error_matches (error, REG_VCARD_ERROR, REG_VCARD_ERROR_MALFORMED) ||
         g_error_matches (error, REG_CSV_ERROR, REG_CSV_ERROR_INVALID);
}

static void
vcard_progress (guint64  bytes_read,
                guint64  bytes_total,
                guint    cards,
                gpointer user_data)
{
  const RegImportOptions *options = user_data;

  options->progress (bytes_read, bytes_total, options->progress_data);
}

/* @options must live as long as the import. */
static void
vcard_options_init (RegVcardImportOptions  *vcard,
                    const RegImportOptions *options)
{
  static const RegVcardDuplicates duplicates[] = {
    [REG_EXCHANGE_DUPLICATES_MERGE] = REG_VCARD_DUPLICATES_MERGE,
    [REG_EXCHANGE_DUPLICATES_SKIP] = REG_VCARD_DUPLICATES_SKIP,
    [REG_EXCHANGE_DUPLICATES_IMPORT] = REG_VCARD_DUPLICATES_IMPORT,
  };

  memset (vcard, 0, sizeof *vcard);
  vcard->keep_going = options->keep_going;
  vcard->duplicates = duplicates[options->duplicates];
  vcard->progress = options->progress != NULL ? vcard_progress : NULL;
  vcard->progress_data = (gpointer) options;
}

static void
csv_options_init (RegCsvImportOptions    *csv,
                  const RegImportOptions *options)
{
  static const RegCsvDuplicates duplicates[] = {
    [REG_EXCHANGE_DUPLICATES_MERGE] = REG_CSV_DUPLICATES_MERGE,
    [REG_EXCHANGE_DUPLICATES_SKIP] = REG_CSV_DUPLICATES_SKIP,
    [REG_EXCHANGE_DUPLICATES_IMPORT] = REG_CSV_DUPLICATES_IMPORT,
  };

  reg_csv_import_options_init (csv);
  csv->skip_bad_rows = options->keep_going;
  csv->duplicates = duplicates[options->duplicates];
  csv->progress = options->progress;
  csv->progress_data = options->progress_data;
}

/* Takes @result's problems; counts only when @ok (a failed import saved
 * nothing). */
static void
summarize_vcard (RegImportSummary     *summary,
                 RegVcardImportResult *result,
                 gboolean              ok)
{
  if (ok)
    {
      summary->imported = result->imported;
      summary->merged = result->merged;
      summary->skipped = result->skipped;
      summary->failed = result->failed;
    }
  for (guint i = 0; result->problems != NULL && i < result->problems->len; i++)
    {
      const RegVcardProblem *problem = g_ptr_array_index (result->problems, i);
      GPtrArray *list = problem->existing_id != 0 ? summary->duplicates : summary->problems;

      g_ptr_array_add (list, reg_vcard_problem_to_string (problem));
    }
  reg_vcard_import_result_clear (result);
}

static void
summarize_csv (RegImportSummary         *summary,
               const char               *path,
               const RegCsvImportResult *result)
{
  g_autofree char *name = g_filename_display_basename (path);

  summary->imported = result->n_imported;
  summary->merged = result->n_merged;
  summary->skipped = result->n_skipped;
  summary->failed = result->bad_rows != NULL ? result->bad_rows->len : 0;
  for (guint i = 0; result->bad_rows != NULL && i < result->bad_rows->len; i++)
    {
      const RegCsvBadRow *bad = g_ptr_array_index (result->bad_rows, i);

      if (bad->column == 0)
        /* Translators: the file, a line number, then what is wrong */
        g_ptr_array_add (summary->problems, g_strdup_printf (_("“%s”, line %u: %s"), name, bad->line, bad->message));
      else
        /* Translators: the file, a line, a column number and its header, then what is wrong */
        g_ptr_array_add (summary->problems, g_strdup_printf (_("“%s”, line %u, column %u (“%s”): %s"),
                                                             name, bad->line, bad->column,
                                                             bad->field ? bad->field : "", bad->message));
    }
  for (guint i = 0; result->duplicates != NULL && i < result->duplicates->len; i++)
    {
      const RegCsvDuplicate *duplicate = g_ptr_array_index (result->duplicates, i);

      /* Translators: the file, a line number, a customer number, then the
       * email or phone they share */
      g_ptr_array_add (summary->duplicates,
                       g_strdup_printf (_("“%s”, line %u: customer %" G_GINT64_FORMAT " already has %s"),
                                        name, duplicate->line, duplicate->existing_id,
                                        duplicate->matched ? duplicate->matched : ""));
    }
}

gboolean
reg_exchange_import_file (RegStore               *store,
                          const char             *path,
                          const RegImportOptions *options,
                          RegImportSummary       *summary,
                          GCancellable           *cancellable,
                          GError                **error)
{
  RegImportOptions defaults = { 0, };
  RegImportSummary local;
  gboolean ok = FALSE;

  g_return_val_if_fail (REG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (summary == NULL)
    summary = &local;
  reg_import_summary_init (summary);

  switch (reg_exchange_format_for_path (path))
    {
    case REG_EXCHANGE_FORMAT_VCARD:
      {
        RegVcardImportOptions vcard;
        RegVcardImportResult result;

        vcard_options_init (&vcard, options);
        ok = reg_vcard_import (store, path, &vcard, &result, cancellable, error);
        summarize_vcard (summary, &result, ok);
      }
      break;
    case REG_EXCHANGE_FORMAT_CSV:
      {
        RegCsvImportOptions csv;
        g_auto(RegCsvImportResult) result = { 0, };

        csv_options_init (&csv, options);
        ok = reg_csv_import (store, path, options->csv_mapping, &csv, &result, cancellable, error);
        if (ok)
          summarize_csv (summary, path, &result);
      }
      break;
    case REG_EXCHANGE_FORMAT_VCARD_3:
    case REG_EXCHANGE_FORMAT_ICALENDAR:
    case REG_EXCHANGE_FORMAT_JSON:
    case REG_EXCHANGE_FORMAT_UNKNOWN:
    default:
      unknown_format_error (path, FALSE, error);
      break;
    }

  if (summary == &local)
    reg_import_summary_clear (&local);
  return ok;
}

typedef struct
{
  char             *path;
  RegImportOptions  options;
  RegCsvMapping    *mapping;
  RegImportSummary  summary;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_free (job->path);
  g_clear_pointer (&job->mapping, reg_csv_mapping_free);
  reg_import_summary_clear (&job->summary);
  g_free (job);
}

static void
vcard_imported (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportJob *job = g_task_get_task_data (task);
  RegVcardImportResult result;
  GError *error = NULL;
  gboolean ok;

  ok = reg_vcard_import_finish (REG_STORE (source), res, &result, &error);
  summarize_vcard (&job->summary, &result, ok);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
csv_imported (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportJob *job = g_task_get_task_data (task);
  g_auto(RegCsvImportResult) result = { 0, };
  GError *error = NULL;

  if (reg_csv_import_finish (REG_STORE (source), res, &result, &error))
    {
      summarize_csv (&job->summary, job->path, &result);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

void
reg_exchange_import_file_async (RegStore               *store,
                                const char             *path,
                                const RegImportOptions *options,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  GTask *task;
  ImportJob *job;
  GError *error = NULL;

  g_return_if_fail (REG_IS_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, reg_exchange_import_file_async);
  job = g_new0 (ImportJob, 1);
  job->path = g_strdup (path);
  if (options != NULL)
    job->options = *options;
  if (options != NULL && options->csv_mapping != NULL)
    job->mapping = reg_csv_mapping_copy (options->csv_mapping);
  job->options.csv_mapping = job->mapping;
  reg_import_summary_init (&job->summary);
  g_task_set_task_data (task, job, import_job_free);

  /* The readers work on a connection of their own in a worker thread and
   * tell the store's listeners once they are done, on this thread. The
   * job's options outlive them: the task holds the job. */
  switch (reg_exchange_format_for_path (path))
    {
    case REG_EXCHANGE_FORMAT_VCARD:
      {
        RegVcardImportOptions vcard;

        vcard_options_init (&vcard, &job->options);
        reg_vcard_import_async (store, path, &vcard, cancellable, vcard_imported, task);
      }
      break;
    case REG_EXCHANGE_FORMAT_CSV:
      {
        RegCsvImportOptions csv;

        csv_options_init (&csv, &job->options);
        reg_csv_import_async (store, path, job->mapping, &csv, cancellable, csv_imported, task);
      }
      break;
    case REG_EXCHANGE_FORMAT_VCARD_3:
    case REG_EXCHANGE_FORMAT_ICALENDAR:
    case REG_EXCHANGE_FORMAT_JSON:
    case REG_EXCHANGE_FORMAT_UNKNOWN:
    default:
      unknown_format_error (path, FALSE, &error);
      g_task_return_error (task, error);
      g_object_unref (task);
      break;
    }
}

gboolean
reg_exchange_import_file_finish (RegStore          *store,
                                 GAsyncResult      *result,
                                 RegImportSummary  *summary,
                                 GError           **error)
{
  ImportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    {
      *summary = job->summary;
      reg_import_summary_init (&job->summary);
    }
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Exporting                                                            */

gboolean
reg_exchange_export_file (RegStore               *store,
                          const char             *path,
                          const RegCustomerQuery *query,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return reg_exchange_export_file_as (store, path, reg_exchange_format_for_path (path), query, cancellable, error);
}

gboolean
reg_exchange_export_file_as (RegStore               *store,
                             const char             *path,
                             RegExchangeFormat       format,
                             const RegCustomerQuery *query,
                             GCancellable           *cancellable,
                             GError                **error)
{
  g_return_val_if_fail (REG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  switch (format)
    {
    case REG_EXCHANGE_FORMAT_VCARD:
      return reg_vcard_export (store, path, query, REG_VCARD_VERSION_4_0, cancellable, error);
    case REG_EXCHANGE_FORMAT_VCARD_3:
      return reg_vcard_export (store, path, query, REG_VCARD_VERSION_3_0, cancellable, error);
    case REG_EXCHANGE_FORMAT_CSV:
      return reg_csv_export (store, path, query, cancellable, error);
    case REG_EXCHANGE_FORMAT_ICALENDAR:
      return reg_ical_export_follow_ups (store, path, error);
    case REG_EXCHANGE_FORMAT_JSON:
      return query != NULL ? reg_json_export_query (store, query, path, error)
                           : reg_json_export_all (store, path, error);
    case REG_EXCHANGE_FORMAT_UNKNOWN:
    default:
      unknown_format_error (path, TRUE, error);
      return FALSE;
    }
}

typedef struct
{
  char              *path;
  RegExchangeFormat  format;
  RegCustomerQuery  *query;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->path);
  g_clear_pointer (&job->query, reg_customer_query_free);
  g_free (job);
}

static gboolean
export_on_worker (RegStore      *worker,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  ExportJob *job = data;
  gboolean ok;

  /* One consistent view of the database while the window goes on. */
  if (!reg_store_begin_snapshot (worker, error))
    return FALSE;
  ok = reg_exchange_export_file_as (worker, job->path, job->format, job->query, cancellable, error);
  reg_store_end_snapshot (worker);
  return ok;
}

void
reg_exchange_export_file_async (RegStore               *store,
                                const char             *path,
                                RegExchangeFormat       format,
                                const RegCustomerQuery *query,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  g_return_if_fail (REG_IS_STORE (store));
  g_return_if_fail (path != NULL);

  job->path = g_strdup (path);
  job->format = format != REG_EXCHANGE_FORMAT_UNKNOWN ? format : reg_exchange_format_for_path (path);
  job->query = query != NULL ? reg_customer_query_copy (query) : NULL;
  reg_store_run_worker_async (store, export_on_worker, job, export_job_free,
                            cancellable, callback, user_data);
}

gboolean
reg_exchange_export_file_finish (RegStore      *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return reg_store_run_worker_finish (store, result, error);
}
