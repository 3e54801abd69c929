/* test-command-line.c: `regulars --search`, `--due`, `--sample-data` and
 * `--database`, run as a person runs them: the real program, with and
 * without an instance already running
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include <string.h>

#include "reg-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("regulars-cli-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "shop.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  reg_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* Runs regulars with @args (NULL-terminated) and returns its exit status. */
static int
run (gboolean      with_display,
     char        **out,
     char        **err,
     const char   *first_arg,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("REGULARS_BIN"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Printing commands must work with no display at all. */
  if (!with_display)
    {
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
      g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; p && *p; p++)
    if (*p == '\n')
      n++;
  return n;
}

static void
test_sample_search_due (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *family = NULL;

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--sample-data", "60", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Added 60 sample customers"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Never into a database that has customers */
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--sample-data", "5", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already has customers"));
  g_assert_nonnull (strstr (err, f->db));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An empty search lists everyone: id, name, company, phone. */
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--search", "", NULL), ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 60);
  lines = g_strsplit (out, "\n", -1);
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 4);
  g_assert_cmpint (g_ascii_strtoll (fields[0], NULL, 10), >, 0);
  family = g_strdup (strrchr (fields[1], ' ') + 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A fragment of a family name finds that customer. */
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--search", family, NULL), ==, 0);
  g_assert_nonnull (strstr (out, lines[0]));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Due follow-ups: id, local ISO 8601 due time, customer, promise, staff. */
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--due", NULL), ==, 0);
  {
    g_auto(GStrv) due_lines = g_strsplit (out, "\n", -1);
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    g_assert_cmpuint (count_lines (out), >, 0);
    for (guint i = 0; due_lines[i] && *due_lines[i]; i++)
      {
        g_auto(GStrv) due = g_strsplit (due_lines[i], "\t", -1);
        g_autoptr(GDateTime) when = NULL;

        g_assert_cmpuint (g_strv_length (due), ==, 5);
        when = g_date_time_new_from_iso8601 (due[1], NULL);
        g_assert_nonnull (when);
        g_assert_cmpint (g_date_time_to_unix (when), <=, now);
        g_assert_cmpstr (due[3], !=, "");
      }
  }
}

/* --cases: one line per open complaint, nearest target first: id,
 * customer, title, severity, status, owner, age, past target. */
static void
test_cases (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) second = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  {
    g_autoptr(RegStore) store = reg_store_open (f->db, &error);
    g_autoptr(RegCustomer) customer = reg_customer_new ();
    g_autoptr(RegCase) late = reg_case_new ();
    g_autoptr(RegCase) fresh = reg_case_new ();
    g_autoptr(RegCase) done = reg_case_new ();
    gint64 priya = reg_test_add_staff (store, "Priya Sharma", TRUE);

    g_assert_no_error (error);
    reg_customer_set_display_name (customer, "Hamid\tMansour");
    g_assert_true (reg_store_save_customer (store, customer, &error));

    reg_store_set_now (store, now - 2 * 86400 - 3 * 3600);
    reg_case_set_customer_id (late, reg_customer_get_id (customer));
    reg_case_set_title (late, "Wrong size delivered");
    reg_case_set_severity (late, REG_CASE_SEVERITY_HIGH);
    g_assert_true (reg_store_open_case (store, late, priya, &error));
    g_assert_true (reg_store_escalate_case (store, late, 0, "Workshop", "Needs a new part", priya, &error));

    reg_store_set_now (store, now - 1800);
    reg_case_set_customer_id (fresh, reg_customer_get_id (customer));
    reg_case_set_title (fresh, "Scratch on the door");
    g_assert_true (reg_store_open_case (store, fresh, priya, &error));
    reg_case_set_customer_id (done, reg_customer_get_id (customer));
    reg_case_set_title (done, "Sorted already");
    g_assert_true (reg_store_open_case (store, done, priya, &error));
    g_assert_true (reg_store_resolve_case (store, done, "Refunded", TRUE, priya, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--cases", NULL), ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 2);
  lines = g_strsplit (out, "\n", -1);
  first = g_strsplit (lines[0], "\t", -1);
  second = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpuint (g_strv_length (first), ==, 8);
  g_assert_cmpstr (first[0], ==, "1");
  g_assert_cmpstr (first[1], ==, "Hamid Mansour");
  g_assert_cmpstr (first[2], ==, "Wrong size delivered");
  g_assert_cmpstr (first[3], ==, "high");
  g_assert_cmpstr (first[4], ==, "escalated");
  g_assert_cmpstr (first[5], ==, "Priya Sharma");
  g_assert_cmpstr (first[6], ==, "2d3h");
  g_assert_cmpstr (first[7], ==, "yes");
  g_assert_cmpstr (second[2], ==, "Scratch on the door");
  g_assert_cmpstr (second[3], ==, "normal");
  g_assert_cmpstr (second[4], ==, "open");
  g_assert_cmpstr (second[6], ==, "30m");
  g_assert_cmpstr (second[7], ==, "no");
  g_assert_cmpstr (err, ==, "");
}

static void
test_bad_database (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_true (g_file_set_contents (f->db, "name,phone\nAnna,0123\n", -1, NULL));
  g_file_get_contents (f->db, &before, NULL, NULL);

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--search", "anna", NULL), ==, 1);
  g_assert_nonnull (strstr (err, f->db));
  g_assert_nonnull (strstr (err, "not a database"));
  g_file_get_contents (f->db, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
}

static gboolean
name_has_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* With Regulars already open, commands go to that instance and its
 * database. */
static void
test_forwarded_to_running_instance (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GSubprocess) primary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  g_assert_nonnull (bus);
  g_assert_false (name_has_owner (bus, APP_ID));
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--sample-data", "20", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  primary = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                              g_getenv ("REGULARS_BIN"), "--database", f->db, NULL);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!name_has_owner (bus, APP_ID) && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_true (name_has_owner (bus, APP_ID));

  /* No --database: the running instance answers from its own. */
  g_assert_cmpint (run (TRUE, &out, &err, "--search", "", NULL), ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 20);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Another database while one is open: refused, saying which. */
  g_assert_cmpint (run (TRUE, &out, &err, "--database", other, "--search", "", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already running"));
  g_assert_nonnull (strstr (err, f->db));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));

  g_subprocess_send_signal (primary, SIGTERM);
  g_subprocess_wait (primary, NULL, NULL);
}

/* --backup, --restore and --erase-customer, with no display. */
static void
test_backup_restore_erase (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "monday.db", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  GStatBuf st;

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--sample-data", "12", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--backup", backup, NULL), ==, 0);
  g_assert_nonnull (strstr (out, backup));
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Never over an existing file */
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--backup", backup, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--backup"));
  g_assert_nonnull (strstr (err, backup));
  g_assert_nonnull (strstr (err, "already exists"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--erase-customer", "3", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "erased for good"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--erase-customer", "3", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no customer number 3"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--search", "", NULL), ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 11);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Not a database: refused, nothing changed. */
  g_assert_true (g_file_set_contents (text, "name,phone\nAnna,0123\n", -1, NULL));
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--restore", text, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--restore"));
  g_assert_nonnull (strstr (err, text));
  g_assert_nonnull (strstr (err, "not a database"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--search", "", NULL), ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 11);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Monday's backup brings the customer back; today's is kept. */
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--restore", backup, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "kept in"));
  g_assert_nonnull (strstr (out, "regulars-before-restore-"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--search", "", NULL), ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 12);
}

/* --export FILE.json for everyone, with --customer ID for one; other
 * extensions go to the exchange. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *all = g_build_filename (f->dir, "all.json", NULL);
  g_autofree char *one = g_build_filename (f->dir, "one.json", NULL);
  g_autofree char *xyz = g_build_filename (f->dir, "all.xyz", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *customer;

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--sample-data", "15", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--export", all, NULL), ==, 0);
  g_assert_nonnull (strstr (out, all));
  g_assert_true (json_parser_load_from_file (parser, all, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 15);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--export", one, "--customer", "4", NULL), ==, 0);
  g_assert_true (json_parser_load_from_file (parser, one, &error));
  g_assert_no_error (error);
  customer = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "customer");
  g_assert_cmpint (json_object_get_int_member (customer, "id"), ==, 4);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--export", one, "--customer", "999", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no customer number 999"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--export", xyz, NULL), ==, 1);
  g_assert_nonnull (strstr (err, xyz));
  g_assert_nonnull (strstr (err, "cannot write .xyz files; use .vcf, .csv, .ics or .json"));
  g_assert_false (g_file_test (xyz, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--customer", "4", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--export FILE.json"));
}

static char *
fixture_path (const char *kind,
              const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", kind, name, NULL);
}

/* --import by the file's name, all or nothing, with the duplicates and
 * the broken records said; --export in each format reads back in. */
static void
test_import_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *google = fixture_path ("vcard", "google.vcf");
  g_autofree char *malformed = fixture_path ("vcard", "malformed.vcf");
  g_autofree char *outlook = fixture_path ("csv", "outlook.csv");
  g_autofree char *bad_rows = fixture_path ("csv", "bad-rows.csv");
  g_autofree char *vcf = g_build_filename (f->dir, "everyone.vcf", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "everyone.csv", NULL);
  g_autofree char *ics = g_build_filename (f->dir, "promises.ics", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *text = NULL;

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--import", google, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 2, merged 0, skipped 0, failed 0"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same file again: each card shares an email or phone. */
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--import", google, "--duplicates", "skip", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 0, merged 0, skipped 2, failed 0"));
  g_assert_nonnull (strstr (out, "belongs to customer number 1 already"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--import", google, "--duplicates", "twice", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“twice” is not one of merge, skip or import"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A broken card: nothing, the file, line and card named, and the way
   * to import the rest. */
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--import", malformed, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“malformed.vcf”, line 10, card 2"));
  g_assert_nonnull (strstr (err, "Nothing was imported"));
  g_assert_nonnull (strstr (err, "--keep-going"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--search", "", NULL), ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--import", malformed, "--keep-going", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "failed 1"));
  g_assert_nonnull (strstr (err, "“malformed.vcf”, line 10, card 2"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* CSV: a bad row names its line and column. */
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--import", bad_rows, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "line 3, column 2 (“Email”)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--import", outlook, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 2,"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--search", "", NULL), ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 6);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Formats nobody imports */
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--import", ics, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "cannot import .ics files; use .vcf or .csv"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--keep-going", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "go with --import FILE"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Out in each format, and the vCard and CSV files back into an empty
   * database give the same six customers. */
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--export", vcf, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_get_contents (vcf, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_assert_nonnull (strstr (text, "FN:Élodie Lefèvre"));
  g_clear_pointer (&text, g_free);
  /* vCard 3.0 for older address books, on request */
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--export", vcf, "--vcard-3", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_get_contents (vcf, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:3.0\r\n"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--export", csv, "--vcard-3", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--vcard-3: vCard 3.0 is written to a .vcf file"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--export", csv, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--export", ics, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_get_contents (ics, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR"));

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *expected = NULL;

      g_remove (other);
      g_assert_cmpint (run (FALSE, &out, &err, "--database", other, "--import", i == 0 ? vcf : csv, NULL), ==, 0);
      g_assert_nonnull (strstr (out, "Imported 6, merged 0, skipped 0, failed 0"));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run (FALSE, &expected, &err, "--database", f->db, "--search", "", NULL), ==, 0);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run (FALSE, &out, &err, "--database", other, "--search", "", NULL), ==, 0);
      /* Same names, companies and phones, in the same order (ids aside). */
      {
        g_auto(GStrv) a = g_strsplit (expected, "\n", -1);
        g_auto(GStrv) b = g_strsplit (out, "\n", -1);

        g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
        for (guint j = 0; a[j] != NULL; j++)
          g_assert_cmpstr (strchr (a[j], '\t') ? strchr (a[j], '\t') : a[j], ==,
                           strchr (b[j], '\t') ? strchr (b[j], '\t') : b[j]);
      }
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }
}

/* With Regulars open, the running instance makes the backup, restores
 * and erases, and its windows are told (::reloaded). */
static void
test_forwarded_backup_restore (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *export = g_build_filename (f->dir, "export.json", NULL);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GSubprocess) primary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  g_assert_nonnull (bus);
  g_assert_false (name_has_owner (bus, APP_ID));
  g_assert_cmpint (run (FALSE, &out, &err, "--database", f->db, "--sample-data", "8", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  primary = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                              g_getenv ("REGULARS_BIN"), "--database", f->db, NULL);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!name_has_owner (bus, APP_ID) && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_true (name_has_owner (bus, APP_ID));

  g_assert_cmpint (run (TRUE, &out, &err, "--backup", backup, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Backed up"));
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (TRUE, &out, &err, "--erase-customer", "2", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (TRUE, &out, &err, "--search", "", NULL), ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 7);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (TRUE, &out, &err, "--restore", backup, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (TRUE, &out, &err, "--search", "", NULL), ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 8);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (TRUE, &out, &err, "--export", export, NULL), ==, 0);
  g_assert_true (g_file_test (export, G_FILE_TEST_EXISTS));

  g_subprocess_send_signal (primary, SIGTERM);
  g_subprocess_wait (primary, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("REGULARS_BIN"));

  g_test_add ("/cli/sample-data-search-due", Fixture, NULL, fixture_set_up, test_sample_search_due, fixture_tear_down);
  g_test_add ("/cli/bad-database", Fixture, NULL, fixture_set_up, test_bad_database, fixture_tear_down);
  g_test_add ("/cli/cases", Fixture, NULL, fixture_set_up, test_cases, fixture_tear_down);
  g_test_add ("/cli/forwarded-to-running-instance", Fixture, NULL, fixture_set_up,
              test_forwarded_to_running_instance, fixture_tear_down);

  g_test_add ("/cli/backup-restore-erase", Fixture, NULL, fixture_set_up, test_backup_restore_erase, fixture_tear_down);
  g_test_add ("/cli/export-json", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/cli/import-export", Fixture, NULL, fixture_set_up, test_import_export, fixture_tear_down);
  g_test_add ("/cli/forwarded-backup-restore", Fixture, NULL, fixture_set_up,
              test_forwarded_backup_restore, fixture_tear_down);

  return g_test_run ();
}
