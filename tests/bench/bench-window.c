/* bench-window.c: how the customer window feels with many customers:
 * keystroke to the list updated on screen, and frames while scrolling
 * the whole list, timed by GTK's own frame clock.
 *
 *   bench-window [--db PATH] [--runs N] [--no-scroll] [--no-baseline]
 *
 * The baselines run first, in the same invocation: bare-window (built
 * beside this program) types the same searches into plain GTK, a
 * GtkStringFilter over a GtkStringList of the same names, and, with
 * --floor, into an entry that filters nothing: the least any window
 * takes to show a keystroke on this machine and renderer.
 *
 * Run it under a display (build-aux/dev bench uses xvfb-run). It prints
 * figures; it asserts nothing about time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <math.h>
#include <stdlib.h>

#include "bench-util.h"
#include "model/reg-customer-list.h"
#include "reg-application.h"
#include "ui/reg-window.h"

typedef struct
{
  RegApplication *app;
  RegWindow      *window;
  GtkEditable    *entry;
  GtkAdjustment  *vadjustment;
  GdkFrameClock  *clock;
  GPtrArray      *queries;
  guint           next_query;
  gint64          typed_at;
  gint64          set_text_done;   /* BENCH_DEBUG: the phases of one keystroke */
  gint64          layout_at;
  gint64          paint_at;
  GArray         *latencies[3];     /* ms, by query length 1, 3, 6 */
  GArray         *frames;           /* ms between painted frames while scrolling */
  gint64          last_paint;
  guint           scroll_step;
  guint           scroll_steps;
  gulong          paint_handler;
  gulong          changed_handler;
  int             status;
} Bench;

static char *opt_db;
static int opt_runs = 30;
static gboolean opt_no_scroll;
static gboolean opt_no_baseline;
static double bare_median[3] = { NAN, NAN, NAN };
static double floor_median[3] = { NAN, NAN, NAN };
static int opt_width;

static double
maximum (GArray *values)
{
  double max = 0;

  for (guint i = 0; i < values->len; i++)
    max = MAX (max, g_array_index (values, double, i));
  return max;
}

static guint
count_over (GArray *values,
            double  limit)
{
  guint n = 0;

  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, double, i) > limit)
      n++;
  return n;
}

static GtkWidget *
find (GtkWidget *root,
      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, type);
      if (found)
        return found;
    }
  return NULL;
}

static void report_and_quit (Bench *bench);
static void start_scrolling (Bench *bench);

static char *
customer_name_at (gpointer data,
                  guint    position)
{
  g_autoptr(RegCustomer) customer = g_list_model_get_item (data, position);

  return g_strdup (reg_customer_get_display_name (customer));
}

static void
make_queries (Bench *bench)
{
  GListModel *list = G_LIST_MODEL (reg_window_get_customer_list (bench->window));

  bench->queries = bench_name_fragments (g_list_model_get_n_items (list), customer_name_at, list, opt_runs);
}

static gboolean type_next (gpointer data);

static void
on_layout_phase (GdkFrameClock *clock,
                 Bench         *bench)
{
  if (bench->layout_at == 0)
    bench->layout_at = g_get_monotonic_time ();
}

static void
on_paint_phase (GdkFrameClock *clock,
                Bench         *bench)
{
  if (bench->paint_at == 0)
    bench->paint_at = g_get_monotonic_time ();
}

static gboolean clear_search (gpointer data);
static void after_paint_typed (GdkFrameClock *clock, Bench *bench);


/* The list changed: the next painted frame shows it. */
static void
on_list_changed (GListModel *list,
                 guint       position,
                 guint       removed,
                 guint       added,
                 Bench      *bench)
{
  g_signal_handler_disconnect (list, bench->changed_handler);
  bench->changed_handler = 0;
  bench->paint_handler = g_signal_connect (bench->clock, "after-paint", G_CALLBACK (after_paint_typed), bench);
  gtk_widget_queue_draw (GTK_WIDGET (bench->window));
}

static void
after_paint_typed (GdkFrameClock *clock,
                   Bench         *bench)
{
  double ms = (g_get_monotonic_time () - bench->typed_at) / 1000.0;
  const char *query = g_ptr_array_index (bench->queries, bench->next_query - 1);
  glong length = g_utf8_strlen (query, -1);
  guint bucket = length == 1 ? 0 : length == 3 ? 1 : 2;

  g_signal_handler_disconnect (clock, bench->paint_handler);
  bench->paint_handler = 0;
  g_array_append_val (bench->latencies[bucket], ms);
  if (g_getenv ("BENCH_DEBUG"))
    {
      gint64 now = g_get_monotonic_time ();

      g_printerr ("  \"%s\" painted after %.1f ms (search %.1f, wait %.1f, layout %.1f, paint %.1f)\n",
                  query, ms,
                  (bench->set_text_done - bench->typed_at) / 1000.0,
                  (bench->layout_at - bench->set_text_done) / 1000.0,
                  (bench->paint_at - bench->layout_at) / 1000.0,
                  (now - bench->paint_at) / 1000.0);
    }

  /* Let the card of the best match open, as it does between two keys,
   * then clear the field, so each query is typed as a new search. */
  g_timeout_add (60, clear_search, bench);
}

static gboolean
clear_search (gpointer data)
{
  Bench *bench = data;

  gtk_editable_set_text (bench->entry, "");
  g_timeout_add (60, type_next, bench);
  return G_SOURCE_REMOVE;
}

static gboolean
type_next (gpointer data)
{
  Bench *bench = data;

  if (bench->next_query >= bench->queries->len)
    {
      if (opt_no_scroll)
        report_and_quit (bench);
      else
        start_scrolling (bench);
      return G_SOURCE_REMOVE;
    }

  bench->changed_handler = g_signal_connect (reg_window_get_customer_list (bench->window), "items-changed",
                                             G_CALLBACK (on_list_changed), bench);
  bench->layout_at = bench->paint_at = 0;
  bench->typed_at = g_get_monotonic_time ();
  gtk_editable_set_text (bench->entry, g_ptr_array_index (bench->queries, bench->next_query++));
  bench->set_text_done = g_get_monotonic_time ();
  return G_SOURCE_REMOVE;
}

static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Bench *bench = data;
  double upper = gtk_adjustment_get_upper (bench->vadjustment);
  double page = gtk_adjustment_get_page_size (bench->vadjustment);

  if (bench->scroll_step >= bench->scroll_steps)
    {
      report_and_quit (bench);
      return G_SOURCE_REMOVE;
    }

  bench->scroll_step++;
  gtk_adjustment_set_value (bench->vadjustment,
                            (upper - page) * bench->scroll_step / bench->scroll_steps);
  return G_SOURCE_CONTINUE;
}

static void
after_paint_scrolling (GdkFrameClock *clock,
                       Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();

  if (bench->last_paint != 0)
    {
      double ms = (now - bench->last_paint) / 1000.0;
      g_array_append_val (bench->frames, ms);
    }
  bench->last_paint = now;
}

static void
start_scrolling (Bench *bench)
{
  GtkWidget *scroller;

  gtk_editable_set_text (bench->entry, "");
  scroller = gtk_widget_get_ancestor (find (GTK_WIDGET (bench->window), GTK_TYPE_LIST_VIEW), GTK_TYPE_SCROLLED_WINDOW);
  bench->vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* Top to bottom in 600 frames: every frame shows rows never seen. */
  bench->scroll_steps = 600;
  g_printerr ("bench-window: scrolling\n");
  bench->paint_handler = g_signal_connect (bench->clock, "after-paint", G_CALLBACK (after_paint_scrolling), bench);
  gtk_widget_add_tick_callback (scroller, scroll_tick, bench, NULL);
}

static void
report_and_quit (Bench *bench)
{
  static const char * const names[] = { "1 char", "3 chars", "6 chars" };
  GtkNative *native = GTK_NATIVE (bench->window);
  GskRenderer *renderer = gtk_native_get_renderer (native);
  RegCustomerList *list = reg_window_get_customer_list (bench->window);

  if (bench->paint_handler != 0)
    g_signal_handler_disconnect (bench->clock, bench->paint_handler);

  g_print ("bench-window: %u customers, %d runs per query length, renderer %s\n",
           g_list_model_get_n_items (G_LIST_MODEL (list)), opt_runs, G_OBJECT_TYPE_NAME (renderer));
  g_print ("\n%-42s %10s %10s %12s %7s %12s  %s\n", "figure", "median", "p95",
           "plain GTK", "ratio", "floor", "target");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *label = g_strdup_printf ("keystroke to list on screen, %s", names[i]);
      double median = bench_percentile (bench->latencies[i], 0.5);
      double p95 = bench_percentile (bench->latencies[i], 0.95);

      g_print ("%-42s %7.2f ms %7.2f ms %9.2f ms %6.2fx %9.2f ms  < 16 ms: %s\n", label, median, p95,
               bare_median[i], median / bare_median[i], floor_median[i], median < 16 ? "met" : "MISSED");
    }
  g_print ("%-42s %7.2f ms %7.2f ms\n", "frame interval while scrolling",
           bench_percentile (bench->frames, 0.5), bench_percentile (bench->frames, 0.95));
  g_print ("%-42s %7.2f ms %10s  none over 32 ms: %s\n", "longest frame while scrolling",
           maximum (bench->frames), "", maximum (bench->frames) <= 32 ? "met" : "MISSED");
  g_print ("%-42s %10u %10s  (of %u frames)\n", "frames over 16 ms while scrolling",
           count_over (bench->frames, 16.7), "", bench->frames->len);
  g_print ("bench-window: done\n");

  g_application_quit (G_APPLICATION (bench->app));
}

/* Runs bare-window and reads its medians, by query length. */
static void
run_baseline (const char *self_path,
              gboolean    floor,
              double      medians[3])
{
  g_autofree char *dir = g_path_get_dirname (self_path);
  g_autofree char *bare = g_build_filename (dir, "bare-window", NULL);
  g_autofree char *runs = g_strdup_printf ("%d", opt_runs);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { bare, "--db", opt_db, "--runs", runs, floor ? "--floor" : NULL, NULL };
  int status = 0;

  g_printerr ("bench-window: baseline: bare-window%s\n", floor ? " --floor" : "");
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-window: the baseline did not run: %s\n", error->message);
      return;
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      static const char * const labels[] = { "1 char ", "3 chars ", "6 chars " };
      const char *prefix = "keystroke to list on screen, ";

      if (!g_str_has_prefix (lines[i], prefix))
        continue;
      for (guint l = 0; l < 3; l++)
        if (g_str_has_prefix (lines[i] + strlen (prefix), labels[l]))
          medians[l] = g_ascii_strtod (lines[i] + strlen (prefix) + strlen (labels[l]), NULL);
    }
}

static gboolean
start (gpointer data)
{
  Bench *bench = data;

  bench->window = REG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (bench->app)));
  if (bench->window == NULL || reg_window_get_customer_list (bench->window) == NULL)
    {
      g_printerr ("bench-window: the window did not open its database\n");
      bench->status = 1;
      g_application_quit (G_APPLICATION (bench->app));
      return G_SOURCE_REMOVE;
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (bench->window)))
    return G_SOURCE_CONTINUE;
  if (opt_width > 0)
    {
      /* Once: then give the window a moment to take the size. */
      gtk_window_set_default_size (GTK_WINDOW (bench->window), opt_width, 700);
      opt_width = 0;
      return G_SOURCE_CONTINUE;
    }

  bench->entry = GTK_EDITABLE (find (GTK_WIDGET (bench->window), GTK_TYPE_SEARCH_ENTRY));
  bench->clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->window));
  if (g_getenv ("BENCH_DEBUG"))
    {
      /* The first layout and paint after each keystroke: type_next
       * clears both times. */
      g_signal_connect (bench->clock, "layout", G_CALLBACK (on_layout_phase), bench);
      g_signal_connect (bench->clock, "paint", G_CALLBACK (on_paint_phase), bench);
    }
  make_queries (bench);
  g_printerr ("bench-window: typing %u searches\n", bench->queries->len);
  type_next (bench);
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app,
             Bench        *bench)
{
  g_timeout_add (500, start, bench);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegApplication) app = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "The profile (made by bench-store)", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Queries per length", "N" },
    { "no-scroll", 0, 0, G_OPTION_ARG_NONE, &opt_no_scroll, "Only type searches", NULL },
    { "no-baseline", 0, 0, G_OPTION_ARG_NONE, &opt_no_baseline, "Do not run bare-window first", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, "Window width (default: as saved)", "PIXELS" },
    { NULL }
  };
  Bench bench = { 0 };
  char *app_argv[4];

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-window: %s\n", error->message);
      return 2;
    }
  if (opt_db == NULL)
    opt_db = g_build_filename (g_get_user_cache_dir (), "regulars-bench", "profile-100000-10.db", NULL);
  if (!g_file_test (opt_db, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bench-window: no profile at %s; make it with bench-store first\n", opt_db);
      return 1;
    }

  if (!opt_no_baseline)
    {
      run_baseline (argv[0], FALSE, bare_median);
      run_baseline (argv[0], TRUE, floor_median);
    }

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  for (guint i = 0; i < 3; i++)
    bench.latencies[i] = g_array_new (FALSE, FALSE, sizeof (double));
  bench.frames = g_array_new (FALSE, FALSE, sizeof (double));

  app = reg_application_new ();
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  bench.app = app;
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), &bench);

  app_argv[0] = (char *) "regulars";
  app_argv[1] = (char *) "--database";
  app_argv[2] = opt_db;
  app_argv[3] = NULL;
  if (g_application_run (G_APPLICATION (app), 3, app_argv) != 0)
    bench.status = 1;

  for (guint i = 0; i < 3; i++)
    g_array_unref (bench.latencies[i]);
  g_array_unref (bench.frames);
  g_clear_pointer (&bench.queries, g_ptr_array_unref);
  g_free (opt_db);
  return bench.status;
}
