/* bench-reminders.c: what the reminders cost while nothing is due
 *
 * Issue 5 asks two things of the reminders with 20,000 open follow-ups:
 * arming the next timer takes under a millisecond, and between due
 * times the process makes no wakeups at all. This program measures
 * both, each beside a baseline run in the same invocation:
 *
 *  - arming: the store's next-due query and the timerfd it sets, beside
 *    the same query through a plain sqlite3 connection of its own and a
 *    timerfd_settime() of its own; and the whole reminder check that
 *    every change of a follow-up runs;
 *  - idle wakeups: `regulars --background` on the profile, under strace,
 *    beside the same program on an empty database, both at once; every
 *    return from a blocking wait (poll, futex, ...) in a window after
 *    start-up settled counts as a wakeup.
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
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "reminders/reg-clock.h"
#include "reminders/reg-reminder-service.h"
#include "bench-util.h"
#include "store/reg-store.h"

#ifndef BENCH_BUILD_ROOT
#define BENCH_BUILD_ROOT "."
#endif

#define ARM_TARGET_MS 1.0
#define FOLLOW_UPS_PER_CUSTOMER 4
#define FIRST_DUE_AFTER (60 * 60)          /* none due in the first hour */
#define DUE_SPREAD (30 * 24 * 60 * 60)     /* over the next 30 days */
#define QUIET_SECONDS 2.0                  /* no strace output this long: settled */

/* The raw connection's cache, the size the store sets for its own. */
#define RAW_CACHE_PRAGMA "PRAGMA cache_size = -4096"

/* The store's own queries, word for word, so that SQLite picks the same
 * index (follow_ups_open_by_due) for both. */
#define EFFECTIVE_DUE "max (due_at, ifnull (snoozed_until, 0))"
static const char SQL_RAW_NEXT_DUE[] =
  "SELECT " EFFECTIVE_DUE " FROM follow_ups "
  "WHERE status = 'open' AND deleted_at IS NULL AND " EFFECTIVE_DUE " > ?1 "
  "ORDER BY " EFFECTIVE_DUE " LIMIT 1";
static const char SQL_RAW_TO_REMIND[] =
  "SELECT id, customer_id, visit_id, promise, due_at, due_zone, assigned_to, created_by, "
  "status, snoozed_until, done_at, created_at, updated_at, deleted_at FROM follow_ups "
  "WHERE status = 'open' AND deleted_at IS NULL AND " EFFECTIVE_DUE " <= ?1 "
  "  AND (reminded_for IS NULL OR reminded_for < " EFFECTIVE_DUE ") "
  "ORDER BY " EFFECTIVE_DUE ", id";
static const char SQL_RAW_INSERT[] =
  "INSERT INTO follow_ups (customer_id, promise, due_at, assigned_to, created_by, status, "
  "  snoozed_until, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4, 'open', ?5, ?6, ?6)";

/* What strace watches: every call a thread sleeps in. */
static const char STRACE_CALLS[] =
  "poll,ppoll,epoll_wait,epoll_pwait,select,pselect6,nanosleep,clock_nanosleep,futex";

typedef struct
{
  int       n_follow_ups;
  int       runs;
  int       seconds;
  int       settle_max;
  gboolean  keep;
  char     *regulars;
} Options;

/* ------------------------------------------------------------------ */
/* Figures                                                              */

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec * 1000.0 + (double) ts.tv_nsec / 1.0e6;
}

static double
real_seconds (void)
{
  return (double) g_get_real_time () / (double) G_USEC_PER_SEC;
}


static void
print_row (const char *name,
           const char *median,
           const char *p95,
           const char *baseline,
           const char *ratio,
           const char *target)
{
  g_autofree char *line = g_strdup_printf ("%-38s %11s %11s %11s %8s  %s", name, median, p95,
                                           baseline, ratio, target);

  g_print ("%s\n", g_strchomp (line));
}

static char *
format_ms (double ms)
{
  if (ms < 1.0)
    return g_strdup_printf ("%.4f ms", ms);
  return g_strdup_printf ("%.2f ms", ms);
}

/* A timed figure, with its baseline when there is one (@baseline < 0:
 * none) and a target in milliseconds (@target_ms <= 0: none). */
static void
print_timed (const char *name,
             BenchFigure      figure,
             double      baseline,
             double      target_ms)
{
  g_autofree char *median = format_ms (figure.median);
  g_autofree char *p95 = format_ms (figure.p95);
  g_autofree char *base = baseline >= 0 ? format_ms (baseline) : g_strdup ("-");
  g_autofree char *ratio = baseline > 0 ? g_strdup_printf ("%.2fx", figure.median / baseline)
                                        : g_strdup ("-");
  g_autofree char *target = NULL;

  if (target_ms > 0)
    target = g_strdup_printf ("< %g ms: %s", target_ms,
                              figure.median < target_ms ? "met" : "missed");
  print_row (name, median, p95, base, ratio, target ? target : "");
}

/* ------------------------------------------------------------------ */
/* Plain SQLite                                                         */

static gboolean
raw_ids (sqlite3     *db,
         const char  *sql,
         GArray      *ids,
         GError     **error)
{
  sqlite3_stmt *stmt = bench_raw_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return bench_raw_error (db, rc, sql, error);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The profiles                                                         */

/* A database with @n_follow_ups open follow-ups spread over customers
 * (four each), due over the next 30 days and none in the first hour.
 * The schema and the customers come from the store; the follow-ups are
 * written straight into its table, in one transaction. */
static gboolean
make_profile (const char  *path,
              guint        n_follow_ups,
              GError     **error)
{
  g_autoptr(RegStore) store = NULL;
  g_autoptr(GArray) customers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  static const char * const promises[] = {
    "Call back about the part", "Send the quote", "Ring when the order arrives",
    "Check the repair went well", "Post the brochure", "Book the fitting",
  };
  guint n_customers = MAX (1, n_follow_ups / FOLLOW_UPS_PER_CUSTOMER);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  gboolean ok = FALSE;

  if (!(store = reg_store_open (path, error)))
    return FALSE;
  if (n_follow_ups > 0 &&
      !reg_store_fill_sample_data (store, n_customers, 0, 1, NULL, error))
    return FALSE;
  g_clear_object (&store);   /* its lock, and its connection, go */

  if (n_follow_ups == 0)
    return TRUE;

  if (!(db = bench_raw_open (path, SQLITE_OPEN_READWRITE, error)))
    return FALSE;
  if (!raw_ids (db, "SELECT id FROM customers ORDER BY id", customers, error) ||
      !raw_ids (db, "SELECT id FROM staff ORDER BY id", staff, error) ||
      !bench_raw_exec (db, "BEGIN IMMEDIATE", error) ||
      /* The sample data's own promises, some of them overdue, go: the
       * profile holds only what it says. */
      !bench_raw_exec (db, "DELETE FROM follow_ups", error) ||
      !(insert = bench_raw_prepare (db, SQL_RAW_INSERT, error)))
    goto out;

  for (guint i = 0; i < n_follow_ups; i++)
    {
      gint64 customer = g_array_index (customers, gint64, i % customers->len);
      gint64 due = now + FIRST_DUE_AFTER + g_rand_int_range (rand, 0, DUE_SPREAD);
      int rc;

      due += 900 - due % 900;   /* on a quarter hour, after the first hour */
      sqlite3_bind_int64 (insert, 1, customer);
      sqlite3_bind_text (insert, 2, promises[i % G_N_ELEMENTS (promises)], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 3, due);
      if (staff->len > 0)
        sqlite3_bind_int64 (insert, 4, g_array_index (staff, gint64, i % staff->len));
      else
        sqlite3_bind_null (insert, 4);
      /* One in twenty snoozed for a day, as people do. */
      if (i % 20 == 0)
        sqlite3_bind_int64 (insert, 5, due + 86400);
      else
        sqlite3_bind_null (insert, 5);
      sqlite3_bind_int64 (insert, 6, now - g_rand_int_range (rand, 0, 30 * 86400));

      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        {
          bench_raw_error (db, rc, "Could not write a follow-up", error);
          goto out;
        }
    }

  ok = bench_raw_exec (db, "COMMIT", error);

out:
  if (!ok)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  g_clear_pointer (&insert, sqlite3_finalize);
  sqlite3_close (db);
  return ok;
}

static gint64
count_open_follow_ups (const char *path)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = bench_raw_open (path, SQLITE_OPEN_READWRITE, NULL);

  if (db == NULL)
    return -1;
  raw_ids (db, "SELECT count(*) FROM follow_ups WHERE status = 'open' AND deleted_at IS NULL",
           ids, NULL);
  sqlite3_close (db);
  return ids->len == 1 ? g_array_index (ids, gint64, 0) : -1;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_unlink (file);
    }
  g_rmdir (path);
}

/* ------------------------------------------------------------------ */
/* A. Arming the next alarm                                             */

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *next_due;
  sqlite3_stmt *to_remind;
  int           timer;
} Raw;

static void
raw_clear (Raw *raw)
{
  g_clear_pointer (&raw->next_due, sqlite3_finalize);
  g_clear_pointer (&raw->to_remind, sqlite3_finalize);
  g_clear_pointer (&raw->db, sqlite3_close);
  if (raw->timer >= 0)
    close (raw->timer);
  raw->timer = -1;
}

static gboolean
raw_init (Raw         *raw,
          const char  *path,
          GError     **error)
{
  raw->timer = timerfd_create (CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (raw->timer < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not make a timerfd: %s", g_strerror (saved_errno));
      return FALSE;
    }
  return (raw->db = bench_raw_open (path, SQLITE_OPEN_READWRITE, error)) != NULL &&
         bench_raw_exec (raw->db, RAW_CACHE_PRAGMA, error) &&
         (raw->next_due = bench_raw_prepare (raw->db, SQL_RAW_NEXT_DUE, error)) != NULL &&
         (raw->to_remind = bench_raw_prepare (raw->db, SQL_RAW_TO_REMIND, error)) != NULL;
}

/* The timer the system clock sets, the same way. */
static void
raw_set_timer (Raw    *raw,
               gint64  when)
{
  struct itimerspec spec = { 0 };

  spec.it_value.tv_sec = when;
  if (timerfd_settime (raw->timer, when != 0 ? TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET : 0,
                       &spec, NULL) < 0)
    g_warning ("timerfd_settime: %s", g_strerror (errno));
}

static gint64
raw_next_due (Raw    *raw,
              gint64  after)
{
  gint64 due = 0;

  sqlite3_bind_int64 (raw->next_due, 1, after);
  if (sqlite3_step (raw->next_due) == SQLITE_ROW)
    due = sqlite3_column_int64 (raw->next_due, 0);
  sqlite3_reset (raw->next_due);
  return due;
}

/* What the reminder check does, in plain SQLite: read every follow-up
 * due and not yet reminded of (none, here), then arm. */
static void
raw_check (Raw    *raw,
           gint64  now)
{
  sqlite3_bind_int64 (raw->to_remind, 1, now);
  while (sqlite3_step (raw->to_remind) == SQLITE_ROW)
    (void) sqlite3_column_text (raw->to_remind, 3);
  sqlite3_reset (raw->to_remind);
  raw_set_timer (raw, raw_next_due (raw, now));
}

typedef struct
{
  BenchFigure arm;
  BenchFigure raw_arm;
  BenchFigure check;
  BenchFigure raw_check;
  BenchFigure settime;
  gint64 armed_at;
} ArmFigures;

/* Store and plain SQLite take turns, run by run, so that whatever else
 * the machine does falls on both alike. */
static gboolean
bench_arm (const char  *path,
           guint        runs,
           ArmFigures  *out,
           GError     **error)
{
  g_autoptr(RegStore) store = NULL;
  g_autoptr(RegClock) clock = NULL;
  g_autoptr(RegReminderService) service = NULL;
  g_autoptr(GArray) arm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_arm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) check = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_check_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) settime = g_array_new (FALSE, FALSE, sizeof (double));
  Raw raw = { NULL, NULL, NULL, -1 };
  guint warm_up = MIN (runs, 20);
  gboolean ok = FALSE;

  if (!(store = reg_store_open (path, error)))
    return FALSE;
  if (!raw_init (&raw, path, error))
    goto out;
  clock = reg_clock_new_system ();

  /* 1. reg_store_next_follow_up_due () and reg_clock_set_alarm (): what
   * the service does to arm. */
  for (guint i = 0; i < warm_up + runs; i++)
    {
      gint64 now = reg_clock_get_now (clock);
      gint64 due = 0;
      double start, store_ms, raw_ms;

      start = now_ms ();
      if (!reg_store_next_follow_up_due (store, now, &due, error))
        goto out;
      reg_clock_set_alarm (clock, due);
      store_ms = now_ms () - start;

      start = now_ms ();
      raw_set_timer (&raw, raw_next_due (&raw, now));
      raw_ms = now_ms () - start;

      if (i >= warm_up)
        {
          g_array_append_val (arm, store_ms);
          g_array_append_val (raw_arm, raw_ms);
        }
    }
  out->armed_at = reg_clock_get_alarm (clock);

  /* 2. The timer alone: the floor of any arming. */
  for (guint i = 0; i < warm_up + runs; i++)
    {
      double start = now_ms (), ms;

      raw_set_timer (&raw, out->armed_at);
      ms = now_ms () - start;
      if (i >= warm_up)
        g_array_append_val (settime, ms);
    }

  /* 3. The whole check every change of a follow-up runs. The service
   * starts as the program starts it; nothing is due, so nothing is
   * handed over, and the default main context is never run. */
  service = reg_reminder_service_new (store, clock);
  reg_reminder_service_start (service);
  for (guint i = 0; i < warm_up + runs; i++)
    {
      double start, store_ms, raw_ms;

      start = now_ms ();
      reg_reminder_service_check (service);
      store_ms = now_ms () - start;

      start = now_ms ();
      raw_check (&raw, g_get_real_time () / G_USEC_PER_SEC);
      raw_ms = now_ms () - start;

      if (i >= warm_up)
        {
          g_array_append_val (check, store_ms);
          g_array_append_val (raw_check_ms, raw_ms);
        }
    }
  if (reg_reminder_service_get_armed_at (service) != out->armed_at)
    g_printerr ("bench-reminders: the service armed for %" G_GINT64_FORMAT ", the store said %"
                G_GINT64_FORMAT "\n", reg_reminder_service_get_armed_at (service), out->armed_at);

  out->arm = bench_summarize (arm);
  out->raw_arm = bench_summarize (raw_arm);
  out->check = bench_summarize (check);
  out->raw_check = bench_summarize (raw_check_ms);
  out->settime = bench_summarize (settime);
  ok = TRUE;

out:
  raw_clear (&raw);
  return ok;
}

/* ------------------------------------------------------------------ */
/* B. Idle wakeups, read from strace                                    */

typedef struct
{
  int         tid;
  char       *name;
  guint       wakeups;      /* returns from a blocking wait in the window */
  guint       calls;        /* calls made in the window */
  GHashTable *by_call;      /* syscall name → wakeups and calls in the window */
  GArray     *wake_times;   /* when it woke, in the window */
  char       *pending;      /* the call it is asleep in, or NULL */
  gboolean    pending_wait;
  gboolean    pending_finite;
  gboolean    exited;
  gboolean    exited_in_window;
} ThreadLog;

static void
thread_log_free (gpointer data)
{
  ThreadLog *thread = data;

  g_free (thread->name);
  g_hash_table_unref (thread->by_call);
  g_array_unref (thread->wake_times);
  g_free (thread->pending);
  g_free (thread);
}

typedef struct
{
  GHashTable *threads;      /* tid → ThreadLog */
  GArray     *order;        /* tids, as first seen */
  gsize       bytes;
  guint       lines;
} TraceLog;

static void
trace_log_clear (TraceLog *log)
{
  g_clear_pointer (&log->threads, g_hash_table_unref);
  g_clear_pointer (&log->order, g_array_unref);
}

static ThreadLog *
trace_log_thread (TraceLog *log,
                  int       tid)
{
  ThreadLog *thread = g_hash_table_lookup (log->threads, GINT_TO_POINTER (tid));

  if (thread == NULL)
    {
      thread = g_new0 (ThreadLog, 1);
      thread->tid = tid;
      thread->by_call = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      thread->wake_times = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (log->threads, GINT_TO_POINTER (tid), thread);
      g_array_append_val (log->order, tid);
    }
  return thread;
}

static void
count_call (ThreadLog  *thread,
            const char *name)
{
  gpointer n = g_hash_table_lookup (thread->by_call, name);

  g_hash_table_replace (thread->by_call, g_strdup (name), GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
}

/* The last argument of a call line as an integer (poll's timeout),
 * or G_MININT when it cannot be read. */
static int
last_int_argument (const char *args)
{
  g_autofree char *copy = g_strdup (args);
  char *end;
  char *comma;

  /* Only the arguments: not what the call returned. */
  if ((end = strstr (copy, ") = ")) != NULL || (end = strstr (copy, " <unfinished")) != NULL)
    *end = '\0';
  else if ((end = strrchr (copy, ')')) != NULL)
    *end = '\0';
  comma = strrchr (copy, ',');
  if (comma == NULL)
    return G_MININT;
  return (int) g_ascii_strtoll (comma + 1, NULL, 10);
}

/* Whether a call can sleep, and whether it sleeps with a timeout: a
 * thread asleep with a timeout has a wakeup already booked. */
static void
classify_call (const char *name,
               const char *line,
               gboolean   *wait,
               gboolean   *finite)
{
  *wait = TRUE;
  *finite = FALSE;

  if (g_str_equal (name, "futex"))
    {
      *wait = strstr (line, "FUTEX_WAIT") != NULL || strstr (line, "FUTEX_LOCK_PI") != NULL;
      *finite = *wait && strstr (line, "tv_sec=") != NULL;
    }
  else if (g_str_equal (name, "poll"))
    {
      int timeout = last_int_argument (line);

      *wait = timeout != 0;
      *finite = timeout > 0;
    }
  else if (g_str_equal (name, "nanosleep") || g_str_equal (name, "clock_nanosleep"))
    *finite = TRUE;
  else
    /* ppoll, select, pselect6 print their timeout as they start; the
     * epoll calls print it only when they return: taken as none. */
    *finite = strstr (line, "tv_sec=") != NULL;
}

/* One line of `strace -f -ttt -T`: "TID SECONDS.MICROS call(...) = R <DURATION>",
 * "TID SECONDS <... call resumed>...", "TID SECONDS +++ exited ...".
 * @partial: the last line, still being written (a call not yet back). */
static void
trace_log_line (TraceLog   *log,
                const char *line,
                gboolean    partial,
                double      t0,
                double      t1)
{
  int tid = 0, offset = 0;
  double ts = 0;
  const char *rest;
  ThreadLog *thread;

  if (sscanf (line, "%d %lf %n", &tid, &ts, &offset) < 2 || offset == 0)
    return;
  /* The state at the end of the window: not how it was stopped. */
  if (t1 > 0 && ts >= t1)
    return;
  rest = line + offset;
  thread = trace_log_thread (log, tid);
  log->lines++;

  if (g_str_has_prefix (rest, "+++ "))
    {
      thread->exited = TRUE;
      thread->exited_in_window = ts >= t0 && ts < t1;
      g_clear_pointer (&thread->pending, g_free);
      return;
    }
  if (g_str_has_prefix (rest, "--- "))
    return;

  if (g_str_has_prefix (rest, "<... "))
    {
      /* A call that slept comes back: ts is when. */
      g_autofree char *name = g_strndup (rest + 5, strcspn (rest + 5, " "));

      if (ts >= t0 && ts < t1 && thread->pending_wait)
        {
          g_autofree char *key = g_strconcat (name, " wakeups", NULL);
          thread->wakeups++;
          g_array_append_val (thread->wake_times, ts);
          count_call (thread, key);
        }
      g_clear_pointer (&thread->pending, g_free);
      thread->pending_wait = thread->pending_finite = FALSE;
      return;
    }

  {
    g_autofree char *name = g_strndup (rest, strcspn (rest, "("));
    gboolean unfinished = partial || g_str_has_suffix (rest, "<unfinished ...>");
    gboolean wait, finite;

    if (rest[strlen (name)] != '(')
      return;
    classify_call (name, rest, &wait, &finite);

    if (ts >= t0 && ts < t1)
      {
        thread->calls++;
        count_call (thread, name);
      }

    if (unfinished)
      {
        g_free (thread->pending);
        thread->pending = g_strdup (rest);
        thread->pending_wait = wait;
        thread->pending_finite = finite;
        return;
      }

    /* Back before any other thread spoke: -T says when. */
    g_clear_pointer (&thread->pending, g_free);
    thread->pending_wait = thread->pending_finite = FALSE;
    if (wait)
      {
        const char *open = strrchr (rest, '<');
        double duration = 0, back;

        if (open != NULL)
          duration = g_ascii_strtod (open + 1, NULL);
        back = ts + duration;
        if (back >= t0 && back < t1)
          {
            g_autofree char *key = g_strconcat (name, " wakeups", NULL);
            thread->wakeups++;
            g_array_append_val (thread->wake_times, back);
            count_call (thread, key);
          }
      }
  }
}

/* Reads the whole log again: a few thousand lines at most. */
static gboolean
trace_log_read (TraceLog    *log,
                const char  *path,
                double       t0,
                double       t1)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  char *line, *next;

  trace_log_clear (log);
  log->threads = g_hash_table_new_full (NULL, NULL, NULL, thread_log_free);
  log->order = g_array_new (FALSE, FALSE, sizeof (int));
  log->bytes = 0;
  log->lines = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  log->bytes = length;

  for (line = contents; line < contents + length; line = next)
    {
      char *newline = memchr (line, '\n', (gsize) (contents + length - line));
      gboolean partial = newline == NULL;

      if (newline != NULL)
        {
          *newline = '\0';
          next = newline + 1;
        }
      else
        next = contents + length;
      trace_log_line (log, line, partial, t0, t1);
    }
  return TRUE;
}

/* Whether some thread sleeps with a timeout: a wakeup already booked.
 * @who: its description, for saying why start-up did not settle. */
static gboolean
trace_log_has_booked_wakeup (TraceLog  *log,
                             char     **who)
{
  for (guint i = 0; i < log->order->len; i++)
    {
      ThreadLog *thread = g_hash_table_lookup (log->threads,
                                               GINT_TO_POINTER (g_array_index (log->order, int, i)));

      if (!thread->exited && thread->pending != NULL && thread->pending_finite)
        {
          if (who != NULL)
            *who = g_strdup_printf ("thread %d in %.100s", thread->tid, thread->pending);
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  const char   *label;
  char         *database;
  char         *trace_path;
  char         *output_path;
  GSubprocess  *process;
  int           pgid;
  gboolean      running;
  gboolean      settled;
  double        started;
  double        settled_at;
  char         *unsettled;     /* why it never settled, if so */
  gsize         last_bytes;
  double        last_growth;
  TraceLog      log;
  GHashTable   *names;         /* tid → name, read while it ran */
  int           pid;           /* Regulars itself */
  GString      *timers;        /* its timerfds, read while it ran */
} Traced;

static void
traced_clear (Traced *traced)
{
  g_clear_pointer (&traced->database, g_free);
  g_clear_pointer (&traced->trace_path, g_free);
  g_clear_pointer (&traced->output_path, g_free);
  g_clear_object (&traced->process);
  g_clear_pointer (&traced->unsettled, g_free);
  g_clear_pointer (&traced->names, g_hash_table_unref);
  if (traced->timers != NULL)
    g_string_free (traced->timers, TRUE);
  traced->timers = NULL;
  trace_log_clear (&traced->log);
}

static void
child_setup (gpointer data)
{
  /* Its own process group, so that xvfb-run, the bus, strace and
   * Regulars can be stopped together, and only they. */
  setpgid (0, 0);
}

static void
on_process_exited (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  Traced *traced = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  traced->running = FALSE;
}

static char **
traced_argv (const Options *options,
             const char    *database,
             const char    *trace_path,
             gboolean       own_display)
{
  GPtrArray *argv = g_ptr_array_new ();

  if (own_display)
    {
      g_ptr_array_add (argv, g_strdup ("xvfb-run"));
      g_ptr_array_add (argv, g_strdup ("-a"));
    }
  g_ptr_array_add (argv, g_strdup ("dbus-run-session"));
  g_ptr_array_add (argv, g_strdup ("--"));
  g_ptr_array_add (argv, g_strdup ("strace"));
  g_ptr_array_add (argv, g_strdup ("-f"));
  g_ptr_array_add (argv, g_strdup ("-ttt"));
  g_ptr_array_add (argv, g_strdup ("-T"));
  g_ptr_array_add (argv, g_strdup ("-e"));
  g_ptr_array_add (argv, g_strconcat ("trace=", STRACE_CALLS, NULL));
  g_ptr_array_add (argv, g_strdup ("-o"));
  g_ptr_array_add (argv, g_strdup (trace_path));
  g_ptr_array_add (argv, g_strdup (options->regulars));
  g_ptr_array_add (argv, g_strdup ("--background"));
  g_ptr_array_add (argv, g_strdup ("--database"));
  g_ptr_array_add (argv, g_strdup (database));
  g_ptr_array_add (argv, NULL);
  return (char **) g_ptr_array_free (argv, FALSE);
}

static gboolean
traced_start (Traced         *traced,
              const Options  *options,
              gboolean        own_display,
              GError        **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_auto(GStrv) argv = traced_argv (options, traced->database, traced->trace_path, own_display);
  g_autofree char *schemas = g_build_filename (BENCH_BUILD_ROOT, "data", NULL);

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, traced->output_path);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  if (!(traced->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, error)))
    return FALSE;
  traced->pgid = (int) g_ascii_strtoll (g_subprocess_get_identifier (traced->process), NULL, 10);
  traced->running = TRUE;
  traced->started = real_seconds ();
  traced->last_growth = traced->started;
  g_subprocess_wait_async (traced->process, NULL, on_process_exited, traced);
  return TRUE;
}

/* Settled: strace has said nothing for a while, and no thread sleeps
 * with a timeout (GLib's thread pools, for one, let an idle worker go
 * after 15 seconds). A process that keeps waking never settles: after
 * @settle_max seconds the window starts all the same. */
static void
traced_poll_settled (Traced *traced,
                     int     settle_max)
{
  double now = real_seconds ();
  g_autofree char *who = NULL;

  if (traced->settled || !traced->running)
    return;

  trace_log_read (&traced->log, traced->trace_path, 0, 0);
  if (traced->log.bytes != traced->last_bytes)
    {
      traced->last_bytes = traced->log.bytes;
      traced->last_growth = now;
    }

  if (traced->log.lines > 0 && now - traced->last_growth >= QUIET_SECONDS &&
      !trace_log_has_booked_wakeup (&traced->log, NULL))
    {
      traced->settled = TRUE;
      traced->settled_at = now;
    }
  else if (now - traced->started >= settle_max)
    {
      traced->settled = TRUE;
      traced->settled_at = now;
      if (!trace_log_has_booked_wakeup (&traced->log, &who))
        who = g_strdup_printf ("strace still writing (%" G_GSIZE_FORMAT " bytes)", traced->log.bytes);
      traced->unsettled = g_steal_pointer (&who);
    }
}

static void
traced_read_names (Traced *traced)
{
  traced->names = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  for (guint i = 0; traced->log.order != NULL && i < traced->log.order->len; i++)
    {
      int tid = g_array_index (traced->log.order, int, i);
      g_autofree char *path = g_strdup_printf ("/proc/%d/comm", tid);
      char *name = NULL;

      if (g_file_get_contents (path, &name, NULL, NULL))
        g_hash_table_insert (traced->names, GINT_TO_POINTER (tid), g_strchomp (name));
    }
}

/* The process a thread belongs to, from /proc; 0 when it is gone. */
static int
thread_group (int tid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", tid);
  g_autofree char *status = NULL;
  const char *tgid;

  if (!g_file_get_contents (path, &status, NULL, NULL) ||
      (tgid = strstr (status, "\nTgid:")) == NULL)
    return 0;
  return (int) g_ascii_strtoll (tgid + 6, NULL, 10);
}

/* Regulars' timerfds, as the kernel sees them: proof that the alarm is
 * armed (for when) while the process sleeps. */
static void
traced_read_timers (Traced *traced)
{
  g_autofree char *fd_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  traced->timers = g_string_new (NULL);
  if (traced->log.order == NULL || traced->log.order->len == 0 ||
      (traced->pid = thread_group (g_array_index (traced->log.order, int, 0))) <= 0)
    return;

  fd_dir = g_strdup_printf ("/proc/%d/fd", traced->pid);
  if (!(dir = g_dir_open (fd_dir, 0, NULL)))
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link_path = g_build_filename (fd_dir, name, NULL);
      g_autofree char *target = g_file_read_link (link_path, NULL);
      g_autofree char *info_path = NULL;
      g_autofree char *info = NULL;
      const char *value, *clockid;
      gint64 seconds = 0;

      if (target == NULL || !g_str_equal (target, "anon_inode:[timerfd]"))
        continue;
      info_path = g_strdup_printf ("/proc/%d/fdinfo/%s", traced->pid, name);
      if (!g_file_get_contents (info_path, &info, NULL, NULL))
        continue;
      clockid = strstr (info, "clockid:");
      if ((value = strstr (info, "it_value: (")) != NULL)
        seconds = g_ascii_strtoll (value + 11, NULL, 10);
      g_string_append_printf (traced->timers, "%stimerfd %s (clock %d): ",
                              traced->timers->len ? "; " : "", name,
                              clockid ? (int) g_ascii_strtoll (clockid + 8, NULL, 10) : -1);
      if (value == NULL)
        g_string_append (traced->timers, "?");
      else if (seconds == 0 && strstr (value, "(0, 0)") == value + 10)
        g_string_append (traced->timers, "disarmed");
      else
        g_string_append_printf (traced->timers, "rings in %.2f h", seconds / 3600.0);
    }
}

static void
iterate_for (GMainContext *context,
             double        seconds)
{
  double until = real_seconds () + seconds;

  while (real_seconds () < until)
    {
      g_main_context_iteration (context, FALSE);
      g_usleep (50 * 1000);
    }
}

static void
traced_stop (Traced       *traced,
             GMainContext *context)
{
  double until;

  if (!traced->running || traced->pgid <= 0)
    return;

  /* Regulars first: strace, the bus and xvfb-run then end by
   * themselves and clean up after them. The whole group, only if they
   * do not. */
  if (traced->pid > 0)
    {
      kill (traced->pid, SIGTERM);
      until = real_seconds () + 10;
      while (traced->running && real_seconds () < until)
        iterate_for (context, 0.1);
    }
  if (traced->running)
    {
      kill (-traced->pgid, SIGTERM);
      until = real_seconds () + 10;
      while (traced->running && real_seconds () < until)
        iterate_for (context, 0.1);
    }
  if (traced->running)
    {
      kill (-traced->pgid, SIGKILL);
      until = real_seconds () + 5;
      while (traced->running && real_seconds () < until)
        iterate_for (context, 0.1);
    }
}

typedef struct
{
  guint wakeups;
  guint main_wakeups;
  guint calls;
  guint threads;
} IdleCount;

static IdleCount
traced_count (Traced *traced)
{
  IdleCount count = { 0, 0, 0, 0 };

  for (guint i = 0; i < traced->log.order->len; i++)
    {
      int tid = g_array_index (traced->log.order, int, i);
      ThreadLog *thread = g_hash_table_lookup (traced->log.threads, GINT_TO_POINTER (tid));

      count.wakeups += thread->wakeups;
      count.calls += thread->calls;
      if (traced->pid > 0 ? tid == traced->pid : i == 0)
        count.main_wakeups = thread->wakeups;
      if (!thread->exited || thread->exited_in_window)
        count.threads++;
    }
  return count;
}

static const char *
thread_name (Traced *traced,
             int     tid)
{
  const char *name = traced->names ? g_hash_table_lookup (traced->names, GINT_TO_POINTER (tid)) : NULL;

  return name != NULL ? name : "(gone)";
}

/* Each thread: what woke it in the window, and what it sleeps in. */
static void
traced_print_threads (Traced *traced)
{
  g_print ("  %s: %s\n", traced->label, traced->database);
  g_print ("    settled %.1f s after start%s%s\n", traced->settled_at - traced->started,
           traced->unsettled ? "; never quiet: " : "", traced->unsettled ? traced->unsettled : "");
  if (traced->timers != NULL && traced->timers->len > 0)
    g_print ("    pid %d: %s\n", traced->pid, traced->timers->str);

  for (guint i = 0; i < traced->log.order->len; i++)
    {
      int tid = g_array_index (traced->log.order, int, i);
      ThreadLog *thread = g_hash_table_lookup (traced->log.threads, GINT_TO_POINTER (tid));
      g_autoptr(GString) calls = g_string_new (NULL);
      g_autoptr(GList) keys = NULL;

      if (thread->exited && !thread->exited_in_window)
        continue;

      keys = g_list_sort (g_hash_table_get_keys (thread->by_call), (GCompareFunc) g_strcmp0);
      for (GList *l = keys; l != NULL; l = l->next)
        g_string_append_printf (calls, "%s%s %u", calls->len ? ", " : "", (const char *) l->data,
                                GPOINTER_TO_UINT (g_hash_table_lookup (thread->by_call, l->data)));

      g_print ("    %-7d %-16s %4u wakeups %5u calls%s%s%s\n", tid,
               tid == traced->pid ? "(main)" : thread_name (traced, tid), thread->wakeups, thread->calls,
               calls->len ? " (" : "", calls->str, calls->len ? ")" : "");
      if (thread->wake_times->len > 1)
        {
          GArray *times = thread->wake_times;
          double first = g_array_index (times, double, 0);
          double last = g_array_index (times, double, times->len - 1);

          g_print ("            every %.3f s on average\n", (last - first) / (times->len - 1));
        }
      if (thread->exited_in_window)
        g_print ("            exited in the window\n");
      else if (thread->pending != NULL)
        g_print ("            asleep in %.110s\n", thread->pending);
    }
}

typedef struct
{
  gboolean  ran;
  char     *skipped;            /* why not, if not */
  IdleCount profile;
  IdleCount empty;
  double    window;
} IdleFigures;

static gboolean
bench_idle (const Options *options,
            Traced        *profile,
            Traced        *empty,
            IdleFigures   *out,
            GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  gboolean own_display = g_getenv ("DISPLAY") == NULL || *g_getenv ("DISPLAY") == '\0';
  Traced *both[] = { profile, empty };
  double t0, t1;
  gboolean ok = FALSE;
  g_autofree char *strace = g_find_program_in_path ("strace");
  g_autofree char *dbus = g_find_program_in_path ("dbus-run-session");
  g_autofree char *xvfb = g_find_program_in_path ("xvfb-run");

  out->window = options->seconds;

  if (strace == NULL)
    {
      out->skipped = g_strdup ("strace is not installed (apt-get install strace)");
      return TRUE;
    }
  if (dbus == NULL)
    {
      out->skipped = g_strdup ("dbus-run-session is not installed (apt-get install dbus)");
      return TRUE;
    }
  if (own_display && xvfb == NULL)
    {
      out->skipped = g_strdup ("no DISPLAY, and xvfb-run is not installed (apt-get install xvfb)");
      return TRUE;
    }
  if (!g_file_test (options->regulars, G_FILE_TEST_IS_EXECUTABLE))
    {
      out->skipped = g_strdup_printf ("%s is not there (build it, or name it with --regulars)",
                                      options->regulars);
      return TRUE;
    }

  g_main_context_push_thread_default (context);

  /* Both at once, so that the window is the same for both; a second
   * apart, so that xvfb-run -a gives each its own display. */
  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    {
      if (i > 0)
        iterate_for (context, own_display ? 1.5 : 0.1);
      if (!traced_start (both[i], options, own_display, error))
        goto out;
    }

  while (!profile->settled || !empty->settled)
    {
      iterate_for (context, 0.25);
      for (guint i = 0; i < G_N_ELEMENTS (both); i++)
        {
          if (!both[i]->running)
            {
              g_autofree char *output = NULL;

              g_file_get_contents (both[i]->output_path, &output, NULL, NULL);
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "regulars (%s) stopped during start-up; it said:\n%s", both[i]->label,
                           output ? output : "");
              goto out;
            }
          traced_poll_settled (both[i], options->settle_max);
        }
    }

  /* The window: N seconds in which neither should do anything. */
  t0 = real_seconds ();
  g_print ("bench-reminders: both settled; watching for %d s\n", options->seconds);
  iterate_for (context, options->seconds);
  t1 = real_seconds ();

  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    {
      trace_log_read (&both[i]->log, both[i]->trace_path, t0, t1);
      traced_read_names (both[i]);
      traced_read_timers (both[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    traced_stop (both[i], context);
  /* Read again: lines of the window strace had not finished writing. */
  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    trace_log_read (&both[i]->log, both[i]->trace_path, t0, t1);

  out->profile = traced_count (profile);
  out->empty = traced_count (empty);
  out->window = t1 - t0;
  out->ran = TRUE;
  ok = TRUE;

out:
  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    traced_stop (both[i], context);
  g_main_context_pop_thread_default (context);
  return ok;
}

static void
print_idle (const char *name,
            guint       count,
            guint       baseline,
            double      window,
            const char *target)
{
  g_autofree char *value = g_strdup_printf ("%.1f/min", count * 60.0 / window);
  g_autofree char *total = g_strdup_printf ("%u in %.0f s", count, window);
  g_autofree char *base = g_strdup_printf ("%.1f/min", baseline * 60.0 / window);
  g_autofree char *ratio = baseline > 0 ? g_strdup_printf ("%.2fx", (double) count / baseline)
                                        : g_strdup (count == 0 ? "0/0" : "-");

  print_row (name, value, total, base, ratio, target);
}

/* ------------------------------------------------------------------ */

static gboolean
bench_all (const Options  *options,
           GError        **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *profile_path = NULL;
  g_autofree char *empty_path = NULL;
  g_autofree char *made = NULL;
  g_autofree char *open_count = NULL;
  ArmFigures arm = { { 0 } };
  ArmFigures arm_empty = { { 0 } };
  IdleFigures idle = { FALSE, NULL, { 0 }, { 0 }, 0 };
  Traced profile = { "profile" }, empty = { "empty database" };
  g_autoptr(GError) idle_error = NULL;
  gint64 n_open;
  double start, made_ms;
  gboolean ok = FALSE;

  if (!(dir = g_dir_make_tmp ("regulars-bench-reminders-XXXXXX", error)))
    return FALSE;
  profile_path = g_build_filename (dir, "profile.db", NULL);
  empty_path = g_build_filename (dir, "empty.db", NULL);

  g_print ("bench-reminders: profile %s\n", profile_path);
  g_print ("bench-reminders: %d open follow-ups, %d runs, %d s idle window, SQLite %s\n",
           options->n_follow_ups, options->runs, options->seconds, sqlite3_libversion ());

  start = now_ms ();
  if (!make_profile (profile_path, (guint) options->n_follow_ups, error))
    goto out;
  made_ms = now_ms () - start;
  if (!make_profile (empty_path, 0, error))
    goto out;
  n_open = count_open_follow_ups (profile_path);

  /* A. */
  if (!bench_arm (profile_path, (guint) options->runs, &arm, error) ||
      !bench_arm (empty_path, (guint) options->runs, &arm_empty, error))
    goto out;

  /* B. The store above is closed: Regulars takes its lock. */
  profile.database = g_strdup (profile_path);
  profile.trace_path = g_build_filename (dir, "profile.strace", NULL);
  profile.output_path = g_build_filename (dir, "profile.out", NULL);
  empty.database = g_strdup (empty_path);
  empty.trace_path = g_build_filename (dir, "empty.strace", NULL);
  empty.output_path = g_build_filename (dir, "empty.out", NULL);
  if (!bench_idle (options, &profile, &empty, &idle, &idle_error))
    idle.skipped = g_strdup (idle_error->message);

  g_print ("\n");
  print_row ("figure", "median", "p95", "baseline", "ratio", "target");

  made = format_ms (made_ms);
  print_row ("make profile (one transaction)", made, "", "", "", "");
  open_count = g_strdup_printf ("%" G_GINT64_FORMAT, n_open);
  print_row ("open follow-ups", open_count, "", "", "", "");

  print_timed ("arm next alarm (store + timerfd)", arm.arm, arm.raw_arm.median, ARM_TARGET_MS);
  print_timed ("arm next alarm, empty database", arm_empty.arm, arm_empty.raw_arm.median, ARM_TARGET_MS);
  print_timed ("timerfd_settime () alone", arm.settime, -1, 0);
  print_timed ("reminder check (each change)", arm.check, arm.raw_check.median, 0);
  print_timed ("reminder check, empty database", arm_empty.check, arm_empty.raw_check.median, 0);

  if (idle.ran)
    {
      const char *met = idle.profile.wakeups == 0 ? "0 wakeups: met" : "0 wakeups: missed";
      const char *main_met = idle.profile.main_wakeups == 0 ? "0 wakeups: met" : "0 wakeups: missed";

      print_idle ("idle wakeups, all threads", idle.profile.wakeups, idle.empty.wakeups,
                  idle.window, met);
      print_idle ("idle wakeups, main thread (the timer)", idle.profile.main_wakeups,
                  idle.empty.main_wakeups, idle.window, main_met);
      print_idle ("idle syscalls traced, all threads", idle.profile.calls, idle.empty.calls,
                  idle.window, "");
    }
  else
    print_row ("idle wakeups", "skipped", "", "", "", idle.skipped ? idle.skipped : "");

  g_print ("\nA: medians over %d runs after %d to warm up; baseline: the same query through a "
           "plain sqlite3\n   connection and a timerfd of its own (the check: both queries "
           "and the timerfd).\n   Alarm armed for %" G_GINT64_FORMAT " (in %.1f h).\n",
           options->runs, MIN (options->runs, 20), arm.armed_at,
           (double) (arm.armed_at - g_get_real_time () / G_USEC_PER_SEC) / 3600.0);

  if (idle.ran)
    {
      g_autofree char *strace_call = g_strdup_printf ("strace -f -ttt -T -e trace=%s -o LOG %s --background "
                                                      "--database DB", STRACE_CALLS, options->regulars);

      g_print ("B: %sdbus-run-session -- %s\n",
               g_getenv ("DISPLAY") && *g_getenv ("DISPLAY") ? "" : "xvfb-run -a ", strace_call);
      g_print ("   both at once; a wakeup is a return from a blocking wait in the %.0f s window after\n"
               "   start-up settled (idle rows: the rate, then the count in the window); baseline:\n"
               "   the same program on an empty database. Threads:\n",
               idle.window);
      traced_print_threads (&profile);
      traced_print_threads (&empty);
    }

  ok = TRUE;

out:
  if (options->keep)
    g_print ("bench-reminders: kept %s\n", dir);
  else
    remove_tree (dir);
  traced_clear (&profile);
  traced_clear (&empty);
  g_free (idle.skipped);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Options options = { 20000, -1, -1, -1, FALSE, NULL };
  gboolean quick = FALSE;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "follow-ups", 0, 0, G_OPTION_ARG_INT, &options.n_follow_ups,
      "Open follow-ups in the profile (default 20000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &options.runs,
      "Runs per timed figure (default 1000)", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &options.seconds,
      "Seconds to watch the idle program (default 60)", "N" },
    { "settle", 0, 0, G_OPTION_ARG_INT, &options.settle_max,
      "Seconds start-up may take at most (default 45)", "N" },
    { "regulars", 0, 0, G_OPTION_ARG_FILENAME, &options.regulars,
      "The program to watch (default: the one built beside this)", "PATH" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &options.keep,
      "Keep the databases and the strace logs", NULL },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick,
      "100 runs, a 10 s window", NULL },
    G_OPTION_ENTRY_NULL
  };

  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");

  context = g_option_context_new ("- measure what the reminders cost while nothing is due");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-reminders: %s\n", error->message);
      return 1;
    }

  /* --quick sets what was not given explicitly. */
  if (options.runs < 0)
    options.runs = quick ? 100 : 1000;
  if (options.seconds < 0)
    options.seconds = quick ? 10 : 60;
  if (options.settle_max < 0)
    options.settle_max = quick ? 25 : 45;
  if (options.regulars == NULL)
    options.regulars = g_build_filename (BENCH_BUILD_ROOT, "src", "regulars", NULL);

  if (options.n_follow_ups < 0 || options.runs < 1 || options.seconds < 1 || options.settle_max < 1)
    {
      g_printerr ("bench-reminders: --follow-ups must be at least 0, --runs, --seconds and "
                  "--settle at least 1\n");
      g_free (options.regulars);
      return 1;
    }

  ok = bench_all (&options, &error);
  g_free (options.regulars);
  if (!ok)
    {
      g_printerr ("bench-reminders: %s\n", error->message);
      return 1;
    }

  g_print ("bench-reminders: done\n");
  return 0;
}
