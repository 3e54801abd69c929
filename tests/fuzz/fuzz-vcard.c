/* fuzz-vcard.c: libFuzzer target for the vCard importer
 *
 * Each input is written to a file and imported, with broken cards
 * listed rather than fatal, into an empty database (fuzz-util.c).
 *
 *   CC=clang meson setup _build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
 *   ninja -C _build-fuzz tests/fuzz/fuzz-vcard
 *   TMPDIR=/dev/shm _build-fuzz/tests/fuzz/fuzz-vcard -max_len=65536 \
 *     -dict=tests/fuzz/vcard.dict tests/fuzz/corpus/vcard
 *
 * Without -Dfuzzing, the same target is built with fuzz-main.c and
 * the test suite runs it once over tests/fuzz/corpus/vcard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <stdint.h>

#include "exchange/reg-vcard.h"
#include "fuzz-util.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* EVCard says what it passes over with g_warning: not a failure here. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  reg_fuzz_init ("input.vcf");
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *input_path = reg_fuzz_input_path ();
  g_autoptr(RegStore) store = NULL;
  RegVcardImportOptions options = { .keep_going = TRUE };
  RegVcardImportResult result;
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (input_path, (const char *) data, (gssize) size, NULL))
    return 0;

  /* The first byte picks how duplicates are handled, to reach merging. */
  options.duplicates = size > 0 ? data[0] % 3 : REG_VCARD_DUPLICATES_SKIP;
  store = reg_fuzz_open_store ();
  reg_vcard_import (store, input_path, &options, &result, NULL, &error);
  for (guint i = 0; i < result.problems->len; i++)
    g_free (reg_vcard_problem_to_string (g_ptr_array_index (result.problems, i)));
  reg_vcard_import_result_clear (&result);
  return 0;
}
