/* bench-util.c: what the window benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bench-util.h"

#include <gio/gio.h>

#include <math.h>
#include <string.h>

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The value below which a share @p of @values lie; NAN for none. */
double
bench_percentile (GArray *values,
                  double  p)
{
  g_autoptr(GArray) sorted = NULL;
  guint index;

  if (values->len == 0)
    return NAN;
  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_double);
  index = (guint) ceil (p * sorted->len) - 1;
  return g_array_index (sorted, double, MIN (index, sorted->len - 1));
}

/* Fragments of real names, as a person would type them: @runs each of
 * 1, 3 and 6 characters, from names picked with a fixed seed, so that
 * two programs with the same list type the same searches. */
GPtrArray *
bench_name_fragments (guint         n,
                      BenchNameFunc name_at,
                      gpointer      data,
                      int           runs)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  static const guint lengths[] = { 1, 3, 6 };
  GPtrArray *fragments = g_ptr_array_new_with_free_func (g_free);

  for (guint l = 0; l < G_N_ELEMENTS (lengths) && n > 0; l++)
    for (int run = 0; run < runs; )
      {
        g_autofree char *name = name_at (data, g_rand_int_range (rand, 0, n));
        glong chars = g_utf8_strlen (name, -1);
        glong start;
        const char *from, *to;
        g_autofree char *fragment = NULL;

        if (chars < (glong) lengths[l])
          continue;
        start = lengths[l] == 1 ? 0 : g_rand_int_range (rand, 0, chars - lengths[l] + 1);
        from = g_utf8_offset_to_pointer (name, start);
        to = g_utf8_offset_to_pointer (from, lengths[l]);
        fragment = g_strndup (from, to - from);
        if (strchr (fragment, ' ') != NULL)
          continue;
        g_ptr_array_add (fragments, g_steal_pointer (&fragment));
        run++;
      }
  return fragments;
}

/* The median, and the 95th percentile by nearest rank; sorts @samples. */
BenchFigure
bench_summarize (GArray *samples)
{
  BenchFigure figure = { 0, 0 };
  guint n = samples->len;
  guint rank;

  if (n == 0)
    return figure;

  g_array_sort (samples, compare_double);
  if (n % 2 == 1)
    figure.median = g_array_index (samples, double, n / 2);
  else
    figure.median = (g_array_index (samples, double, n / 2 - 1) +
                     g_array_index (samples, double, n / 2)) / 2.0;

  rank = (guint) ceil (0.95 * n);
  figure.p95 = g_array_index (samples, double, CLAMP (rank, 1, n) - 1);
  return figure;
}

/* Plain SQLite, for the baselines: the same work without the store. */

gboolean
bench_raw_error (sqlite3     *db,
                 int          rc,
                 const char  *what,
                 GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

sqlite3 *
bench_raw_open (const char  *path,
                int          flags,
                GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, flags, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not open '%s': %s", path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

sqlite3_stmt *
bench_raw_prepare (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      bench_raw_error (db, rc, "Could not prepare a query", error);
      return NULL;
    }
  return stmt;
}

gboolean
bench_raw_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return bench_raw_error (db, rc, sql, error);
  return TRUE;
}

