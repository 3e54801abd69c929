/* bare-window.c: the baseline for bench-window. A plain
 * GtkApplicationWindow with a search entry over one GtkListView, written
 * the way GTK's documentation suggests: the customers' names, read once
 * from the same profile into a GtkStringList, filtered as you type by a
 * GtkStringFilter, each row a box of two labels. No store, no card.
 *
 *   bare-window [--db PATH] [--runs N] [--no-type] [--floor]
 *               [--startup [--scroll-frames N]]
 *
 * It types the same searches as bench-window (the same names, picked
 * with the same seed) and times them the same way, from the keystroke
 * to the frame that shows the new list, by GTK's frame clock. With
 * --no-type it prints when its first frame was painted and quits, for
 * start-up figures. With --floor the search filters nothing: the figure
 * is the least any window takes to show a keystroke, the entry redrawn.
 * With --startup (for bench-startup) it prints when its first frame was
 * painted, then its peak resident set once start-up has settled, then,
 * with --scroll-frames N, scrolls the list top to bottom in N frames and
 * prints the peak again, and quits.
 * Run it under a display. It asserts nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtk/gtk.h>

#include "bench-util.h"
#include <sqlite3.h>

#include <string.h>
#include <time.h>

typedef struct
{
  GtkApplication *app;
  GtkWindow      *window;
  GtkEditable    *entry;
  GtkWidget      *view;
  GtkAdjustment  *vadjustment;
  guint           scroll_step;
  GtkStringList  *names;
  GListModel     *shown;
  GdkFrameClock  *clock;
  GPtrArray      *queries;
  guint           next_query;
  gint64          typed_at;
  GArray         *latencies[3];
  gulong          paint_handler;
  gulong          changed_handler;
  int             status;
} Bare;

static char *opt_db;
static int opt_runs = 30;
static gboolean opt_no_type;
static gboolean opt_floor;
static gboolean opt_startup;
static int opt_scroll_frames;
static double main_at, activate_at, realize_at;   /* --startup: the timeline */

/* Every live customer's name, in the list's order. */
static GtkStringList *
read_names (const char *path)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT display_name FROM customers WHERE deleted_at IS NULL ORDER BY name_key, id",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("bare-window: cannot read %s: %s", path, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    gtk_string_list_append (names, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return names;
}

static char *
string_at (gpointer data,
           guint    position)
{
  return g_strdup (gtk_string_list_get_string (data, position));
}

/* The same fragments bench-window types: the same seed, the same list. */
static void
make_queries (Bare *bare)
{
  bare->queries = bench_name_fragments (g_list_model_get_n_items (G_LIST_MODEL (bare->names)),
                                        string_at, bare->names, opt_runs);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), gtk_string_object_get_string (string));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), "Seen 3 weeks ago");
}

static void after_paint_typed (GdkFrameClock *clock, Bare *bare);
static gboolean type_next (gpointer data);

static double
monotonic_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static void
report_and_quit (Bare *bare)
{
  static const char * const names[] = { "1 char", "3 chars", "6 chars" };

  g_print ("bare-window%s: %u names, %d runs per query length, renderer %s\n",
           opt_floor ? " --floor" : "", g_list_model_get_n_items (G_LIST_MODEL (bare->names)), opt_runs,
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (bare->window))));
  g_print ("\n%-42s %10s %10s\n", "figure", "median", "p95");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *label = g_strdup_printf ("keystroke to list on screen, %s", names[i]);

      g_print ("%-42s %7.2f ms %7.2f ms\n", label,
               bench_percentile (bare->latencies[i], 0.5), bench_percentile (bare->latencies[i], 0.95));
    }
  g_print ("bare-window: done\n");
  g_application_quit (G_APPLICATION (bare->app));
}

static void
on_shown_changed (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Bare       *bare)
{
  g_signal_handler_disconnect (list, bare->changed_handler);
  bare->changed_handler = 0;
  bare->paint_handler = g_signal_connect (bare->clock, "after-paint", G_CALLBACK (after_paint_typed), bare);
  gtk_widget_queue_draw (GTK_WIDGET (bare->window));
}

static void
on_entry_changed (GtkEditable *entry,
                  Bare        *bare)
{
  g_signal_handler_disconnect (entry, bare->changed_handler);
  bare->changed_handler = 0;
  bare->paint_handler = g_signal_connect (bare->clock, "after-paint", G_CALLBACK (after_paint_typed), bare);
}

static gboolean
clear_search (gpointer data)
{
  Bare *bare = data;

  gtk_editable_set_text (bare->entry, "");
  g_timeout_add (60, type_next, bare);
  return G_SOURCE_REMOVE;
}

static void
after_paint_typed (GdkFrameClock *clock,
                   Bare          *bare)
{
  double ms = (g_get_monotonic_time () - bare->typed_at) / 1000.0;
  const char *query = g_ptr_array_index (bare->queries, bare->next_query - 1);
  glong length = g_utf8_strlen (query, -1);

  g_signal_handler_disconnect (clock, bare->paint_handler);
  bare->paint_handler = 0;
  g_array_append_val (bare->latencies[length == 1 ? 0 : length == 3 ? 1 : 2], ms);
  g_timeout_add (60, clear_search, bare);
}

static gboolean
type_next (gpointer data)
{
  Bare *bare = data;

  if (bare->next_query >= bare->queries->len)
    {
      report_and_quit (bare);
      return G_SOURCE_REMOVE;
    }

  if (opt_floor)
    bare->changed_handler = g_signal_connect (bare->entry, "changed", G_CALLBACK (on_entry_changed), bare);
  else
    bare->changed_handler = g_signal_connect (bare->shown, "items-changed", G_CALLBACK (on_shown_changed), bare);
  bare->typed_at = g_get_monotonic_time ();
  gtk_editable_set_text (bare->entry, g_ptr_array_index (bare->queries, bare->next_query++));
  return G_SOURCE_REMOVE;
}

/* --startup: top to bottom, a step a frame, as bench-window scrolls. */
static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Bare *bare = data;
  double upper = gtk_adjustment_get_upper (bare->vadjustment);
  double page = gtk_adjustment_get_page_size (bare->vadjustment);

  if (bare->scroll_step >= (guint) opt_scroll_frames)
    {
      g_autofree char *memory = bench_memory_breakdown ();

      g_print ("bare-window: peak RSS after scrolling %" G_GINT64_FORMAT " kB\n", bench_proc_status_kib ("VmHWM"));
      g_print ("bare-window: memory after scrolling: %s\n", memory);
      g_application_quit (G_APPLICATION (bare->app));
      return G_SOURCE_REMOVE;
    }

  bare->scroll_step++;
  gtk_adjustment_set_value (bare->vadjustment, (upper - page) * bare->scroll_step / opt_scroll_frames);
  return G_SOURCE_CONTINUE;
}

static gboolean
startup_settled (gpointer data)
{
  Bare *bare = data;
  GtkWidget *scroller;
  g_autofree char *memory = bench_memory_breakdown ();

  g_print ("bare-window: peak RSS after start-up %" G_GINT64_FORMAT " kB\n", bench_proc_status_kib ("VmHWM"));
  g_print ("bare-window: memory after start-up: %s\n", memory);
  g_print ("bare-window: listed %u names, renderer %s\n", g_list_model_get_n_items (bare->shown),
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (bare->window))));
  if (opt_scroll_frames <= 0)
    {
      g_application_quit (G_APPLICATION (bare->app));
      return G_SOURCE_REMOVE;
    }

  scroller = gtk_widget_get_ancestor (bare->view, GTK_TYPE_SCROLLED_WINDOW);
  bare->vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_widget_add_tick_callback (scroller, scroll_tick, bare, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_first_paint (GdkFrameClock *clock,
                Bare          *bare)
{
  struct timespec now;

  g_signal_handler_disconnect (clock, bare->paint_handler);
  bare->paint_handler = 0;
  /* CLOCK_MONOTONIC, as a parent that started this program can compare. */
  clock_gettime (CLOCK_MONOTONIC, &now);
  g_print ("bare-window: first frame at %.3f ms\n", now.tv_sec * 1000.0 + now.tv_nsec / 1e6);
  if (opt_startup)
    g_print ("bare-window: timeline: main %.3f, activated %.3f, realized %.3f, first frame %.3f\n",
             main_at, activate_at, realize_at, now.tv_sec * 1000.0 + now.tv_nsec / 1e6);
  if (opt_no_type)
    g_application_quit (G_APPLICATION (bare->app));
  else if (opt_startup)
    g_timeout_add (BENCH_STARTUP_SETTLE_MS, startup_settled, bare);
}

static gboolean
start_typing (gpointer data)
{
  Bare *bare = data;

  make_queries (bare);
  g_printerr ("bare-window: typing %u searches\n", bare->queries->len);
  type_next (bare);
  return G_SOURCE_REMOVE;
}

static void
on_realize (GtkWidget *window,
            Bare      *bare)
{
  realize_at = monotonic_ms ();
  bare->clock = gtk_widget_get_frame_clock (window);
  bare->paint_handler = g_signal_connect (bare->clock, "after-paint", G_CALLBACK (on_first_paint), bare);
}

static void
on_activate (GtkApplication *app,
             Bare           *bare)
{
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *entry = gtk_search_entry_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkStringFilter *filter = gtk_string_filter_new (expression);
  GtkFilterListModel *filtered;
  GtkWidget *view;

  activate_at = monotonic_ms ();
  bare->window = GTK_WINDOW (window);
  bare->entry = GTK_EDITABLE (entry);
  bare->names = read_names (opt_db);

  gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (filter, TRUE);
  if (!opt_floor)
    g_object_bind_property (entry, "text", filter, "search", G_BINDING_DEFAULT);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (bare->names)), GTK_FILTER (filter));
  bare->shown = g_object_ref (G_LIST_MODEL (filtered));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (filtered))), factory);
  gtk_widget_add_css_class (view, "navigation-sidebar");
  bare->view = view;

  gtk_window_set_title (GTK_WINDOW (window), "Bare");
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_window_set_child (GTK_WINDOW (window), box);

  g_signal_connect (window, "realize", G_CALLBACK (on_realize), bare);
  gtk_window_present (GTK_WINDOW (window));
  if (!opt_no_type && !opt_startup)
    g_timeout_add (500, start_typing, bare);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkApplication) app = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "The profile (made by bench-store)", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Queries per length", "N" },
    { "no-type", 0, 0, G_OPTION_ARG_NONE, &opt_no_type, "Quit after the first frame", NULL },
    { "floor", 0, 0, G_OPTION_ARG_NONE, &opt_floor, "Type without filtering the list", NULL },
    { "startup", 0, 0, G_OPTION_ARG_NONE, &opt_startup, "Print the first frame and the peak memory, and quit", NULL },
    { "scroll-frames", 0, 0, G_OPTION_ARG_INT, &opt_scroll_frames,
      "With --startup: scroll the list through in N frames first", "N" },
    { NULL }
  };
  Bare bare = { 0 };

  main_at = monotonic_ms ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bare-window: %s\n", error->message);
      return 2;
    }
  if (opt_db == NULL)
    opt_db = g_build_filename (g_get_user_cache_dir (), "regulars-bench", "profile-100000-10.db", NULL);
  if (!g_file_test (opt_db, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bare-window: no profile at %s; make it with bench-store first\n", opt_db);
      return 1;
    }

  for (guint i = 0; i < 3; i++)
    bare.latencies[i] = g_array_new (FALSE, FALSE, sizeof (double));

  app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  bare.app = app;
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), &bare);
  bare.status = g_application_run (G_APPLICATION (app), 0, NULL);

  for (guint i = 0; i < 3; i++)
    g_array_unref (bare.latencies[i]);
  g_clear_pointer (&bare.queries, g_ptr_array_unref);
  g_clear_object (&bare.names);
  g_clear_object (&bare.shown);
  g_free (opt_db);
  return bare.status;
}
