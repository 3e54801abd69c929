/* reg-due-time.c: a promise's due time as a person types and reads it
 *
 * A due time is a wall-clock moment chosen in local time ("Thursday at
 * 10:00"). Everything here builds it from the calendar date and the hour
 * in the local zone, never by adding seconds, so that a change to or from
 * summer time does not move the hour that was promised.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-due-time"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "model/reg-types.h"
#include "reg-due-time.h"

/* The typed form, both shown and read back. */
#define DUE_TEXT_FORMAT "%Y-%m-%d %H:%M"

/* @hour:@minute local time, @days after the day of @from. */
GDateTime *
reg_due_time_day_at (GDateTime *from,
                     int        days,
                     int        hour,
                     int        minute)
{
  GDate date;
  int year, month, day;

  g_return_val_if_fail (from != NULL, NULL);

  g_date_time_get_ymd (from, &year, &month, &day);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  g_date_add_days (&date, days);

  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), hour, minute, 0);
}

/* "YYYY-MM-DD HH:MM" in local time. The error shows the form with an
 * example a day after @now, which is what people most often type. */
GDateTime *
reg_due_time_parse (const char  *text,
                    GDateTime   *now,
                    GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  GDateTime *due = NULL;
  int year, month, day, hour, minute;
  char extra;

  if (sscanf (copy, "%4d-%2d-%2d %2d:%2d %c", &year, &month, &day, &hour, &minute, &extra) == 5 &&
      g_date_valid_dmy (day, month, year) &&
      hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)
    due = g_date_time_new_local (year, month, day, hour, minute, 0);

  if (due == NULL)
    {
      g_autoptr(GDateTime) example = reg_due_time_day_at (now, 1, 9, 0);
      g_autofree char *example_text = reg_due_time_to_text (example);

      g_set_error (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                   _("Type the due time as YYYY-MM-DD HH:MM, for example %s"), example_text);
    }

  return due;
}

/* A reminder for a moment already gone would only go off at once. */
gboolean
reg_due_time_check_later (GDateTime  *due,
                          GDateTime  *now,
                          GError    **error)
{
  if (due == NULL || g_date_time_compare (due, now) <= 0)
    {
      g_set_error_literal (error, REG_MODEL_ERROR, REG_MODEL_ERROR_INVALID,
                           _("That due time has passed; choose a later one"));
      return FALSE;
    }

  return TRUE;
}

char *
reg_due_time_to_text (GDateTime *due)
{
  g_return_val_if_fail (due != NULL, NULL);

  return g_date_time_format (due, DUE_TEXT_FORMAT);
}

/* The day in full, so that a typed date can be checked at a glance. */
char *
reg_due_time_describe (GDateTime *due)
{
  g_return_val_if_fail (due != NULL, NULL);

  /* Translators: in g_date_time_format() notation, as in "Due Tuesday 18 Nov, 09:00" */
  return g_date_time_format (due, _("Due %A %-d %b, %H:%M"));
}

/* Now by the store's clock (which tests set), in local time: what
 * "tomorrow morning" and "has passed" are reckoned from. */
GDateTime *
reg_due_time_now (RegStore *store)
{
  g_return_val_if_fail (REG_IS_STORE (store), NULL);

  return g_date_time_new_from_unix_local (reg_store_now (store));
}

/* Makes @due the due time of @follow_up: the moment in UTC, and the
 * zone the person meant it in, so that a move to another zone keeps the
 * wall-clock time they promised. */
void
reg_due_time_apply (GDateTime   *due,
                    RegFollowUp *follow_up)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();

  g_return_if_fail (due != NULL);
  g_return_if_fail (REG_IS_FOLLOW_UP (follow_up));

  reg_follow_up_set_due_at (follow_up, g_date_time_to_unix (due));
  reg_follow_up_set_due_zone (follow_up, g_time_zone_get_identifier (zone));
}
