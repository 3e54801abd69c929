/* fuzz-csv.c: libFuzzer target for the CSV reader and importer
 *
 * Each input is read record by record from memory, then written to a
 * file and imported with bad rows listed rather than fatal, into an
 * empty database (fuzz-util.c).
 *
 *   CC=clang meson setup _build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
 *   ninja -C _build-fuzz tests/fuzz/fuzz-csv
 *   TMPDIR=/dev/shm _build-fuzz/tests/fuzz/fuzz-csv -max_len=65536 \
 *     -dict=tests/fuzz/csv.dict tests/fuzz/corpus/csv
 *
 * Without -Dfuzzing, the same target is built with fuzz-main.c and
 * the test suite runs it once over tests/fuzz/corpus/csv.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <stdint.h>

#include "exchange/reg-csv.h"
#include "fuzz-util.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  reg_fuzz_init ("input.csv");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *input_path = reg_fuzz_input_path ();
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_memdup2 (data, size), (gssize) size, g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCsvReader) reader = reg_csv_reader_new (stream, "input.csv", NULL, &error);
  g_autoptr(RegStore) store = NULL;
  RegCsvImportOptions options;
  g_auto(RegCsvImportResult) result = { 0 };
  GPtrArray *fields;

  if (reader != NULL)
    {
      while ((fields = reg_csv_reader_next (reader, NULL, &error)) != NULL)
        for (guint i = 0; i < fields->len; i++)
          g_assert (g_utf8_validate (g_ptr_array_index (fields, i), -1, NULL));
    }
  g_clear_error (&error);

  if (!g_file_set_contents (input_path, (const char *) data, (gssize) size, NULL))
    return 0;

  /* The first byte picks how duplicates are handled, to reach merging. */
  reg_csv_import_options_init (&options);
  options.skip_bad_rows = TRUE;
  options.duplicates = size > 0 ? data[0] % 3 : REG_CSV_DUPLICATES_MERGE;
  store = reg_fuzz_open_store ();
  reg_csv_import (store, input_path, NULL, &options, &result, NULL, &error);
  return 0;
}
