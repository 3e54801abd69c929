/* bench-import.c: how fast a vCard file of 100,000 cards is imported,
 * beside plain SQLite inserting the same rows
 *
 * A program, not a test: it prints figures and ratios and asserts
 * nothing about time. Each run happens in a child process of its own, so
 * that its peak resident memory (getrusage's ru_maxrss) is its own.
 *
 *   bench-import [--quick] [--cards N] [--runs N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-util.h"
#include "exchange/reg-vcard.h"

#define TARGET_RATIO 0.5

static const char * const given_names[] = {
  "Anna", "James", "Olivia", "Mohammed", "Sofía", "Mateo", "Zoë", "Liam", "Chloé", "Łukasz",
  "Hiroshi", "Priya", "Kwame", "Siobhán", "Björn", "Inês", "Giulia", "Elif", "Dmitri", "Leila",
};
static const char * const family_names[] = {
  "Smith", "Müller", "García", "Rossi", "Dubois", "Kowalski", "Sato", "Wang", "Sharma", "Okafor",
  "Nguyễn", "O'Brien", "Andersson", "Silva", "Yılmaz", "Ivanov", "Cohen", "Kim", "Novák", "Berg",
};
static const char * const companies[] = {
  "", "", "Harbour Bakery", "Greenleaf Florists", "Café Lumière", "Müller & Söhne", "Atlas Logistics",
};
static const char * const localities[] = { "Bristol", "Leeds", "Köln", "Kraków", "Porto", "Lyon" };
static const char * const tags[] = { "wholesale", "newsletter", "loyalty card", "gluten-free", "delivery" };
static const char * const notes[] = {
  "Hates being called before 10", "Allergic to nuts", "Prefers email to phone", "Always pays cash",
};

/* One made-up customer, the same for the same @i. */
typedef struct
{
  char        display[96];
  const char *given;
  const char *family;
  const char *company;
  char        phone[32];
  char        email[96];
  char        street[64];
  const char *locality;
  char        postal_code[16];
  char        birthday[16];
  const char *tag;
  const char *note;
  char        uid[64];
} Person;

static void
person_at (guint   i,
           Person *p)
{
  guint32 h = i * 2654435761u;

  p->given = given_names[h % G_N_ELEMENTS (given_names)];
  p->family = family_names[(h >> 8) % G_N_ELEMENTS (family_names)];
  p->company = companies[(h >> 16) % G_N_ELEMENTS (companies)];
  g_snprintf (p->display, sizeof p->display, "%s %s", p->given, p->family);
  g_snprintf (p->phone, sizeof p->phone, "+44 7700 %06u", i);
  g_snprintf (p->email, sizeof p->email, "customer%u@example.com", i);
  g_snprintf (p->street, sizeof p->street, "%u High Street", 1 + (h >> 4) % 200);
  p->locality = localities[(h >> 12) % G_N_ELEMENTS (localities)];
  g_snprintf (p->postal_code, sizeof p->postal_code, "BS%u %uAB", 1 + (h >> 3) % 40, (h >> 5) % 10);
  g_snprintf (p->birthday, sizeof p->birthday, "19%02u-%02u-%02u", 40 + (h >> 7) % 60, 1 + (h >> 9) % 12,
              1 + (h >> 11) % 28);
  p->tag = tags[(h >> 20) % G_N_ELEMENTS (tags)];
  p->note = notes[(h >> 24) % G_N_ELEMENTS (notes)];
  g_snprintf (p->uid, sizeof p->uid, "urn:uuid:00000000-0000-4000-8000-%012u", i);
}

static void
write_cards (const char *path,
             guint       n)
{
  FILE *file = g_fopen (path, "wb");

  g_assert (file != NULL);
  for (guint i = 0; i < n; i++)
    {
      Person p;

      person_at (i, &p);
      fprintf (file,
               "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:%s\r\nFN:%s\r\nN:%s;%s;;;\r\n",
               p.uid, p.display, p.family, p.given);
      if (*p.company)
        fprintf (file, "ORG:%s\r\n", p.company);
      fprintf (file,
               "TEL;TYPE=CELL:%s\r\nEMAIL;TYPE=INTERNET,HOME:%s\r\n"
               "ADR;TYPE=HOME:;;%s;%s;;%s;United Kingdom\r\nBDAY:%s\r\n"
               "CATEGORIES:%s\r\nNOTE:%s\r\nEND:VCARD\r\n",
               p.phone, p.email, p.street, p.locality, p.postal_code, p.birthday, p.tag, p.note);
    }
  g_assert (fclose (file) == 0);
}

typedef struct
{
  double seconds;
  long   max_rss_kb;
  guint  rows;
} RunFigures;

/* The baseline: the same customers, from memory rather than a file,
 * into one plain table with the same columns, in one transaction. */
static guint
raw_insert (const char *db_path,
            guint       n)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = bench_raw_open (db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error);
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  /* The store's own settings, so that the ratio compares work done. */
  bench_raw_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", &error);
  g_assert_no_error (error);
  bench_raw_exec (db,
                  "CREATE TABLE customers (id INTEGER PRIMARY KEY, display_name TEXT, given_name TEXT,"
                  " family_name TEXT, company TEXT, phone TEXT, email TEXT, street TEXT, locality TEXT,"
                  " postal_code TEXT, country TEXT, birthday TEXT, tag TEXT, note TEXT, uid TEXT)",
                  &error);
  g_assert_no_error (error);
  stmt = bench_raw_prepare (db,
                            "INSERT INTO customers (display_name, given_name, family_name, company, phone,"
                            " email, street, locality, postal_code, country, birthday, tag, note, uid)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                            &error);
  g_assert_no_error (error);
  bench_raw_exec (db, "BEGIN IMMEDIATE", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      Person p;

      person_at (i, &p);
      sqlite3_bind_text (stmt, 1, p.display, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, p.given, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, p.family, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, p.company, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, p.phone, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, p.email, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, p.street, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, p.locality, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, p.postal_code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, "United Kingdom", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11, p.birthday, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 12, p.tag, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 13, p.note, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 14, p.uid, -1, SQLITE_STATIC);
      g_assert (sqlite3_step (stmt) == SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  bench_raw_exec (db, "COMMIT", &error);
  g_assert_no_error (error);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* --verbose: peak memory as the import goes, on stderr */
static gboolean verbose;

static void
import_progress (guint64  bytes_read,
                 guint64  bytes_total,
                 guint    cards,
                 gpointer user_data)
{
  struct rusage usage;

  if (!verbose || cards % 10000 != 0)
    return;
  getrusage (RUSAGE_SELF, &usage);
  g_printerr ("    %6u cards, %5.1f%% of the file, peak RSS %.1f MB\n",
              cards, 100.0 * bytes_read / MAX (bytes_total, 1), usage.ru_maxrss / 1024.0);
}

static guint
regulars_import (const char *db_path,
                 const char *vcf_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (db_path, &error);
  RegVcardImportOptions options = { .progress = import_progress };
  RegVcardImportResult result;
  guint imported;

  g_assert_no_error (error);
  if (!reg_vcard_import (store, vcf_path, &options, &result, NULL, &error))
    g_error ("Import failed: %s", error->message);
  imported = result.imported;
  reg_vcard_import_result_clear (&result);
  return imported;
}

/* Runs @what in a child process: its time and its own peak memory. */
static RunFigures
run_in_child (gboolean    raw,
              const char *dir,
              const char *vcf_path,
              guint       n,
              guint       run)
{
  RunFigures figures = { 0 };
  int fds[2];
  pid_t pid;
  int status;

  g_assert (pipe (fds) == 0);
  fflush (stdout);
  pid = fork ();
  g_assert (pid >= 0);
  if (pid == 0)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.db", raw ? "raw" : "regulars", run);
      g_autofree char *db_path = g_build_filename (dir, name, NULL);
      struct rusage usage;
      gint64 start;

      close (fds[0]);
      start = g_get_monotonic_time ();
      figures.rows = raw ? raw_insert (db_path, n) : regulars_import (db_path, vcf_path);
      figures.seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      getrusage (RUSAGE_SELF, &usage);
      figures.max_rss_kb = usage.ru_maxrss;
      g_assert (write (fds[1], &figures, sizeof figures) == sizeof figures);
      _exit (0);
    }
  close (fds[1]);
  g_assert (read (fds[0], &figures, sizeof figures) == sizeof figures);
  close (fds[0]);
  g_assert (waitpid (pid, &status, 0) == pid && WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert (figures.rows == n);
  return figures;
}

static double
median (GArray *values)
{
  return bench_percentile (values, 50);
}

int
main (int   argc,
      char *argv[])
{
  gboolean quick = FALSE;
  int cards = 0;
  int runs = 3;
  GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, "10,000 cards instead of 100,000", NULL },
    { "cards", 0, 0, G_OPTION_ARG_INT, &cards, "How many cards", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each, for the medians (3)", "N" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Peak memory as the import goes", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time a vCard import");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *vcf_path = NULL;
  g_autoptr(GArray) raw_rates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_rates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_rss = g_array_new (FALSE, FALSE, sizeof (double));
  struct stat st;
  double raw_rate, import_rate, ratio;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (cards <= 0)
    cards = quick ? 10000 : 100000;
  runs = MAX (runs, 1);

  dir = g_dir_make_tmp ("regulars-bench-import-XXXXXX", &error);
  g_assert_no_error (error);
  vcf_path = g_build_filename (dir, "customers.vcf", NULL);
  write_cards (vcf_path, (guint) cards);
  g_stat (vcf_path, &st);
  g_print ("%d vCards, %.1f MB, %d runs each (medians)\n", cards, st.st_size / 1e6, runs);

  for (int r = 0; r < runs; r++)
    {
      RunFigures raw = run_in_child (TRUE, dir, vcf_path, (guint) cards, (guint) r);
      RunFigures import = run_in_child (FALSE, dir, vcf_path, (guint) cards, (guint) r);
      double v;

      v = cards / raw.seconds;
      g_array_append_val (raw_rates, v);
      v = cards / import.seconds;
      g_array_append_val (import_rates, v);
      v = raw.max_rss_kb / 1024.0;
      g_array_append_val (raw_rss, v);
      v = import.max_rss_kb / 1024.0;
      g_array_append_val (import_rss, v);
      g_print ("  run %d: raw %.2f s, import %.2f s\n", r + 1, raw.seconds, import.seconds);
    }

  raw_rate = median (raw_rates);
  import_rate = median (import_rates);
  ratio = import_rate / raw_rate;
  g_print ("raw sqlite3 INSERT (one table, one transaction): %8.0f rows/s   peak RSS %6.1f MB\n",
           raw_rate, median (raw_rss));
  g_print ("reg_vcard_import (parse, check, index):          %8.0f cards/s  peak RSS %6.1f MB\n",
           import_rate, median (import_rss));
  g_print ("ratio import / raw: %.2f× (target ≥ %.1f×) %s\n",
           ratio, TARGET_RATIO, ratio >= TARGET_RATIO ? "OK" : "BELOW TARGET");

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);
        g_unlink (child);
      }
    g_rmdir (dir);
  }
  return 0;
}
