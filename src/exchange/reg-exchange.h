/* reg-exchange.h: import from and export to a file, in the format its
 * name ends with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/reg-store.h"
#include "reg-csv.h"

G_BEGIN_DECLS

typedef enum
{
  REG_EXCHANGE_FORMAT_UNKNOWN,
  REG_EXCHANGE_FORMAT_VCARD,       /* .vcf, .vcard: vCard 4.0 */
  REG_EXCHANGE_FORMAT_VCARD_3,     /* the same in vCard 3.0, for older address books */
  REG_EXCHANGE_FORMAT_CSV,         /* .csv */
  REG_EXCHANGE_FORMAT_ICALENDAR,   /* .ics: open follow-ups */
  REG_EXCHANGE_FORMAT_JSON,        /* .json: everything held about each customer */
} RegExchangeFormat;

RegExchangeFormat reg_exchange_format_for_path (const char *path);

/* What to do with a record whose email address or phone number an
 * existing customer already has. */
typedef enum
{
  REG_EXCHANGE_DUPLICATES_MERGE,   /* fill the existing customer's empty fields, add the rest */
  REG_EXCHANGE_DUPLICATES_SKIP,    /* leave the existing customer as it is */
  REG_EXCHANGE_DUPLICATES_IMPORT,  /* a customer of its own all the same */
} RegExchangeDuplicates;

/* Called on the importing thread now and then. */
typedef void (*RegExchangeProgressFunc) (guint64  bytes_read,
                                         guint64  bytes_total,
                                         gpointer user_data);

typedef struct
{
  RegExchangeDuplicates   duplicates;
  /* FALSE: one broken record and nothing is imported. TRUE: the good
   * records are imported and the broken ones listed. */
  gboolean                keep_going;
  const RegCsvMapping    *csv_mapping;   /* CSV only; NULL: from the header */
  RegExchangeProgressFunc progress;
  gpointer                progress_data;
} RegImportOptions;

/* What an import did, for a person to read. */
typedef struct
{
  guint      imported;
  guint      merged;
  guint      skipped;
  guint      failed;
  GPtrArray *problems;     /* char *: "“file”, line 12, BDAY: what is wrong" */
  GPtrArray *duplicates;   /* char *: which record matched which customer */
} RegImportSummary;

void     reg_import_summary_init   (RegImportSummary *summary);
void     reg_import_summary_clear  (RegImportSummary *summary);

/* The error says what was wrong with one record: importing the others,
 * with keep_going, can still be offered. */
gboolean reg_exchange_error_is_bad_record (const GError *error);

/* Imports @path (.vcf or .csv) in one transaction on a connection of its
 * own: all of it or, on failure, nothing. @summary may be NULL. */
gboolean reg_exchange_import_file        (RegStore               *store,
                                          const char             *path,
                                          const RegImportOptions *options,
                                          RegImportSummary       *summary,
                                          GCancellable           *cancellable,
                                          GError                **error);
/* The same in a worker thread; @options (and its mapping) is copied. */
void     reg_exchange_import_file_async  (RegStore               *store,
                                          const char             *path,
                                          const RegImportOptions *options,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
gboolean reg_exchange_import_file_finish (RegStore               *store,
                                          GAsyncResult           *result,
                                          RegImportSummary       *summary,
                                          GError                **error);

/* Writes the customers @query finds (NULL: every live customer) to @path,
 * as .vcf, .csv, .ics (their open follow-ups) or .json going by its name.
 * The file is replaced only once all of it is written. */
gboolean reg_exchange_export_file        (RegStore               *store,
                                          const char             *path,
                                          const RegCustomerQuery *query,
                                          GCancellable           *cancellable,
                                          GError                **error);
/* The same in @format, whatever the name says. */
gboolean reg_exchange_export_file_as     (RegStore               *store,
                                          const char             *path,
                                          RegExchangeFormat       format,
                                          const RegCustomerQuery *query,
                                          GCancellable           *cancellable,
                                          GError                **error);
/* Either on a connection of its own in a worker thread; @format
 * REG_EXCHANGE_FORMAT_UNKNOWN goes by the name. */
void     reg_exchange_export_file_async  (RegStore               *store,
                                          const char             *path,
                                          RegExchangeFormat       format,
                                          const RegCustomerQuery *query,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
gboolean reg_exchange_export_file_finish (RegStore               *store,
                                          GAsyncResult           *result,
                                          GError                **error);

G_END_DECLS
