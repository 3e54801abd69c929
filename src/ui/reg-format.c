/* reg-format.c: times and dates as a person reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-format"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-format.h"

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

  then_dt = g_date_time_new_from_unix_local (when);
  now_dt = g_date_time_new_from_unix_local (now);
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
