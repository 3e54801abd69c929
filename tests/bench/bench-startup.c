/* bench-startup.c: how long Regulars takes to show its window with many
 * customers, and how much memory it holds then and after scrolling the
 * whole list, beside plain GTK doing the same.
 *
 *   bench-startup [--quick] [--runs N] [--customers N] [--scroll-frames N]
 *
 * Issue "Performance at scale", items 1 and 2. Each run is a fresh
 * process, started by this program:
 *
 *  - Regulars: this program again, with --child: the real RegApplication
 *    and RegWindow, as `regulars --database PROFILE` makes them (only
 *    non-unique, with settings in memory and no daily backup timer);
 *  - the baseline: bare-window --startup, a GtkApplicationWindow with a
 *    GtkListView over a GtkStringList of the same names.
 *
 * Start-up is from just before the fork and exec to the end of the first
 * frame GTK's frame clock paints with the customer list mapped and its
 * rows made ("after-paint"), both read on CLOCK_MONOTONIC. The peak
 * resident set (VmHWM) is read in the child once start-up has settled,
 * and again after scrolling the list top to bottom, a step a frame, as
 * bench-window scrolls. Growth compares the 100,000-customer profile with
 * a 10,000-customer one: (RSS(100k) - RSS(10k)) / RSS(10k).
 *
 * Profiles are made with the store's own sample data (10 visits a
 * customer, as bench-store's) once and kept under the build directory,
 * in bench-profiles/customers-N.db.
 *
 * Run it under a display, with the renderer you mean to measure:
 *
 *   GSETTINGS_SCHEMA_DIR=_build-release/data GSK_RENDERER=cairo \
 *     xvfb-run -a _build-release/tests/bench/bench-startup
 *
 * With BENCH_DEBUG=1 it also prints each run: its moments after exec
 * (main, GApplication start-up, the window's template, realize, first
 * frame) and what its memory is made of (anonymous, files, malloc,
 * SQLite). Under xvfb-run with no session bus, the first GTK process
 * autolaunches one (dbus-launch) for the display: the warm-up run.
 *
 * It prints figures; it asserts nothing about time or memory, and exits
 * non-zero only when a run broke.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"
#include "reg-application.h"
#include "store/reg-store.h"
#include "ui/reg-window.h"

#ifndef BENCH_BUILD_ROOT
#define BENCH_BUILD_ROOT "."
#endif

#define DEFAULT_CUSTOMERS    100000
#define QUICK_CUSTOMERS      10000
#define GROWTH_FROM          10000      /* the small profile growth is measured from */
#define VISITS_PER_CUSTOMER  10         /* as bench-store's profile */
#define DEFAULT_RUNS         10
#define QUICK_RUNS           3
#define SCROLL_FRAMES        600        /* as bench-window: every frame shows rows never seen */
#define QUICK_SCROLL_FRAMES  120
#define RUN_TIMEOUT_SECONDS  300

#define STARTUP_TARGET_RATIO 1.3
#define MEMORY_TARGET_MIB    30.0
#define GROWTH_TARGET        0.10

/* ------------------------------------------------------------------ */
/* The child: Regulars itself                                           */

typedef struct
{
  RegApplication *app;
  GtkWidget      *window;
  GtkWidget      *view;
  GdkFrameClock  *clock;
  GtkAdjustment  *vadjustment;
  gulong          paint_handler;
  guint           scroll_step;
  int             scroll_frames;
  guint           frames;         /* painted so far, the list's first included */
  double          main_at;        /* the timeline, for BENCH_DEBUG */
  double          startup_at;
  double          window_at;
  double          realize_at;
} Child;

static double
monotonic_ms (void)
{
  struct timespec now;

  /* As bare-window prints it, and as g_get_monotonic_time() reads it. */
  clock_gettime (CLOCK_MONOTONIC, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
child_scroll_tick (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  Child *child = data;
  double upper = gtk_adjustment_get_upper (child->vadjustment);
  double page = gtk_adjustment_get_page_size (child->vadjustment);

  /* The last step was painted in the frame before this one. */
  if (child->scroll_step >= (guint) child->scroll_frames)
    {
      g_autofree char *memory = bench_memory_breakdown ();

      g_print ("bench-startup: peak RSS after scrolling %" G_GINT64_FORMAT " kB\n", bench_proc_status_kib ("VmHWM"));
      g_print ("bench-startup: memory after scrolling: %s\n", memory);
      g_application_quit (G_APPLICATION (child->app));
      return G_SOURCE_REMOVE;
    }

  child->scroll_step++;
  gtk_adjustment_set_value (child->vadjustment, (upper - page) * child->scroll_step / child->scroll_frames);
  return G_SOURCE_CONTINUE;
}

static gboolean
child_settled (gpointer data)
{
  Child *child = data;
  g_autofree char *memory = bench_memory_breakdown ();
  GtkWidget *scroller;

  g_print ("bench-startup: peak RSS after start-up %" G_GINT64_FORMAT " kB\n", bench_proc_status_kib ("VmHWM"));
  g_print ("bench-startup: memory after start-up: %s\n", memory);
  if (child->scroll_frames <= 0)
    {
      g_application_quit (G_APPLICATION (child->app));
      return G_SOURCE_REMOVE;
    }

  scroller = gtk_widget_get_ancestor (child->view, GTK_TYPE_SCROLLED_WINDOW);
  child->vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_widget_add_tick_callback (scroller, child_scroll_tick, child, NULL);
  return G_SOURCE_REMOVE;
}

/* The first frame that shows the customer list: it is mapped, and has
 * its rows unless there are none. */
static void
child_after_paint (GdkFrameClock *clock,
                   Child         *child)
{
  GListModel *model;
  double now = monotonic_ms ();

  child->frames++;
  if (child->view == NULL)
    child->view = find_widget (child->window, GTK_TYPE_LIST_VIEW);
  if (child->view == NULL || !gtk_widget_get_mapped (child->view))
    return;
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (child->view)));
  if (model == NULL || (g_list_model_get_n_items (model) > 0 && gtk_widget_get_first_child (child->view) == NULL))
    return;

  g_signal_handler_disconnect (clock, child->paint_handler);
  child->paint_handler = 0;
  g_print ("bench-startup: first frame at %.3f ms\n", now);
  g_print ("bench-startup: timeline: main %.3f, startup done %.3f, template built %.3f, realized %.3f, "
           "first frame %.3f\n", child->main_at, child->startup_at, child->window_at, child->realize_at, now);
  g_print ("bench-startup: the list was on frame %u\n", child->frames);
  g_print ("bench-startup: listed %u customers, renderer %s\n", g_list_model_get_n_items (model),
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (child->window))));
  g_timeout_add (BENCH_STARTUP_SETTLE_MS, child_settled, child);
}

static void
child_on_realize (GtkWidget *window,
                  Child     *child)
{
  child->realize_at = monotonic_ms ();
  child->clock = gtk_widget_get_frame_clock (window);
  child->paint_handler = g_signal_connect (child->clock, "after-paint", G_CALLBACK (child_after_paint), child);
}

static void
child_on_window_added (GtkApplication *app,
                       GtkWindow      *window,
                       Child          *child)
{
  if (child->window != NULL || !REG_IS_WINDOW (window))
    return;
  child->window_at = monotonic_ms ();
  child->window = GTK_WIDGET (window);
  child->view = GTK_WIDGET (gtk_widget_get_template_child (child->window, REG_TYPE_WINDOW, "customer_view"));
  g_signal_connect (window, "realize", G_CALLBACK (child_on_realize), child);
}

/* No daily backup: its timer is 30 s away, but a slow run could reach it,
 * and it would write a copy of the profile beside it. The handlers that
 * act on the setting are only connected later, by the command line. */
static void
child_on_startup (GApplication *app,
                  Child        *child)
{
  GSettings *settings = reg_application_get_settings (REG_APPLICATION (app));

  child->startup_at = monotonic_ms ();
  if (settings != NULL)
    g_settings_set_boolean (settings, "daily-backups", FALSE);
}

static int
run_child (const char *db,
           int         scroll_frames,
           double      main_at)
{
  g_autoptr(RegApplication) app = NULL;
  Child child = { 0 };
  char *app_argv[4];

  child.main_at = main_at;

  /* As bench-window: the user's own settings are neither read nor
   * written, and no running Regulars takes the command line over. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  app = reg_application_new ();
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  child.app = app;
  child.scroll_frames = scroll_frames;
  g_signal_connect (app, "window-added", G_CALLBACK (child_on_window_added), &child);
  g_signal_connect_after (app, "startup", G_CALLBACK (child_on_startup), &child);

  app_argv[0] = (char *) "regulars";
  app_argv[1] = (char *) "--database";
  app_argv[2] = (char *) db;
  app_argv[3] = NULL;
  return g_application_run (G_APPLICATION (app), 3, app_argv);
}

/* ------------------------------------------------------------------ */
/* The profiles                                                         */

static char *
profile_path (guint n_customers)
{
  g_autofree char *file = g_strdup_printf ("customers-%u.db", n_customers);

  return g_build_filename (BENCH_BUILD_ROOT, "bench-profiles", file, NULL);
}

/* Live customers in the file; -1 when it cannot be read as a profile. */
static gint64
count_customers (const char *path)
{
  sqlite3 *db = bench_raw_open (path, SQLITE_OPEN_READONLY, NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  if (db == NULL)
    return -1;
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM customers WHERE deleted_at IS NULL", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

static gboolean
remove_profile (const char  *path,
                GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", ".lock" };

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

/* The cached profile of @n_customers, made when missing; the files under
 * bench-profiles/ are this program's own, so a wrong one is made again. */
static char *
ensure_profile (guint    n_customers,
                GError **error)
{
  g_autofree char *path = profile_path (n_customers);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(RegStore) store = NULL;
  gint64 count, start;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if ((count = count_customers (path)) == (gint64) n_customers)
        return g_steal_pointer (&path);
      g_printerr ("bench-startup: %s holds %" G_GINT64_FORMAT " customers, not %u: making it again\n",
                  path, count, n_customers);
    }
  if (!remove_profile (path, error))
    return NULL;
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not make '%s': %s", dir, g_strerror (saved_errno));
      return NULL;
    }

  g_printerr ("bench-startup: making %s: %u customers, about %u visits each\n", path, n_customers, VISITS_PER_CUSTOMER);
  start = g_get_monotonic_time ();
  if (!(store = reg_store_open (path, error)) ||
      !reg_store_fill_sample_data (store, n_customers, VISITS_PER_CUSTOMER, 1, NULL, error))
    {
      g_prefix_error (error, "Could not make the profile '%s': ", path);
      return NULL;
    }
  g_clear_object (&store);
  g_printerr ("bench-startup: made in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
  return g_steal_pointer (&path);
}

/* ------------------------------------------------------------------ */
/* The parent: runs and figures                                         */

typedef struct
{
  const char *name;          /* "Regulars", "plain GTK" */
  GArray     *startup_ms;
  GArray     *startup_kib;   /* peak RSS once start-up settled */
  GArray     *scrolled_kib;  /* peak RSS after scrolling */
  char       *renderer;
  guint       listed;
  guint       runs_reminding;  /* runs that began with reminders due */
} Samples;

static void
samples_init (Samples    *samples,
              const char *name)
{
  samples->name = name;
  samples->startup_ms = g_array_new (FALSE, FALSE, sizeof (double));
  samples->startup_kib = g_array_new (FALSE, FALSE, sizeof (double));
  samples->scrolled_kib = g_array_new (FALSE, FALSE, sizeof (double));
  samples->renderer = NULL;
  samples->listed = 0;
  samples->runs_reminding = 0;
}

static void
samples_clear (Samples *samples)
{
  g_clear_pointer (&samples->startup_ms, g_array_unref);
  g_clear_pointer (&samples->startup_kib, g_array_unref);
  g_clear_pointer (&samples->scrolled_kib, g_array_unref);
  g_clear_pointer (&samples->renderer, g_free);
}

typedef struct
{
  GMainLoop   *loop;
  GSubprocess *process;
  char        *out;
  GError      *error;
  gboolean     timed_out;
} Wait;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Wait *wait = data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &wait->out, NULL, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
on_run_timeout (gpointer data)
{
  Wait *wait = data;

  wait->timed_out = TRUE;
  g_subprocess_force_exit (wait->process);
  return G_SOURCE_REMOVE;
}

/* A number a child printed: in its own locale, so a decimal comma is
 * read as a point. */
static double
parse_number (const char *text)
{
  char number[64];
  size_t length = MIN (strspn (text, "0123456789.,-+"), sizeof number - 1);

  memcpy (number, text, length);
  number[length] = '\0';
  g_strdelimit (number, ",", '.');
  return length > 0 ? g_ascii_strtod (number, NULL) : NAN;
}

/* The number after @key in @out; FALSE when no line has it. */
static gboolean
scan_figure (const char *out,
             const char *key,
             double     *value)
{
  const char *at = strstr (out, key);

  if (at == NULL)
    return FALSE;
  *value = parse_number (at + strlen (key));
  return !isnan (*value);
}

/* "main 123.4, first frame 456.7": each moment after @spawned. */
static void
print_timeline (const char *timeline,
                double      spawned)
{
  g_auto(GStrv) moments = g_strsplit (timeline, ", ", -1);
  g_autoptr(GString) line = g_string_new ("    after exec:");

  for (guint i = 0; moments[i] != NULL; i++)
    {
      const char *value = strrchr (moments[i], ' ');

      if (value != NULL)
        g_string_append_printf (line, "%s %.*s %.1f ms", i > 0 ? "," : "", (int) (value - moments[i]), moments[i],
                                parse_number (value + 1) - spawned);
    }
  g_printerr ("%s\n", line->str);
}

/* Follow-ups and cases that the next start-up reminds of: due since the
 * run before (the sample data has about ten an hour on 100,000
 * customers). Regulars notes them, shows a notification and opens the
 * Agenda beside the list, as it does for a real user; such a run takes
 * longer and holds more, and is counted all the same. */
static gint64
count_reminders_due (const char *db_path)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM follow_ups WHERE status = 'open' AND deleted_at IS NULL "
    "          AND max (due_at, ifnull (snoozed_until, 0)) <= ?1 "
    "          AND (reminded_for IS NULL OR reminded_for < max (due_at, ifnull (snoozed_until, 0)))) + "
    "       (SELECT count(*) FROM cases WHERE status NOT IN ('resolved', 'closed') AND deleted_at IS NULL "
    "          AND target_at <= ?1 AND (reminded_for IS NULL OR reminded_for <> target_at))";
  sqlite3 *db = bench_raw_open (db_path, SQLITE_OPEN_READONLY, NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  if (db == NULL)
    return -1;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

/* One fresh process: @argv, timed from just before it is spawned. With
 * @samples NULL, a warm-up whose figures are not kept. */
static gboolean
run_once (const char * const  *argv,
          gboolean             scrolls,
          gint64               reminders_due,
          Samples             *samples,
          GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL, NULL, NULL, FALSE };
  double spawned, first_frame, startup_kib, scrolled_kib = NAN;
  guint timeout;
  const char *renderer;

  spawned = monotonic_ms ();
  if (!(process = g_subprocess_launcher_spawnv (launcher, argv, error)))
    return FALSE;
  wait.process = process;
  timeout = g_timeout_add_seconds (RUN_TIMEOUT_SECONDS, on_run_timeout, &wait);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated, &wait);
  g_main_loop_run (loop);
  if (!wait.timed_out)
    g_source_remove (timeout);

  if (wait.error != NULL)
    {
      g_propagate_error (error, wait.error);
      g_free (wait.out);
      return FALSE;
    }
  if (!g_subprocess_wait_check (process, NULL, error))
    {
      g_prefix_error (error, "%s%s: ", argv[0], wait.timed_out ? " (stopped after a timeout)" : "");
      g_free (wait.out);
      return FALSE;
    }
  if (!scan_figure (wait.out, "first frame at ", &first_frame) ||
      !scan_figure (wait.out, "peak RSS after start-up ", &startup_kib) ||
      (scrolls && !scan_figure (wait.out, "peak RSS after scrolling ", &scrolled_kib)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s printed no figures:\n%s", argv[0], wait.out);
      g_free (wait.out);
      return FALSE;
    }

  if (samples != NULL)
    {
      double ms = first_frame - spawned;
      double listed = 0;

      g_array_append_val (samples->startup_ms, ms);
      g_array_append_val (samples->startup_kib, startup_kib);
      if (scrolls)
        g_array_append_val (samples->scrolled_kib, scrolled_kib);
      if (samples->renderer == NULL && (renderer = strstr (wait.out, "renderer ")) != NULL)
        samples->renderer = g_strndup (renderer + strlen ("renderer "), strcspn (renderer + strlen ("renderer "), "\n"));
      if (scan_figure (wait.out, "listed ", &listed))
        samples->listed = (guint) listed;
      if (reminders_due > 0)
        samples->runs_reminding++;
      if (g_getenv ("BENCH_DEBUG"))
        {
          g_auto(GStrv) lines = g_strsplit (wait.out, "\n", -1);

          g_printerr ("  %s: first frame after %.1f ms, peak %.1f MiB, %.1f MiB after scrolling%s\n",
                      samples->name, ms, startup_kib / 1024, scrolled_kib / 1024,
                      reminders_due > 0 ? " (it began with reminders due)" : "");
          for (guint i = 0; lines[i] != NULL; i++)
            {
              const char *timeline = strstr (lines[i], ": timeline: ");

              if (strstr (lines[i], ": memory after ") != NULL)
                g_printerr ("    %s\n", strstr (lines[i], "memory after "));
              if (timeline != NULL)
                print_timeline (timeline + strlen (": timeline: "), spawned);
            }
        }
    }
  g_free (wait.out);
  return TRUE;
}

typedef struct
{
  char  *self;
  char  *bare;
  int    runs;
  int    scroll_frames;
} Plan;

static char **
regulars_argv (const Plan *plan,
               const char *db,
               int         scroll_frames)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, g_strdup (plan->self));
  g_ptr_array_add (argv, g_strdup ("--child"));
  g_ptr_array_add (argv, g_strdup (db));
  g_ptr_array_add (argv, g_strdup_printf ("--scroll-frames=%d", scroll_frames));
  g_ptr_array_add (argv, NULL);
  return (char **) g_ptr_array_free (argv, FALSE);
}

static char **
bare_argv (const Plan *plan,
           const char *db,
           int         scroll_frames)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, g_strdup (plan->bare));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (db));
  g_ptr_array_add (argv, g_strdup ("--startup"));
  g_ptr_array_add (argv, g_strdup_printf ("--scroll-frames=%d", scroll_frames));
  g_ptr_array_add (argv, NULL);
  return (char **) g_ptr_array_free (argv, FALSE);
}

/* A warm-up run of each, not counted (the profile's pages, fonts and
 * icons come from disk once), then @runs of each, taking turns which
 * goes first so that neither always follows the other. */
static gboolean
measure (const Plan  *plan,
         const char  *db,
         Samples     *regulars,
         Samples     *bare,
         GError     **error)
{
  g_auto(GStrv) regulars_warm = regulars_argv (plan, db, 0);
  g_auto(GStrv) bare_warm = bare_argv (plan, db, 0);
  g_auto(GStrv) regulars_run = regulars_argv (plan, db, plan->scroll_frames);
  g_auto(GStrv) bare_run = bare_argv (plan, db, plan->scroll_frames);
  gboolean scrolls = plan->scroll_frames > 0;

  if (!run_once ((const char * const *) regulars_warm, FALSE, 0, NULL, error) ||
      !run_once ((const char * const *) bare_warm, FALSE, 0, NULL, error))
    return FALSE;
  for (int run = 0; run < plan->runs; run++)
    {
      g_printerr ("bench-startup: %s: run %d of %d\n", db, run + 1, plan->runs);
      if (run % 2 == 1 && !run_once ((const char * const *) bare_run, scrolls, 0, bare, error))
        return FALSE;
      if (!run_once ((const char * const *) regulars_run, scrolls, count_reminders_due (db), regulars, error))
        return FALSE;
      if (run % 2 == 0 && !run_once ((const char * const *) bare_run, scrolls, 0, bare, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The table                                                            */

#define ROW_FORMAT "%-44s %11s %11s %11s %11s  %-24s %s\n"

static char *
format_ms (double ms)
{
  return isnan (ms) ? g_strdup ("") : g_strdup_printf ("%.1f ms", ms);
}

static char *
format_mib (double kib)
{
  return isnan (kib) ? g_strdup ("") : g_strdup_printf ("%.1f MiB", kib / 1024);
}

static void
print_startup_row (const char *figure,
                   Samples    *regulars,
                   Samples    *bare)
{
  BenchFigure ours = bench_summarize (regulars->startup_ms);
  BenchFigure base = bench_summarize (bare->startup_ms);
  double ratio = ours.median / base.median;
  g_autofree char *median = format_ms (ours.median);
  g_autofree char *p95 = format_ms (ours.p95);
  g_autofree char *baseline = format_ms (base.median);
  g_autofree char *ratio_text = g_strdup_printf ("%.2fx", ratio);
  g_autofree char *target = g_strdup_printf ("<= %.1fx plain GTK", STARTUP_TARGET_RATIO);

  g_print (ROW_FORMAT, figure, median, p95, baseline, ratio_text, target,
           ratio <= STARTUP_TARGET_RATIO ? "met" : "missed");
}

static void
print_memory_row (const char *figure,
                  GArray     *ours_kib,
                  GArray     *base_kib)
{
  BenchFigure ours = bench_summarize (ours_kib);
  BenchFigure base = bench_summarize (base_kib);
  double difference = (ours.median - base.median) / 1024;
  g_autofree char *median = format_mib (ours.median);
  g_autofree char *p95 = format_mib (ours.p95);
  g_autofree char *baseline = format_mib (base.median);
  g_autofree char *difference_text = g_strdup_printf ("%+.1f MiB", difference);
  g_autofree char *target = g_strdup_printf ("<= plain GTK + %.0f MiB", MEMORY_TARGET_MIB);

  g_print (ROW_FORMAT, figure, median, p95, baseline, difference_text, target,
           difference <= MEMORY_TARGET_MIB ? "met" : "missed");
}

static void
print_growth_row (const char *figure,
                  GArray     *small_kib,
                  GArray     *large_kib,
                  GArray     *bare_small_kib,
                  GArray     *bare_large_kib)
{
  double small = bench_summarize (small_kib).median, large = bench_summarize (large_kib).median;
  double bare_small = bench_summarize (bare_small_kib).median, bare_large = bench_summarize (bare_large_kib).median;
  double growth = (large - small) / small;
  double bare_growth = (bare_large - bare_small) / bare_small;
  g_autofree char *median = g_strdup_printf ("%+.1f %%", 100 * growth);
  g_autofree char *baseline = g_strdup_printf ("%+.1f %%", 100 * bare_growth);
  g_autofree char *difference = g_strdup_printf ("%+.1f MiB", (large - small) / 1024);
  g_autofree char *target = g_strdup_printf ("<= %.0f %%", 100 * GROWTH_TARGET);

  g_print (ROW_FORMAT, figure, median, "", baseline, difference, target,
           growth <= GROWTH_TARGET ? "met" : "missed");
}

static char *
thousands (guint n)
{
  return n >= 1000 ? g_strdup_printf ("%u,%03u", n / 1000, n % 1000) : g_strdup_printf ("%u", n);
}

/* ------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean opt_quick = FALSE;
  int opt_runs = 0, opt_customers = 0, opt_scroll_frames = -1;
  char *opt_child = NULL;
  const GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &opt_quick,
      "10,000 customers, 3 runs, a shorter scroll, no growth figure", NULL },
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs of each program (default 10, 3 with --quick)", "N" },
    { "customers", 0, 0, G_OPTION_ARG_INT, &opt_customers,
      "Customers in the profile (default 100000, 10000 with --quick)", "N" },
    { "scroll-frames", 0, 0, G_OPTION_ARG_INT, &opt_scroll_frames,
      "Frames to scroll the list through in (default 600, 120 with --quick; 0: no scrolling)", "N" },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_child, "Be Regulars on this profile", "PATH" },
    { NULL }
  };
  Plan plan = { 0 };
  Samples regulars, bare, regulars_small, bare_small;
  g_autofree char *db = NULL;
  g_autofree char *small_db = NULL;
  g_autofree char *customers_text = NULL;
  g_autofree char *small_text = NULL;
  g_autofree char *listed_text = NULL;
  g_autofree char *schemas = NULL;
  guint n_customers;
  gboolean growth;
  int status = 0;
  double main_at = monotonic_ms ();

  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 2;
    }
  if (opt_child != NULL)
    {
      int child_status = run_child (opt_child, opt_scroll_frames, main_at);
      g_free (opt_child);
      return child_status;
    }

  if (opt_runs <= 0)
    opt_runs = opt_quick ? QUICK_RUNS : DEFAULT_RUNS;
  if (opt_customers <= 0)
    opt_customers = opt_quick ? QUICK_CUSTOMERS : DEFAULT_CUSTOMERS;
  if (opt_scroll_frames < 0)
    opt_scroll_frames = opt_quick ? QUICK_SCROLL_FRAMES : SCROLL_FRAMES;
  n_customers = (guint) opt_customers;
  growth = !opt_quick && n_customers > GROWTH_FROM;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-startup: no display; run it under one (xvfb-run -a bench-startup)\n");
      return 1;
    }
  schemas = g_build_filename (BENCH_BUILD_ROOT, "data", NULL);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);

  plan.self = g_file_read_link ("/proc/self/exe", &error);
  if (plan.self == NULL)
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return 1;
    }
  {
    g_autofree char *dir = g_path_get_dirname (plan.self);
    plan.bare = g_build_filename (dir, "bare-window", NULL);
  }
  plan.runs = opt_runs;
  plan.scroll_frames = opt_scroll_frames;

  samples_init (&regulars, "Regulars");
  samples_init (&bare, "plain GTK");
  samples_init (&regulars_small, "Regulars");
  samples_init (&bare_small, "plain GTK");

  if (!(db = ensure_profile (n_customers, &error)) ||
      (growth && !(small_db = ensure_profile (GROWTH_FROM, &error))) ||
      !measure (&plan, db, &regulars, &bare, &error) ||
      (growth && !measure (&plan, small_db, &regulars_small, &bare_small, &error)))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      status = 1;
      goto out;
    }

  customers_text = thousands (n_customers);
  small_text = thousands (GROWTH_FROM);
  listed_text = thousands (regulars.listed);
  g_print ("bench-startup: %s customers (%s listed), %d runs of each, fresh processes; "
           "renderer %s (plain GTK: %s)\n",
           customers_text, listed_text, opt_runs,
           regulars.renderer ? regulars.renderer : "?", bare.renderer ? bare.renderer : "?");
  if (opt_scroll_frames > 0)
    g_print ("bench-startup: scrolling the whole list in %d frames\n", opt_scroll_frames);
  if (regulars.runs_reminding + regulars_small.runs_reminding > 0)
    g_print ("bench-startup: %u of %d Regulars runs began by reminding of follow-ups that fell due since the "
             "run before (Agenda shown, as on a real start-up); they are counted\n",
             regulars.runs_reminding + regulars_small.runs_reminding, growth ? 2 * opt_runs : opt_runs);
  g_print ("\n%-44s %11s %11s %11s %11s  %s\n", "figure", "median", "p95", "plain GTK", "ratio/diff", "target");
  print_startup_row ("start-up: exec to first frame with the list", &regulars, &bare);
  print_memory_row ("peak RSS after start-up", regulars.startup_kib, bare.startup_kib);
  if (opt_scroll_frames > 0)
    print_memory_row ("peak RSS after scrolling the list", regulars.scrolled_kib, bare.scrolled_kib);
  if (growth)
    {
      g_autofree char *startup_label = g_strdup_printf ("start-up, %s customers", small_text);
      g_autofree char *startup_kib_label = g_strdup_printf ("peak RSS after start-up, %s customers", small_text);
      g_autofree char *scrolled_kib_label = g_strdup_printf ("peak RSS after scrolling, %s customers", small_text);
      g_autofree char *startup_growth_label = g_strdup_printf ("RSS growth %s to %s, after start-up",
                                                               small_text, customers_text);
      g_autofree char *scrolled_growth_label = g_strdup_printf ("RSS growth %s to %s, after scrolling",
                                                                small_text, customers_text);

      print_startup_row (startup_label, &regulars_small, &bare_small);
      print_memory_row (startup_kib_label, regulars_small.startup_kib, bare_small.startup_kib);
      if (opt_scroll_frames > 0)
        print_memory_row (scrolled_kib_label, regulars_small.scrolled_kib, bare_small.scrolled_kib);
      print_growth_row (startup_growth_label, regulars_small.startup_kib, regulars.startup_kib,
                        bare_small.startup_kib, bare.startup_kib);
      if (opt_scroll_frames > 0)
        print_growth_row (scrolled_growth_label, regulars_small.scrolled_kib, regulars.scrolled_kib,
                          bare_small.scrolled_kib, bare.scrolled_kib);
    }
  if (regulars.renderer != NULL && bare.renderer != NULL && strcmp (regulars.renderer, bare.renderer) != 0)
    g_print ("bench-startup: the two ran with different renderers; the figures do not compare\n");
  g_print ("bench-startup: done\n");

out:
  samples_clear (&regulars);
  samples_clear (&bare);
  samples_clear (&regulars_small);
  samples_clear (&bare_small);
  g_free (plan.self);
  g_free (plan.bare);
  return status;
}
