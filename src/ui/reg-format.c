/* reg-format.c: times and dates as a person reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-format"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-format.h"

/* The local time zone, looked up again at most once a minute: making it
 * reads the system's zone file, and a list shows hundreds of rows at a
 * time. */
static GTimeZone *
local_time_zone (void)
{
  static GTimeZone *zone;
  static gint64 looked_up_at;
  gint64 now = g_get_monotonic_time ();

  if (zone == NULL || now - looked_up_at > 60 * G_USEC_PER_SEC)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      zone = g_time_zone_new_local ();
      looked_up_at = now;
    }
  return zone;
}

static GDateTime *
in_local_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_to_timezone (utc, local_time_zone ());
}

/* When a customer was last seen, roughly: "today", "3 weeks ago". Days
 * are counted in local calendar days, not in periods of 24 hours. */
char *
reg_format_last_contact (gint64 when,
                         gint64 now)
{
  g_autoptr(GDateTime) then_dt = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  g_autoptr(GDate) then_date = NULL;
  g_autoptr(GDate) now_date = NULL;
  int days;

  if (when <= 0)
    return g_strdup (_("Never seen"));

  then_dt = in_local_time (when);
  now_dt = in_local_time (now);
  then_date = g_date_new_dmy (g_date_time_get_day_of_month (then_dt),
                              g_date_time_get_month (then_dt),
                              g_date_time_get_year (then_dt));
  now_date = g_date_new_dmy (g_date_time_get_day_of_month (now_dt),
                             g_date_time_get_month (now_dt),
                             g_date_time_get_year (now_dt));
  days = g_date_days_between (then_date, now_date);

  if (days <= 0)
    return g_strdup (_("Seen today"));
  if (days == 1)
    return g_strdup (_("Seen yesterday"));
  if (days < 14)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Seen %d day ago", "Seen %d days ago", days), days);
  if (days < 61)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Seen %d week ago", "Seen %d weeks ago", days / 7), days / 7);
  if (days < 730)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Seen %d month ago", "Seen %d months ago", days / 30), days / 30);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Seen %d year ago", "Seen %d years ago", days / 365), days / 365);
}
