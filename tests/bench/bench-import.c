/* bench-import.c: how fast a vCard file of 100,000 cards is imported,
 * beside plain SQLite inserting the same rows
 *
 * A program, not a test: it prints figures and ratios and asserts
 * nothing about time. Each run happens in a child process of its own, so
 * that its peak resident memory (getrusage's ru_maxrss) is its own.
 *
 *   bench-import [--quick] [--cards N] [--runs N]
 *
 * Two baselines run in the same invocation: plain sqlite3 inserting each
 * card as one row of one table, and plain sqlite3 writing the same rows
 * Regulars stores (the same tables, indexes and search index).
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

/* What Regulars stores for one card, written with plain sqlite3: the
 * same tables, indexes and trigram search index (each CREATE is the one
 * in src/store/schema/), one row per phone, email, tag, note and kept
 * vCard line, and the search document folded in C. This is "the same
 * rows" that the import writes, without parsing or checking anything. */
static const char RAW_SCHEMA[] =
  "CREATE TABLE customers (id INTEGER PRIMARY KEY,"
  "  display_name TEXT NOT NULL CHECK (length(trim(display_name)) > 0),"
  "  given_name TEXT NOT NULL DEFAULT '', family_name TEXT NOT NULL DEFAULT '',"
  "  company TEXT NOT NULL DEFAULT '', street TEXT NOT NULL DEFAULT '', locality TEXT NOT NULL DEFAULT '',"
  "  region TEXT NOT NULL DEFAULT '', postal_code TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '',"
  "  birthday TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT 'current' CHECK (kind IN ('prospect', 'current', 'former')),"
  "  internal INTEGER NOT NULL DEFAULT 0, vip INTEGER NOT NULL DEFAULT 0, owner_id INTEGER,"
  "  consent INTEGER NOT NULL DEFAULT 0, consent_at INTEGER, created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL, last_contact_at INTEGER, deleted_at INTEGER,"
  "  name_key TEXT NOT NULL, family_key TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX customers_by_name ON customers (name_key, id) WHERE deleted_at IS NULL;"
  "CREATE INDEX customers_by_family ON customers (family_key, name_key, id) WHERE deleted_at IS NULL;"
  "CREATE INDEX customers_by_last_contact ON customers (last_contact_at, id) WHERE deleted_at IS NULL;"
  "CREATE INDEX customers_by_owner ON customers (owner_id) WHERE deleted_at IS NULL;"
  "CREATE TABLE customer_contacts (id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('phone', 'email')), position INTEGER NOT NULL,"
  "  label TEXT NOT NULL DEFAULT '', value TEXT NOT NULL CHECK (length(trim(value)) > 0));"
  "CREATE INDEX customer_contacts_by_customer ON customer_contacts (customer_id, kind, position);"
  "CREATE INDEX customer_contacts_by_value ON customer_contacts (kind, value);"
  "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE);"
  "CREATE TABLE customer_tags (customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (customer_id, tag_id)) WITHOUT ROWID;"
  "CREATE INDEX customer_tags_by_tag ON customer_tags (tag_id, customer_id);"
  "CREATE TABLE crib_notes (id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, text TEXT NOT NULL, created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL, deleted_at INTEGER);"
  "CREATE INDEX crib_notes_by_customer ON crib_notes (customer_id, position);"
  "CREATE TABLE customer_vcard_extras (id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, line TEXT NOT NULL);"
  "CREATE INDEX customer_vcard_extras_by_customer ON customer_vcard_extras (customer_id, position);"
  "CREATE VIRTUAL TABLE customer_search USING fts5 (fields, notes, visits, tokenize = 'trigram', columnsize = 0);";

/* Lower case without accents, as the store folds text for searching. */
static char *
fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_combining_class (c) == 0)
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

static gboolean
step_reset (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

static guint
raw_same_rows (const char *db_path,
               guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) tag_ids = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3 *db = bench_raw_open (db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &error);
  sqlite3_stmt *customer, *contact, *tag, *tag_id, *tag_link, *note, *extra, *search;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);
  bench_raw_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", &error);
  g_assert_no_error (error);
  bench_raw_exec (db, RAW_SCHEMA, &error);
  g_assert_no_error (error);
  customer = bench_raw_prepare (db,
                                "INSERT INTO customers (display_name, given_name, family_name, company, street,"
                                " locality, postal_code, country, birthday, created_at, updated_at, name_key, family_key)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12)", &error);
  contact = bench_raw_prepare (db,
                               "INSERT INTO customer_contacts (customer_id, kind, position, label, value)"
                               " VALUES (?1, ?2, 0, ?3, ?4)", &error);
  tag = bench_raw_prepare (db, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", &error);
  tag_id = bench_raw_prepare (db, "SELECT id FROM tags WHERE name = ?1", &error);
  tag_link = bench_raw_prepare (db, "INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) VALUES (?1, ?2)", &error);
  note = bench_raw_prepare (db,
                            "INSERT INTO crib_notes (customer_id, position, text, created_at, updated_at)"
                            " VALUES (?1, 0, ?2, ?3, ?3)", &error);
  extra = bench_raw_prepare (db,
                             "INSERT INTO customer_vcard_extras (customer_id, position, line) VALUES (?1, 0, ?2)",
                             &error);
  search = bench_raw_prepare (db,
                              "INSERT INTO customer_search (rowid, fields, notes, visits) VALUES (?1, ?2, ?3, '')",
                              &error);
  g_assert_no_error (error);

  bench_raw_exec (db, "BEGIN IMMEDIATE", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name_key = NULL, *family_key = NULL, *fields = NULL, *notes_text = NULL;
      g_autofree char *uid_line = NULL;
      Person p;
      gint64 id, tid;

      person_at (i, &p);
      name_key = fold (p.display);
      family_key = fold (p.family);
      sqlite3_bind_text (customer, 1, p.display, -1, SQLITE_STATIC);
      sqlite3_bind_text (customer, 2, p.given, -1, SQLITE_STATIC);
      sqlite3_bind_text (customer, 3, p.family, -1, SQLITE_STATIC);
      sqlite3_bind_text (customer, 4, p.company, -1, SQLITE_STATIC);
      sqlite3_bind_text (customer, 5, p.street, -1, SQLITE_STATIC);
      sqlite3_bind_text (customer, 6, p.locality, -1, SQLITE_STATIC);
      sqlite3_bind_text (customer, 7, p.postal_code, -1, SQLITE_STATIC);
      sqlite3_bind_text (customer, 8, "United Kingdom", -1, SQLITE_STATIC);
      sqlite3_bind_text (customer, 9, p.birthday, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (customer, 10, now);
      sqlite3_bind_text (customer, 11, name_key, -1, SQLITE_STATIC);
      sqlite3_bind_text (customer, 12, family_key, -1, SQLITE_STATIC);
      g_assert (step_reset (customer));
      id = sqlite3_last_insert_rowid (db);

      sqlite3_bind_int64 (contact, 1, id);
      sqlite3_bind_text (contact, 2, "phone", -1, SQLITE_STATIC);
      sqlite3_bind_text (contact, 3, "mobile", -1, SQLITE_STATIC);
      sqlite3_bind_text (contact, 4, p.phone, -1, SQLITE_STATIC);
      g_assert (step_reset (contact));
      sqlite3_bind_text (contact, 2, "email", -1, SQLITE_STATIC);
      sqlite3_bind_text (contact, 3, "home", -1, SQLITE_STATIC);
      sqlite3_bind_text (contact, 4, p.email, -1, SQLITE_STATIC);
      g_assert (step_reset (contact));

      /* Tag ids are looked up once, as the store does. */
      if (!(tid = GPOINTER_TO_SIZE (g_hash_table_lookup (tag_ids, p.tag))))
        {
          sqlite3_bind_text (tag, 1, p.tag, -1, SQLITE_STATIC);
          g_assert (step_reset (tag));
          sqlite3_bind_text (tag_id, 1, p.tag, -1, SQLITE_STATIC);
          g_assert (sqlite3_step (tag_id) == SQLITE_ROW);
          tid = sqlite3_column_int64 (tag_id, 0);
          sqlite3_reset (tag_id);
          g_hash_table_insert (tag_ids, (gpointer) p.tag, GSIZE_TO_POINTER (tid));
        }
      sqlite3_bind_int64 (tag_link, 1, id);
      sqlite3_bind_int64 (tag_link, 2, tid);
      g_assert (step_reset (tag_link));

      sqlite3_bind_int64 (note, 1, id);
      sqlite3_bind_text (note, 2, p.note, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (note, 3, now);
      g_assert (step_reset (note));

      uid_line = g_strconcat ("UID:", p.uid, NULL);
      sqlite3_bind_int64 (extra, 1, id);
      sqlite3_bind_text (extra, 2, uid_line, -1, SQLITE_STATIC);
      g_assert (step_reset (extra));

      {
        g_autofree char *raw_fields = g_strjoin (" ", p.display, p.given, p.family, p.company, p.locality,
                                                 p.phone, p.email, p.phone, p.tag, NULL);
        fields = fold (raw_fields);
      }
      notes_text = fold (p.note);
      sqlite3_bind_int64 (search, 1, id);
      sqlite3_bind_text (search, 2, fields, -1, SQLITE_STATIC);
      sqlite3_bind_text (search, 3, notes_text, -1, SQLITE_STATIC);
      g_assert (step_reset (search));
    }
  bench_raw_exec (db, "COMMIT", &error);
  g_assert_no_error (error);
  sqlite3_finalize (customer);
  sqlite3_finalize (contact);
  sqlite3_finalize (tag);
  sqlite3_finalize (tag_id);
  sqlite3_finalize (tag_link);
  sqlite3_finalize (note);
  sqlite3_finalize (extra);
  sqlite3_finalize (search);
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
typedef enum
{
  RUN_RAW_ONE_TABLE,
  RUN_RAW_SAME_ROWS,
  RUN_IMPORT,
} RunKind;

static RunFigures
run_in_child (RunKind     kind,
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
      static const char * const names[] = { "raw", "raw-same", "regulars" };
      g_autofree char *name = g_strdup_printf ("%s-%u.db", names[kind], run);
      g_autofree char *db_path = g_build_filename (dir, name, NULL);
      struct rusage usage;
      gint64 start;

      close (fds[0]);
      start = g_get_monotonic_time ();
      figures.rows = kind == RUN_RAW_ONE_TABLE ? raw_insert (db_path, n)
                   : kind == RUN_RAW_SAME_ROWS ? raw_same_rows (db_path, n)
                   : regulars_import (db_path, vcf_path);
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
  g_autoptr(GArray) same_rates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) same_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_rss = g_array_new (FALSE, FALSE, sizeof (double));
  struct stat st;
  double raw_rate, same_rate, import_rate, ratio, same_ratio;

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
      RunFigures raw = run_in_child (RUN_RAW_ONE_TABLE, dir, vcf_path, (guint) cards, (guint) r);
      RunFigures same = run_in_child (RUN_RAW_SAME_ROWS, dir, vcf_path, (guint) cards, (guint) r);
      RunFigures import = run_in_child (RUN_IMPORT, dir, vcf_path, (guint) cards, (guint) r);
      double v;

      v = cards / raw.seconds;
      g_array_append_val (raw_rates, v);
      v = cards / same.seconds;
      g_array_append_val (same_rates, v);
      v = same.max_rss_kb / 1024.0;
      g_array_append_val (same_rss, v);
      v = cards / import.seconds;
      g_array_append_val (import_rates, v);
      v = raw.max_rss_kb / 1024.0;
      g_array_append_val (raw_rss, v);
      v = import.max_rss_kb / 1024.0;
      g_array_append_val (import_rss, v);
      g_print ("  run %d: raw, one table %.2f s; raw, same rows %.2f s; import %.2f s\n",
               r + 1, raw.seconds, same.seconds, import.seconds);
    }

  raw_rate = median (raw_rates);
  same_rate = median (same_rates);
  import_rate = median (import_rates);
  ratio = import_rate / raw_rate;
  same_ratio = import_rate / same_rate;
  g_print ("raw sqlite3, one plain table:                          %8.0f rows/s   peak RSS %6.1f MB\n",
           raw_rate, median (raw_rss));
  g_print ("%-54s %8.0f cards/s  peak RSS %6.1f MB\n", "raw sqlite3, the same rows, indexes and search index:",
           same_rate, median (same_rss));
  g_print ("%-54s %8.0f cards/s  peak RSS %6.1f MB\n", "reg_vcard_import (read, parse, check, store, index):",
           import_rate, median (import_rss));
  g_print ("ratio import / raw, same rows: %.2f× (target ≥ %.1f×) %s\n",
           same_ratio, TARGET_RATIO, same_ratio >= TARGET_RATIO ? "met" : "missed");
  g_print ("ratio import / raw, one table: %.2f× (target ≥ %.1f×) %s\n",
           ratio, TARGET_RATIO, ratio >= TARGET_RATIO ? "met" : "missed");

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
