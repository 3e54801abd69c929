/* test-ical.c: open follow-ups exported as iCalendar, read back with
 * libical's parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <libical/ical.h>
#include <string.h>

#include "reg-test-util.h"
#include "exchange/reg-ical.h"

typedef struct
{
  char     *dir;
  RegStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("regulars-ical-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "regulars.db", NULL);
  f->store = reg_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  reg_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
add_customer (RegStore   *store,
              const char *name,
              const char *note)
{
  g_autoptr(RegCustomer) customer = reg_customer_new ();
  g_autoptr(GError) error = NULL;

  reg_customer_set_display_name (customer, name);
  g_assert_true (reg_store_save_customer (store, customer, &error));
  g_assert_no_error (error);
  if (note)
    {
      g_autoptr(RegCribNote) crib = reg_crib_note_new ();

      reg_crib_note_set_customer_id (crib, reg_customer_get_id (customer));
      reg_crib_note_set_text (crib, note);
      g_assert_true (reg_store_save_crib_note (store, crib, &error));
      g_assert_no_error (error);
    }
  return reg_customer_get_id (customer);
}

static icalcomponent *
find_todo (icalcomponent *calendar,
           const char    *uid)
{
  for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_VTODO_COMPONENT);
       c != NULL;
       c = icalcomponent_get_next_component (calendar, ICAL_VTODO_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (c), uid) == 0)
      return c;
  return NULL;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "follow-ups.ics", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegFollowUp) zoned = NULL;
  gint64 now = 1795000000;   /* 2026-11-18 */
  gint64 priya = reg_test_add_staff (f->store, "Priya Sharma", TRUE);
  gint64 jonas = reg_test_add_staff (f->store, "Jonas Weber", TRUE);
  gint64 anna = add_customer (f->store, "Anna Smith", "Allergic to nuts");
  gint64 ben = add_customer (f->store, "Ben Ott", NULL);
  gint64 open1, open2, open3, done, cancelled, trashed;
  g_autofree char *uid1 = NULL, *uid2 = NULL;
  icalcomponent *calendar, *todo, *alarm;
  icalproperty *prop;
  struct icaltimetype due;
  struct icaltriggertype trigger;
  const char *description;
  int n_todos = 0;
  struct stat st;

  reg_store_set_now (f->store, now);
  open1 = reg_test_add_follow_up (f->store, anna, jonas, now + 3600, "Call back about the part",
                                  REG_FOLLOW_UP_STATUS_OPEN);
  open2 = reg_test_add_follow_up (f->store, ben, 0, now + 86400, "Send the quote",
                                  REG_FOLLOW_UP_STATUS_OPEN);
  done = reg_test_add_follow_up (f->store, ben, 0, now + 7200, "Done already", REG_FOLLOW_UP_STATUS_DONE);
  cancelled = reg_test_add_follow_up (f->store, anna, 0, now + 7200, "Not any more",
                                      REG_FOLLOW_UP_STATUS_CANCELLED);
  trashed = reg_test_add_follow_up (f->store, anna, 0, now + 7200, "In the trash", REG_FOLLOW_UP_STATUS_OPEN);
  {
    g_autoptr(RegFollowUp) t = reg_store_get_follow_up (f->store, trashed, &error);

    g_assert_true (reg_store_trash_follow_up (f->store, t, &error));
    g_assert_no_error (error);
  }

  /* The first was promised by Priya, for Vienna's wall clock. */
  zoned = reg_store_get_follow_up (f->store, open1, &error);
  g_assert_no_error (error);
  reg_follow_up_set_created_by (zoned, priya);
  reg_follow_up_set_due_zone (zoned, "Europe/Vienna");
  g_assert_true (reg_store_save_follow_up (f->store, zoned, &error));
  g_assert_no_error (error);

  /* A summer one in the same zone: its DUE is in summer time. */
  {
    g_autoptr(RegFollowUp) summer = NULL;

    open3 = reg_test_add_follow_up (f->store, ben, 0, 1814436000, "Summer fitting", REG_FOLLOW_UP_STATUS_OPEN);
    summer = reg_store_get_follow_up (f->store, open3, &error);
    g_assert_no_error (error);
    reg_follow_up_set_due_zone (summer, "Europe/Vienna");
    g_assert_true (reg_store_save_follow_up (f->store, summer, &error));
    g_assert_no_error (error);
  }

  g_assert_true (reg_ical_export_follow_ups (f->store, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_test_message ("%s", text);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpstr (icalproperty_get_version (icalcomponent_get_first_property (calendar, ICAL_VERSION_PROPERTY)),
                   ==, "2.0");
  g_assert_nonnull (icalcomponent_get_first_property (calendar, ICAL_PRODID_PROPERTY));
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);

  n_todos = icalcomponent_count_components (calendar, ICAL_VTODO_COMPONENT);
  g_assert_cmpint (n_todos, ==, 3);

  uid1 = g_strdup_printf ("follow-up-%" G_GINT64_FORMAT "@regulars", open1);
  uid2 = g_strdup_printf ("follow-up-%" G_GINT64_FORMAT "@regulars", open2);
  g_assert_nonnull (find_todo (calendar, uid2));
  {
    g_autofree char *uid_done = g_strdup_printf ("follow-up-%" G_GINT64_FORMAT "@regulars", done);
    g_autofree char *uid_cancelled = g_strdup_printf ("follow-up-%" G_GINT64_FORMAT "@regulars", cancelled);

    g_assert_null (find_todo (calendar, uid_done));
    g_assert_null (find_todo (calendar, uid_cancelled));
  }

  todo = find_todo (calendar, uid1);
  g_assert_nonnull (todo);
  g_assert_cmpstr (icalcomponent_get_summary (todo), ==, "Anna Smith: Call back about the part");
  g_assert_cmpint (icalcomponent_get_status (todo), ==, ICAL_STATUS_NEEDSACTION);
  g_assert_nonnull (icalcomponent_get_first_property (todo, ICAL_DTSTAMP_PROPERTY));
  description = icalcomponent_get_description (todo);
  g_assert_nonnull (strstr (description, "Priya Sharma"));
  g_assert_nonnull (strstr (description, "Jonas Weber"));
  g_assert_nonnull (strstr (description, "Allergic to nuts"));

  /* DUE on Vienna's clock, with the zone described in the file. */
  prop = icalcomponent_get_first_property (todo, ICAL_DUE_PROPERTY);
  g_assert_nonnull (prop);
  g_assert_nonnull (strstr (icalproperty_get_parameter_as_string (prop, "TZID"), "Europe/Vienna"));
  g_assert_nonnull (icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT));
  due = icalcomponent_get_due (todo);
  g_assert_nonnull (due.zone);
  g_assert_cmpint (icaltime_as_timet_with_zone (due, due.zone), ==, now + 3600);
  g_assert_cmpint (due.hour, ==, 13);   /* 12:06 UTC is 13:06 in Vienna */

  alarm = icalcomponent_get_first_component (todo, ICAL_VALARM_COMPONENT);
  g_assert_nonnull (alarm);
  g_assert_cmpint (icalproperty_get_action (icalcomponent_get_first_property (alarm, ICAL_ACTION_PROPERTY)),
                   ==, ICAL_ACTION_DISPLAY);
  trigger = icalproperty_get_trigger (icalcomponent_get_first_property (alarm, ICAL_TRIGGER_PROPERTY));
  g_assert_false (icaltime_is_null_time (trigger.time));
  g_assert_cmpint (icaltime_as_timet (trigger.time), ==, now + 3600);

  /* Local time is written as UTC. */
  todo = find_todo (calendar, uid2);
  g_assert_cmpstr (icalcomponent_get_summary (todo), ==, "Ben Ott: Send the quote");
  due = icalcomponent_get_due (todo);
  g_assert_true (icaltime_is_utc (due));
  g_assert_cmpint (icaltime_as_timet (due), ==, now + 86400);
  g_assert_nonnull (icalcomponent_get_first_component (todo, ICAL_VALARM_COMPONENT));

  {
    g_autofree char *uid3 = g_strdup_printf ("follow-up-%" G_GINT64_FORMAT "@regulars", open3);

    todo = find_todo (calendar, uid3);
    g_assert_nonnull (todo);
    due = icalcomponent_get_due (todo);
    g_assert_cmpint (due.hour, ==, 12);   /* 10:00 UTC is 12:00 CEST */
    g_assert_cmpint (icaltime_as_timet_with_zone (due, due.zone), ==, 1814436000);
  }

  icalcomponent_free (calendar);
}

static void
test_export_empty (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = reg_ical_follow_ups_to_string (f->store, &error);
  icalcomponent *calendar;

  g_assert_no_error (error);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VTODO_COMPONENT), ==, 0);
  icalcomponent_free (calendar);
}

int
main (int    argc,
      char **argv)
{
  reg_test_init (&argc, &argv);

  g_test_add ("/ical/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/ical/export-empty", Fixture, NULL, fixture_set_up, test_export_empty, fixture_tear_down);

  return g_test_run ();
}
