/* bench-util.c: what the window benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bench-util.h"

#include <gio/gio.h>

#include <malloc.h>
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

/* A "kB" line of /proc/self/status, such as "VmHWM" (the peak resident
 * set) or "VmRSS", in KiB; -1 when it cannot be read. */
gint64
bench_proc_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;
  size_t length = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], field, length) == 0 && lines[i][length] == ':')
      return g_ascii_strtoll (lines[i] + length + 1, NULL, 10);
  return -1;
}

/* Where this process's memory is now, in words, to see what a peak is
 * made of: the resident set by kind, what malloc has handed out, and
 * SQLite's part of it (with its own peak). */
char *
bench_memory_breakdown (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return g_strdup_printf ("resident %.1f MiB: anonymous %.1f, files %.1f, shared %.1f; "
                          "malloc in use %.1f MiB (arenas %.1f, mmapped %.1f); "
                          "SQLite %.1f MiB (peak %.1f)",
                          bench_proc_status_kib ("VmRSS") / 1024.0, bench_proc_status_kib ("RssAnon") / 1024.0,
                          bench_proc_status_kib ("RssFile") / 1024.0, bench_proc_status_kib ("RssShmem") / 1024.0,
                          (info.uordblks + info.hblkhd) / 1048576.0, info.arena / 1048576.0, info.hblkhd / 1048576.0,
                          sqlite3_memory_used () / 1048576.0, sqlite3_memory_highwater (FALSE) / 1048576.0);
}
