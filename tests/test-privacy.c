/* test-privacy.c: backups, restoring, the privacy export and erasing a
 * customer for good, against real files in a temporary directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <string.h>
#include <sys/stat.h>

#include "reg-test-util.h"
#include "exchange/reg-exchange.h"
#include "exchange/reg-json.h"
#include "store/reg-store-private.h"

typedef struct
{
  char     *dir;
  char     *path;
  RegStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("regulars-privacy-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "regulars.db", NULL);
  f->store = reg_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  reg_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static RegCustomer *
add_customer (RegStore   *store,
              const char *name,
              const char *phone)
{
  g_autoptr(GError) error = NULL;
  RegCustomer *customer = reg_customer_new ();

  reg_customer_set_display_name (customer, name);
  if (phone != NULL)
    reg_customer_add_phone (customer, "mobile", phone);
  g_assert_true (reg_store_save_customer (store, customer, &error));
  g_assert_no_error (error);
  return customer;
}

static RegCribNote *
add_crib_note (RegStore   *store,
               gint64      customer_id,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  RegCribNote *note = reg_crib_note_new ();

  reg_crib_note_set_customer_id (note, customer_id);
  reg_crib_note_set_text (note, text);
  g_assert_true (reg_store_save_crib_note (store, note, &error));
  g_assert_no_error (error);
  return note;
}

static RegVisit *
add_visit (RegStore   *store,
           gint64      customer_id,
           gint64      author_id,
           gint64      when,
           const char *text,
           int         satisfaction)
{
  g_autoptr(GError) error = NULL;
  RegVisit *visit = reg_visit_new ();

  reg_visit_set_customer_id (visit, customer_id);
  reg_visit_set_author_id (visit, author_id);
  reg_visit_set_happened_at (visit, when);
  reg_visit_set_channel (visit, REG_CHANNEL_CALL);
  reg_visit_set_text (visit, text);
  reg_visit_set_satisfaction (visit, satisfaction);
  g_assert_true (reg_store_save_visit (store, visit, &error));
  g_assert_no_error (error);
  return visit;
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined by "|". */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **) names->pdata);
}

/* What a copy holds, read with SQLite alone. */
static gint64
file_sql_int (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
file_sql_text (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* ------------------------------------------------------------------ */
/* Files are private                                                    */

static void
test_private_files (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = add_customer (f->store, "Ada Byron", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *nested = g_build_filename (f->dir, "new", "folder", "shop.db", NULL);
  g_autofree char *nested_dir = g_path_get_dirname (nested);
  g_autoptr(RegStore) other = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (mode_of (f->path), ==, 0600);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (mode_of (wal), ==, 0600);
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (mode_of (shm), ==, 0600);

  other = reg_store_open (nested, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (nested_dir), ==, 0700);
  g_assert_cmpuint (mode_of (nested), ==, 0600);
}

/* ------------------------------------------------------------------ */
/* Backups                                                              */

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCustomer) a = add_customer (f->store, "Ada Byron", "0161 496 0000");
  g_autoptr(RegCustomer) b = add_customer (f->store, "Grace Hopper", NULL);
  g_autofree char *backup_dir = g_build_filename (f->dir, "copies", "deep", NULL);
  g_autofree char *backup = g_build_filename (backup_dir, "backup.db", NULL);
  g_autofree char *check = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;

  g_assert_true (reg_store_backup (f->store, backup, FALSE, &error));
  g_assert_no_error (error);

  /* Private, in a private folder, whole, ours, this schema. */
  g_assert_cmpuint (mode_of (backup), ==, 0600);
  g_assert_cmpuint (mode_of (backup_dir), ==, 0700);
  check = file_sql_text (backup, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (file_sql_int (backup, "PRAGMA application_id"), ==, 1380271955);
  g_assert_cmpint (file_sql_int (backup, "PRAGMA user_version"), ==, reg_store_get_schema_version (f->store));
  g_assert_cmpint (file_sql_int (backup, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (file_sql_int (backup, "SELECT count(*) FROM customer_search WHERE customer_search MATCH 'byron'"), ==, 1);
  /* Nothing but the copy is left in its folder. */
  {
    g_autofree char *names = list_dir (backup_dir);
    g_assert_cmpstr (names, ==, "backup.db");
  }

  /* An existing file is never replaced unless asked. */
  g_assert_true (g_file_get_contents (backup, &before, &before_len, NULL));
  {
    g_autoptr(RegCustomer) c = add_customer (f->store, "Alan Turing", NULL);
  }
  g_assert_false (reg_store_backup (f->store, backup, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, backup));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (backup, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  g_assert_true (reg_store_backup (f->store, backup, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_sql_int (backup, "SELECT count(*) FROM customers"), ==, 3);
  g_assert_cmpuint (mode_of (backup), ==, 0600);

  /* Not onto the database itself. */
  g_assert_false (reg_store_backup (f->store, f->path, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* A folder that cannot be made: the message names it, nothing is left. */
  {
    g_autofree char *blocker = g_build_filename (f->dir, "a-file", NULL);
    g_autofree char *impossible = g_build_filename (blocker, "backup.db", NULL);

    g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
    g_assert_false (reg_store_backup (f->store, impossible, FALSE, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, blocker));
    g_clear_error (&error);
  }

  /* A read-only session can still make a backup. */
  {
    g_autoptr(RegStore) second = reg_store_open (f->path, &error);
    g_autofree char *second_backup = g_build_filename (f->dir, "second.db", NULL);

    g_assert_no_error (error);
    g_assert_true (reg_store_is_read_only (second));
    g_assert_true (reg_store_backup (second, second_backup, FALSE, &error));
    g_assert_no_error (error);
    g_assert_cmpint (file_sql_int (second_backup, "SELECT count(*) FROM customers"), ==, 3);
  }
}

static gint64
local_noon (int year,
            int month,
            int day)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (year, month, day, 12, 0, 0);

  return g_date_time_to_unix (when);
}

static void
test_backup_daily (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCustomer) a = add_customer (f->store, "Ada Byron", NULL);
  g_autofree char *dir = g_build_filename (f->dir, "backups", NULL);
  g_autofree char *today = g_build_filename (dir, "regulars-2026-11-23.db", NULL);
  g_autofree char *names = NULL;
  GStatBuf st1, st2;

  /* Ten older daily backups, and files that only look alike. */
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  for (int day = 10; day < 20; day++)
    {
      g_autofree char *name = g_strdup_printf ("regulars-2026-11-%02d.db", day);
      g_autofree char *old = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_set_contents (old, "old", -1, NULL));
    }
  for (guint i = 0; i < 4; i++)
    {
      const char *lookalikes[] = { "regulars-2026-01-01.db.bak", "regulars-notes.db", "other.db", "regulars-2026-1-01.db" };
      g_autofree char *other = g_build_filename (dir, lookalikes[i], NULL);

      g_assert_true (g_file_set_contents (other, "keep me", -1, NULL));
    }

  g_assert_true (reg_store_backup_daily (f->store, dir, 7, local_noon (2026, 11, 23), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (today), ==, 0600);
  g_assert_cmpint (file_sql_int (today, "SELECT count(*) FROM customers"), ==, 1);

  /* Today's and the six newest before it; the look-alikes untouched. */
  names = list_dir (dir);
  g_assert_cmpstr (names, ==,
                   "other.db|regulars-2026-01-01.db.bak|regulars-2026-1-01.db|"
                   "regulars-2026-11-14.db|regulars-2026-11-15.db|regulars-2026-11-16.db|"
                   "regulars-2026-11-17.db|regulars-2026-11-18.db|regulars-2026-11-19.db|"
                   "regulars-2026-11-23.db|regulars-notes.db");
  g_clear_pointer (&names, g_free);

  /* Later the same day: today's is there already, nothing changes. */
  g_assert_cmpint (g_stat (today, &st1), ==, 0);
  {
    g_autoptr(RegCustomer) b = add_customer (f->store, "Grace Hopper", NULL);
  }
  g_assert_true (reg_store_backup_daily (f->store, dir, 7, local_noon (2026, 11, 23) + 3600, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (today, &st2), ==, 0);
  g_assert_cmpint (st1.st_ino, ==, st2.st_ino);
  g_assert_cmpint (file_sql_int (today, "SELECT count(*) FROM customers"), ==, 1);

  /* The next day: a new one, and the oldest goes; 0 keeps the default 7. */
  g_assert_true (reg_store_backup_daily (f->store, dir, 0, local_noon (2026, 11, 24), &error));
  g_assert_no_error (error);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==,
                   "other.db|regulars-2026-01-01.db.bak|regulars-2026-1-01.db|"
                   "regulars-2026-11-15.db|regulars-2026-11-16.db|regulars-2026-11-17.db|"
                   "regulars-2026-11-18.db|regulars-2026-11-19.db|regulars-2026-11-23.db|"
                   "regulars-2026-11-24.db|regulars-notes.db");
  g_clear_pointer (&names, g_free);

  /* A folder made for them is private. */
  {
    g_autofree char *fresh = g_build_filename (f->dir, "fresh", "backups", NULL);

    g_assert_true (reg_store_backup_daily (f->store, fresh, 7, local_noon (2026, 11, 24), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (mode_of (fresh), ==, 0700);
    names = list_dir (fresh);
    g_assert_cmpstr (names, ==, "regulars-2026-11-24.db");
  }
}

/* ------------------------------------------------------------------ */
/* Restoring                                                            */

static void
count_signal (gpointer  instance,
              guint    *count)
{
  (*count)++;
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCustomer) ada = add_customer (f->store, "Ada Byron", "0161 496 0000");
  g_autoptr(RegCustomer) grace = add_customer (f->store, "Grace Hopper", NULL);
  g_autoptr(RegCustomer) alan = NULL;
  g_autoptr(RegCustomer) again = NULL;
  g_autoptr(RegCribNote) note = add_crib_note (f->store, reg_customer_get_id (ada), "Likes engines");
  g_autofree char *backup = g_build_filename (f->dir, "monday.db", NULL);
  g_autofree char *keep = g_build_filename (f->dir, "kept", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *names = NULL;
  gint64 alan_id;
  guint reloaded = 0;

  g_assert_true (reg_store_backup (f->store, backup, FALSE, &error));
  g_assert_no_error (error);

  /* Then things change... */
  alan = add_customer (f->store, "Alan Turing", NULL);
  alan_id = reg_customer_get_id (alan);
  reg_customer_set_display_name (ada, "Ada Lovelace");
  g_assert_true (reg_store_save_customer (f->store, ada, &error));
  reg_crib_note_set_text (note, "Loves engines");
  g_assert_true (reg_store_save_crib_note (f->store, note, &error));
  g_assert_no_error (error);

  /* ...and Monday's backup is restored. */
  g_signal_connect (f->store, "reloaded", G_CALLBACK (count_signal), &reloaded);
  g_assert_true (reg_store_restore (f->store, backup, keep, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reloaded, ==, 1);

  /* What was there before is kept, privately, and whole. */
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, keep));
  g_assert_cmpuint (mode_of (kept), ==, 0600);
  g_assert_cmpuint (mode_of (keep), ==, 0700);
  g_assert_cmpint (file_sql_int (kept, "SELECT count(*) FROM customers"), ==, 3);

  /* The database holds Monday's data; live objects show it. */
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 2);
  g_assert_cmpstr (reg_customer_get_display_name (ada), ==, "Ada Byron");
  g_assert_cmpstr (reg_crib_note_get_text (note), ==, "Likes engines");
  again = reg_store_get_customer (f->store, reg_customer_get_id (ada), &error);
  g_assert_no_error (error);
  g_assert_true (again == ada);
  g_assert_null (reg_store_get_customer (f->store, alan_id, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Search and writing work on the restored data. */
  {
    g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
    g_autoptr(GArray) ids = NULL;
    g_autoptr(RegCustomer) new_one = add_customer (f->store, "Katherine Johnson", NULL);

    query->search = g_strdup ("0161");
    ids = reg_store_query_customer_ids (f->store, query, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, reg_customer_get_id (ada));
    /* The id Alan had may be given again: never to Alan's old object. */
    g_assert_true (new_one != alan);
  }
  {
    g_autofree char *check = reg_test_sql_text (f->store, "PRAGMA integrity_check");
    g_assert_cmpstr (check, ==, "ok");
  }
  {
    g_autofree char *mode = reg_test_sql_text (f->store, "PRAGMA journal_mode");
    g_assert_cmpstr (mode, ==, "wal");
  }

  /* It survives closing and opening again. */
  g_clear_object (&again);
  g_clear_object (&ada);
  g_clear_object (&grace);
  g_clear_object (&alan);
  g_clear_object (&note);
  g_clear_object (&f->store);
  f->store = reg_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 3);

  /* No temporary file is left beside the database. */
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "kept|monday.db|regulars.db|regulars.db-shm|regulars.db-wal|regulars.db.lock");
}

/* A database from Regulars 0.1 (schema 1) is brought up to date. */
static void
test_restore_older_schema (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *original = g_test_build_filename (G_TEST_DIST, "fixtures", "regulars-v1.db", NULL);
  g_autofree char *fixture = g_build_filename (f->dir, "old-shop.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *kept = NULL;
  gsize length;

  /* A copy: reading a database may leave a -shm file beside it. */
  g_assert_true (g_file_get_contents (original, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (fixture, contents, length, NULL));

  int latest = reg_store_get_schema_version (f->store);

  g_assert_cmpint (latest, >=, 3);
  g_assert_true (reg_store_restore (f->store, fixture, NULL, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reg_store_get_schema_version (f->store), ==, latest);
  g_assert_cmpint (reg_test_sql_int (f->store, "PRAGMA user_version"), ==, latest);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 40);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM cases WHERE target_at IS NULL"), ==, 0);
  /* The usual place for the copy of what was there: "backups" beside it. */
  {
    g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
    g_assert_true (g_str_has_prefix (kept, backups));
  }
  /* The fixture itself was only read. */
  g_assert_cmpint (file_sql_int (fixture, "PRAGMA user_version"), ==, 1);
}

static void
expect_restore_refused (Fixture    *f,
                        const char *from,
                        GQuark      domain,
                        int         code,
                        const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = g_build_filename (f->dir, "kept", NULL);
  g_autofree char *before = list_dir (f->dir);
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *canonical = g_canonicalize_filename (from, NULL);
  guint reloaded = 0;
  gulong handler = g_signal_connect (f->store, "reloaded", G_CALLBACK (count_signal), &reloaded);

  g_assert_false (reg_store_restore (f->store, from, keep, &kept, &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, canonical));
  g_assert_nonnull (strstr (error->message, message));
  g_assert_nonnull (strstr (error->message, "Nothing was restored"));
  g_assert_null (kept);

  /* Untouched: same data, no copy kept, no file left behind. */
  g_assert_cmpuint (reloaded, ==, 0);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 1);
  {
    g_autofree char *name = reg_test_sql_text (f->store, "SELECT display_name FROM customers");
    g_assert_cmpstr (name, ==, "Ada Byron");
  }
  after = list_dir (f->dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (keep, G_FILE_TEST_EXISTS));
  g_signal_handler_disconnect (f->store, handler);
}

static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RegCustomer) ada = add_customer (f->store, "Ada Byron", NULL);
  g_autofree char *text = g_build_filename (f->dir, "customers.csv", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "recipes.db", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.db", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (text, "name,phone\nAnna,0123\n", -1, NULL));
  expect_restore_refused (f, text, REG_STORE_ERROR, REG_STORE_ERROR_NOT_A_DATABASE, "not a database");

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  expect_restore_refused (f, empty, REG_STORE_ERROR, REG_STORE_ERROR_NOT_REGULARS, "no Regulars data");

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  expect_restore_refused (f, foreign, REG_STORE_ERROR, REG_STORE_ERROR_NOT_REGULARS, "not one of Regulars");

  g_assert_true (reg_store_backup (f->store, newer, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  expect_restore_refused (f, newer, REG_STORE_ERROR, REG_STORE_ERROR_NEWER_SCHEMA, "newer version of Regulars");

  /* A backup with a page overwritten in its middle. */
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (reg_store_backup (f->store, damaged, FALSE, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (damaged, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 3 * 4096);
    memset (contents + 2 * 4096, 0x5a, 4096);
    g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  }
  expect_restore_refused (f, damaged, REG_STORE_ERROR, REG_STORE_ERROR_NOT_A_DATABASE, "damaged");

  expect_restore_refused (f, missing, G_FILE_ERROR, G_FILE_ERROR_NOENT, "does not exist");
}

/* ------------------------------------------------------------------ */
/* The privacy export                                                   */

static JsonNode *
parse_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_string_member (object, name);
}

static gint64
member_time (JsonObject *object,
             const char *name)
{
  const char *iso;
  g_autoptr(GDateTime) when = NULL;

  g_assert_true (json_object_has_member (object, name));
  if (json_object_get_null_member (object, name))
    return 0;
  iso = json_object_get_string_member (object, name);
  g_assert_true (g_str_has_suffix (iso, "Z"));
  when = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (when);
  return g_date_time_to_unix (when);
}

static void
test_json_customer (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCustomer) c = reg_customer_new ();
  g_autoptr(RegCustomer) other = add_customer (f->store, "Someone Else", NULL);
  g_autoptr(RegCribNote) note1 = NULL, note2 = NULL;
  g_autoptr(RegVisit) visit1 = NULL, visit2 = NULL;
  g_autoptr(RegCase) kase = reg_case_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = g_build_filename (f->dir, "anna.json", NULL);
  const char *tags[] = { "wholesale", "newsletter", NULL };
  gint64 t0 = 1795000000;   /* 2026-11-18T... UTC */
  gint64 priya = reg_test_add_staff (f->store, "Priya Sharma", TRUE);
  gint64 tom = reg_test_add_staff (f->store, "Tom Baker", TRUE);
  gint64 unrelated = reg_test_add_staff (f->store, "Nobody Here", TRUE);
  gint64 id, follow_up_id;
  JsonObject *top, *card, *address, *o;
  JsonArray *array, *events;

  reg_store_set_now (f->store, t0);
  reg_customer_set_display_name (c, "Anna Kowalska");
  reg_customer_set_given_name (c, "Anna");
  reg_customer_set_family_name (c, "Kowalska");
  reg_customer_set_company (c, "Kowalska Bakery");
  reg_customer_set_street (c, "12 Mill Lane");
  reg_customer_set_locality (c, "Leeds");
  reg_customer_set_region (c, "West Yorkshire");
  reg_customer_set_postal_code (c, "LS1 4AB");
  reg_customer_set_country (c, "United Kingdom");
  reg_customer_set_birthday (c, "1984-03-07");
  reg_customer_set_kind (c, REG_CUSTOMER_KIND_PROSPECT);
  reg_customer_set_internal (c, TRUE);
  reg_customer_set_vip (c, TRUE);
  reg_customer_set_owner_id (c, priya);
  reg_customer_set_consent (c, TRUE);
  reg_customer_set_consent_at (c, t0 - 86400);
  reg_customer_add_phone (c, "mobile", "+44 7700 900123");
  reg_customer_add_phone (c, "work", "0113 496 0000");
  reg_customer_add_email (c, "home", "anna@example.org");
  reg_customer_set_tags (c, tags);
  g_assert_true (reg_store_save_customer (f->store, c, &error));
  g_assert_no_error (error);
  id = reg_customer_get_id (c);

  note1 = add_crib_note (f->store, id, "Daughter \"Mia\" starts school in Sept");
  note2 = add_crib_note (f->store, id, "Hates calls before 10 — ünïcödé");
  g_assert_true (reg_store_trash_crib_note (f->store, note2, &error));
  visit1 = add_visit (f->store, id, tom, t0 - 7200, "Bought rye bread", 4);
  visit2 = add_visit (f->store, id, priya, t0 - 3600, "Asked about gluten-free", 0);
  g_assert_true (reg_store_trash_visit (f->store, visit2, &error));
  follow_up_id = reg_test_add_follow_up (f->store, id, tom, t0 + 86400, "Call back about the cake order",
                                         REG_FOLLOW_UP_STATUS_OPEN);

  reg_case_set_customer_id (kase, id);
  reg_case_set_title (kase, "Burnt loaf");
  reg_case_set_description (kase, "The loaf on Tuesday was burnt");
  reg_case_set_severity (kase, REG_CASE_SEVERITY_HIGH);
  g_assert_true (reg_store_open_case (f->store, kase, priya, &error));
  g_assert_true (reg_store_escalate_case (f->store, kase, tom, "Bakery", "Needs the baker", priya, &error));
  g_assert_true (reg_store_resolve_case (f->store, kase, "Refunded", TRUE, tom, &error));
  g_assert_no_error (error);

  g_assert_true (reg_json_export_customer (f->store, id, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (path), ==, 0600);

  root = parse_file (path);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  top = json_node_get_object (root);
  g_assert_cmpstr (member_string (top, "format"), ==, "regulars-customer");
  g_assert_cmpint (json_object_get_int_member (top, "format_version"), ==, 1);
  g_assert_cmpint (member_time (top, "exported_at"), ==, t0);

  /* The card, field by field */
  card = json_object_get_object_member (top, "customer");
  g_assert_cmpint (json_object_get_int_member (card, "id"), ==, id);
  g_assert_cmpstr (member_string (card, "display_name"), ==, "Anna Kowalska");
  g_assert_cmpstr (member_string (card, "given_name"), ==, "Anna");
  g_assert_cmpstr (member_string (card, "family_name"), ==, "Kowalska");
  g_assert_cmpstr (member_string (card, "company"), ==, "Kowalska Bakery");
  address = json_object_get_object_member (card, "address");
  g_assert_cmpstr (member_string (address, "street"), ==, "12 Mill Lane");
  g_assert_cmpstr (member_string (address, "locality"), ==, "Leeds");
  g_assert_cmpstr (member_string (address, "region"), ==, "West Yorkshire");
  g_assert_cmpstr (member_string (address, "postal_code"), ==, "LS1 4AB");
  g_assert_cmpstr (member_string (address, "country"), ==, "United Kingdom");
  g_assert_cmpstr (member_string (card, "birthday"), ==, "1984-03-07");
  g_assert_cmpstr (member_string (card, "kind"), ==, "prospect");
  g_assert_true (json_object_get_boolean_member (card, "internal"));
  g_assert_true (json_object_get_boolean_member (card, "vip"));
  g_assert_cmpint (json_object_get_int_member (card, "owner_id"), ==, priya);
  g_assert_true (json_object_get_boolean_member (card, "consent"));
  g_assert_cmpint (member_time (card, "consent_at"), ==, t0 - 86400);
  g_assert_cmpint (member_time (card, "created_at"), ==, t0);
  g_assert_cmpint (member_time (card, "updated_at"), ==, t0);
  g_assert_cmpint (member_time (card, "last_contact_at"), ==, t0 - 3600);
  g_assert_cmpint (member_time (card, "deleted_at"), ==, 0);
  array = json_object_get_array_member (card, "phones");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  o = json_array_get_object_element (array, 0);
  g_assert_cmpstr (member_string (o, "label"), ==, "mobile");
  g_assert_cmpstr (member_string (o, "value"), ==, "+44 7700 900123");
  o = json_array_get_object_element (array, 1);
  g_assert_cmpstr (member_string (o, "label"), ==, "work");
  g_assert_cmpstr (member_string (o, "value"), ==, "0113 496 0000");
  array = json_object_get_array_member (card, "emails");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  o = json_array_get_object_element (array, 0);
  g_assert_cmpstr (member_string (o, "label"), ==, "home");
  g_assert_cmpstr (member_string (o, "value"), ==, "anna@example.org");
  array = json_object_get_array_member (card, "tags");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_true (g_strv_contains (tags, json_array_get_string_element (array, 0)));
  g_assert_true (g_strv_contains (tags, json_array_get_string_element (array, 1)));
  g_assert_cmpstr (json_array_get_string_element (array, 0), !=, json_array_get_string_element (array, 1));

  /* Crib notes, the one in the trash too */
  array = json_object_get_array_member (top, "crib_notes");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  o = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, reg_crib_note_get_id (note1));
  g_assert_cmpint (json_object_get_int_member (o, "position"), ==, 0);
  g_assert_cmpstr (member_string (o, "text"), ==, "Daughter \"Mia\" starts school in Sept");
  g_assert_cmpint (member_time (o, "created_at"), ==, t0);
  g_assert_cmpint (member_time (o, "updated_at"), ==, t0);
  g_assert_cmpint (member_time (o, "deleted_at"), ==, 0);
  o = json_array_get_object_element (array, 1);
  g_assert_cmpstr (member_string (o, "text"), ==, "Hates calls before 10 — ünïcödé");
  g_assert_cmpint (member_time (o, "deleted_at"), ==, t0);

  /* Visits, newest first, the one in the trash too */
  array = json_object_get_array_member (top, "visits");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  o = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, reg_visit_get_id (visit2));
  g_assert_cmpstr (member_string (o, "text"), ==, "Asked about gluten-free");
  g_assert_true (json_object_get_null_member (o, "satisfaction"));
  g_assert_cmpint (member_time (o, "deleted_at"), ==, t0);
  o = json_array_get_object_element (array, 1);
  g_assert_cmpint (member_time (o, "happened_at"), ==, t0 - 7200);
  g_assert_cmpstr (member_string (o, "channel"), ==, "call");
  g_assert_cmpint (json_object_get_int_member (o, "author_id"), ==, tom);
  g_assert_cmpstr (member_string (o, "text"), ==, "Bought rye bread");
  g_assert_cmpint (json_object_get_int_member (o, "satisfaction"), ==, 4);
  g_assert_cmpint (member_time (o, "created_at"), ==, t0);
  g_assert_cmpint (member_time (o, "deleted_at"), ==, 0);

  /* Follow-ups */
  array = json_object_get_array_member (top, "follow_ups");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  o = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, follow_up_id);
  g_assert_cmpstr (member_string (o, "promise"), ==, "Call back about the cake order");
  g_assert_cmpint (member_time (o, "due_at"), ==, t0 + 86400);
  g_assert_cmpstr (member_string (o, "status"), ==, "open");
  g_assert_cmpint (json_object_get_int_member (o, "assigned_to"), ==, tom);
  g_assert_cmpint (json_object_get_int_member (o, "created_by"), ==, tom);
  g_assert_true (json_object_get_null_member (o, "visit_id"));
  g_assert_cmpint (member_time (o, "done_at"), ==, 0);

  /* The case and every step of it */
  array = json_object_get_array_member (top, "cases");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  o = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, reg_case_get_id (kase));
  g_assert_cmpstr (member_string (o, "title"), ==, "Burnt loaf");
  g_assert_cmpstr (member_string (o, "description"), ==, "The loaf on Tuesday was burnt");
  g_assert_cmpstr (member_string (o, "severity"), ==, "high");
  g_assert_cmpstr (member_string (o, "status"), ==, "resolved");
  g_assert_cmpint (json_object_get_int_member (o, "owner_id"), ==, priya);
  g_assert_cmpint (json_object_get_int_member (o, "escalated_to_id"), ==, tom);
  g_assert_cmpstr (member_string (o, "escalated_team"), ==, "Bakery");
  g_assert_cmpint (member_time (o, "opened_at"), ==, t0);
  g_assert_cmpint (member_time (o, "resolved_at"), ==, t0);
  g_assert_cmpint (member_time (o, "target_at"), ==, reg_case_get_target_at (kase));
  g_assert_cmpstr (member_string (o, "resolution"), ==, "Refunded");
  g_assert_true (json_object_get_boolean_member (o, "customer_told"));
  events = json_object_get_array_member (o, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 3);
  o = json_array_get_object_element (events, 0);
  g_assert_cmpstr (member_string (o, "kind"), ==, "opened");
  g_assert_cmpint (json_object_get_int_member (o, "actor_id"), ==, priya);
  o = json_array_get_object_element (events, 1);
  g_assert_cmpstr (member_string (o, "kind"), ==, "escalated");
  g_assert_cmpint (json_object_get_int_member (o, "staff_id"), ==, tom);
  g_assert_cmpstr (member_string (o, "team"), ==, "Bakery");
  g_assert_cmpstr (member_string (o, "text"), ==, "Needs the baker");
  o = json_array_get_object_element (events, 2);
  g_assert_cmpstr (member_string (o, "kind"), ==, "resolved");
  g_assert_cmpstr (member_string (o, "to_status"), ==, "resolved");
  g_assert_cmpint (json_object_get_int_member (o, "actor_id"), ==, tom);
  g_assert_true (json_object_get_boolean_member (o, "customer_told"));

  /* The staff it names, and only those */
  array = json_object_get_array_member (top, "staff");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  o = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, priya);
  g_assert_cmpstr (member_string (o, "name"), ==, "Priya Sharma");
  g_assert_true (json_object_get_boolean_member (o, "active"));
  o = json_array_get_object_element (array, 1);
  g_assert_cmpstr (member_string (o, "name"), ==, "Tom Baker");
  g_assert_cmpint (unrelated, !=, 0);

  /* Nothing of the other customer. */
  {
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_null (strstr (text, "Someone Else"));
    g_assert_null (strstr (text, "Nobody Here"));
  }

  /* A customer in the trash can be exported; one that is not there cannot. */
  g_assert_true (reg_store_trash_customer (f->store, c, &error));
  g_assert_true (reg_json_export_customer (f->store, id, path, &error));
  g_assert_no_error (error);
  g_assert_false (reg_json_export_customer (f->store, 9999, path, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_json_all (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCustomer) zoe = add_customer (f->store, "Zoë Adams", "0161 496 0001");
  g_autoptr(RegCustomer) bob = add_customer (f->store, "Bob Brown", NULL);
  g_autoptr(RegCustomer) gone = add_customer (f->store, "Trashed Person", NULL);
  g_autoptr(RegCribNote) note = add_crib_note (f->store, reg_customer_get_id (zoe), "Prefers email");
  g_autofree char *path = g_build_filename (f->dir, "everyone.json", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "everyone.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *o;

  g_assert_true (reg_store_trash_customer (f->store, gone, &error));
  g_assert_true (reg_json_export_all (f->store, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (path), ==, 0600);

  root = parse_file (path);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  o = json_object_get_object_member (json_array_get_object_element (array, 0), "customer");
  g_assert_cmpstr (member_string (o, "display_name"), ==, "Bob Brown");
  o = json_array_get_object_element (array, 1);
  g_assert_cmpstr (member_string (o, "format"), ==, "regulars-customer");
  g_assert_cmpstr (member_string (json_object_get_object_member (o, "customer"), "display_name"), ==, "Zoë Adams");
  g_assert_cmpstr (member_string (json_array_get_object_element (json_object_get_array_member (o, "crib_notes"), 0), "text"),
                   ==, "Prefers email");

  /* The same through the exchange, by the name's extension. */
  g_clear_pointer (&root, json_node_unref);
  g_assert_cmpint (g_unlink (path), ==, 0);
  {
    g_autofree char *upper = g_build_filename (f->dir, "Everyone.JSON", NULL);

    g_assert_true (reg_exchange_export_file (f->store, upper, NULL, NULL, &error));
    g_assert_no_error (error);
    root = parse_file (upper);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  }

  /* No database, no customers: an empty array. */
  {
    g_autofree char *other_path = g_build_filename (f->dir, "empty-shop.db", NULL);
    g_autofree char *empty_json = g_build_filename (f->dir, "empty.json", NULL);
    g_autoptr(RegStore) empty = reg_store_open (other_path, &error);
    g_autoptr(JsonNode) none = NULL;

    g_assert_no_error (error);
    g_assert_true (reg_json_export_all (empty, empty_json, &error));
    g_assert_no_error (error);
    none = parse_file (empty_json);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (none)), ==, 0);
  }

  /* A folder that is not there: said, and nothing left behind. */
  g_assert_false (reg_json_export_all (f->store, nowhere, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, nowhere));
  g_clear_error (&error);

  /* Formats nobody writes */
  {
    g_autofree char *xyz = g_build_filename (f->dir, "everyone.xyz", NULL);
    g_autofree char *bare = g_build_filename (f->dir, "everyone", NULL);

    g_assert_false (reg_exchange_export_file (f->store, xyz, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_assert_nonnull (strstr (error->message, xyz));
    g_assert_nonnull (strstr (error->message, "cannot write .xyz files; use .vcf, .csv, .ics or .json"));
    g_clear_error (&error);
    g_assert_false (reg_exchange_export_file (f->store, bare, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_clear_error (&error);
    g_assert_false (g_file_test (xyz, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (bare, G_FILE_TEST_EXISTS));
  }
}

/* Exports may run off the main thread, on a bulk job's connection. */
static gboolean
export_in_bulk (RegStore      *bulk,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return reg_json_export_all (bulk, data, error);
}

static void
on_bulk_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GError **error = data;

  if (!reg_store_run_bulk_finish (REG_STORE (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "done");
}

static gboolean
bulk_finished (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_json_in_bulk_job (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RegCustomer) ada = add_customer (f->store, "Ada Byron", NULL);
  g_autoptr(RegCustomer) bob = add_customer (f->store, "Bob Brown", NULL);
  g_autofree char *path = g_build_filename (f->dir, "bulk.json", NULL);
  g_autoptr(GError) result = NULL;
  g_autoptr(JsonNode) root = NULL;

  reg_store_run_bulk_async (f->store, export_in_bulk, g_strdup (path), g_free, NULL, on_bulk_done, &result);
  while (!bulk_finished (&result))
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (result, G_IO_ERROR, G_IO_ERROR_NONE);

  root = parse_file (path);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  g_assert_cmpuint (mode_of (path), ==, 0600);
}

/* ------------------------------------------------------------------ */
/* Erasing for good                                                     */

static gboolean
contains (const char *haystack,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (haystack[i] == needle[0] && memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @needle occurs anywhere in the database file or its -wal. */
static gboolean
on_disk (const char *path,
         const char *needle)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  const char *files[] = { path, wal };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (files[i], G_FILE_TEST_EXISTS))
        {
          g_assert_true (g_file_get_contents (files[i], &contents, &length, NULL));
          if (contains (contents, length, needle))
            return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  gint64        id;
  RegChangeKind kind;
  guint         count;
} ChangeLog;

static void
on_customer_changed (RegStore      *store,
                     gint64         id,
                     RegChangeKind  kind,
                     ChangeLog     *log)
{
  log->id = id;
  log->kind = kind;
  log->count++;
}

static const char * const secrets[] = {
  "Zyxquorth Plimbering",
  "zyxquorth plimbering",   /* folded, as the search index and name order hold it */
  "Zyxquorth",
  "Plimbering",
  "+44 7700 938271",
  "447700938271",           /* digits only, as the search index holds phones */
  "zyxq@plimbering.example",
  "Qwelbrax",               /* in a crib note */
  "Vornidable",             /* in a visit note, in the trash */
  "Fruxmoppet",             /* in a follow-up */
  "Glindertash",            /* in a case and its steps */
  "Snorkwhistle",           /* a tag only they had */
};

static void
test_erase (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCustomer) c = reg_customer_new ();
  g_autoptr(RegCustomer) keep = NULL;
  g_autoptr(RegCribNote) note = NULL;
  g_autoptr(RegVisit) visit1 = NULL, visit2 = NULL;
  g_autoptr(RegCase) kase = reg_case_new ();
  const char *tags[] = { "Snorkwhistle", "regular", NULL };
  gint64 staff = reg_test_add_staff (f->store, "Priya Sharma", TRUE);
  gint64 now = reg_store_now (f->store);
  gint64 id;
  guint reloaded = 0;
  ChangeLog log = { 0, };

  /* Someone else, who must stay, with the shared tag. */
  keep = add_customer (f->store, "Ada Byron", "0161 496 0000");
  {
    const char *keep_tags[] = { "regular", NULL };
    reg_customer_set_tags (keep, keep_tags);
    g_assert_true (reg_store_save_customer (f->store, keep, &error));
  }

  reg_customer_set_display_name (c, "Zyxquorth Plimbering");
  reg_customer_set_given_name (c, "Zyxquorth");
  reg_customer_set_family_name (c, "Plimbering");
  reg_customer_add_phone (c, "mobile", "+44 7700 938271");
  reg_customer_add_email (c, "home", "zyxq@plimbering.example");
  reg_customer_set_tags (c, tags);
  g_assert_true (reg_store_save_customer (f->store, c, &error));
  g_assert_no_error (error);
  id = reg_customer_get_id (c);

  note = add_crib_note (f->store, id, "Qwelbrax is the dog's name; ask about Zyxquorth Plimbering junior");
  visit1 = add_visit (f->store, id, staff, now - 3600, "Zyxquorth Plimbering came in, rang from +44 7700 938271", 5);
  visit2 = add_visit (f->store, id, staff, now - 1800, "Vornidable mood today", 2);
  g_assert_true (reg_store_trash_visit (f->store, visit2, &error));
  reg_test_add_follow_up (f->store, id, staff, now + 86400, "Fruxmoppet: call Zyxquorth Plimbering back",
                          REG_FOLLOW_UP_STATUS_OPEN);
  reg_case_set_customer_id (kase, id);
  reg_case_set_title (kase, "Glindertash broken");
  reg_case_set_description (kase, "Zyxquorth Plimbering says the Glindertash broke");
  g_assert_true (reg_store_open_case (f->store, kase, staff, &error));
  g_assert_true (reg_store_escalate_case (f->store, kase, staff, "Workshop", "Glindertash needs a part", staff, &error));
  g_assert_no_error (error);

  /* Edits leave older versions of rows behind: more to scrub. */
  reg_customer_set_company (c, "Plimbering & Sons");
  g_assert_true (reg_store_save_customer (f->store, c, &error));
  g_assert_no_error (error);

  /* The test means something: the strings are on disk before. */
  g_assert_true (reg_store_exec (f->store, "PRAGMA wal_checkpoint(TRUNCATE)", "checkpoint", &error));
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (i != 1 && i != 5)   /* folded forms are checked after, not searched for here */
      g_assert_true (on_disk (f->path, secrets[i]));

  g_signal_connect (f->store, "customer-changed", G_CALLBACK (on_customer_changed), &log);
  g_signal_connect (f->store, "reloaded", G_CALLBACK (count_signal), &reloaded);
  g_assert_true (reg_store_erase_customer (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpint (log.id, ==, id);
  g_assert_cmpint (log.kind, ==, REG_CHANGE_DELETED);
  g_assert_cmpuint (reloaded, ==, 1);

  /* No row is left, in any table. */
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customer_contacts"), ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM crib_notes"), ==, 0);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM visits"), ==, 0);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM follow_ups"), ==, 0);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM cases"), ==, 0);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM case_events"), ==, 0);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customer_search"), ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM tags WHERE name = 'Snorkwhistle'"), ==, 0);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM tags WHERE name = 'regular'"), ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customer_search WHERE customer_search MATCH 'zyx'"), ==, 0);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customer_search WHERE customer_search MATCH 'byron'"), ==, 1);
  {
    g_autofree char *check = reg_test_sql_text (f->store, "PRAGMA integrity_check");
    g_assert_cmpstr (check, ==, "ok");
    g_assert_true (reg_store_exec (f->store, "INSERT INTO customer_search (customer_search) VALUES ('integrity-check')",
                                   "check the search index", &error));
    g_assert_no_error (error);
  }

  /* The store lets go of its objects: the id, given again, is someone new. */
  g_assert_null (reg_store_get_customer (f->store, id, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr(RegCustomer) next = add_customer (f->store, "Grace Hopper", NULL);
    g_autoptr(RegCustomer) by_id = reg_store_get_customer (f->store, reg_customer_get_id (next), &error);

    g_assert_true (by_id == next);
    g_assert_true (next != c);
  }

  /* Erasing someone who is not there says so. */
  g_assert_false (reg_store_erase_customer (f->store, id + 1000, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Closed, the file and its log hold none of it, in any form. */
  g_clear_object (&c);
  g_clear_object (&note);
  g_clear_object (&visit1);
  g_clear_object (&visit2);
  g_clear_object (&kase);
  g_clear_object (&keep);
  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_test_message ("looking for “%s”", secrets[i]);
      g_assert_false (on_disk (f->path, secrets[i]));
    }
  /* The search index holds trigrams, not whole strings, so the checks
   * above cannot see what its old segments keep. Measured: without the
   * FTS5 'optimize' after deleting, "zyx", "yxq", "lbr" and the phone's
   * "938" and "382" are still in the file; with it, none is. */
  {
    const char *grams[] = { "zyx", "yxq", "lbr", "938", "382" };

    for (guint i = 0; i < G_N_ELEMENTS (grams); i++)
      {
        g_test_message ("looking for the trigram “%s”", grams[i]);
        g_assert_false (on_disk (f->path, grams[i]));
      }
  }
  /* ...while the customer who stayed is there. */
  g_assert_true (on_disk (f->path, "Ada Byron"));
}

/* A customer in the trash is erased the same way. */
static void
test_erase_trashed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCustomer) c = add_customer (f->store, "Brimbleworth Quaxon", "+44 7700 900555");
  g_autoptr(RegCribNote) note = add_crib_note (f->store, reg_customer_get_id (c), "Quaxon family");

  g_assert_true (reg_store_trash_customer (f->store, c, &error));
  g_assert_true (reg_store_erase_customer (f->store, reg_customer_get_id (c), &error));
  g_assert_no_error (error);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customers"), ==, 0);
  g_clear_object (&c);
  g_clear_object (&note);
  g_clear_object (&f->store);
  g_assert_false (on_disk (f->path, "Brimbleworth"));
  g_assert_false (on_disk (f->path, "Quaxon"));
  g_assert_false (on_disk (f->path, "447700900555"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/privacy/files/private", test_private_files);
  ADD ("/privacy/backup/copy-and-check", test_backup);
  ADD ("/privacy/backup/daily-rotation", test_backup_daily);
  ADD ("/privacy/restore/good-file", test_restore);
  ADD ("/privacy/restore/older-schema", test_restore_older_schema);
  ADD ("/privacy/restore/refused", test_restore_refused);
  ADD ("/privacy/json/one-customer", test_json_customer);
  ADD ("/privacy/json/all-customers", test_json_all);
  ADD ("/privacy/json/in-bulk-job", test_json_in_bulk_job);
  ADD ("/privacy/erase/nothing-left-on-disk", test_erase);
  ADD ("/privacy/erase/from-the-trash", test_erase_trashed);

#undef ADD

  return g_test_run ();
}
