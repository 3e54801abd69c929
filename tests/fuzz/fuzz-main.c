/* fuzz-main.c: runs a fuzz target over files, without libFuzzer
 *
 * Linked with a target instead of -fsanitize=fuzzer when fuzzing is off,
 * so that an ordinary (gcc) build runs the target once over its corpus:
 *
 *   fuzz-vcard [-FLAG ...] DIR-OR-FILE ...
 *
 * Arguments that start with '-' are libFuzzer's flags and are skipped,
 * so the test suite can pass the same ones either way. Every file in a
 * directory is run, in name order; a failure is the target's own (an
 * assertion, a sanitizer report). It fails if it found nothing to run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
run_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree uint8_t *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  /* A buffer of exactly the input's size, as libFuzzer passes it, so
   * that AddressSanitizer sees a read one past the end. */
  data = g_malloc (MAX (len, 1));
  memcpy (data, contents, len);
  LLVMFuzzerTestOneInput (data, len);
  return TRUE;
}

static gboolean
run_dir (const char *path,
         guint      *n_run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      if (!g_file_test (child, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!run_file (child))
        return FALSE;
      (*n_run)++;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  guint n_run = 0;

  LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (arg[0] == '-')
        continue;
      if (g_file_test (arg, G_FILE_TEST_IS_DIR))
        {
          if (!run_dir (arg, &n_run))
            return 1;
        }
      else if (run_file (arg))
        n_run++;
      else
        return 1;
    }

  if (n_run == 0)
    {
      g_printerr ("%s: no inputs to run\n", argv[0]);
      return 1;
    }
  g_print ("%s: ran %u inputs\n", argv[0], n_run);
  return 0;
}
