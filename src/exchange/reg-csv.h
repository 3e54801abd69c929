/* reg-csv.h: customers from and to CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_CSV_ERROR (reg_csv_error_quark ())

typedef enum
{
  REG_CSV_ERROR_FAILED,
  REG_CSV_ERROR_EMPTY,           /* nothing in the file, or only a header */
  REG_CSV_ERROR_NOT_TEXT,        /* binary data, not a CSV file */
  REG_CSV_ERROR_ENCODING,        /* bytes that do not decode */
  REG_CSV_ERROR_MALFORMED,       /* an unterminated quote, too many fields */
  REG_CSV_ERROR_TOO_LONG,        /* a field over REG_CSV_MAX_FIELD */
  REG_CSV_ERROR_NO_COLUMNS,      /* no column the mapping can use */
  REG_CSV_ERROR_INVALID,         /* a value a person must correct */
} RegCsvError;

GQuark reg_csv_error_quark (void);

/* Longest field, and most fields in a record, the reader accepts: memory
 * stays bounded whatever the file holds. */
#define REG_CSV_MAX_FIELD   (1024 * 1024)
#define REG_CSV_MAX_FIELDS  4096

/* The reader ------------------------------------------------------------ */

typedef struct _RegCsvReader RegCsvReader;

/* @name is what messages call the file (its display name). */
RegCsvReader *reg_csv_reader_new            (GInputStream  *stream,
                                             const char    *name,
                                             GCancellable  *cancellable,
                                             GError       **error);
RegCsvReader *reg_csv_reader_new_for_path   (const char    *path,
                                             GCancellable  *cancellable,
                                             GError       **error);
void          reg_csv_reader_free           (RegCsvReader  *reader);
/* The next record, or NULL with no error at the end. The array (of char *,
 * UTF-8) belongs to the reader until the next call. */
GPtrArray    *reg_csv_reader_next           (RegCsvReader  *reader,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* The physical line (from 1) on which the last record started. */
guint         reg_csv_reader_get_line       (RegCsvReader  *reader);
char          reg_csv_reader_get_delimiter  (RegCsvReader  *reader);
/* "UTF-8", "UTF-16LE", "UTF-16BE" or "WINDOWS-1252" */
const char   *reg_csv_reader_get_encoding   (RegCsvReader  *reader);
const char   *reg_csv_reader_get_name       (RegCsvReader  *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegCsvReader, reg_csv_reader_free)

/* Column mapping -------------------------------------------------------- */

typedef enum
{
  REG_CSV_FIELD_IGNORE,
  REG_CSV_FIELD_DISPLAY_NAME,
  REG_CSV_FIELD_GIVEN_NAME,
  REG_CSV_FIELD_MIDDLE_NAME,     /* part of a composed display name */
  REG_CSV_FIELD_FAMILY_NAME,
  REG_CSV_FIELD_COMPANY,
  REG_CSV_FIELD_PHONE,           /* value; label from the entry or its label column */
  REG_CSV_FIELD_PHONE_LABEL,     /* label of the phone in the same group */
  REG_CSV_FIELD_EMAIL,
  REG_CSV_FIELD_EMAIL_LABEL,
  REG_CSV_FIELD_STREET,
  REG_CSV_FIELD_LOCALITY,
  REG_CSV_FIELD_REGION,
  REG_CSV_FIELD_POSTAL_CODE,
  REG_CSV_FIELD_COUNTRY,
  REG_CSV_FIELD_BIRTHDAY,
  REG_CSV_FIELD_CRIB_NOTE,       /* each non-empty one becomes a crib note */
  REG_CSV_FIELD_TAGS,            /* "a ::: b", "a; b" or "a, b" */
  REG_CSV_FIELD_KIND,            /* prospect, current, former */
  REG_CSV_FIELD_VIP,             /* yes/no, true/false, 1/0 */
  REG_CSV_FIELD_INTERNAL,
  REG_CSV_FIELD_CONSENT,
  REG_CSV_N_FIELDS
} RegCsvField;

typedef enum
{
  REG_CSV_FLAVOUR_GENERIC,
  REG_CSV_FLAVOUR_GOOGLE,
  REG_CSV_FLAVOUR_OUTLOOK,
  REG_CSV_FLAVOUR_REGULARS,
} RegCsvFlavour;

typedef struct
{
  RegCsvField field;
  char       *label;   /* phones and emails: the label when no label column
                        * gives one ("mobile" for "Mobile Phone"); may be NULL */
  int         group;   /* pairs a value with its label column ("Phone 2 -
                        * Type" with "Phone 2 - Value"); 0 for none */
} RegCsvColumn;

/* What each column of the file means, one entry per column: a UI step can
 * show and change it before importing. */
typedef struct
{
  RegCsvFlavour flavour;
  guint         n_columns;
  RegCsvColumn *columns;
} RegCsvMapping;

RegCsvMapping *reg_csv_mapping_new        (guint                 n_columns);
RegCsvMapping *reg_csv_mapping_detect     (const char * const   *header,
                                           guint                 n_header);
RegCsvMapping *reg_csv_mapping_copy       (const RegCsvMapping  *mapping);
void           reg_csv_mapping_free       (RegCsvMapping        *mapping);
void           reg_csv_mapping_set        (RegCsvMapping        *mapping,
                                           guint                 column,
                                           RegCsvField           field,
                                           const char           *label,
                                           int                   group);
gboolean       reg_csv_mapping_is_usable  (const RegCsvMapping  *mapping);
const char    *reg_csv_field_to_string    (RegCsvField           field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegCsvMapping, reg_csv_mapping_free)

/* Reads only the header of @path and detects its mapping, for a UI step. */
RegCsvMapping *reg_csv_detect_mapping     (const char           *path,
                                           GStrv                *header,
                                           GCancellable         *cancellable,
                                           GError              **error);

/* Importing ------------------------------------------------------------- */

typedef enum
{
  REG_CSV_DUPLICATES_MERGE,      /* fill empty fields, add new phones, emails, tags, notes */
  REG_CSV_DUPLICATES_SKIP,
  REG_CSV_DUPLICATES_IMPORT,     /* import anyway, as another customer */
} RegCsvDuplicates;

typedef void (*RegCsvProgressFunc) (guint64  bytes_read,
                                    guint64  bytes_total,
                                    gpointer user_data);

typedef struct
{
  gboolean           skip_bad_rows;   /* FALSE: all or nothing */
  RegCsvDuplicates   duplicates;
  RegCustomerKind    default_kind;    /* for rows without a kind */
  RegCsvProgressFunc progress;        /* called in the thread that imports */
  gpointer           progress_data;
} RegCsvImportOptions;

void reg_csv_import_options_init (RegCsvImportOptions *options);

typedef struct
{
  guint  line;         /* physical line where the row starts */
  guint  column;       /* from 1; 0 when the row as a whole is wrong */
  char  *field;        /* the column's header, or NULL */
  char  *message;      /* what is wrong, translated */
} RegCsvBadRow;

typedef struct
{
  guint   line;
  gint64  existing_id; /* the customer already there */
  char   *matched;     /* the email or phone they share */
  gint64  id;          /* the customer merged into, imported, or 0 when skipped */
} RegCsvDuplicate;

typedef struct
{
  guint      n_rows;        /* data rows read, blank ones not counted */
  guint      n_imported;    /* new customers */
  guint      n_merged;
  guint      n_skipped;     /* duplicates skipped */
  GPtrArray *bad_rows;      /* RegCsvBadRow; only with skip_bad_rows */
  GPtrArray *duplicates;    /* RegCsvDuplicate */
  char      *encoding;
  char       delimiter;
  RegCsvFlavour flavour;
} RegCsvImportResult;

void     reg_csv_import_result_clear (RegCsvImportResult        *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RegCsvImportResult, reg_csv_import_result_clear)

/* @mapping NULL: detected from the header. @options NULL: defaults
 * (all or nothing, merge duplicates). @result may be NULL. */
gboolean reg_csv_import              (RegStore                  *store,
                                      const char                *path,
                                      const RegCsvMapping       *mapping,
                                      const RegCsvImportOptions *options,
                                      RegCsvImportResult        *result,
                                      GCancellable              *cancellable,
                                      GError                   **error);

/* The same in a worker thread, on a connection of its own, for a window
 * that must stay responsive. @result is filled by the finish call. */
void     reg_csv_import_async        (RegStore                  *store,
                                      const char                *path,
                                      const RegCsvMapping       *mapping,
                                      const RegCsvImportOptions *options,
                                      GCancellable              *cancellable,
                                      GAsyncReadyCallback        callback,
                                      gpointer                   user_data);
gboolean reg_csv_import_finish       (RegStore                  *store,
                                      GAsyncResult              *result,
                                      RegCsvImportResult        *import_result,
                                      GError                   **error);

/* Exporting ------------------------------------------------------------- */

/* @query: the list as it is filtered; NULL for every live customer. */
gboolean reg_csv_export              (RegStore                  *store,
                                      const char                *path,
                                      const RegCustomerQuery    *query,
                                      GCancellable              *cancellable,
                                      GError                   **error);

G_END_DECLS
