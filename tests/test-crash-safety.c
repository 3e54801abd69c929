/* test-crash-safety.c: a writer killed at any moment loses nothing it
 * reported as saved, and leaves a database that is whole.
 *
 * The test binary doubles as the writer: run as
 *
 *   test-crash-safety --writer PATH
 *
 * it opens the store at PATH and saves customers, and visits with their
 * follow-ups, until it is killed, printing "customer ID" after each
 * customer is saved and "visit ID" (the customer's id) after each visit
 * and its follow-up are saved. The test runs that writer again and again,
 * kills it with SIGKILL a random few milliseconds after its first report,
 * and then checks the file with plain SQLite.
 *
 * The random delays come from a fixed seed, printed in the test output;
 * REG_TEST_CRASH_SEED=N repeats a run with another seed and
 * REG_TEST_CRASH_ROUNDS=N changes the number of rounds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "store/reg-store.h"

#define DEFAULT_SEED        20240611u
#define DEFAULT_ROUNDS      200
#define REOPEN_EVERY        50
#define MIN_DELAY_MS        1
#define MAX_DELAY_MS        40
/* How long a writer may take to report its first save, and how long a
 * writer left alone goes on before it stops by itself. */
#define FIRST_REPORT_TIMEOUT_S 30
#define WRITER_LIFETIME_S      60

static const char *self_exe;

/* The writer ------------------------------------------------------------ */

static void
report (const char *what,
        gint64      customer_id)
{
  /* One write per line: the parent counts only lines that end in '\n'. */
  printf ("%s %" G_GINT64_FORMAT "\n", what, customer_id);
  fflush (stdout);
}

static int
run_writer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (path, &error);
  const char * const tags[] = { "crash-test", NULL };
  gint64 stop_at = g_get_monotonic_time () + WRITER_LIFETIME_S * G_USEC_PER_SEC;

  if (store == NULL)
    {
      g_printerr ("writer: could not open %s: %s\n", path, error->message);
      return 1;
    }
  if (reg_store_is_read_only (store))
    {
      g_printerr ("writer: %s is read-only: %s\n", path,
                  reg_store_get_read_only_reason (store));
      return 1;
    }

  for (guint n = 1; g_get_monotonic_time () < stop_at; n++)
    {
      g_autoptr(RegCustomer) customer = reg_customer_new ();
      g_autoptr(RegVisit) visit = reg_visit_new ();
      g_autoptr(RegFollowUp) follow_up = reg_follow_up_new ();
      g_autofree char *name = g_strdup_printf ("Writer %u", n);
      g_autofree char *phone = g_strdup_printf ("+43 660 %07u", n);
      g_autofree char *text = g_strdup_printf ("Visit %u: asked about the order", n);
      g_autofree char *promise = g_strdup_printf ("Call back about order %u", n);
      gint64 id;

      reg_customer_set_display_name (customer, name);
      reg_customer_add_phone (customer, "mobile", phone);
      reg_customer_set_tags (customer, tags);
      if (!reg_store_save_customer (store, customer, &error))
        {
          g_printerr ("writer: could not save a customer: %s\n", error->message);
          return 1;
        }
      id = reg_customer_get_id (customer);
      report ("customer", id);

      reg_visit_set_customer_id (visit, id);
      reg_visit_set_text (visit, text);
      reg_follow_up_set_promise (follow_up, promise);
      reg_follow_up_set_due_at (follow_up, reg_store_now (store) + 24 * 60 * 60);
      if (!reg_store_save_visit_with_follow_up (store, visit, follow_up, &error))
        {
          g_printerr ("writer: could not save a visit: %s\n", error->message);
          return 1;
        }
      report ("visit", id);
    }

  return 0;
}

/* Reading the writer's reports ------------------------------------------ */

typedef struct
{
  GSubprocess          *process;
  GPollableInputStream *out;
  GMainContext         *context;
  GString              *output;
  gboolean              eof;
} Writer;

static gboolean
readable_fired (GObject  *stream,
                gpointer  data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
timeout_fired (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits until the writer's output can be read or @timeout_us passes. */
static void
writer_wait_readable (Writer *writer,
                      gint64  timeout_us)
{
  gboolean readable = FALSE, timed_out = FALSE;
  GSource *readable_source = g_pollable_input_stream_create_source (writer->out, NULL);
  GSource *timeout_source = g_timeout_source_new ((guint) ((timeout_us + 999) / 1000));

  g_source_set_callback (readable_source, G_SOURCE_FUNC (readable_fired), &readable, NULL);
  g_source_set_callback (timeout_source, timeout_fired, &timed_out, NULL);
  g_source_attach (readable_source, writer->context);
  g_source_attach (timeout_source, writer->context);

  while (!readable && !timed_out)
    g_main_context_iteration (writer->context, TRUE);

  g_source_destroy (readable_source);
  g_source_destroy (timeout_source);
  g_source_unref (readable_source);
  g_source_unref (timeout_source);
}

static gboolean
has_complete_line (GString *output)
{
  return memchr (output->str, '\n', output->len) != NULL;
}

/* Reads what the writer prints until @deadline (monotonic time), the end
 * of its output, or — with @until_line — its first complete line. */
static void
writer_read (Writer   *writer,
             gint64    deadline,
             gboolean  until_line)
{
  while (!writer->eof)
    {
      g_autoptr(GError) error = NULL;
      char buffer[4096];
      gssize n;
      gint64 now;

      if (until_line && has_complete_line (writer->output))
        return;

      n = g_pollable_input_stream_read_nonblocking (writer->out, buffer, sizeof buffer,
                                                    NULL, &error);
      if (n > 0)
        {
          g_string_append_len (writer->output, buffer, n);
          continue;
        }
      if (n == 0)
        {
          writer->eof = TRUE;
          return;
        }
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);

      now = g_get_monotonic_time ();
      if (now >= deadline)
        return;
      writer_wait_readable (writer, deadline - now);
    }
}

static void
writer_start (Writer     *writer,
              const char *db_path)
{
  g_autoptr(GError) error = NULL;
  GInputStream *out;

  writer->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                      self_exe, "--writer", db_path, NULL);
  g_assert_no_error (error);

  out = g_subprocess_get_stdout_pipe (writer->process);
  g_assert_true (G_IS_POLLABLE_INPUT_STREAM (out));
  writer->out = G_POLLABLE_INPUT_STREAM (out);
  g_assert_true (g_pollable_input_stream_can_poll (writer->out));
  writer->context = g_main_context_new ();
  writer->output = g_string_new (NULL);
  writer->eof = FALSE;
}

static void
writer_clear (Writer *writer)
{
  g_clear_object (&writer->process);
  writer->out = NULL;
  g_clear_pointer (&writer->context, g_main_context_unref);
  if (writer->output != NULL)
    g_string_free (writer->output, TRUE);
  writer->output = NULL;
}

/* Adds the ids from each complete line of @output to @customers ("customer
 * ID") or @visits ("visit ID"); a line cut short by the kill does not count. */
static void
parse_reports (GString *output,
               GArray  *customers,
               GArray  *visits)
{
  const char *p = output->str;
  const char *end = output->str + output->len;

  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      g_autofree char *line = NULL;
      g_autoptr(GError) error = NULL;
      const char *number;
      GArray *into;
      gint64 id = 0;

      if (newline == NULL)
        break;
      line = g_strndup (p, newline - p);
      p = newline + 1;

      if (g_str_has_prefix (line, "customer "))
        {
          number = line + strlen ("customer ");
          into = customers;
        }
      else if (g_str_has_prefix (line, "visit "))
        {
          number = line + strlen ("visit ");
          into = visits;
        }
      else
        g_error ("The writer printed an unexpected line: “%s”", line);

      g_ascii_string_to_signed (number, 10, 1, G_MAXINT64, &id, &error);
      g_assert_no_error (error);
      g_array_append_val (into, id);
    }
}

/* Checking the database with plain SQLite --------------------------------- */

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    g_error ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

/* The one integer that @sql returns. */
static gint64
query_int64 (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = prepare (db, sql);
  gint64 value;
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    g_error ("“%s” returned no row: %s", sql, sqlite3_errmsg (db));
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
check_integrity (sqlite3 *db)
{
  sqlite3_stmt *stmt = prepare (db, "PRAGMA integrity_check");
  g_autoptr(GString) problems = g_string_new (NULL);
  int rows = 0, rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (rows++ > 0)
        g_string_append_c (problems, '\n');
      g_string_append (problems, (const char *) sqlite3_column_text (stmt, 0));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpstr (problems->str, ==, "ok");
  g_assert_cmpint (rows, ==, 1);

  /* No row points at one that is not there. */
  stmt = prepare (db, "PRAGMA foreign_key_check");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* The search index agrees with itself; integrity_check does not look
   * inside virtual tables. */
  stmt = prepare (db, "INSERT INTO customer_search (customer_search) VALUES ('integrity-check')");
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    g_error ("The search index is damaged: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
}

/* Whatever the writer got to, each of its saves is all there or not at all. */
static void
check_all_or_nothing (sqlite3 *db)
{
  /* A customer comes with its phone, its tag and its search entry. */
  g_assert_cmpint (query_int64 (db,
                                "SELECT count(*) FROM customers c WHERE "
                                "  (SELECT count(*) FROM customer_contacts "
                                "   WHERE customer_id = c.id AND kind = 'phone') <> 1 "
                                "  OR (SELECT count(*) FROM customer_tags WHERE customer_id = c.id) <> 1"),
                   ==, 0);
  g_assert_cmpint (query_int64 (db,
                                "SELECT count(*) FROM customers "
                                "WHERE id NOT IN (SELECT rowid FROM customer_search)"),
                   ==, 0);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM customer_search"),
                   ==, query_int64 (db, "SELECT count(*) FROM customers"));

  /* A visit comes with its follow-up, and the follow-up with its visit. */
  g_assert_cmpint (query_int64 (db,
                                "SELECT count(*) FROM customers c WHERE "
                                "  (SELECT count(*) FROM visits WHERE customer_id = c.id) <> "
                                "  (SELECT count(*) FROM follow_ups WHERE customer_id = c.id)"),
                   ==, 0);
  g_assert_cmpint (query_int64 (db,
                                "SELECT count(*) FROM follow_ups f WHERE NOT EXISTS "
                                "  (SELECT 1 FROM visits v "
                                "   WHERE v.id = f.visit_id AND v.customer_id = f.customer_id)"),
                   ==, 0);
  g_assert_cmpint (query_int64 (db,
                                "SELECT count(*) FROM customers c WHERE "
                                "  (SELECT count(*) FROM visits WHERE customer_id = c.id) > 1"),
                   ==, 0);
}

typedef enum
{
  SAVED_CUSTOMER,
  SAVED_VISIT,
} Saved;

/* Everything the writer reported as saved is there. */
static void
check_reported (sqlite3 *db,
                GArray  *ids,
                guint    from,
                Saved    saved)
{
  sqlite3_stmt *stmt = prepare (db,
    "SELECT (SELECT count(*) FROM customers WHERE id = ?1), "
    "       (SELECT count(*) FROM customer_contacts WHERE customer_id = ?1 AND kind = 'phone'), "
    "       (SELECT count(*) FROM customer_tags WHERE customer_id = ?1), "
    "       (SELECT count(*) FROM visits WHERE customer_id = ?1), "
    "       (SELECT count(*) FROM follow_ups f JOIN visits v ON v.id = f.visit_id "
    "        WHERE f.customer_id = ?1)");

  for (guint i = from; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      gint64 customers, phones, tags, visits, follow_ups;

      sqlite3_bind_int64 (stmt, 1, id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      customers = sqlite3_column_int64 (stmt, 0);
      phones = sqlite3_column_int64 (stmt, 1);
      tags = sqlite3_column_int64 (stmt, 2);
      visits = sqlite3_column_int64 (stmt, 3);
      follow_ups = sqlite3_column_int64 (stmt, 4);
      sqlite3_reset (stmt);

      if (customers != 1 || phones != 1 || tags != 1 ||
          (saved == SAVED_VISIT && (visits != 1 || follow_ups != 1)))
        g_error ("Customer %" G_GINT64_FORMAT " was reported saved%s, but the database holds "
                 "%" G_GINT64_FORMAT " customer rows, %" G_GINT64_FORMAT " phones, "
                 "%" G_GINT64_FORMAT " tags, %" G_GINT64_FORMAT " visits and "
                 "%" G_GINT64_FORMAT " follow-ups for it",
                 id, saved == SAVED_VISIT ? " with a visit and a follow-up" : "",
                 customers, phones, tags, visits, follow_ups);
    }

  sqlite3_finalize (stmt);
}

static void
check_with_sqlite (const char *db_path,
                   GArray     *customers,
                   GArray     *visits,
                   guint       customers_from,
                   guint       visits_from)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc != SQLITE_OK)
    g_error ("Could not open %s after the kill: %s", db_path, sqlite3_errmsg (db));
  sqlite3_busy_timeout (db, 5000);

  check_integrity (db);
  check_all_or_nothing (db);
  check_reported (db, customers, customers_from, SAVED_CUSTOMER);
  check_reported (db, visits, visits_from, SAVED_VISIT);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The store itself still opens the file, for writing, and sees it all. */
static void
check_store_opens (const char *db_path,
                   GArray     *customers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (db_path, &error);
  g_autoptr(RegCustomer) last = NULL;
  gint64 last_id;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (reg_store_is_read_only (store));
  g_assert_cmpuint (reg_store_count_customers (store), >=, customers->len);

  g_assert_cmpuint (customers->len, >, 0);
  last_id = g_array_index (customers, gint64, customers->len - 1);
  last = reg_store_get_customer (store, last_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (last);
  g_assert_true (g_str_has_prefix (reg_customer_get_display_name (last), "Writer "));
  g_assert_cmpuint (reg_customer_get_phones (last)->len, ==, 1);
}

/* The test ---------------------------------------------------------------- */

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value = 0;

  if (text == NULL || *text == '\0')
    return fallback;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL))
    g_error ("%s must be a number, not “%s”", name, text);
  return (guint) value;
}

static void
remove_tree (const char *dir_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      if (g_remove (path) != 0)
        g_error ("Could not remove %s: %s", path, g_strerror (errno));
    }
  g_assert_cmpint (g_rmdir (dir_path), ==, 0);
}

static void
test_sigkill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("regulars-crash-XXXXXX", &error);
  g_autofree char *db_path = NULL;
  g_autoptr(GArray) customers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) visits = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint seed = env_uint ("REG_TEST_CRASH_SEED", DEFAULT_SEED);
  guint rounds = env_uint ("REG_TEST_CRASH_ROUNDS", DEFAULT_ROUNDS);
  GRand *rand = g_rand_new_with_seed (seed);
  gint64 started = g_get_monotonic_time ();
  guint cut_lines = 0;

  g_assert_no_error (error);
  db_path = g_build_filename (dir, "regulars.db", NULL);
  g_test_message ("Seed %u (set REG_TEST_CRASH_SEED to change it), %u rounds, database %s",
                  seed, rounds, db_path);

  /* The schema, made once by the store itself. */
  {
    g_autoptr(RegStore) store = reg_store_open (db_path, &error);

    g_assert_no_error (error);
    g_assert_nonnull (store);
  }

  for (guint round = 1; round <= rounds; round++)
    {
      Writer writer = { 0 };
      guint delay_ms = (guint) g_rand_int_range (rand, MIN_DELAY_MS, MAX_DELAY_MS + 1);
      guint customers_from = customers->len, visits_from = visits->len;

      writer_start (&writer, db_path);

      /* Its first report, then a random moment later, the kill. */
      writer_read (&writer,
                   g_get_monotonic_time () + FIRST_REPORT_TIMEOUT_S * G_USEC_PER_SEC,
                   TRUE);
      if (!has_complete_line (writer.output))
        g_error ("Round %u: the writer reported nothing within %d s%s",
                 round, FIRST_REPORT_TIMEOUT_S, writer.eof ? " and ended" : "");

      writer_read (&writer, g_get_monotonic_time () + delay_ms * 1000, FALSE);
      g_subprocess_send_signal (writer.process, SIGKILL);
      g_subprocess_wait (writer.process, NULL, &error);
      g_assert_no_error (error);
      if (!g_subprocess_get_if_signaled (writer.process) ||
          g_subprocess_get_term_sig (writer.process) != SIGKILL)
        g_error ("Round %u: the writer ended by itself (status %d) before it was killed",
                 round, g_subprocess_get_status (writer.process));

      /* What it printed before it died, to the end of the pipe. */
      writer_read (&writer, g_get_monotonic_time () + 10 * G_USEC_PER_SEC, FALSE);
      g_assert_true (writer.eof);
      if (writer.output->len > 0 && writer.output->str[writer.output->len - 1] != '\n')
        cut_lines++;

      parse_reports (writer.output, customers, visits);
      g_assert_cmpuint (customers->len, >, customers_from);
      writer_clear (&writer);

      check_with_sqlite (db_path, customers, visits, customers_from, visits_from);

      if (round % REOPEN_EVERY == 0 || round == rounds)
        {
          /* Nothing reported in an earlier round went missing since. */
          check_with_sqlite (db_path, customers, visits, 0, 0);
          check_store_opens (db_path, customers);
        }
    }

  g_test_message ("%u rounds in %.1f s: %u customers and %u visits reported saved, "
                  "%u reports cut short by the kill",
                  rounds, (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC,
                  customers->len, visits->len, cut_lines);

  g_rand_free (rand);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *exe = NULL;

  /* The hidden writer mode, before GTest sees the arguments. */
  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2]);

  g_test_init (&argc, &argv, NULL);
  /* Run again from wherever the test changes to; a bare name is found on
   * PATH, as it was. */
  exe = strchr (argv[0], G_DIR_SEPARATOR) != NULL
        ? g_canonicalize_filename (argv[0], NULL) : g_strdup (argv[0]);
  self_exe = exe;

  g_test_add_func ("/store/crash-safety/sigkill", test_sigkill);

  return g_test_run ();
}
