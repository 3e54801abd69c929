/* bench-util.h: what the window benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The name at @position of a list of @n names; a string to free. */
typedef char *(*BenchNameFunc) (gpointer data,
                                guint    position);

typedef struct
{
  double median;
  double p95;
} BenchFigure;

BenchFigure bench_summarize     (GArray        *samples);
double     bench_percentile     (GArray        *values,
                                 double         p);
GPtrArray *bench_name_fragments (guint          n,
                                 BenchNameFunc  name_at,
                                 gpointer       data,
                                 int            runs);

gboolean      bench_raw_error   (sqlite3      *db,
                                 int           rc,
                                 const char   *what,
                                 GError      **error);
sqlite3      *bench_raw_open    (const char   *path,
                                 int           flags,
                                 GError      **error);
sqlite3_stmt *bench_raw_prepare (sqlite3      *db,
                                 const char   *sql,
                                 GError      **error);
gboolean      bench_raw_exec    (sqlite3      *db,
                                 const char   *sql,
                                 GError      **error);

/* Memory of this process, for the start-up benchmark: the peak is read
 * this long after the first frame, once start-up has settled. */
#define BENCH_STARTUP_SETTLE_MS 500

gint64        bench_proc_status_kib (const char *field);
char         *bench_memory_breakdown (void);

G_END_DECLS
