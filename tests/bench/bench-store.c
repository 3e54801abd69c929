/* bench-store.c: how fast the store opens, searches and reads the
 * customer list, beside plain SQLite doing the same work
 *
 * A program, not a test: it prints figures and ratios and asserts
 * nothing about time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "bench-util.h"
#include "store/reg-store.h"

#define REGULARS_APPLICATION_ID 1380271955   /* "REGS", as the schema sets it */
#define NAME_SAMPLE_SIZE 1000
#define FIRST_PAGE 32
#define SEARCH_TARGET_MS 16.0
#define SEARCH_TARGET_RATIO 3.0

/* The raw connection's cache, the size the store sets for its own, so
 * that the ratios compare queries rather than cache settings. */
#define RAW_CACHE_PRAGMA "PRAGMA cache_size = -4096"

static const char SQL_RAW_COUNT[] =
  "SELECT count(*) FROM customers";
static const char SQL_RAW_NAME_SAMPLE[] =
  "SELECT name_key FROM customers WHERE deleted_at IS NULL AND id % ?1 = 0 ORDER BY id LIMIT ?2";
static const char SQL_RAW_PREFIX[] =
  "SELECT id FROM customers WHERE deleted_at IS NULL AND name_key >= ?1 AND name_key < ?2"
  " ORDER BY name_key, id";
static const char SQL_RAW_MATCH[] =
  "SELECT c.id FROM customers c WHERE c.deleted_at IS NULL"
  " AND c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?1)"
  " ORDER BY c.name_key, c.id";
static const char SQL_RAW_KINDS[] =
  "SELECT kind, count(*) FROM customers WHERE deleted_at IS NULL GROUP BY kind";

static const char SQL_RAW_ALL[] =
  "SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY name_key, id";

/* --verbose: each search on its own line, on stderr */
static gboolean verbose;

typedef struct
{
  int    n_customers;
  int    visits_per_customer;
  int    runs;
  char  *db_path;
} Options;

/* ------------------------------------------------------------------ */
/* Figures                                                              */

static double
ms_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}


static void
print_row (const char *name,
           const char *median,
           const char *p95,
           const char *baseline,
           const char *ratio,
           const char *target)
{
  g_autofree char *line = g_strdup_printf ("%-34s %12s %12s %12s %8s  %s", name, median, p95,
                                           baseline, ratio, target);

  g_print ("%s\n", g_strchomp (line));
}

static char *
format_ms (double ms)
{
  return g_strdup_printf ("%.2f ms", ms);
}

/* A timed figure, with its baseline when there is one (@baseline < 0:
 * none). */
static void
print_figure (const char *name,
              BenchFigure      figure,
              double      baseline,
              const char *target)
{
  g_autofree char *median = format_ms (figure.median);
  g_autofree char *p95 = format_ms (figure.p95);
  g_autofree char *base = baseline >= 0 ? format_ms (baseline) : g_strdup ("-");
  g_autofree char *ratio = baseline > 0 ? g_strdup_printf ("%.2fx", figure.median / baseline)
                                        : g_strdup ("-");

  print_row (name, median, p95, base, ratio, target ? target : "");
}

/* ------------------------------------------------------------------ */
/* Plain SQLite, for the baselines                                      */

static gboolean
raw_query_int64 (sqlite3     *db,
                 const char  *sql,
                 gint64      *out,
                 GError     **error)
{
  sqlite3_stmt *stmt = bench_raw_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    return bench_raw_error (db, rc, sql, error);
  return TRUE;
}

/* Steps @stmt to its end, adding the ids of its first column to @ids. */
static gboolean
raw_collect_ids (sqlite3       *db,
                 sqlite3_stmt  *stmt,
                 GArray        *ids,
                 GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    return bench_raw_error (db, rc, "Could not read the ids", error);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The profile database                                                 */

static gboolean
remove_database (const char  *path,
                 GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "Could not remove '%s': %s", file, g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}

/* How many customers the file at @path holds: -1 when it is empty, so
 * that it can be made again. A file that is some other database is an
 * error: it is not ours to replace. */
static gboolean
count_profile_customers (const char  *path,
                         gint64      *count,
                         GError     **error)
{
  sqlite3 *db = bench_raw_open (path, SQLITE_OPEN_READONLY, error);
  gint64 application_id = 0, n_objects = 0;
  gboolean ok;

  if (db == NULL)
    return FALSE;

  ok = raw_query_int64 (db, "PRAGMA application_id", &application_id, error) &&
       raw_query_int64 (db, "SELECT count(*) FROM sqlite_schema", &n_objects, error);
  if (ok && application_id != REGULARS_APPLICATION_ID)
    {
      if (n_objects == 0)
        *count = -1;
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "'%s' is a database, but not one of Regulars; it was left as it is", path);
          ok = FALSE;
        }
    }
  else if (ok)
    ok = raw_query_int64 (db, SQL_RAW_COUNT, count, error);

  sqlite3_close (db);
  if (!ok)
    g_prefix_error (error, "Could not read '%s': ", path);
  return ok;
}

/* Makes the profile unless a file with @n_customers is there already.
 * *@fill_ms is how long the sample data took, or -1 when cached. */
static gboolean
ensure_profile (const char  *path,
                gboolean     may_replace,
                guint        n_customers,
                guint        visits_per_customer,
                double      *fill_ms,
                GError     **error)
{
  g_autoptr(RegStore) store = NULL;
  gint64 start;

  *fill_ms = -1;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      gint64 count = -1;

      if (!count_profile_customers (path, &count, error))
        return FALSE;
      if (count == (gint64) n_customers)
        return TRUE;

      /* Only the benchmark's own cached profiles are made again; a file
       * named with --db may be someone's real customers. */
      if (count >= 0 && !may_replace)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       "'%s' holds %" G_GINT64_FORMAT " customers, not %u; it was left as it is "
                       "(name a new file with --db)", path, count, n_customers);
          return FALSE;
        }
      if (count >= 0)
        g_print ("bench-store: '%s' holds %" G_GINT64_FORMAT " customers, not %u: making it again\n",
                 path, count, n_customers);
      if (!remove_database (path, error))
        return FALSE;
    }

  g_print ("bench-store: making sample data: %u customers, about %u visits each\n",
           n_customers, visits_per_customer);

  if (!(store = reg_store_open (path, error)))
    return FALSE;

  start = g_get_monotonic_time ();
  if (!reg_store_fill_sample_data (store, n_customers, visits_per_customer, 1, NULL, error))
    return FALSE;
  *fill_ms = ms_since (start);

  return TRUE;
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return 0;
  return (gint64) buf.st_size;
}

/* ------------------------------------------------------------------ */
/* Opening                                                              */

static gboolean
time_raw_open (const char  *path,
               GArray      *samples,
               GError     **error)
{
  gint64 start = g_get_monotonic_time ();
  sqlite3 *db = bench_raw_open (path, SQLITE_OPEN_READWRITE, error);
  gint64 count = 0;
  double ms;

  if (db == NULL)
    return FALSE;
  if (!raw_query_int64 (db, SQL_RAW_COUNT, &count, error))
    {
      sqlite3_close (db);
      return FALSE;
    }
  ms = ms_since (start);
  g_array_append_val (samples, ms);

  sqlite3_close (db);
  return TRUE;
}

static gboolean
time_store_open (const char  *path,
                 guint        n_customers,
                 GArray      *samples,
                 GError     **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(RegStore) store = reg_store_open (path, error);
  guint count;
  double ms;

  if (store == NULL)
    return FALSE;
  count = reg_store_count_customers (store);
  ms = ms_since (start);
  g_array_append_val (samples, ms);

  if (count != n_customers)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "The store counts %u customers in '%s', not %u", count, path, n_customers);
      return FALSE;
    }
  return TRUE;
}

static gboolean
bench_open (const char  *path,
            guint        n_customers,
            guint        runs,
            GError     **error)
{
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  BenchFigure store, raw;

  /* Taking turns, so that neither always finds the file warmer. */
  for (guint run = 0; run < runs; run++)
    {
      if (run % 2 == 0)
        {
          if (!time_store_open (path, n_customers, store_ms, error) ||
              !time_raw_open (path, raw_ms, error))
            return FALSE;
        }
      else
        {
          if (!time_raw_open (path, raw_ms, error) ||
              !time_store_open (path, n_customers, store_ms, error))
            return FALSE;
        }
    }

  store = bench_summarize (store_ms);
  raw = bench_summarize (raw_ms);
  print_figure ("open + count", store, raw.median, NULL);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Search                                                               */

/* Folded names from across the table, to cut search fragments from. */
static GPtrArray *
sample_name_keys (sqlite3     *db,
                  guint        n_customers,
                  GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = bench_raw_prepare (db, SQL_RAW_NAME_SAMPLE, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, MAX (1, n_customers / NAME_SAMPLE_SIZE));
  sqlite3_bind_int (stmt, 2, NAME_SAMPLE_SIZE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      bench_raw_error (db, rc, "Could not read names", error);
      return NULL;
    }
  if (names->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "There are no names to search for");
      return NULL;
    }
  return g_steal_pointer (&names);
}

/* @n_chars characters from a random place in a random name, without
 * spaces, lower-case. */
static char *
draw_fragment (GRand      *rng,
               GPtrArray  *names,
               guint       n_chars,
               GError    **error)
{
  for (guint attempt = 0; attempt < 100000; attempt++)
    {
      const char *name = g_ptr_array_index (names, g_rand_int_range (rng, 0, (gint32) names->len));
      glong length = g_utf8_strlen (name, -1);
      g_autofree char *fragment = NULL;
      const char *first, *end;

      if (length < (glong) n_chars)
        continue;

      first = g_utf8_offset_to_pointer (name, g_rand_int_range (rng, 0, (gint32) (length - n_chars + 1)));
      end = g_utf8_offset_to_pointer (first, n_chars);
      fragment = g_strndup (first, end - first);
      if (strchr (fragment, ' ') != NULL)
        continue;

      return g_utf8_casefold (fragment, -1);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               "Found no %u-character fragment without a space in the names", n_chars);
  return NULL;
}

/* "fragment", with any " doubled: one FTS5 phrase. */
static char *
fts_phrase (const char *fragment)
{
  GString *phrase = g_string_new ("\"");

  for (const char *p = fragment; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (phrase, '"');
      g_string_append_c (phrase, *p);
    }
  g_string_append_c (phrase, '"');
  return g_string_free (phrase, FALSE);
}

typedef struct
{
  sqlite3       *db;
  sqlite3_stmt  *prefix;
  sqlite3_stmt  *match;
  sqlite3_stmt  *all;
} Raw;

static gboolean
time_store_search (RegStore    *store,
                   const char  *fragment,
                   GArray      *samples,
                   guint64     *n_ids,
                   GError     **error)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GArray) ids = NULL;
  gint64 start;
  double ms;

  query->search = g_strdup (fragment);

  start = g_get_monotonic_time ();
  ids = reg_store_query_customer_ids (store, query, error);
  ms = ms_since (start);
  if (ids == NULL)
    return FALSE;

  if (samples != NULL)
    {
      g_array_append_val (samples, ms);
      *n_ids += ids->len;
    }
  return TRUE;
}

static gboolean
time_raw_search (Raw         *raw,
                 const char  *fragment,
                 guint        n_chars,
                 GArray      *samples,
                 guint64     *n_ids,
                 GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *phrase = NULL;
  sqlite3_stmt *stmt;
  gint64 start;
  double ms;

  if (n_chars < 3)
    {
      stmt = raw->prefix;
      upper = g_strconcat (fragment, "\xf4\x8f\xbf\xbf", NULL);
    }
  else
    {
      stmt = raw->match;
      phrase = fts_phrase (fragment);
    }

  start = g_get_monotonic_time ();
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (upper != NULL)
    {
      sqlite3_bind_text (stmt, 1, fragment, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
    }
  else
    sqlite3_bind_text (stmt, 1, phrase, -1, SQLITE_STATIC);
  if (!raw_collect_ids (raw->db, stmt, ids, error))
    return FALSE;
  ms = ms_since (start);

  if (samples != NULL)
    {
      g_array_append_val (samples, ms);
      *n_ids += ids->len;
    }
  return TRUE;
}

static gboolean
bench_search (RegStore  *store,
              Raw       *raw,
              GPtrArray *names,
              GRand     *rng,
              guint      n_chars,
              guint      runs,
              GError   **error)
{
  g_autoptr(GPtrArray) fragments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *store_avg = NULL;
  g_autofree char *raw_avg = NULL;
  guint64 store_ids = 0, raw_ids = 0;
  BenchFigure store_figure, raw_figure;
  double ratio;

  /* One more than the runs: the first warms both up, unmeasured, so
   * that preparing the store's statements is not counted. */
  for (guint i = 0; i <= runs; i++)
    {
      char *fragment = draw_fragment (rng, names, n_chars, error);

      if (fragment == NULL)
        return FALSE;
      g_ptr_array_add (fragments, fragment);
    }

  if (!time_store_search (store, g_ptr_array_index (fragments, 0), NULL, NULL, error) ||
      !time_raw_search (raw, g_ptr_array_index (fragments, 0), n_chars, NULL, NULL, error))
    return FALSE;

  for (guint run = 0; run < runs; run++)
    {
      const char *fragment = g_ptr_array_index (fragments, run + 1);
      guint64 store_before = store_ids, raw_before = raw_ids;

      if (run % 2 == 0)
        {
          if (!time_store_search (store, fragment, store_ms, &store_ids, error) ||
              !time_raw_search (raw, fragment, n_chars, raw_ms, &raw_ids, error))
            return FALSE;
        }
      else
        {
          if (!time_raw_search (raw, fragment, n_chars, raw_ms, &raw_ids, error) ||
              !time_store_search (store, fragment, store_ms, &store_ids, error))
            return FALSE;
        }

      if (verbose)
        g_printerr ("  %-8s store %8.2f ms %6" G_GUINT64_FORMAT " ids, raw %8.2f ms %6" G_GUINT64_FORMAT " ids\n",
                    fragment, g_array_index (store_ms, double, run), store_ids - store_before,
                    g_array_index (raw_ms, double, run), raw_ids - raw_before);
    }

  store_figure = bench_summarize (store_ms);
  raw_figure = bench_summarize (raw_ms);
  ratio = raw_figure.median > 0 ? store_figure.median / raw_figure.median : INFINITY;

  name = g_strdup_printf ("search %u char%s", n_chars, n_chars == 1 ? "" : "s");
  target = g_strdup_printf ("< %.0f ms, <= %.0fx raw: %s%s%s",
                            SEARCH_TARGET_MS, SEARCH_TARGET_RATIO,
                            store_figure.median < SEARCH_TARGET_MS && ratio <= SEARCH_TARGET_RATIO ? "met" : "MISSED",
                            store_figure.median < SEARCH_TARGET_MS ? "" : " (time)",
                            ratio <= SEARCH_TARGET_RATIO ? "" : " (ratio)");
  print_figure (name, store_figure, raw_figure.median, target);

  g_free (name);
  name = g_strdup_printf ("search %u char%s, ids (mean)", n_chars, n_chars == 1 ? "" : "s");
  store_avg = g_strdup_printf ("%.1f", (double) store_ids / runs);
  raw_avg = g_strdup_printf ("%.1f", (double) raw_ids / runs);
  print_row (name, store_avg, "", raw_avg, "", "");
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The whole list, and its first page                                   */

/* All live customers in name order, as the list shows them unsearched;
 * *@all_ids gets the store's answer. */
static gboolean
bench_all_ids (RegStore  *store,
               Raw       *raw,
               guint      runs,
               GArray   **all_ids,
               GError   **error)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ids = NULL;
  BenchFigure store_figure, raw_figure;

  for (guint run = 0; run <= runs; run++)
    {
      g_autoptr(GArray) raw_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 start;
      double ms;

      g_clear_pointer (&ids, g_array_unref);
      start = g_get_monotonic_time ();
      ids = reg_store_query_customer_ids (store, query, error);
      ms = ms_since (start);
      if (ids == NULL)
        return FALSE;
      if (run > 0)   /* the first is a warm-up */
        g_array_append_val (store_ms, ms);

      start = g_get_monotonic_time ();
      if (!raw_collect_ids (raw->db, raw->all, raw_ids, error))
        return FALSE;
      ms = ms_since (start);
      if (run > 0)
        g_array_append_val (raw_ms, ms);

      if (raw_ids->len != ids->len)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "The store lists %u customers, SQLite %u", ids->len, raw_ids->len);
          return FALSE;
        }
    }

  store_figure = bench_summarize (store_ms);
  raw_figure = bench_summarize (raw_ms);
  print_figure ("all ids, by name (empty search)", store_figure, raw_figure.median, NULL);

  *all_ids = g_steal_pointer (&ids);
  return TRUE;
}

/* The first page of the list, each time from a store just opened, so
 * that no customer is alive yet. */
static gboolean
bench_first_page (const char  *path,
                  GArray      *ids,
                  guint        runs,
                  GError     **error)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *name = NULL;
  guint n = MIN (FIRST_PAGE, ids->len);

  for (guint run = 0; run <= runs; run++)
    {
      g_autoptr(RegStore) store = reg_store_open (path, error);
      g_autoptr(GPtrArray) page = NULL;
      gint64 start;
      double ms;

      if (store == NULL)
        return FALSE;

      start = g_get_monotonic_time ();
      page = reg_store_load_customers (store, (const gint64 *) (gpointer) ids->data, n, error);
      ms = ms_since (start);
      if (page == NULL)
        return FALSE;
      if (run > 0)   /* the first is a warm-up */
        g_array_append_val (samples, ms);
    }

  name = g_strdup_printf ("first page (%u customers, cold)", n);
  print_figure (name, bench_summarize (samples), -1, NULL);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The Overview                                                          */

/* Everything the Overview page reads: its figures, the first five
 * customers to win back, and twelve weeks of satisfaction. The baseline
 * is the cheapest query any such page runs, live customers counted by
 * kind through plain SQLite, so that the ratio says how many of those
 * the page costs. The target is the one a card has: the Overview opens
 * as a card does, on a click, not on every keystroke. */
static gboolean
bench_overview (RegStore  *store,
                Raw       *raw,
                guint      runs,
                GError   **error)
{
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *kinds = bench_raw_prepare (raw->db, SQL_RAW_KINDS, error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint open_cases = 0;

  if (kinds == NULL)
    return FALSE;

  for (guint run = 0; run <= runs; run++)
    {
      RegOverviewFigures figures;
      g_autoptr(GArray) weeks = NULL;
      g_autoptr(GPtrArray) first = NULL;
      gint64 start;
      double ms;
      int rc;

      start = g_get_monotonic_time ();
      if (!reg_store_get_overview (store, now, &figures, error))
        goto failed;
      open_cases = figures.open_cases;
      first = reg_store_load_customers (store, figures.win_back_ids, figures.n_win_back_ids, error);
      reg_overview_figures_clear (&figures);
      if (first == NULL || !(weeks = reg_store_satisfaction_by_week (store, now, 12, error)))
        goto failed;
      ms = ms_since (start);
      if (run > 0)   /* the first is a warm-up */
        g_array_append_val (store_ms, ms);

      start = g_get_monotonic_time ();
      while ((rc = sqlite3_step (kinds)) == SQLITE_ROW)
        ;
      sqlite3_reset (kinds);
      ms = ms_since (start);
      if (rc != SQLITE_DONE)
        {
          bench_raw_error (raw->db, rc, SQL_RAW_KINDS, error);
          goto failed;
        }
      if (run > 0)
        g_array_append_val (raw_ms, ms);
    }

  sqlite3_finalize (kinds);
  {
    g_autofree char *name = g_strdup_printf ("overview (%u open cases)", open_cases);
    print_figure (name, bench_summarize (store_ms), bench_summarize (raw_ms).median, "< 50 ms");
  }
  return TRUE;

failed:
  sqlite3_finalize (kinds);
  return FALSE;
}

/* ------------------------------------------------------------------ */

static void
raw_clear (Raw *raw)
{
  g_clear_pointer (&raw->prefix, sqlite3_finalize);
  g_clear_pointer (&raw->match, sqlite3_finalize);
  g_clear_pointer (&raw->all, sqlite3_finalize);
  g_clear_pointer (&raw->db, sqlite3_close);
}

static gboolean
bench_all (const Options  *options,
           GError        **error)
{
  guint n_customers = (guint) options->n_customers;
  guint runs = (guint) options->runs;
  g_autofree char *path = NULL;
  g_autoptr(RegStore) store = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GRand) rng = NULL;
  g_autoptr(GArray) all_ids = NULL;
  g_autofree char *fill = NULL;
  g_autofree char *size = NULL;
  Raw raw = { NULL, NULL, NULL, NULL };
  gint64 bytes;
  double fill_ms;
  gboolean ok = FALSE;

  if (options->db_path != NULL)
    path = g_strdup (options->db_path);
  else
    {
      g_autofree char *file = g_strdup_printf ("profile-%d-%d.db", options->n_customers,
                                               options->visits_per_customer);
      path = g_build_filename (g_get_user_cache_dir (), "regulars-bench", file, NULL);
    }

  g_print ("bench-store: database %s\n", path);
  g_print ("bench-store: %u customers, about %d visits each, %u runs, SQLite %s\n",
           n_customers, options->visits_per_customer, runs, sqlite3_libversion ());

  if (!ensure_profile (path, options->db_path == NULL, n_customers, (guint) options->visits_per_customer, &fill_ms, error))
    return FALSE;

  g_print ("\n");
  print_row ("figure", "median", "p95", "baseline", "ratio", "target");

  /* 1. The profile */
  fill = fill_ms >= 0 ? format_ms (fill_ms) : g_strdup ("cached");
  print_row ("sample data", fill, "", "", "", "");
  bytes = file_size (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    bytes += file_size (wal);
  }
  size = g_strdup_printf ("%.1f MiB", (double) bytes / (1024.0 * 1024.0));
  print_row ("database size", size, "", "", "", "");

  /* 2. Opening, with nothing else holding the file */
  if (!bench_open (path, n_customers, runs, error))
    return FALSE;

  /* 3. Search, the store beside a connection of its own */
  if (!(store = reg_store_open (path, error)))
    return FALSE;
  if (!(raw.db = bench_raw_open (path, SQLITE_OPEN_READWRITE, error)))
    goto out;
  if (!bench_raw_exec (raw.db, RAW_CACHE_PRAGMA, error) ||
      !(raw.prefix = bench_raw_prepare (raw.db, SQL_RAW_PREFIX, error)) ||
      !(raw.match = bench_raw_prepare (raw.db, SQL_RAW_MATCH, error)) ||
      !(raw.all = bench_raw_prepare (raw.db, SQL_RAW_ALL, error)) ||
      !(names = sample_name_keys (raw.db, n_customers, error)))
    goto out;

  rng = g_rand_new_with_seed (42);
  if (!bench_search (store, &raw, names, rng, 1, runs, error) ||
      !bench_search (store, &raw, names, rng, 3, runs, error) ||
      !bench_search (store, &raw, names, rng, 6, runs, error))
    goto out;

  /* 5. The whole list unsearched; 4. loads the first page of it */
  if (!bench_all_ids (store, &raw, runs, &all_ids, error))
    goto out;

  /* 6. The Overview page's reading */
  if (!bench_overview (store, &raw, runs, error))
    goto out;

  /* 4. Needs the store's lock, so the store above goes first */
  g_clear_object (&store);
  if (!bench_first_page (path, all_ids, runs, error))
    goto out;

  ok = TRUE;

out:
  raw_clear (&raw);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Options options = { -1, 10, -1, NULL };
  gboolean quick = FALSE;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "customers", 0, 0, G_OPTION_ARG_INT, &options.n_customers,
      "Customers in the profile (default 100000)", "N" },
    { "visits-per-customer", 0, 0, G_OPTION_ARG_INT, &options.visits_per_customer,
      "Visits per customer, on average (default 10)", "V" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &options.runs,
      "Runs per figure (default 30)", "R" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options.db_path,
      "The profile database, made when missing", "PATH" },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick,
      "10000 customers, 5 runs", NULL },
    { "verbose", 0, 0, G_OPTION_ARG_NONE, &verbose,
      "Show each search, on stderr", NULL },
    G_OPTION_ENTRY_NULL
  };

  /* Messages in the user's language and characters; figures with a
   * decimal point whatever the language. */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");

  context = g_option_context_new ("- measure the Regulars store");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-store: %s\n", error->message);
      return 1;
    }

  /* --quick sets what was not given explicitly. */
  if (options.n_customers < 0)
    options.n_customers = quick ? 10000 : 100000;
  if (options.runs < 0)
    options.runs = quick ? 5 : 30;

  if (options.n_customers < 1 || options.visits_per_customer < 0 || options.runs < 1)
    {
      g_printerr ("bench-store: --customers and --runs must be at least 1, "
                  "--visits-per-customer at least 0\n");
      g_free (options.db_path);
      return 1;
    }

  ok = bench_all (&options, &error);
  g_free (options.db_path);
  if (!ok)
    {
      g_printerr ("bench-store: %s\n", error->message);
      return 1;
    }

  g_print ("bench-store: done\n");
  return 0;
}
