/* reg-vcard.h: customers from and to vCard files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_VCARD_ERROR (reg_vcard_error_quark ())

typedef enum
{
  REG_VCARD_ERROR_FAILED,      /* could not read or write the file */
  REG_VCARD_ERROR_EMPTY,       /* the file has no cards at all */
  REG_VCARD_ERROR_NOT_VCARD,   /* not a vCard file (binary, another format) */
  REG_VCARD_ERROR_MALFORMED,   /* a card is broken: nothing was imported */
} RegVcardError;

/* What to do with a card whose email address or phone number an existing
 * customer already has. Every such card is listed in the problems, with
 * the existing customer's id, whatever is chosen. */
typedef enum
{
  REG_VCARD_DUPLICATES_SKIP,     /* leave the existing customer as it is */
  REG_VCARD_DUPLICATES_MERGE,    /* fill its empty fields, add new phones, emails, tags, notes */
  REG_VCARD_DUPLICATES_IMPORT,   /* add the card as a customer of its own all the same */
} RegVcardDuplicates;

typedef enum
{
  REG_VCARD_VERSION_4_0,   /* RFC 6350, the default */
  REG_VCARD_VERSION_3_0,   /* RFC 2426, for older address books */
} RegVcardVersion;

/* Called on the importing thread about every thousand cards. */
typedef void (*RegVcardProgressFunc) (guint64  bytes_read,
                                      guint64  bytes_total,
                                      guint    cards,
                                      gpointer user_data);

typedef struct
{
  /* FALSE (the default): one broken card and nothing is imported.
   * TRUE: the good cards are imported and the broken ones listed. */
  gboolean             keep_going;
  RegVcardDuplicates   duplicates;
  RegVcardProgressFunc progress;
  gpointer             progress_data;
} RegVcardImportOptions;

/* One card that was not imported as it was, or a duplicate. */
typedef struct
{
  char   *path;
  guint   line;          /* 1-based, of the property at fault or of BEGIN:VCARD */
  guint   card;          /* 1 for the file's first card; 0: outside any card */
  char   *field;         /* the vCard property ("BDAY"), or NULL */
  char   *message;       /* says what is wrong, for a person to read */
  gint64  existing_id;   /* a duplicate: the customer already there; else 0 */
} RegVcardProblem;

typedef struct
{
  guint      imported;   /* new customers */
  guint      merged;     /* duplicates merged into an existing customer */
  guint      skipped;    /* duplicates left out */
  guint      failed;     /* broken cards left out (keep_going only) */
  GPtrArray *problems;   /* RegVcardProblem, in file order */
} RegVcardImportResult;

GQuark   reg_vcard_error_quark         (void);

void     reg_vcard_import_result_init  (RegVcardImportResult        *result);
void     reg_vcard_import_result_clear (RegVcardImportResult        *result);
char    *reg_vcard_problem_to_string   (const RegVcardProblem       *problem);

/* Imports every card in @path in one transaction on a connection of its
 * own (see reg_store_run_bulk()). @options may be NULL for the defaults;
 * @result, if not NULL, is initialized and filled, also on failure. */
gboolean reg_vcard_import              (RegStore                    *store,
                                        const char                  *path,
                                        const RegVcardImportOptions *options,
                                        RegVcardImportResult        *result,
                                        GCancellable                *cancellable,
                                        GError                     **error);

/* The same in a worker thread. */
void     reg_vcard_import_async        (RegStore                    *store,
                                        const char                  *path,
                                        const RegVcardImportOptions *options,
                                        GCancellable                *cancellable,
                                        GAsyncReadyCallback          callback,
                                        gpointer                     user_data);
gboolean reg_vcard_import_finish       (RegStore                    *store,
                                        GAsyncResult                *res,
                                        RegVcardImportResult        *result,
                                        GError                     **error);

/* Writes the customers @query finds (NULL: every live customer) to @path,
 * replacing it only once all is written. */
gboolean reg_vcard_export              (RegStore                    *store,
                                        const char                  *path,
                                        const RegCustomerQuery      *query,
                                        RegVcardVersion              version,
                                        GCancellable                *cancellable,
                                        GError                     **error);

G_END_DECLS
