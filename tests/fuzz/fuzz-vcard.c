/* fuzz-vcard.c: libFuzzer target for the vCard importer
 *
 * Each input is written to a file and imported, with broken cards
 * listed rather than fatal, into one database kept for the whole run.
 *
 *   CC=clang meson setup _build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
 *   ninja -C _build-fuzz tests/fuzz/fuzz-vcard
 *   _build-fuzz/tests/fuzz/fuzz-vcard -max_len=65536 tests/fuzz/corpus tests/fixtures/vcard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>

#include "exchange/reg-vcard.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *dir;
static char *input_path;
static RegStore *store;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;

  /* EVCard says what it passes over with g_warning: not a failure here. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  dir = g_dir_make_tmp ("regulars-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "regulars.db", NULL);
  input_path = g_build_filename (dir, "input.vcf", NULL);
  store = reg_store_open (db_path, &error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  RegVcardImportOptions options = { .keep_going = TRUE };
  RegVcardImportResult result;
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (input_path, (const char *) data, (gssize) size, NULL))
    return 0;

  /* The first byte picks how duplicates are handled, to reach merging. */
  options.duplicates = size > 0 ? data[0] % 3 : REG_VCARD_DUPLICATES_SKIP;
  reg_vcard_import (store, input_path, &options, &result, NULL, &error);
  for (guint i = 0; i < result.problems->len; i++)
    g_free (reg_vcard_problem_to_string (g_ptr_array_index (result.problems, i)));
  reg_vcard_import_result_clear (&result);
  return 0;
}
