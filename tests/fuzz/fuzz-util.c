/* fuzz-util.c: what the fuzz targets share
 *
 * Each input is imported into an empty database of its own, so that what
 * it does depends on it alone (a crash found is a crash reproduced) and a
 * long run does not slow down as one database fills up. A new database
 * is a copy of one made at the start: cheaper than making the schema
 * again for every input. Put TMPDIR on a tmpfs (/dev/shm) when fuzzing:
 * the store syncs every commit. See README.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "fuzz-util.h"
#include "reg-test-util.h"

static char *dir;
static char *input_path;
static char *db_path;
static GBytes *empty_db;

static void
cleanup (void)
{
  reg_test_remove_tree (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&input_path, g_free);
  g_clear_pointer (&db_path, g_free);
  g_clear_pointer (&empty_db, g_bytes_unref);
}

/* A folder for the run, with an empty database to copy. */
void
reg_fuzz_init (const char *input_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = NULL;
  char *contents = NULL;
  gsize size = 0;

  /* GLib 2.74 hands out small blocks from slabs of its own, where
   * AddressSanitizer sees neither a leak nor a use after free. */
  if (g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") != 0)
    g_printerr ("Run with G_SLICE=always-malloc, or leaks in GSlice memory go unseen.\n");

  dir = g_dir_make_tmp ("regulars-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (cleanup);
  input_path = g_build_filename (dir, input_name, NULL);
  db_path = g_build_filename (dir, "regulars.db", NULL);

  store = reg_store_open (db_path, &error);
  g_assert_no_error (error);
  /* Closed, the database is all in its one file (no -wal left). */
  g_clear_object (&store);
  g_file_get_contents (db_path, &contents, &size, &error);
  g_assert_no_error (error);
  empty_db = g_bytes_new_take (contents, size);
}

/* Where a target writes each input for the importer to read. */
const char *
reg_fuzz_input_path (void)
{
  return input_path;
}

/* An empty database, as reg_store_open made it at the start. */
RegStore *
reg_fuzz_open_store (void)
{
  g_autoptr(GError) error = NULL;
  RegStore *store;
  gsize size;
  const char *data = g_bytes_get_data (empty_db, &size);
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

  /* The last input's store closed cleanly, but a log left behind would
   * be read into this one. */
  g_remove (wal);
  g_remove (shm);
  g_file_set_contents (db_path, data, (gssize) size, &error);
  g_assert_no_error (error);
  store = reg_store_open (db_path, &error);
  g_assert_no_error (error);
  return store;
}
