/* reg-ical.c: open follow-ups as iCalendar to-dos
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written with libical's plain C API, which GNOME Calendar, Evolution and
 * Thunderbird read through (or agree with): one VCALENDAR holding a
 * VTIMEZONE per zone used, and one VTODO per open follow-up.
 */

#define G_LOG_DOMAIN "reg-ical"

#include "config.h"

#include <glib/gi18n.h>

#include <libical/ical.h>

#include "reg-ical.h"
#include "model/reg-model.h"

static char *
staff_name (RegStore *store,
            gint64    id)
{
  g_autoptr(RegStaff) staff = NULL;

  if (id <= 0 || !(staff = reg_store_get_staff (store, id, NULL)))
    return NULL;
  return g_strdup (reg_staff_get_name (staff));
}

/* The zone the promise was made in, its VTIMEZONE added once; NULL for
 * UTC (local time, or a zone libical does not know). */
static icaltimezone *
zone_for (icalcomponent *calendar,
          GHashTable    *added,
          const char    *name,
          gint64         since)
{
  icaltimezone *zone;

  if (name == NULL || *name == '\0')
    return NULL;
  if (!(zone = icaltimezone_get_builtin_timezone (name)))
    return NULL;
  if (!g_hash_table_contains (added, name))
    {
      icalcomponent *vtimezone = icaltimezone_get_component (zone);

      icaltimezone *utc = icaltimezone_get_utc_timezone ();

      if (vtimezone == NULL)
        return NULL;
      /* The zone's whole history is hundreds of lines; what is needed
       * starts with the earliest time in the file. */
      vtimezone = icalcomponent_new_clone (vtimezone);
      icaltimezone_truncate_vtimezone (vtimezone,
                                       icaltime_from_timet_with_zone ((time_t) since, 0, utc),
                                       icaltime_null_time (), 0);
      icalcomponent_add_component (calendar, vtimezone);
      g_hash_table_add (added, g_strdup (name));
    }
  return zone;
}

static icalproperty *
time_property (icalproperty *(*new_property) (struct icaltimetype),
               gint64         when,
               icaltimezone  *zone)
{
  icaltimezone *utc = icaltimezone_get_utc_timezone ();
  struct icaltimetype t = icaltime_from_timet_with_zone ((time_t) when, 0, zone ? zone : utc);
  icalproperty *property;

  /* Written as the zone's wall-clock time with a TZID: the time itself
   * carries no zone, or libical would mark it as UTC. */
  if (zone != NULL)
    t.zone = NULL;
  property = new_property (t);
  if (zone != NULL)
    icalproperty_add_parameter (property, icalparameter_new_tzid (icaltimezone_get_tzid (zone)));
  return property;
}

static icalcomponent *
follow_up_todo (RegStore      *store,
                icalcomponent *calendar,
                GHashTable    *zones,
                RegFollowUp   *follow_up,
                gint64         now,
                gint64         since)
{
  gint64 id = reg_follow_up_get_id (follow_up);
  gint64 due = reg_follow_up_get_effective_due_at (follow_up);
  g_autoptr(RegCustomer) customer = reg_store_get_customer (store, reg_follow_up_get_customer_id (follow_up), NULL);
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *uid = g_strdup_printf ("follow-up-%" G_GINT64_FORMAT "@regulars", id);
  g_autofree char *who = staff_name (store, reg_follow_up_get_created_by (follow_up));
  g_autofree char *assigned = staff_name (store, reg_follow_up_get_assigned_to (follow_up));
  g_autofree char *summary = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  const char *name = customer ? reg_customer_get_display_name (customer) : "";
  icaltimezone *zone = zone_for (calendar, zones, reg_follow_up_get_due_zone (follow_up), since);
  icalcomponent *todo, *alarm;
  struct icaltriggertype trigger;

  /* TRANSLATORS: a to-do's title: the customer, then what was promised */
  summary = g_strdup_printf (_("%s: %s"), name, reg_follow_up_get_promise (follow_up));

  if (who)
    g_string_append_printf (description, _("Promised by: %s"), who), g_string_append_c (description, '\n');
  if (assigned)
    g_string_append_printf (description, _("Assigned to: %s"), assigned), g_string_append_c (description, '\n');
  if (customer && (notes = reg_store_list_crib_notes (store, reg_customer_get_id (customer), NULL)) &&
      notes->len > 0)
    {
      g_string_append (description, _("Crib notes:"));
      g_string_append_c (description, '\n');
      for (guint i = 0; i < notes->len; i++)
        g_string_append_printf (description, "• %s\n", reg_crib_note_get_text (g_ptr_array_index (notes, i)));
    }
  while (description->len > 0 && description->str[description->len - 1] == '\n')
    g_string_truncate (description, description->len - 1);

  todo = icalcomponent_new (ICAL_VTODO_COMPONENT);
  icalcomponent_add_property (todo, icalproperty_new_uid (uid));
  icalcomponent_add_property (todo, time_property (icalproperty_new_dtstamp, now, NULL));
  icalcomponent_add_property (todo, time_property (icalproperty_new_due, due, zone));
  icalcomponent_add_property (todo, icalproperty_new_summary (summary));
  if (description->len > 0)
    icalcomponent_add_property (todo, icalproperty_new_description (description->str));
  icalcomponent_add_property (todo, icalproperty_new_status (ICAL_STATUS_NEEDSACTION));

  /* At the moment it falls due, as an absolute time: every client agrees
   * on what that means for a to-do, unlike a trigger relative to its end. */
  alarm = icalcomponent_new (ICAL_VALARM_COMPONENT);
  icalcomponent_add_property (alarm, icalproperty_new_action (ICAL_ACTION_DISPLAY));
  trigger = icaltriggertype_from_int (0);
  trigger.time = icaltime_from_timet_with_zone ((time_t) due, 0, icaltimezone_get_utc_timezone ());
  icalcomponent_add_property (alarm, icalproperty_new_trigger (trigger));
  icalcomponent_add_property (alarm, icalproperty_new_description (summary));
  icalcomponent_add_component (todo, alarm);

  return todo;
}

char *
reg_ical_follow_ups_to_string (RegStore  *store,
                               GError   **error)
{
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 now = reg_store_now (store);
  gint64 since = now;
  icalcomponent *calendar;
  char *text, *copy;

  g_return_val_if_fail (REG_IS_STORE (store), NULL);

  if (!(follow_ups = reg_store_list_open_follow_ups (store, 0, error)))
    return NULL;

  calendar = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Regulars//Regulars " PACKAGE_VERSION "//EN"));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));

  /* By when they fall due: the first is the earliest. */
  if (follow_ups->len > 0)
    since = MIN (now, reg_follow_up_get_effective_due_at (g_ptr_array_index (follow_ups, 0))) - 86400;

  for (guint i = 0; i < follow_ups->len; i++)
    {
      RegFollowUp *follow_up = g_ptr_array_index (follow_ups, i);

      /* The list is of open ones; trashed ones are never in it. */
      if (reg_follow_up_get_status (follow_up) != REG_FOLLOW_UP_STATUS_OPEN)
        continue;
      icalcomponent_add_component (calendar, follow_up_todo (store, calendar, zones, follow_up, now, since));
    }

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  copy = g_strdup (text);
  icalmemory_free_buffer (text);
  return copy;
}

gboolean
reg_ical_export_follow_ups (RegStore    *store,
                            const char  *path,
                            GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (REG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(text = reg_ical_follow_ups_to_string (store, error)))
    return FALSE;

  /* Customer data: readable by the user only. */
  file = g_file_new_for_path (path);
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}
