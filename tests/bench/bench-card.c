/* bench-card.c: opening the card of a customer with 2,000 visit notes,
 * from the list with no card open to the frame that shows that card,
 * timed by GTK's frame clock; beside a card with 5 visits opened in the
 * same run.
 *
 *   bench-card [--db PATH] [--runs N] [--quick] [--width PIXELS]
 *
 * The profile (made once, kept under the build directory as
 * bench-profiles/card-2000.db) holds 300 sample customers and two more:
 * one seen 2,000 times over nine years, with crib notes, promises and
 * two complaints, and one seen 5 times, the baseline.
 *
 * Each run starts from the list with no card open, opens the customer as
 * a reminder's Open button does (reg_window_show_customer(): selected in
 * the list, the card filled), and stops at the "after-paint" of the first
 * frame in which the card holds that customer and the label of their
 * newest visit is laid out on it. The big and the small card take turns,
 * so every open is a change. Besides the time to painted it shows where
 * that time goes: filling the card (its customer set), waiting for the
 * frame, the frame's layout, its snapshot and rendering; and how many
 * widgets the card holds (BENCH_DEBUG=1 prints every open).
 *
 * Run it under a display (xvfb-run -a). It prints figures; it asserts
 * nothing about time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <math.h>
#include <stdlib.h>

#include "bench-util.h"
#include "reg-application.h"
#include "store/reg-store.h"
#include "ui/reg-customer-card.h"
#include "ui/reg-window-private.h"
#include "ui/reg-window.h"

#ifndef BENCH_BUILD_ROOT
#define BENCH_BUILD_ROOT "."
#endif

#define BIG_VISITS        2000
#define SMALL_VISITS      5
#define SAMPLE_CUSTOMERS  300
#define TARGET_MS         50.0
#define WARM_UP_OPENS     2      /* one of each, not counted */
#define MAX_FRAMES        120    /* frames to wait for a card before giving up */
#define SETTLE_MS         150    /* after closing the card, before the next open */

static const char BIG_NAME[] = "Winifred Ashdown-Carr";
static const char SMALL_NAME[] = "Tobias Renwick";

/* ------------------------------------------------------------------ */
/* The profile                                                          */

static const char * const openers[][2] = {
  /* channel, opening words */
  { "visit", "Came in for" },
  { "visit", "Popped in to pick up" },
  { "visit", "Dropped off" },
  { "visit", "Stopped by with her sister about" },
  { "visit", "Came in to look at" },
  { "call",  "Rang about" },
  { "call",  "Called to ask after" },
  { "call",  "Phoned to change the order for" },
  { "email", "Emailed about" },
  { "email", "Wrote in asking for a quote on" },
  { "other", "Left a note at the counter about" },
  { "other", "Her neighbour passed on a message about" },
};

static const char * const things[] = {
  "the reading glasses", "a new kettle", "the watch strap", "the blue wool coat",
  "a birthday present for her grandson", "the garden shears", "two tins of the Earl Grey",
  "the repair on the carriage clock", "a replacement lid for the teapot", "the cashmere scarf",
  "her usual order", "the winter boots, size 6", "a gift voucher", "the brass door knocker",
  "the set of six tumblers", "the walking stick with the silver top",
};

static const char * const details[] = {
  "",
  ".",
  "; paid by card.",
  "; said the last one lasted well.",
  " — wants it in blue if we can get it.",
  ", and asked whether we still do gift wrapping.",
  "; not in a hurry, happy to wait for the next delivery.",
  ". Mentioned her hip is better since the operation and she is walking to town again.",
  ". Talked about her trip to the coast in the spring; she wants to bring her granddaughter next time.",
  "; the first one had a chip on the rim, so we swapped it and put a note on the supplier's file.",
  ". Asked us to ring before ordering anything over forty pounds; she likes to hear the price first "
  "and prefers the old catalogue to the website.",
  ". Long chat about the roadworks on the high street and parking; she will come on Thursdays from "
  "now on, when her son can drive her, and would like things put aside until then.",
};

static const char * const crib_notes[] = {
  "Prefers Winnie; hard of hearing on the left, speak up",
  "Takes her tea without milk — always offer a cup",
  "Grandson Alfie (b. 2016) loves model trains",
  "Allergic to nickel: no plated jewellery",
};

static char *
visit_text (GRand *rand,
            int   *opener)
{
  *opener = g_rand_int_range (rand, 0, G_N_ELEMENTS (openers));
  return g_strdup_printf ("%s %s%s", openers[*opener][1],
                          things[g_rand_int_range (rand, 0, G_N_ELEMENTS (things))],
                          details[g_rand_int_range (rand, 0, G_N_ELEMENTS (details))]);
}

static RegChannel
channel_from_nick (const char *nick)
{
  if (g_str_equal (nick, "call"))
    return REG_CHANNEL_CALL;
  if (g_str_equal (nick, "email"))
    return REG_CHANNEL_EMAIL;
  if (g_str_equal (nick, "other"))
    return REG_CHANNEL_OTHER;
  return REG_CHANNEL_VISIT;
}

typedef struct
{
  GArray *staff;   /* gint64 */
} ProfileJob;

static gboolean
add_customer (RegStore            *bulk,
              const char          *given,
              const char          *family,
              gboolean             vip,
              gint64               owner,
              const char * const  *notes,
              gint64              *id,
              GError             **error)
{
  g_autoptr(RegCustomer) customer = reg_customer_new ();
  g_autofree char *display = g_strdup_printf ("%s %s", given, family);
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_labeled_value_free);

  g_ptr_array_add (phones, reg_labeled_value_new ("mobile", "+44 7700 900123"));
  reg_customer_set_display_name (customer, display);
  reg_customer_set_given_name (customer, given);
  reg_customer_set_family_name (customer, family);
  reg_customer_set_locality (customer, "Hebden Bridge");
  reg_customer_set_vip (customer, vip);
  reg_customer_set_owner_id (customer, owner);
  reg_customer_set_phones (customer, phones);
  if (!reg_store_import_customer (bulk, customer, notes, NULL, error))
    return FALSE;
  *id = reg_customer_get_id (customer);
  return TRUE;
}

/* @n visits for @customer_id, the newest a day ago, the oldest nine
 * years before; one in three rated, one in forty by a colleague who has
 * left (no author). */
static gboolean
add_visits (RegStore  *bulk,
            gint64     customer_id,
            guint      n,
            GArray    *staff,
            GRand     *rand,
            GError   **error)
{
  gint64 now = reg_store_now (bulk);
  gint64 newest = now - 86400;
  gint64 span = 9 * 365 * (gint64) 86400;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RegVisit) visit = reg_visit_new ();
      /* Oldest first, each a little after the last, on shop hours. */
      gint64 at = newest - span + (n > 1 ? span * i / (n - 1) : span);
      int opener;
      g_autofree char *text = visit_text (rand, &opener);

      at -= at % 3600;
      at += g_rand_int_range (rand, 0, 3600);
      reg_visit_set_customer_id (visit, customer_id);
      reg_visit_set_channel (visit, channel_from_nick (openers[opener][0]));
      reg_visit_set_happened_at (visit, i == n - 1 ? newest : MIN (at, newest - 1));
      if (i == n - 1)
        {
          /* The newest, which the benchmark looks for on the card: its
           * own words, found on no other card. */
          g_free (text);
          text = g_strdup_printf ("Collected %s (visit %u of %u)",
                                  things[g_rand_int_range (rand, 0, G_N_ELEMENTS (things))], n, n);
        }
      reg_visit_set_text (visit, text);
      if (g_rand_int_range (rand, 0, 40) != 0)
        reg_visit_set_author_id (visit, g_array_index (staff, gint64, g_rand_int_range (rand, 0, staff->len)));
      if (g_rand_int_range (rand, 0, 3) == 0)
        reg_visit_set_satisfaction (visit, g_rand_int_range (rand, 1, 6));
      if (!reg_store_save_visit (bulk, visit, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_follow_up (RegStore           *bulk,
               gint64              customer_id,
               gint64              staff_id,
               gint64              due_at,
               const char         *promise,
               RegFollowUpStatus   status,
               GError            **error)
{
  g_autoptr(RegFollowUp) follow_up = reg_follow_up_new ();

  reg_follow_up_set_customer_id (follow_up, customer_id);
  reg_follow_up_set_assigned_to (follow_up, staff_id);
  reg_follow_up_set_created_by (follow_up, staff_id);
  reg_follow_up_set_due_at (follow_up, due_at - due_at % 900);
  reg_follow_up_set_promise (follow_up, promise);
  reg_follow_up_set_status (follow_up, status);
  if (status == REG_FOLLOW_UP_STATUS_DONE)
    reg_follow_up_set_done_at (follow_up, due_at);
  return reg_store_save_follow_up (bulk, follow_up, error);
}

static gboolean
add_case (RegStore    *bulk,
          gint64       customer_id,
          gint64       staff_id,
          const char  *title,
          const char  *description,
          gboolean     resolve,
          GError     **error)
{
  g_autoptr(RegCase) kase = reg_case_new ();

  reg_case_set_customer_id (kase, customer_id);
  reg_case_set_title (kase, title);
  reg_case_set_description (kase, description);
  reg_case_set_severity (kase, REG_CASE_SEVERITY_NORMAL);
  if (!reg_store_open_case (bulk, kase, staff_id, error))
    return FALSE;
  return !resolve || reg_store_resolve_case (bulk, kase, "Replaced it and apologised.", TRUE, staff_id, error);
}

static gboolean
fill_profile (RegStore      *bulk,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ProfileJob *job = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2000);
  const char *small_notes[] = { "Cyclist: parks his bike in the back yard", "Pays cash", NULL };
  const char *big_notes[G_N_ELEMENTS (crib_notes) + 1] = { NULL };
  gint64 now = reg_store_now (bulk);
  gint64 staff0 = g_array_index (job->staff, gint64, 0);
  gint64 staff1 = g_array_index (job->staff, gint64, 1 % job->staff->len);
  gint64 big_id, small_id, first_id;

  for (guint i = 0; i < G_N_ELEMENTS (crib_notes); i++)
    big_notes[i] = crib_notes[i];

  /* Indexed for search once, at the end, not after every visit. */
  if (!reg_store_import_begin (bulk, &first_id, error) ||
      !add_customer (bulk, "Winifred", "Ashdown-Carr", TRUE, staff0, big_notes, &big_id, error) ||
      !add_customer (bulk, "Tobias", "Renwick", FALSE, staff1, small_notes, &small_id, error) ||
      !add_visits (bulk, big_id, BIG_VISITS, job->staff, rand, error) ||
      !add_visits (bulk, small_id, SMALL_VISITS, job->staff, rand, error) ||
      !add_follow_up (bulk, big_id, staff0, now + 3 * 86400, "Ring when the Earl Grey is back in", REG_FOLLOW_UP_STATUS_OPEN, error) ||
      !add_follow_up (bulk, big_id, staff1, now + 12 * 86400, "Post the spring catalogue", REG_FOLLOW_UP_STATUS_OPEN, error) ||
      !add_follow_up (bulk, big_id, staff0, now - 40 * 86400, "Check the clock keeps time", REG_FOLLOW_UP_STATUS_DONE, error) ||
      !add_follow_up (bulk, small_id, staff1, now + 5 * 86400, "Order the inner tubes", REG_FOLLOW_UP_STATUS_OPEN, error) ||
      !add_case (bulk, big_id, staff0, "Teapot lid cracked",
                 "The replacement lid cracked the first week; she would like a refund or another.", FALSE, error) ||
      !add_case (bulk, big_id, staff1, "Boots delivered in the wrong size",
                 "Ordered size 6, got 7.", TRUE, error))
    return FALSE;
  return reg_store_import_end (bulk, first_id, NULL, error);
}

static gboolean
make_profile (const char  *path,
              GError     **error)
{
  g_autoptr(RegStore) store = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  ProfileJob job = { g_array_new (FALSE, FALSE, sizeof (gint64)) };
  gboolean ok = FALSE;

  if (!(store = reg_store_open (path, error)) ||
      !reg_store_fill_sample_data (store, SAMPLE_CUSTOMERS, 4, 1, NULL, error) ||
      !(staff = reg_store_list_staff (store, TRUE, error)))
    goto out;
  for (guint i = 0; i < staff->len; i++)
    {
      gint64 id = reg_staff_get_id (g_ptr_array_index (staff, i));
      g_array_append_val (job.staff, id);
    }
  if (job.staff->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The sample data has no staff");
      goto out;
    }
  ok = reg_store_run_bulk (store, fill_profile, &job, NULL, error);

out:
  g_array_unref (job.staff);
  return ok;
}

typedef struct
{
  const char *name;
  gint64      id;
  guint       n_visits;          /* in the database */
  char       *newest_text;       /* what the card shows first in its visit log */
  GArray     *open_ms;           /* list → card painted, per run */
  GArray     *fill_ms;           /* list → card filled (its customer set) */
  GArray     *frames;            /* frames painted until it showed */
  GArray     *wait_ms;           /* card filled → its frame begins */
  GArray     *layout_ms;         /* that frame's layout (measure, allocate) */
  GArray     *paint_ms;          /* that frame's snapshot and rendering */
  guint       widgets;           /* widgets in the card once shown */
} Subject;

static gboolean
read_subject (sqlite3   *db,
              Subject   *subject,
              GError   **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  if (!(stmt = bench_raw_prepare (db, "SELECT id FROM customers WHERE display_name = ?1 "
                                      "AND deleted_at IS NULL ORDER BY id DESC LIMIT 1", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, subject->name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    subject->id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (subject->id == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No customer called %s", subject->name);
      return FALSE;
    }

  if (!(stmt = bench_raw_prepare (db, "SELECT count(*) FROM visits WHERE customer_id = ?1 "
                                      "AND deleted_at IS NULL", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, subject->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    subject->n_visits = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  /* The store's own order: newest first. */
  if (!(stmt = bench_raw_prepare (db, "SELECT text FROM visits WHERE customer_id = ?1 "
                                      "AND deleted_at IS NULL ORDER BY happened_at DESC, id DESC LIMIT 1",
                                  error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, subject->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      subject->newest_text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      ok = TRUE;
    }
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s has no visits", subject->name);
  sqlite3_finalize (stmt);
  return ok;
}

/* Opens the profile at @path, making it first if it is missing or not
 * what this program expects, and reads who is on it. */
static gboolean
prepare_profile (const char  *path,
                 Subject     *big,
                 Subject     *small,
                 GError     **error)
{
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      sqlite3 *db = NULL;
      gboolean ok;

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          if (!(db = bench_raw_open (path, SQLITE_OPEN_READONLY, error)))
            return FALSE;
          big->id = small->id = 0;
          g_clear_pointer (&big->newest_text, g_free);
          g_clear_pointer (&small->newest_text, g_free);
          ok = read_subject (db, big, &local_error) && read_subject (db, small, &local_error) &&
               big->n_visits == BIG_VISITS && small->n_visits == SMALL_VISITS;
          sqlite3_close (db);
          if (ok)
            return TRUE;
          if (attempt > 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The new profile is not right: %s",
                           local_error != NULL ? local_error->message : "wrong number of visits");
              return FALSE;
            }
          g_printerr ("bench-card: the profile at %s is not this program's; making it again\n", path);
        }

      {
        g_autofree char *dir = g_path_get_dirname (path);
        const char *suffixes[] = { "", "-wal", "-shm", ".lock" };
        double start = g_get_monotonic_time ();

        for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
          {
            g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
            g_unlink (file);
          }
        g_mkdir_with_parents (dir, 0755);
        g_printerr ("bench-card: making the profile %s\n", path);
        if (!make_profile (path, error))
          return FALSE;
        g_printerr ("bench-card: profile made in %.1f s\n", (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
      }
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* The window                                                           */

typedef struct
{
  RegApplication *app;
  RegWindow      *window;
  GtkWidget      *card;
  GdkFrameClock  *clock;
  Subject         subjects[2];     /* big, small */
  Subject        *current;
  guint           opens;           /* done, warm-up included */
  guint           total_opens;
  gint64          opened_at;
  gint64          filled_at;
  guint           frames;
  gulong          paint_handler;
  gulong          notify_handler;
  gint64          frame_began;     /* the last frame's phases, as they end */
  gint64          layout_done;
  gint64          paint_done;
  int             status;
} Bench;

static char *opt_db;
static int opt_runs = 30;
static gboolean opt_quick;
static int opt_width = 1200;

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);
      if (found)
        return found;
    }
  return NULL;
}

/* A label showing @text, laid out (mapped, with a size) under @root. */
static GtkWidget *
find_shown_label (GtkWidget  *root,
                  const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_LABEL (root) && gtk_widget_get_width (root) > 0 &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_label (child, text);
      if (found)
        return found;
    }
  return NULL;
}

static guint
count_widgets (GtkWidget *root)
{
  guint n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child);
  return n;
}

static gint64
card_customer_id (Bench *bench)
{
  RegCustomer *customer = reg_customer_card_get_customer (REG_CUSTOMER_CARD (bench->card));

  return customer != NULL ? reg_customer_get_id (customer) : 0;
}

static void report_and_quit (Bench *bench);
static gboolean open_next (gpointer data);
static gboolean close_card (gpointer data);

static void
on_card_customer (GObject    *card,
                  GParamSpec *pspec,
                  Bench      *bench)
{
  if (bench->filled_at == 0 && card_customer_id (bench) == bench->current->id)
    bench->filled_at = g_get_monotonic_time ();
}

/* The phases of the frame that shows the card. Connected after GDK's own
 * handlers, each runs as GTK's part of its phase has ended. Before the
 * frame begins, GDK has the window measured for its size hints (the
 * toplevel's "compute-size", in an idle of its own): that is most of
 * "waiting for the frame". */
static void
on_before_paint (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frame_began = g_get_monotonic_time ();
}

static void
on_layout (GdkFrameClock *clock,
           Bench         *bench)
{
  bench->layout_done = g_get_monotonic_time ();
}

static void
on_paint (GdkFrameClock *clock,
          Bench         *bench)
{
  bench->paint_done = g_get_monotonic_time ();
}

static void
after_paint (GdkFrameClock *clock,
             Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  Subject *subject = bench->current;
  double ms, fill_ms;
  double frames;

  bench->frames++;
  if (bench->filled_at == 0 || card_customer_id (bench) != subject->id ||
      find_shown_label (bench->card, subject->newest_text) == NULL)
    {
      if (bench->frames >= MAX_FRAMES)
        {
          g_printerr ("bench-card: the card of %s did not show in %u frames\n", subject->name, bench->frames);
          bench->status = 1;
          report_and_quit (bench);
          return;
        }
      /* Not yet: look again at the next frame. */
      gtk_widget_queue_draw (bench->card);
      return;
    }

  g_clear_signal_handler (&bench->paint_handler, clock);
  g_clear_signal_handler (&bench->notify_handler, bench->card);

  ms = (now - bench->opened_at) / 1000.0;
  fill_ms = (bench->filled_at - bench->opened_at) / 1000.0;
  frames = bench->frames;
  subject->widgets = count_widgets (bench->card);
  if (g_getenv ("BENCH_DEBUG"))
    g_printerr ("  %s%s: filled after %.1f ms, painted after %.1f ms (frame %u: layout %.1f ms, "
                "paint %.1f ms), %u widgets\n",
                subject->name, bench->opens < WARM_UP_OPENS ? " (warm-up)" : "",
                fill_ms, ms, bench->frames, (bench->layout_done - bench->frame_began) / 1000.0,
                (bench->paint_done - bench->layout_done) / 1000.0, subject->widgets);
  if (bench->opens >= WARM_UP_OPENS)
    {
      g_array_append_val (subject->open_ms, ms);
      g_array_append_val (subject->fill_ms, fill_ms);
      g_array_append_val (subject->frames, frames);
      if (bench->frames == 1 && bench->frame_began >= bench->filled_at)
        {
          double wait = (bench->frame_began - bench->filled_at) / 1000.0;
          double layout = (bench->layout_done - bench->frame_began) / 1000.0;
          double paint = (bench->paint_done - bench->layout_done) / 1000.0;

          g_array_append_val (subject->wait_ms, wait);
          g_array_append_val (subject->layout_ms, layout);
          g_array_append_val (subject->paint_ms, paint);
        }
    }
  bench->opens++;

  if (bench->opens >= bench->total_opens)
    report_and_quit (bench);
  else
    g_idle_add (close_card, bench);
}

/* Back to the list, with no card, and let it settle. */
static gboolean
close_card (gpointer data)
{
  Bench *bench = data;

  reg_window_close_card (bench->window);
  g_timeout_add (SETTLE_MS, open_next, bench);
  return G_SOURCE_REMOVE;
}

static gboolean
open_next (gpointer data)
{
  Bench *bench = data;

  if (card_customer_id (bench) != 0)
    {
      g_printerr ("bench-card: the card did not close\n");
      bench->status = 1;
      report_and_quit (bench);
      return G_SOURCE_REMOVE;
    }

  bench->current = &bench->subjects[bench->opens % 2];
  bench->filled_at = 0;
  bench->frames = 0;
  bench->notify_handler = g_signal_connect (bench->card, "notify::customer", G_CALLBACK (on_card_customer), bench);
  bench->paint_handler = g_signal_connect (bench->clock, "after-paint", G_CALLBACK (after_paint), bench);

  bench->opened_at = g_get_monotonic_time ();
  reg_window_show_customer (bench->window, bench->current->id);
  return G_SOURCE_REMOVE;
}

static void
print_row (const char *label,
           GArray     *values,
           GArray     *baseline,
           const char *unit,
           gboolean    target)
{
  BenchFigure figure = bench_summarize (values);
  BenchFigure base = bench_summarize (baseline);

  g_print ("%-44s %7.2f %s %7.2f %s %9.2f %s %6.2fx", label, figure.median, unit, figure.p95, unit,
           base.median, unit, base.median > 0 ? figure.median / base.median : NAN);
  if (target)
    g_print ("  ≤ %.0f ms: %s", TARGET_MS, figure.median <= TARGET_MS ? "met" : "MISSED");
  g_print ("\n");
}

static void
report_and_quit (Bench *bench)
{
  Subject *big = &bench->subjects[0], *small = &bench->subjects[1];
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (bench->window));
  g_autofree char *open_label = g_strdup_printf ("open a card, %u visits, to painted", big->n_visits);
  g_autofree char *fill_label = g_strdup_printf ("  of which: card filled, %u visits", big->n_visits);

  g_clear_signal_handler (&bench->paint_handler, bench->clock);
  g_clear_signal_handler (&bench->notify_handler, bench->card);

  if (bench->status == 0)
    {
      g_print ("bench-card: %s\n", opt_db);
      g_print ("bench-card: %u customers listed; %d runs each card; renderer %s; window %d px wide\n",
               g_list_model_get_n_items (G_LIST_MODEL (reg_window_get_customer_list (bench->window))),
               opt_runs, G_OBJECT_TYPE_NAME (renderer), gtk_widget_get_width (GTK_WIDGET (bench->window)));
      g_print ("\n%-44s %10s %10s %12s %7s  %s\n", "figure", "median", "p95",
               "baseline", "ratio", "target");
      g_print ("%-44s %10s %10s %12s\n", "", "", "", "(5 visits)");
      print_row (open_label, big->open_ms, small->open_ms, "ms", TRUE);
      print_row (fill_label, big->fill_ms, small->fill_ms, "ms", FALSE);
      print_row ("  then: waiting for the frame", big->wait_ms, small->wait_ms, "ms", FALSE);
      print_row ("  then: layout (measure, allocate)", big->layout_ms, small->layout_ms, "ms", FALSE);
      print_row ("  then: snapshot and render", big->paint_ms, small->paint_ms, "ms", FALSE);
      print_row ("frames painted until it showed", big->frames, small->frames, "  ", FALSE);
      g_print ("%-44s %10u %10s %12u %6.2fx\n", "widgets on the card", big->widgets, "",
               small->widgets, small->widgets > 0 ? (double) big->widgets / small->widgets : NAN);
      g_print ("bench-card: done\n");
    }

  g_application_quit (G_APPLICATION (bench->app));
}

static gboolean
start (gpointer data)
{
  Bench *bench = data;

  bench->window = REG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (bench->app)));
  if (bench->window == NULL || reg_window_get_customer_list (bench->window) == NULL)
    {
      g_printerr ("bench-card: the window did not open its database\n");
      bench->status = 1;
      g_application_quit (G_APPLICATION (bench->app));
      return G_SOURCE_REMOVE;
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (bench->window)))
    return G_SOURCE_CONTINUE;
  if (opt_width > 0)
    {
      /* Wide enough for the list beside the card; then give the window
       * a moment to take the size. */
      gtk_window_set_default_size (GTK_WINDOW (bench->window), opt_width, 800);
      opt_width = 0;
      return G_SOURCE_CONTINUE;
    }

  bench->card = find_type (GTK_WIDGET (bench->window), REG_TYPE_CUSTOMER_CARD);
  bench->clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->window));
  if (bench->card == NULL || bench->clock == NULL)
    {
      g_printerr ("bench-card: the window has no card\n");
      bench->status = 1;
      g_application_quit (G_APPLICATION (bench->app));
      return G_SOURCE_REMOVE;
    }
  g_signal_connect (bench->clock, "before-paint", G_CALLBACK (on_before_paint), bench);
  g_signal_connect (bench->clock, "layout", G_CALLBACK (on_layout), bench);
  g_signal_connect (bench->clock, "paint", G_CALLBACK (on_paint), bench);

  g_printerr ("bench-card: opening %u cards\n", bench->total_opens);
  close_card (bench);
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
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "The profile (made if missing)", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Opens of each card (default 30)", "N" },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &opt_quick, "5 opens of each card", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, "Window width (default 1200)", "PIXELS" },
    { NULL }
  };
  Bench bench = { 0 };
  char *app_argv[4];

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-card: %s\n", error->message);
      return 2;
    }
  if (opt_quick)
    opt_runs = 5;
  if (opt_runs < 1)
    {
      g_printerr ("bench-card: --runs must be at least 1\n");
      return 2;
    }
  if (opt_db == NULL)
    opt_db = g_build_filename (BENCH_BUILD_ROOT, "bench-profiles", "card-2000.db", NULL);

  bench.subjects[0].name = BIG_NAME;
  bench.subjects[1].name = SMALL_NAME;
  if (!prepare_profile (opt_db, &bench.subjects[0], &bench.subjects[1], &error))
    {
      g_printerr ("bench-card: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (bench.subjects); i++)
    {
      bench.subjects[i].open_ms = g_array_new (FALSE, FALSE, sizeof (double));
      bench.subjects[i].fill_ms = g_array_new (FALSE, FALSE, sizeof (double));
      bench.subjects[i].frames = g_array_new (FALSE, FALSE, sizeof (double));
      bench.subjects[i].wait_ms = g_array_new (FALSE, FALSE, sizeof (double));
      bench.subjects[i].layout_ms = g_array_new (FALSE, FALSE, sizeof (double));
      bench.subjects[i].paint_ms = g_array_new (FALSE, FALSE, sizeof (double));
    }
  bench.total_opens = WARM_UP_OPENS + 2 * (guint) opt_runs;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_BUILD_ROOT "/data", FALSE);

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

  for (guint i = 0; i < G_N_ELEMENTS (bench.subjects); i++)
    {
      g_array_unref (bench.subjects[i].open_ms);
      g_array_unref (bench.subjects[i].fill_ms);
      g_array_unref (bench.subjects[i].frames);
      g_array_unref (bench.subjects[i].wait_ms);
      g_array_unref (bench.subjects[i].layout_ms);
      g_array_unref (bench.subjects[i].paint_ms);
      g_free (bench.subjects[i].newest_text);
    }
  g_free (opt_db);
  return bench.status;
}
