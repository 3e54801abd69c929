/* reg-clock.c: the wall clock the reminders keep to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-clock"

#include "config.h"

#include <glib-unix.h>

#include <errno.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "reg-clock.h"

/* A promise falls due at a moment of the wall clock, in Unix seconds.
 * RegClock tells the time and rings once at the moment it is set for,
 * and also whenever the wall clock jumps, so that whoever set it can
 * look at the time again. The system clock is a Linux timerfd on
 * CLOCK_REALTIME set for an absolute time: it rings at that moment
 * whatever happens to the clock meanwhile (suspend, NTP, a person
 * setting the time), it is told when the clock is set
 * (TFD_TIMER_CANCEL_ON_SET), and it wakes the process for nothing in
 * between. A GLib timeout counts monotonic time instead, and would ring
 * early or late after a jump or a suspend. Tests use a manual clock. */

typedef struct
{
  gint64 alarm;
} RegClockPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (RegClock, reg_clock, G_TYPE_OBJECT)

enum {
  RING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Now, in Unix seconds. */
gint64
reg_clock_get_now (RegClock *self)
{
  g_return_val_if_fail (REG_IS_CLOCK (self), 0);

  return REG_CLOCK_GET_CLASS (self)->get_now (self);
}

/* Rings at @when (Unix seconds), at once if it has passed; 0 for never.
 * A clock has one alarm: setting it again replaces it. */
void
reg_clock_set_alarm (RegClock *self,
                     gint64    when)
{
  RegClockPrivate *priv = reg_clock_get_instance_private (self);

  g_return_if_fail (REG_IS_CLOCK (self));

  priv->alarm = MAX (when, 0);
  REG_CLOCK_GET_CLASS (self)->set_alarm (self, priv->alarm);
}

gint64
reg_clock_get_alarm (RegClock *self)
{
  RegClockPrivate *priv = reg_clock_get_instance_private (self);

  g_return_val_if_fail (REG_IS_CLOCK (self), 0);

  return priv->alarm;
}

/* For subclasses: the alarm's moment came, or the clock jumped. */
void
reg_clock_ring (RegClock *self)
{
  RegClockPrivate *priv = reg_clock_get_instance_private (self);

  g_return_if_fail (REG_IS_CLOCK (self));

  if (priv->alarm != 0 && priv->alarm <= reg_clock_get_now (self))
    priv->alarm = 0;
  g_signal_emit (self, signals[RING], 0);
}

static void
reg_clock_class_init (RegClockClass *klass)
{
  /**
   * RegClock::ring:
   *
   * The alarm's moment has come, or the wall clock jumped: look at the
   * time again and set the alarm anew.
   */
  signals[RING] = g_signal_new ("ring", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
reg_clock_init (RegClock *self)
{
}

/* ------------------------------------------------------------------ */
/* The system clock                                                     */

#define REG_TYPE_SYSTEM_CLOCK (reg_system_clock_get_type ())
G_DECLARE_FINAL_TYPE (RegSystemClock, reg_system_clock, REG, SYSTEM_CLOCK, RegClock)

struct _RegSystemClock
{
  RegClock parent_instance;

  int      fd;
  guint    source;
};

G_DEFINE_FINAL_TYPE (RegSystemClock, reg_system_clock, REG_TYPE_CLOCK)

static gint64
system_get_now (RegClock *clock)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
system_set_alarm (RegClock *clock,
                  gint64    when)
{
  RegSystemClock *self = REG_SYSTEM_CLOCK (clock);
  struct itimerspec spec = { 0 };

  if (self->fd < 0)
    return;

  /* A moment in the past rings at once: the kernel expires it. */
  spec.it_value.tv_sec = when;
  if (timerfd_settime (self->fd, when != 0 ? TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET : 0,
                       &spec, NULL) < 0)
    g_warning ("Could not set the reminder timer: %s", g_strerror (errno));
}

static gboolean
on_timer_readable (int          fd,
                   GIOCondition condition,
                   gpointer     data)
{
  RegSystemClock *self = data;
  guint64 expirations;

  /* ECANCELED: the clock was set. Either way, look again. */
  if (read (fd, &expirations, sizeof expirations) < 0 && errno != ECANCELED && errno != EAGAIN)
    g_warning ("Could not read the reminder timer: %s", g_strerror (errno));
  reg_clock_ring (REG_CLOCK (self));
  return G_SOURCE_CONTINUE;
}

static void
reg_system_clock_finalize (GObject *object)
{
  RegSystemClock *self = REG_SYSTEM_CLOCK (object);

  g_clear_handle_id (&self->source, g_source_remove);
  if (self->fd >= 0)
    close (self->fd);

  G_OBJECT_CLASS (reg_system_clock_parent_class)->finalize (object);
}

static void
reg_system_clock_class_init (RegSystemClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RegClockClass *clock_class = REG_CLOCK_CLASS (klass);

  object_class->finalize = reg_system_clock_finalize;
  clock_class->get_now = system_get_now;
  clock_class->set_alarm = system_set_alarm;
}

static void
reg_system_clock_init (RegSystemClock *self)
{
  self->fd = timerfd_create (CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (self->fd < 0)
    {
      g_warning ("Could not make the reminder timer: %s", g_strerror (errno));
      return;
    }
  self->source = g_unix_fd_add (self->fd, G_IO_IN, on_timer_readable, self);
}

RegClock *
reg_clock_new_system (void)
{
  return g_object_new (REG_TYPE_SYSTEM_CLOCK, NULL);
}

/* ------------------------------------------------------------------ */
/* A clock a test moves by hand                                         */

#define REG_TYPE_MANUAL_CLOCK (reg_manual_clock_get_type ())
G_DECLARE_FINAL_TYPE (RegManualClock, reg_manual_clock, REG, MANUAL_CLOCK, RegClock)

struct _RegManualClock
{
  RegClock parent_instance;

  gint64   now;
  guint    idle;
};

G_DEFINE_FINAL_TYPE (RegManualClock, reg_manual_clock, REG_TYPE_CLOCK)

static gint64
manual_get_now (RegClock *clock)
{
  return REG_MANUAL_CLOCK (clock)->now;
}

static gboolean
ring_idle (gpointer data)
{
  RegManualClock *self = data;

  self->idle = 0;
  reg_clock_ring (REG_CLOCK (self));
  return G_SOURCE_REMOVE;
}

static void
manual_set_alarm (RegClock *clock,
                  gint64    when)
{
  RegManualClock *self = REG_MANUAL_CLOCK (clock);

  /* As the kernel does: a moment already past rings at once, from the
   * main loop rather than from inside the call. */
  if (when != 0 && when <= self->now && self->idle == 0)
    self->idle = g_idle_add (ring_idle, self);
}

static void
reg_manual_clock_finalize (GObject *object)
{
  RegManualClock *self = REG_MANUAL_CLOCK (object);

  g_clear_handle_id (&self->idle, g_source_remove);

  G_OBJECT_CLASS (reg_manual_clock_parent_class)->finalize (object);
}

static void
reg_manual_clock_class_init (RegManualClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RegClockClass *clock_class = REG_CLOCK_CLASS (klass);

  object_class->finalize = reg_manual_clock_finalize;
  clock_class->get_now = manual_get_now;
  clock_class->set_alarm = manual_set_alarm;
}

static void
reg_manual_clock_init (RegManualClock *self)
{
}

RegClock *
reg_clock_new_manual (gint64 now)
{
  RegManualClock *self = g_object_new (REG_TYPE_MANUAL_CLOCK, NULL);

  self->now = now;
  return REG_CLOCK (self);
}

/* Moves the clock to @now, forwards or back, as a jump of the wall
 * clock: it rings, whether or not the alarm's moment was reached. */
void
reg_clock_manual_set_now (RegClock *self,
                          gint64    now)
{
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, REG_TYPE_MANUAL_CLOCK));

  REG_MANUAL_CLOCK (self)->now = now;
  reg_clock_ring (self);
}
