/* bench-util.h: what the window benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The name at @position of a list of @n names; a string to free. */
typedef char *(*BenchNameFunc) (gpointer data,
                                guint    position);

double     bench_percentile     (GArray        *values,
                                 double         p);
GPtrArray *bench_name_fragments (guint          n,
                                 BenchNameFunc  name_at,
                                 gpointer       data,
                                 int            runs);

G_END_DECLS
