/* test-store.c: the store and the model layer against a real SQLite file
 * in a temporary directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reg-test-util.h"
#include "model/reg-customer-list.h"
#include "model/reg-record-list.h"
#include "store/reg-fold.h"
#include "store/reg-store-private.h"

typedef struct
{
  char     *dir;
  char     *path;
  RegStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("regulars-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "regulars.db", NULL);
  f->store = reg_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  reg_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static RegCustomer *
add_customer (RegStore   *store,
              const char *name,
              const char *company,
              const char *phone,
              const char *email)
{
  g_autoptr(GError) error = NULL;
  RegCustomer *customer = reg_customer_new ();

  reg_customer_set_display_name (customer, name);
  if (company)
    reg_customer_set_company (customer, company);
  if (phone)
    reg_customer_add_phone (customer, "mobile", phone);
  if (email)
    reg_customer_add_email (customer, "home", email);
  g_assert_true (reg_store_save_customer (store, customer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reg_customer_get_id (customer), >, 0);
  return customer;
}

static gint64
add_staff (RegStore   *store,
           const char *name)
{
  g_autoptr(RegStaff) staff = reg_staff_new ();
  g_autoptr(GError) error = NULL;

  reg_staff_set_name (staff, name);
  g_assert_true (reg_store_save_staff (store, staff, &error));
  g_assert_no_error (error);
  return reg_staff_get_id (staff);
}

/* The names, in list order, of what @query finds. */
static char *
query_names (RegStore         *store,
             RegCustomerQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = reg_store_query_customer_ids (store, query, &error);
  g_autoptr(GPtrArray) customers = NULL;
  GString *names = g_string_new (NULL);

  g_assert_no_error (error);
  customers = reg_store_load_customers (store, (const gint64 *) (gconstpointer) ids->data, ids->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < customers->len; i++)
    g_string_append_printf (names, "%s%s", i ? "|" : "",
                            reg_customer_get_display_name (g_ptr_array_index (customers, i)));
  return g_string_free (names, FALSE);
}

static char *
search_names (RegStore   *store,
              const char *text)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();

  query->search = g_strdup (text);
  return query_names (store, query);
}

/* ------------------------------------------------------------------ */

static void
test_open_private_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("regulars-test-XXXXXX", &error);
  g_autofree char *data_home = g_build_filename (dir, "data", NULL);
  g_autofree char *db_dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RegStore) store = NULL;
  GStatBuf st;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  path = reg_store_default_path ();
  g_assert_true (g_str_has_prefix (path, data_home));

  store = reg_store_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reg_store_get_path (store), ==, path);
  g_assert_false (reg_store_is_read_only (store));
  g_assert_cmpint (reg_store_get_schema_version (store), ==, 4);

  db_dir = g_path_get_dirname (path);
  g_assert_cmpint (g_stat (db_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (reg_test_sql_int (store, "PRAGMA application_id"), ==, 1380271955);
  g_assert_cmpint (reg_test_sql_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (reg_test_sql_int (store, "PRAGMA secure_delete"), ==, 1);
  g_assert_cmpint (reg_test_sql_int (store, "PRAGMA synchronous"), ==, 2);

  g_clear_object (&store);
  reg_test_remove_tree (dir);
}

static void
test_customer_crud (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCustomer) customer = reg_customer_new ();
  g_autoptr(RegCustomer) again = NULL;
  g_autoptr(RegStore) other = NULL;
  g_autoptr(RegCustomer) reread = NULL;
  const char *tags[] = { "wholesale", "newsletter", NULL };
  gint64 id;

  reg_customer_set_display_name (customer, "Zoë Müller");
  reg_customer_set_given_name (customer, "Zoë");
  reg_customer_set_family_name (customer, "Müller");
  reg_customer_set_company (customer, "Harbour Bakery");
  reg_customer_set_birthday (customer, "1984-03-21");
  reg_customer_set_kind (customer, REG_CUSTOMER_KIND_PROSPECT);
  reg_customer_set_vip (customer, TRUE);
  reg_customer_set_consent (customer, TRUE);
  reg_customer_add_phone (customer, "mobile", "+44 7700 900123");
  reg_customer_add_phone (customer, "work", "0117 496 0000");
  reg_customer_add_email (customer, "home", "zoe@example.com");
  reg_customer_set_tags (customer, tags);

  g_assert_true (reg_store_save_customer (f->store, customer, &error));
  g_assert_no_error (error);
  id = reg_customer_get_id (customer);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (reg_customer_get_created_at (customer), >, 0);
  g_assert_cmpint (reg_customer_get_consent_at (customer), >, 0);

  /* One live object per row. */
  again = reg_store_get_customer (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (again == customer);

  /* What the file holds, read by another connection. */
  g_clear_object (&f->store);
  other = reg_store_open (f->path, &error);
  g_assert_no_error (error);
  reread = reg_store_get_customer (other, id, &error);
  g_assert_no_error (error);
  g_assert_true (reread != customer);
  g_assert_cmpstr (reg_customer_get_display_name (reread), ==, "Zoë Müller");
  g_assert_cmpstr (reg_customer_get_company (reread), ==, "Harbour Bakery");
  g_assert_cmpstr (reg_customer_get_birthday (reread), ==, "1984-03-21");
  g_assert_cmpint (reg_customer_get_kind (reread), ==, REG_CUSTOMER_KIND_PROSPECT);
  g_assert_true (reg_customer_get_vip (reread));
  g_assert_cmpuint (reg_customer_get_phones (reread)->len, ==, 2);
  g_assert_cmpstr (((RegLabeledValue *) g_ptr_array_index (reg_customer_get_phones (reread), 1))->value, ==, "0117 496 0000");
  g_assert_cmpstr (((RegLabeledValue *) g_ptr_array_index (reg_customer_get_phones (reread), 1))->label, ==, "work");
  g_assert_cmpuint (reg_customer_get_emails (reread)->len, ==, 1);
  g_assert_cmpstr (reg_customer_get_tags (reread)[0], ==, "newsletter");
  g_assert_cmpstr (reg_customer_get_tags (reread)[1], ==, "wholesale");

  /* Update */
  reg_customer_set_company (reread, "Greenleaf Florists");
  g_assert_true (reg_store_save_customer (other, reread, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reg_test_sql_int (other, "SELECT count(*) FROM customers WHERE company = 'Greenleaf Florists'"), ==, 1);

  /* Trash and restore */
  g_assert_true (reg_store_trash_customer (other, reread, &error));
  g_assert_true (reg_customer_get_trashed (reread));
  g_assert_cmpuint (reg_store_count_customers (other), ==, 0);
  {
    g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
    g_autofree char *live = query_names (other, query);
    g_autofree char *trash = NULL;

    g_assert_cmpstr (live, ==, "");
    query->trashed = TRUE;
    trash = query_names (other, query);
    g_assert_cmpstr (trash, ==, "Zoë Müller");
  }
  g_assert_true (reg_store_restore_customer (other, reread, &error));
  g_assert_false (reg_customer_get_trashed (reread));
  g_assert_cmpuint (reg_store_count_customers (other), ==, 1);

  g_set_object (&f->store, other);
}

typedef struct
{
  gint64        id;
  RegChangeKind kind;
  guint         count;
} ChangeLog;

static void
on_customer_changed (RegStore      *store,
                     gint64         id,
                     RegChangeKind  kind,
                     ChangeLog     *log)
{
  log->id = id;
  log->kind = kind;
  log->count++;
}

static void
test_customer_signals (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = NULL;
  ChangeLog log = { 0 };

  g_signal_connect (f->store, "customer-changed", G_CALLBACK (on_customer_changed), &log);

  customer = add_customer (f->store, "Anna Smith", NULL, NULL, NULL);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpint (log.id, ==, reg_customer_get_id (customer));
  g_assert_cmpint (log.kind, ==, REG_CHANGE_CREATED);

  reg_customer_set_vip (customer, TRUE);
  g_assert_true (reg_store_save_customer (f->store, customer, NULL));
  g_assert_cmpuint (log.count, ==, 2);
  g_assert_cmpint (log.kind, ==, REG_CHANGE_UPDATED);

  g_assert_true (reg_store_trash_customer (f->store, customer, NULL));
  g_assert_cmpint (log.kind, ==, REG_CHANGE_TRASHED);
  g_assert_true (reg_store_restore_customer (f->store, customer, NULL));
  g_assert_cmpint (log.kind, ==, REG_CHANGE_RESTORED);
  g_assert_cmpuint (log.count, ==, 4);

  g_signal_handlers_disconnect_by_data (f->store, &log);
}

static void
test_customer_validation (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = reg_customer_new ();
  g_autoptr(GError) error = NULL;

  reg_customer_set_display_name (customer, "   ");
  g_assert_false (reg_store_save_customer (f->store, customer, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "name"));
  g_clear_error (&error);

  reg_customer_set_display_name (customer, "Omar Haddad");
  reg_customer_add_email (customer, "work", "omar.example.com");
  g_assert_false (reg_store_save_customer (f->store, customer, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "omar.example.com"));
  g_clear_error (&error);

  reg_customer_set_emails (customer, NULL);
  reg_customer_set_birthday (customer, "31/02/1980");
  g_assert_false (reg_store_save_customer (f->store, customer, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Birthday"));
  g_clear_error (&error);

  /* What was typed stays in the object, to be corrected. */
  g_assert_cmpstr (reg_customer_get_birthday (customer), ==, "31/02/1980");
  g_assert_cmpint (reg_customer_get_id (customer), ==, 0);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customers"), ==, 0);
}

/* A write the database refuses rolls back whole, and the object in
 * memory returns to what the database holds. */
static void
test_customer_failed_write_rolls_back (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = add_customer (f->store, "Kwame Mensah", "Mensah Imports", "0201234567", NULL);
  g_autoptr(GError) error = NULL;

  reg_customer_set_company (customer, "Atlas Logistics");
  reg_customer_add_phone (customer, "work", "0209999999");
  reg_customer_set_owner_id (customer, 4242);   /* no such staff member */
  g_assert_false (reg_store_save_customer (f->store, customer, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID);

  g_assert_cmpstr (reg_customer_get_company (customer), ==, "Mensah Imports");
  g_assert_cmpint (reg_customer_get_owner_id (customer), ==, 0);
  g_assert_cmpuint (reg_customer_get_phones (customer)->len, ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customer_contacts"), ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customers WHERE company = 'Atlas Logistics'"), ==, 0);
}

/* A full disk: nothing half-written. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = add_customer (f->store, "Inês Costa", NULL, NULL, NULL);
  g_autoptr(RegCustomer) big = reg_customer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (200000, 'x');
  int pages = reg_test_sql_int (f->store, "PRAGMA page_count");
  g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %d", pages + 2);

  g_assert_true (reg_store_exec (f->store, limit, "limit", NULL));
  reg_customer_set_display_name (big, "Huge");
  reg_customer_set_street (big, long_text);
  g_assert_false (reg_store_save_customer (f->store, big, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_assert_cmpint (reg_customer_get_id (big), ==, 0);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customers"), ==, 1);
  {
    g_autofree char *check = reg_test_sql_text (f->store, "PRAGMA integrity_check");
    g_assert_cmpstr (check, ==, "ok");
  }
}

static void
test_crib_notes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = add_customer (f->store, "Mia Andersson", NULL, NULL, NULL);
  gint64 id = reg_customer_get_id (customer);
  g_autoptr(RegRecordList) list = reg_record_list_new (f->store, REG_RECORD_CRIB_NOTES, id);
  const char *texts[] = { "Daughter Mia starts school in September", "No calls before 10", "Allergic to nuts" };
  RegCribNote *notes[3];
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      notes[i] = reg_crib_note_new ();
      reg_crib_note_set_customer_id (notes[i], id);
      reg_crib_note_set_text (notes[i], texts[i]);
      g_assert_true (reg_store_save_crib_note (f->store, notes[i], &error));
      g_assert_no_error (error);
      g_assert_cmpint (reg_crib_note_get_position (notes[i]), ==, (int) i);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  /* Reorder: the last note goes first. */
  g_assert_true (reg_store_move_crib_note (f->store, notes[2], 0, &error));
  {
    g_autoptr(RegCribNote) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(RegCribNote) last = g_list_model_get_item (G_LIST_MODEL (list), 2);
    g_assert_true (first == notes[2]);
    g_assert_true (last == notes[1]);
  }

  /* Edit in place */
  reg_crib_note_set_text (notes[1], "No calls before 11");
  g_assert_true (reg_store_save_crib_note (f->store, notes[1], &error));
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM crib_notes WHERE text = 'No calls before 11'"), ==, 1);

  /* An empty note is refused; the database keeps the saved text, and
   * what was typed stays to be corrected. */
  reg_crib_note_set_text (notes[1], "  ");
  g_assert_false (reg_store_save_crib_note (f->store, notes[1], &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Crib note"));
  g_clear_error (&error);
  g_assert_cmpstr (reg_crib_note_get_text (notes[1]), ==, "  ");
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM crib_notes WHERE text = 'No calls before 11'"), ==, 1);

  /* Trash and undo */
  g_assert_true (reg_store_trash_crib_note (f->store, notes[0], &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  {
    g_autofree char *found = search_names (f->store, "school");
    g_assert_cmpstr (found, ==, "");
  }
  g_assert_true (reg_store_restore_crib_note (f->store, notes[0], &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  {
    g_autofree char *found = search_names (f->store, "school");
    g_assert_cmpstr (found, ==, "Mia Andersson");
  }

  for (guint i = 0; i < 3; i++)
    g_object_unref (notes[i]);
}

static void
test_visit_with_follow_up (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = add_customer (f->store, "Kenji Sato", NULL, NULL, NULL);
  gint64 id = reg_customer_get_id (customer);
  gint64 author = add_staff (f->store, "Priya Sharma");
  g_autoptr(RegRecordList) timeline = reg_record_list_new (f->store, REG_RECORD_TIMELINE, id);
  g_autoptr(RegRecordList) agenda = reg_record_list_new (f->store, REG_RECORD_OPEN_FOLLOW_UPS, 0);
  g_autoptr(RegVisit) older = reg_visit_new ();
  g_autoptr(RegVisit) visit = reg_visit_new ();
  g_autoptr(RegFollowUp) promise = reg_follow_up_new ();
  g_autoptr(RegFollowUp) no_due = reg_follow_up_new ();
  g_autoptr(RegVisit) refused = reg_visit_new ();
  g_autoptr(GError) error = NULL;
  gint64 now = 1800000000;

  reg_store_set_now (f->store, now);

  reg_visit_set_customer_id (older, id);
  reg_visit_set_text (older, "Bought the blue teapot.");
  reg_visit_set_happened_at (older, now - 86400);
  g_assert_true (reg_store_save_visit (f->store, older, &error));
  g_assert_no_error (error);

  reg_visit_set_customer_id (visit, id);
  reg_visit_set_author_id (visit, author);
  reg_visit_set_channel (visit, REG_CHANNEL_CALL);
  reg_visit_set_text (visit, "Asked about the spare lid.");
  reg_visit_set_satisfaction (visit, 4);
  reg_follow_up_set_promise (promise, "Call back about the lid");
  reg_follow_up_set_due_at (promise, now + 3 * 86400);
  reg_follow_up_set_assigned_to (promise, author);
  g_assert_true (reg_store_save_visit_with_follow_up (f->store, visit, promise, &error));
  g_assert_no_error (error);

  g_assert_cmpint (reg_visit_get_happened_at (visit), ==, now);
  g_assert_cmpint (reg_follow_up_get_customer_id (promise), ==, id);
  g_assert_cmpint (reg_follow_up_get_visit_id (promise), ==, reg_visit_get_id (visit));
  g_assert_cmpint (reg_customer_get_last_contact_at (customer), ==, now);

  /* Newest first */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 2);
  {
    g_autoptr(RegVisit) first = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
    g_assert_true (first == visit);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (agenda)), ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT satisfaction FROM visits WHERE channel = 'call'"), ==, 4);

  /* A promise with no due time: neither the note nor the promise. */
  reg_visit_set_customer_id (refused, id);
  reg_visit_set_text (refused, "Another note");
  reg_follow_up_set_promise (no_due, "Send it");
  g_assert_false (reg_store_save_visit_with_follow_up (f->store, refused, no_due, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Due time"));
  g_clear_error (&error);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM visits"), ==, 2);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM follow_ups"), ==, 1);

  /* Satisfaction is 1 to 5 */
  reg_visit_set_satisfaction (refused, 9);
  g_assert_false (reg_store_save_visit (f->store, refused, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Satisfaction"));
}

static void
test_follow_ups (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = add_customer (f->store, "Elif Kaya", NULL, NULL, NULL);
  gint64 id = reg_customer_get_id (customer);
  gint64 now = 1800000000;
  g_autoptr(RegFollowUp) soon = reg_follow_up_new ();
  g_autoptr(RegFollowUp) later = reg_follow_up_new ();
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;

  reg_store_set_now (f->store, now);
  reg_follow_up_set_customer_id (soon, id);
  reg_follow_up_set_promise (soon, "Send the quote");
  reg_follow_up_set_due_at (soon, now - 60);
  reg_follow_up_set_due_zone (soon, "Europe/London");
  reg_follow_up_set_customer_id (later, id);
  reg_follow_up_set_promise (later, "Ring when the order arrives");
  reg_follow_up_set_due_at (later, now + 3600);
  g_assert_true (reg_store_save_follow_up (f->store, later, &error));
  g_assert_true (reg_store_save_follow_up (f->store, soon, &error));
  g_assert_no_error (error);

  due = reg_store_list_open_follow_ups (f->store, now, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_true (g_ptr_array_index (due, 0) == soon);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Snoozed past the later one: the order follows the effective due time. */
  g_assert_true (reg_store_snooze_follow_up (f->store, soon, now + 7200, &error));
  g_assert_cmpint (reg_follow_up_get_effective_due_at (soon), ==, now + 7200);
  due = reg_store_list_open_follow_ups (f->store, 0, &error);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_true (g_ptr_array_index (due, 0) == later);
  g_clear_pointer (&due, g_ptr_array_unref);

  g_assert_true (reg_store_set_follow_up_status (f->store, later, REG_FOLLOW_UP_STATUS_DONE, &error));
  g_assert_cmpint (reg_follow_up_get_done_at (later), ==, now);
  g_assert_true (reg_store_set_follow_up_status (f->store, soon, REG_FOLLOW_UP_STATUS_CANCELLED, &error));
  due = reg_store_list_open_follow_ups (f->store, 0, &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM follow_ups WHERE status = 'done'"), ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM follow_ups WHERE due_zone = 'Europe/London'"), ==, 1);
}

static void
test_staff_and_cases (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = add_customer (f->store, "Hamid Mansour", NULL, NULL, NULL);
  gint64 owner = add_staff (f->store, "Jonas Weber");
  g_autoptr(RegStaff) staff = reg_store_get_staff (f->store, owner, NULL);
  g_autoptr(RegCase) kase = reg_case_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;

  reg_staff_set_team (staff, "Service");
  g_assert_true (reg_store_save_staff (f->store, staff, &error));
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM staff WHERE team = 'Service'"), ==, 1);

  reg_case_set_customer_id (kase, reg_customer_get_id (customer));
  reg_case_set_title (kase, "Damaged on arrival");
  reg_case_set_description (kase, "The lid was cracked.");
  reg_case_set_severity (kase, REG_CASE_SEVERITY_HIGH);
  g_assert_true (reg_store_open_case (f->store, kase, owner, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reg_case_get_owner_id (kase), ==, owner);

  cases = reg_store_list_cases (f->store, reg_customer_get_id (customer), &error);
  g_assert_cmpuint (cases->len, ==, 1);
  events = reg_store_list_case_events (f->store, reg_case_get_id (kase), &error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (reg_case_event_get_kind (g_ptr_array_index (events, 0)), ==, "opened");
  g_assert_cmpint (reg_case_event_get_actor_id (g_ptr_array_index (events, 0)), ==, owner);
  g_assert_cmpstr (reg_case_event_get_text (g_ptr_array_index (events, 0)), ==, "The lid was cracked.");
}

static const char *
event_kinds (RegStore *store,
             RegCase  *kase,
             GString  *kinds)
{
  g_autoptr(GPtrArray) events = reg_store_list_case_events (store, reg_case_get_id (kase), NULL);

  g_string_truncate (kinds, 0);
  for (guint i = 0; i < events->len; i++)
    g_string_append_printf (kinds, "%s%s", i ? " " : "", reg_case_event_get_kind (events->pdata[i]));
  return kinds->str;
}

/* Every step of a complaint: the ones allowed are recorded, who and when
 * and what; the ones refused say why and change nothing. */
static void
test_case_steps (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = add_customer (f->store, "Hamid Mansour", NULL, NULL, NULL);
  gint64 jonas = add_staff (f->store, "Jonas Weber");
  gint64 priya = add_staff (f->store, "Priya Sharma");
  g_autoptr(RegCase) kase = reg_case_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GString) kinds = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  RegCaseEvent *last;

  reg_store_set_now (f->store, 1800000000);
  reg_case_set_customer_id (kase, reg_customer_get_id (customer));
  reg_case_set_title (kase, "Damaged on arrival");
  g_assert_true (reg_store_open_case (f->store, kase, jonas, &error));

  /* Escalating and resolving are not plain status changes. */
  g_assert_false (reg_store_set_case_status (f->store, kase, REG_CASE_STATUS_ESCALATED, jonas, NULL, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (reg_store_set_case_status (f->store, kase, REG_CASE_STATUS_CLOSED, jonas, NULL, &error));
  g_assert_cmpstr (error->message, ==, "A case that is open cannot become closed.");
  g_clear_error (&error);
  g_assert_cmpint (reg_case_get_status (kase), ==, REG_CASE_STATUS_OPEN);

  reg_store_set_now (f->store, 1800000100);
  g_assert_true (reg_store_set_case_status (f->store, kase, REG_CASE_STATUS_IN_PROGRESS, jonas, "Looking into it", &error));
  g_assert_no_error (error);

  /* Escalated: to whom (or which team) and why, or not at all. */
  g_assert_false (reg_store_escalate_case (f->store, kase, 0, " ", "Needs a refund", jonas, &error));
  g_assert_nonnull (strstr (error->message, "Escalated to"));
  g_clear_error (&error);
  g_assert_false (reg_store_escalate_case (f->store, kase, priya, NULL, "", jonas, &error));
  g_assert_nonnull (strstr (error->message, "Reason"));
  g_clear_error (&error);
  g_assert_cmpint (reg_case_get_status (kase), ==, REG_CASE_STATUS_IN_PROGRESS);
  g_assert_true (reg_store_escalate_case (f->store, kase, priya, "Service", "Needs a refund", jonas, &error));
  g_assert_cmpint (reg_case_get_escalated_to_id (kase), ==, priya);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT escalated_to_id FROM cases"), ==, priya);
  {
    g_autofree char *team = reg_test_sql_text (f->store, "SELECT team FROM case_events WHERE kind = 'escalated'");
    g_assert_cmpstr (team, ==, "Service");
  }

  /* Handed over: Priya owns it now. */
  g_assert_false (reg_store_hand_over_case (f->store, kase, jonas, NULL, jonas, &error));
  g_clear_error (&error);
  g_assert_true (reg_store_hand_over_case (f->store, kase, priya, "Back from leave", jonas, &error));
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT owner_id FROM cases"), ==, priya);

  g_assert_true (reg_store_set_case_status (f->store, kase, REG_CASE_STATUS_WAITING, priya, "Asked for a photo", &error));

  /* Satisfaction only once resolved; a resolution says how. */
  g_assert_false (reg_store_rate_case (f->store, kase, 4, NULL, priya, &error));
  g_clear_error (&error);
  g_assert_false (reg_store_resolve_case (f->store, kase, "  ", TRUE, priya, &error));
  g_assert_nonnull (strstr (error->message, "Resolution"));
  g_clear_error (&error);
  reg_store_set_now (f->store, 1800003600);
  g_assert_true (reg_store_resolve_case (f->store, kase, "Refunded in full", TRUE, priya, &error));
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT resolved_at FROM cases"), ==, 1800003600);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT customer_told FROM cases"), ==, 1);
  g_assert_false (reg_store_rate_case (f->store, kase, 6, NULL, priya, &error));
  g_clear_error (&error);
  g_assert_true (reg_store_rate_case (f->store, kase, 4, "Quick, but should not have happened", priya, &error));
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT satisfaction FROM cases"), ==, 4);

  /* Reopened when the customer came back, resolved again, closed. */
  g_assert_true (reg_store_set_case_status (f->store, kase, REG_CASE_STATUS_IN_PROGRESS, priya, "Wrong amount", &error));
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT ifnull (resolved_at, 0) FROM cases"), ==, 0);
  g_assert_true (reg_store_resolve_case (f->store, kase, "Difference refunded", TRUE, priya, &error));
  g_assert_true (reg_store_set_case_status (f->store, kase, REG_CASE_STATUS_CLOSED, priya, NULL, &error));
  g_assert_no_error (error);

  /* Closed is the end; the refusal leaves nothing behind. */
  g_assert_false (reg_store_set_case_status (f->store, kase, REG_CASE_STATUS_IN_PROGRESS, priya, NULL, &error));
  g_assert_cmpstr (error->message, ==, "The case is closed: it cannot change any more.");
  g_clear_error (&error);
  g_assert_false (reg_store_hand_over_case (f->store, kase, jonas, NULL, priya, &error));
  g_clear_error (&error);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT status = 'closed' FROM cases"), ==, 1);

  /* The whole history, in order, never overwritten. */
  g_assert_cmpstr (event_kinds (f->store, kase, kinds), ==,
                   "opened status escalated handed-over status resolved rated status resolved status");
  events = reg_store_list_case_events (f->store, reg_case_get_id (kase), NULL);
  last = g_ptr_array_index (events, 3);
  g_assert_cmpint (reg_case_event_get_staff_id (last), ==, priya);
  g_assert_cmpstr (reg_case_event_get_text (last), ==, "Back from leave");
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpstr (reg_case_event_get_from_status (last), ==, "resolved");
  g_assert_cmpstr (reg_case_event_get_to_status (last), ==, "closed");
  g_assert_cmpint (reg_case_event_get_actor_id (last), ==, priya);
}

static gint64
add_rated_visit (RegStore *store,
                 gint64    customer_id,
                 gint64    when,
                 int       satisfaction)
{
  g_autoptr(RegVisit) visit = reg_visit_new ();

  reg_visit_set_customer_id (visit, customer_id);
  reg_visit_set_text (visit, "Came in");
  reg_visit_set_happened_at (visit, when);
  reg_visit_set_satisfaction (visit, satisfaction);
  g_assert_true (reg_store_save_visit (store, visit, NULL));
  return reg_visit_get_id (visit);
}

/* Satisfaction by local calendar week, across the end of summer time. */
static void
test_satisfaction_by_week (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = add_customer (f->store, "Hamid Mansour", NULL, NULL, NULL);
  gint64 id = reg_customer_get_id (customer);
  g_autoptr(GArray) weeks = NULL;
  g_autoptr(GError) error = NULL;
  RegSatisfactionWeek *w;

  g_setenv ("TZ", "Europe/London", TRUE);

  /* Sunday 25 October 2026, 23:30 GMT: still the week of Monday the
   * 19th, which began at 00:00 BST (23:00 UTC on the 18th). */
  add_rated_visit (f->store, id, 1792971000, 2);
  add_rated_visit (f->store, id, 1792540800, 4);   /* Wed 21 Oct 01:00 BST */
  /* Monday 26 October, 00:30 GMT: the next week. */
  add_rated_visit (f->store, id, 1792974600, 5);

  /* Four weeks up to Wednesday 4 November. */
  weeks = reg_store_satisfaction_by_week (f->store, 1793793600, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (weeks->len, ==, 4);

  w = &g_array_index (weeks, RegSatisfactionWeek, 1);
  g_assert_cmpint (w->week_start, ==, 1792364400);   /* Mon 19 Oct 00:00 BST */
  g_assert_cmpuint (w->count, ==, 2);
  g_assert_cmpfloat_with_epsilon (w->average, 3.0, 1e-9);
  w = &g_array_index (weeks, RegSatisfactionWeek, 2);
  g_assert_cmpint (w->week_start, ==, 1792972800);   /* Mon 26 Oct 00:00 GMT */
  g_assert_cmpuint (w->count, ==, 1);
  g_assert_cmpfloat_with_epsilon (w->average, 5.0, 1e-9);
  w = &g_array_index (weeks, RegSatisfactionWeek, 3);
  g_assert_cmpuint (w->count, ==, 0);
  g_assert_cmpfloat_with_epsilon (w->average, 0.0, 1e-9);

  g_unsetenv ("TZ");
}

static void
count_signal (guint *count)
{
  (*count)++;
}

/* Turnaround targets: hours run around the clock; days are counted on
 * the local calendar, across the end of summer time, and with working
 * days only, weekends are skipped. */
static void
test_case_targets (void)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  RegCaseTargets targets;
  const gint64 sat_10_bst = 1792832400;      /* Sat 24 Oct 2026, 10:00 BST */
  const gint64 fri_15_bst = 1792764000;      /* Fri 23 Oct 2026, 15:00 BST */
  const gint64 fri_22_bst = 1792789200;      /* Fri 23 Oct 2026, 22:00 BST */

  g_assert_nonnull (london);
  reg_case_targets_init_default (&targets);
  g_assert_cmpuint (targets.hours[REG_CASE_SEVERITY_URGENT], ==, 4);
  g_assert_cmpuint (targets.hours[REG_CASE_SEVERITY_HIGH], ==, 24);
  g_assert_cmpuint (targets.hours[REG_CASE_SEVERITY_NORMAL], ==, 72);
  g_assert_cmpuint (targets.hours[REG_CASE_SEVERITY_LOW], ==, 168);
  g_assert_false (targets.working_days_only);

  /* Urgent: four hours, whatever the day. */
  g_assert_cmpint (reg_case_targets_due (&targets, REG_CASE_SEVERITY_URGENT, fri_22_bst, london),
                   ==, fri_22_bst + 4 * 3600);
  /* Normal, over the night the clocks go back: Tuesday 10:00 GMT,
   * 73 hours later, not 09:00. */
  g_assert_cmpint (reg_case_targets_due (&targets, REG_CASE_SEVERITY_NORMAL, sat_10_bst, london),
                   ==, 1793095200);
  /* High, from Friday afternoon: Saturday afternoon, weekends counting. */
  g_assert_cmpint (reg_case_targets_due (&targets, REG_CASE_SEVERITY_HIGH, fri_15_bst, london),
                   ==, fri_15_bst + 86400);

  targets.working_days_only = TRUE;
  /* Friday 15:00 + 1 working day: Monday 15:00 (GMT by then). */
  g_assert_cmpint (reg_case_targets_due (&targets, REG_CASE_SEVERITY_HIGH, fri_15_bst, london),
                   ==, 1793026800);
  /* Opened on Saturday: the clock starts Monday 00:00, due Tuesday 00:00. */
  g_assert_cmpint (reg_case_targets_due (&targets, REG_CASE_SEVERITY_HIGH, sat_10_bst, london),
                   ==, 1793059200);
  /* Seven working days from Friday: Tuesday 3 November, 15:00. */
  g_assert_cmpint (reg_case_targets_due (&targets, REG_CASE_SEVERITY_LOW, fri_15_bst, london),
                   ==, 1793718000);
  /* Hours still run around the clock. */
  g_assert_cmpint (reg_case_targets_due (&targets, REG_CASE_SEVERITY_URGENT, fri_22_bst, london),
                   ==, fri_22_bst + 4 * 3600);
}

static RegCase *
open_case (RegStore        *store,
           gint64           customer_id,
           const char      *title,
           RegCaseSeverity  severity,
           gint64           owner)
{
  g_autoptr(GError) error = NULL;
  RegCase *kase = reg_case_new ();

  reg_case_set_customer_id (kase, customer_id);
  reg_case_set_title (kase, title);
  reg_case_set_severity (kase, severity);
  g_assert_true (reg_store_open_case (store, kase, owner, &error));
  g_assert_no_error (error);
  return kase;
}

/* The shop's targets are kept in the database, apply to cases as they
 * are opened, and refuse what makes no sense. */
static void
test_case_target_settings (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = add_customer (f->store, "Hamid Mansour", NULL, NULL, NULL);
  gint64 priya = add_staff (f->store, "Priya Sharma");
  g_autoptr(RegCase) before = NULL;
  g_autoptr(RegCase) after = NULL;
  g_autoptr(GError) error = NULL;
  RegCaseTargets targets;
  guint changed = 0;

  g_setenv ("TZ", "Europe/London", TRUE);
  g_signal_connect_swapped (f->store, "settings-changed", G_CALLBACK (count_signal), &changed);

  reg_store_get_case_targets (f->store, &targets);
  g_assert_cmpuint (targets.hours[REG_CASE_SEVERITY_NORMAL], ==, 72);
  g_assert_cmpuint (reg_store_get_win_back_days (f->store), ==, REG_WIN_BACK_DAYS_DEFAULT);

  reg_store_set_now (f->store, 1793005200);   /* Mon 26 Oct 2026, 09:00 GMT */
  before = open_case (f->store, reg_customer_get_id (customer), "Late delivery", REG_CASE_SEVERITY_URGENT, priya);
  g_assert_cmpint (reg_case_get_target_at (before), ==, 1793005200 + 4 * 3600);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT target_at FROM cases"), ==, 1793005200 + 4 * 3600);

  targets.hours[REG_CASE_SEVERITY_URGENT] = 2;
  targets.working_days_only = TRUE;
  g_assert_true (reg_store_set_case_targets (f->store, &targets, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  /* Out of range: refused, and nothing changes. */
  targets.hours[REG_CASE_SEVERITY_LOW] = 0;
  g_assert_false (reg_store_set_case_targets (f->store, &targets, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Turnaround target"));
  g_clear_error (&error);
  g_assert_false (reg_store_set_win_back_days (f->store, 0, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (changed, ==, 1);

  reg_store_get_case_targets (f->store, &targets);
  g_assert_cmpuint (targets.hours[REG_CASE_SEVERITY_URGENT], ==, 2);
  g_assert_cmpuint (targets.hours[REG_CASE_SEVERITY_LOW], ==, 168);
  g_assert_true (targets.working_days_only);

  g_assert_true (reg_store_set_win_back_days (f->store, 30, &error));
  g_assert_cmpuint (reg_store_get_win_back_days (f->store), ==, 30);

  /* New targets for new cases; the old case keeps the one it was given. */
  after = open_case (f->store, reg_customer_get_id (customer), "Wrong size", REG_CASE_SEVERITY_URGENT, priya);
  g_assert_cmpint (reg_case_get_target_at (after), ==, 1793005200 + 2 * 3600);
  g_assert_cmpint (reg_case_get_target_at (before), ==, 1793005200 + 4 * 3600);

  /* The settings outlive the connection. */
  g_clear_object (&before);
  g_clear_object (&after);
  g_clear_object (&f->store);
  f->store = reg_store_open (f->path, &error);
  g_assert_no_error (error);
  reg_store_get_case_targets (f->store, &targets);
  g_assert_cmpuint (targets.hours[REG_CASE_SEVERITY_URGENT], ==, 2);
  g_assert_cmpuint (reg_store_get_win_back_days (f->store), ==, 30);

  g_unsetenv ("TZ");
}

/* Telling the customer of a delay writes the visit log, the case's
 * history and its new target together; a refused one writes nothing. */
static void
test_case_delay (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = add_customer (f->store, "Hamid Mansour", NULL, NULL, NULL);
  gint64 id = reg_customer_get_id (customer);
  gint64 priya = add_staff (f->store, "Priya Sharma");
  g_autoptr(RegCase) kase = NULL;
  g_autoptr(RegVisit) visit = reg_visit_new ();
  g_autoptr(RegVisit) bad = reg_visit_new ();
  g_autoptr(RegFollowUp) follow_up = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  RegCaseEvent *told;
  gint64 fu_id;

  reg_store_set_now (f->store, 1800000000);
  kase = open_case (f->store, id, "Part on back order", REG_CASE_SEVERITY_HIGH, priya);

  /* A time gone by, or nothing said: refused, nothing written. */
  reg_visit_set_channel (bad, REG_CHANNEL_CALL);
  reg_visit_set_text (bad, "Part is late");
  g_assert_false (reg_store_tell_case_delay (f->store, kase, bad, 1800000000 - 60, priya, &error));
  g_assert_nonnull (strstr (error->message, "New due time"));
  g_clear_error (&error);
  reg_visit_set_text (bad, "  ");
  g_assert_false (reg_store_tell_case_delay (f->store, kase, bad, 1800000000 + 86400 * 3, priya, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM visits"), ==, 0);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM case_events"), ==, 1);
  g_assert_cmpint (reg_case_get_target_at (kase), ==, 1800000000 + 86400);

  reg_store_set_now (f->store, 1800003600);
  reg_visit_set_channel (visit, REG_CHANNEL_CALL);
  reg_visit_set_author_id (visit, priya);
  reg_visit_set_text (visit, "Told her the part comes on Thursday");
  g_assert_true (reg_store_tell_case_delay (f->store, kase, visit, 1800000000 + 86400 * 3, priya, &error));
  g_assert_no_error (error);

  g_assert_cmpint (reg_case_get_target_at (kase), ==, 1800000000 + 86400 * 3);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT target_at FROM cases"), ==, 1800000000 + 86400 * 3);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM visits WHERE channel = 'call' "
                                               "AND customer_id = (SELECT customer_id FROM cases)"), ==, 1);
  events = reg_store_list_case_events (f->store, reg_case_get_id (kase), &error);
  g_assert_cmpuint (events->len, ==, 2);
  told = g_ptr_array_index (events, 1);
  g_assert_cmpstr (reg_case_event_get_kind (told), ==, REG_CASE_EVENT_KIND_CUSTOMER_TOLD);
  g_assert_cmpstr (reg_case_event_get_text (told), ==, "Told her the part comes on Thursday");
  g_assert_cmpstr (reg_case_event_get_channel (told), ==, "call");
  g_assert_cmpint (reg_case_event_get_visit_id (told), ==, reg_visit_get_id (visit));
  g_assert_cmpint (reg_case_event_get_due_at (told), ==, 1800000000 + 86400 * 3);
  g_assert_cmpint (reg_case_event_get_actor_id (told), ==, priya);

  /* A promise: the visit log and the new due time; the snooze goes. */
  fu_id = reg_test_add_follow_up (f->store, id, priya, 1800007200, "Call back about the part", REG_FOLLOW_UP_STATUS_OPEN);
  follow_up = reg_store_get_follow_up (f->store, fu_id, &error);
  g_assert_true (reg_store_snooze_follow_up (f->store, follow_up, 1800010800, &error));
  g_clear_object (&visit);
  visit = reg_visit_new ();
  reg_visit_set_channel (visit, REG_CHANNEL_EMAIL);
  reg_visit_set_text (visit, "Wrote that we call on Friday instead");
  g_assert_true (reg_store_tell_follow_up_delay (f->store, follow_up, visit, 1800000000 + 86400 * 4,
                                                 "Europe/London", &error));
  g_assert_no_error (error);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT due_at FROM follow_ups"), ==, 1800000000 + 86400 * 4);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT snoozed_until IS NULL OR snoozed_until = 0 FROM follow_ups"), ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM visits WHERE channel = 'email'"), ==, 1);

  /* A closed promise cannot be delayed. */
  g_assert_true (reg_store_set_follow_up_status (f->store, follow_up, REG_FOLLOW_UP_STATUS_DONE, &error));
  g_clear_object (&visit);
  visit = reg_visit_new ();
  reg_visit_set_text (visit, "Too late");
  g_assert_false (reg_store_tell_follow_up_delay (f->store, follow_up, visit, 1800000000 + 86400 * 5, NULL, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM visits"), ==, 2);
}

/* One reminder per target: none before it, one when it passes, none for
 * a resolved case, and another after the target was moved and passed. */
static void
test_case_reminders (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RegCustomer) customer = add_customer (f->store, "Hamid Mansour", NULL, NULL, NULL);
  gint64 id = reg_customer_get_id (customer);
  gint64 priya = add_staff (f->store, "Priya Sharma");
  g_autoptr(RegCase) urgent = NULL;
  g_autoptr(RegCase) normal = NULL;
  g_autoptr(RegVisit) visit = reg_visit_new ();
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0 = 1800000000, next = 0;

  reg_store_set_now (f->store, t0);
  urgent = open_case (f->store, id, "No heating", REG_CASE_SEVERITY_URGENT, priya);
  normal = open_case (f->store, id, "Scratched door", REG_CASE_SEVERITY_NORMAL, priya);

  g_assert_true (reg_store_next_case_target (f->store, t0, &next, &error));
  g_assert_cmpint (next, ==, t0 + 4 * 3600);
  due = reg_store_list_cases_to_remind (f->store, t0 + 4 * 3600 - 1, &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  g_assert_false (reg_customer_get_has_case_past_target (customer));

  reg_store_set_now (f->store, t0 + 4 * 3600);
  due = reg_store_list_cases_to_remind (f->store, t0 + 4 * 3600, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_true (g_ptr_array_index (due, 0) == urgent);
  g_assert_true (reg_store_mark_cases_reminded (f->store, due, &error));
  g_clear_pointer (&due, g_ptr_array_unref);
  /* The customer's flag follows. */
  g_assert_true (reg_customer_get_has_case_past_target (customer));
  due = reg_store_list_cases_to_remind (f->store, t0 + 4 * 3600 + 60, &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);

  g_assert_true (reg_store_next_case_target (f->store, t0 + 4 * 3600, &next, &error));
  g_assert_cmpint (next, ==, t0 + 72 * 3600);

  /* Resolved before its target: never reminded. */
  g_assert_true (reg_store_resolve_case (f->store, normal, "Repainted", TRUE, priya, &error));
  g_assert_true (reg_store_next_case_target (f->store, t0 + 4 * 3600, &next, &error));
  g_assert_cmpint (next, ==, 0);
  due = reg_store_list_cases_to_remind (f->store, t0 + 100 * 3600, &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* The customer is told of a delay: a new target, a new reminder. */
  reg_visit_set_text (visit, "Engineer comes tomorrow");
  g_assert_true (reg_store_tell_case_delay (f->store, urgent, visit, t0 + 24 * 3600, priya, &error));
  g_assert_false (reg_case_is_past_target (urgent, t0 + 4 * 3600));
  g_assert_false (reg_customer_get_has_case_past_target (customer));
  due = reg_store_list_cases_to_remind (f->store, t0 + 24 * 3600, &error);
  g_assert_cmpuint (due->len, ==, 1);
}

/* The Overview's figures, and the customer lists behind them. */
static void
test_overview_figures (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RegCustomer) ana = add_customer (f->store, "Ana Lima", NULL, NULL, NULL);
  g_autoptr(RegCustomer) ben = add_customer (f->store, "Ben Ode", NULL, NULL, NULL);
  g_autoptr(RegCustomer) cleo = add_customer (f->store, "Cleo Park", NULL, NULL, NULL);
  gint64 priya = add_staff (f->store, "Priya Sharma");
  gint64 jonas = add_staff (f->store, "Jonas Weber");
  g_autoptr(RegCase) c1 = NULL, c2 = NULL, c3 = NULL, c4 = NULL;
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  RegOverviewFigures figures;
  RegStaffCount *count;
  gint64 t0 = 1800000000, now = t0 + 10 * 86400, from, until;

  /* Cleo is a former customer; Ben a prospect. */
  reg_customer_set_kind (cleo, REG_CUSTOMER_KIND_FORMER);
  reg_customer_set_kind (ben, REG_CUSTOMER_KIND_PROSPECT);
  g_assert_true (reg_store_save_customer (f->store, cleo, &error));
  g_assert_true (reg_store_save_customer (f->store, ben, &error));

  reg_store_set_now (f->store, t0);                       /* ten days ago */
  c1 = open_case (f->store, reg_customer_get_id (ana), "Old, low", REG_CASE_SEVERITY_LOW, priya);
  reg_store_set_now (f->store, now - 2 * 86400);          /* two days ago */
  c2 = open_case (f->store, reg_customer_get_id (ben), "Urgent one", REG_CASE_SEVERITY_URGENT, priya);
  reg_store_set_now (f->store, now - 3600);               /* an hour ago */
  c3 = open_case (f->store, reg_customer_get_id (cleo), "Fresh", REG_CASE_SEVERITY_URGENT, jonas);
  c4 = open_case (f->store, reg_customer_get_id (cleo), "Done", REG_CASE_SEVERITY_NORMAL, jonas);
  g_assert_true (reg_store_resolve_case (f->store, c4, "Sorted", TRUE, jonas, &error));
  g_assert_true (reg_store_rate_case (f->store, c4, 5, "Thanks", jonas, &error));
  {
    g_autoptr(GPtrArray) steps = reg_store_list_case_events (f->store, reg_case_get_id (c4), &error);

    /* Each step says all it did: told the customer, and the rating with its comment. */
    g_assert_cmpuint (steps->len, ==, 3);
    g_assert_true (reg_case_event_get_customer_told (g_ptr_array_index (steps, 1)));
    g_assert_cmpint (reg_case_event_get_satisfaction (g_ptr_array_index (steps, 2)), ==, 5);
    g_assert_cmpstr (reg_case_event_get_text (g_ptr_array_index (steps, 2)), ==, "Thanks");
  }

  reg_test_add_follow_up (f->store, reg_customer_get_id (ana), priya, now - 600, "Call back", REG_FOLLOW_UP_STATUS_OPEN);
  reg_test_add_follow_up (f->store, reg_customer_get_id (ben), priya, now - 60, "Send quote", REG_FOLLOW_UP_STATUS_OPEN);
  reg_test_add_follow_up (f->store, reg_customer_get_id (cleo), jonas, now - 60, "Ring her", REG_FOLLOW_UP_STATUS_OPEN);
  reg_test_add_follow_up (f->store, reg_customer_get_id (cleo), jonas, now + 3600, "Not yet due", REG_FOLLOW_UP_STATUS_OPEN);
  reg_store_set_now (f->store, now);

  g_assert_true (reg_store_get_overview (f->store, now, &figures, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (figures.open_cases, ==, 3);
  g_assert_cmpuint (figures.by_severity_age[REG_CASE_SEVERITY_LOW][3], ==, 1);
  g_assert_cmpuint (figures.by_severity_age[REG_CASE_SEVERITY_URGENT][1], ==, 1);
  g_assert_cmpuint (figures.by_severity_age[REG_CASE_SEVERITY_URGENT][0], ==, 1);
  g_assert_cmpuint (figures.by_severity_age[REG_CASE_SEVERITY_NORMAL][0], ==, 0);
  /* Low (7 days) and the two-day-old urgent one; not the fresh one. */
  g_assert_cmpuint (figures.past_target, ==, 2);
  g_assert_cmpuint (figures.customers_by_kind[REG_CUSTOMER_KIND_CURRENT], ==, 1);
  g_assert_cmpuint (figures.customers_by_kind[REG_CUSTOMER_KIND_PROSPECT], ==, 1);
  g_assert_cmpuint (figures.customers_by_kind[REG_CUSTOMER_KIND_FORMER], ==, 1);
  g_assert_cmpuint (figures.overdue_by_staff->len, ==, 2);
  count = &g_array_index (figures.overdue_by_staff, RegStaffCount, 0);
  g_assert_cmpint (count->staff_id, ==, priya);
  g_assert_cmpuint (count->count, ==, 2);
  count = &g_array_index (figures.overdue_by_staff, RegStaffCount, 1);
  g_assert_cmpint (count->staff_id, ==, jonas);
  g_assert_cmpuint (count->count, ==, 1);
  g_assert_cmpuint (figures.win_back, ==, 0);
  reg_overview_figures_clear (&figures);

  /* Behind "urgent, 1-3 days": Ben. */
  reg_case_age_bounds (1, now, &from, &until);
  query->case_severity = REG_CASE_SEVERITY_URGENT;
  query->case_opened_from = from;
  query->case_opened_until = until;
  ids = reg_store_query_customer_ids (f->store, query, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, reg_customer_get_id (ben));
  g_clear_pointer (&ids, g_array_unref);

  /* Behind "past target": Ana and Ben. */
  reg_customer_query_free (query);
  query = reg_customer_query_new ();
  query->case_past_target = TRUE;
  ids = reg_store_query_customer_ids (f->store, query, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);

  /* Behind "Jonas: 1 overdue": Cleo. */
  reg_customer_query_free (query);
  query = reg_customer_query_new ();
  query->overdue_for = jonas;
  ids = reg_store_query_customer_ids (f->store, query, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, reg_customer_get_id (cleo));
  g_clear_pointer (&ids, g_array_unref);

  /* Behind this week's satisfaction: Cleo, who rated her case. */
  reg_customer_query_free (query);
  query = reg_customer_query_new ();
  query->rated_from = now - 7 * 86400;
  query->rated_until = now + 1;
  ids = reg_store_query_customer_ids (f->store, query, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, reg_customer_get_id (cleo));
  g_clear_pointer (&ids, g_array_unref);

  /* Win back: Ana, a current customer, unseen for more than 5 days. */
  g_assert_true (reg_store_set_win_back_days (f->store, 5, &error));
  g_assert_true (reg_store_get_overview (f->store, now, &figures, &error));
  g_assert_cmpuint (figures.win_back, ==, 1);
  g_assert_cmpuint (figures.n_win_back_ids, ==, 1);
  g_assert_cmpint (figures.win_back_ids[0], ==, reg_customer_get_id (ana));
  reg_overview_figures_clear (&figures);

  /* The --cases list: open ones, nearest target first. */
  {
    g_autoptr(GPtrArray) open = reg_store_list_open_cases (f->store, &error);

    g_assert_cmpuint (open->len, ==, 3);
    g_assert_true (g_ptr_array_index (open, 0) == c1);   /* due 3 days ago */
    g_assert_true (g_ptr_array_index (open, 1) == c2);   /* 2 days ago, +4 h */
    g_assert_true (g_ptr_array_index (open, 2) == c3);
  }
}

/* ------------------------------------------------------------------ */
/* Search and filters                                                   */

static void
fill_shop (RegStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 now = 1800000000;
  gint64 alex;

  /* Everything happens at a known "now", for "not seen for N days". */
  reg_store_set_now (store, now);
  alex = add_staff (store, "Alex Martin");

  g_autoptr(RegCustomer) zoe = add_customer (store, "Zoë Brown", "Harbour Bakery", "+44 7700 900123", "zoe@example.com");
  g_autoptr(RegCustomer) lukasz = add_customer (store, "Łukasz Nowak", NULL, "0612 345 678", NULL);
  g_autoptr(RegCustomer) anna = add_customer (store, "Anna Smith", "Pennywise Accounting", NULL, "anna.smith@example.org");
  g_autoptr(RegCustomer) omar = add_customer (store, "Omar Haddad", NULL, NULL, NULL);
  g_autoptr(RegCustomer) bea = add_customer (store, "Beatrice Annan", NULL, NULL, NULL);
  g_autoptr(RegCribNote) note = reg_crib_note_new ();
  g_autoptr(RegVisit) visit = reg_visit_new ();
  g_autoptr(RegFollowUp) overdue = reg_follow_up_new ();
  g_autoptr(RegCase) kase = reg_case_new ();
  const char *tags[] = { "Wholesale", NULL };

  reg_customer_set_kind (zoe, REG_CUSTOMER_KIND_CURRENT);
  reg_customer_set_vip (zoe, TRUE);
  reg_customer_set_owner_id (zoe, alex);
  reg_customer_set_tags (zoe, tags);
  g_assert_true (reg_store_save_customer (store, zoe, &error));
  reg_customer_set_kind (lukasz, REG_CUSTOMER_KIND_PROSPECT);
  reg_customer_set_internal (lukasz, TRUE);
  g_assert_true (reg_store_save_customer (store, lukasz, &error));
  reg_customer_set_kind (omar, REG_CUSTOMER_KIND_FORMER);
  g_assert_true (reg_store_save_customer (store, omar, &error));
  g_assert_no_error (error);

  reg_crib_note_set_customer_id (note, reg_customer_get_id (omar));
  reg_crib_note_set_text (note, "Daughter Mía plays the cello");
  g_assert_true (reg_store_save_crib_note (store, note, &error));

  reg_visit_set_customer_id (visit, reg_customer_get_id (anna));
  reg_visit_set_text (visit, "Wants the Harbour photos framed");
  reg_visit_set_happened_at (visit, now - 10 * 86400);
  reg_follow_up_set_promise (overdue, "Call back about the frames");
  reg_follow_up_set_due_at (overdue, now - 3600);
  g_assert_true (reg_store_save_visit_with_follow_up (store, visit, overdue, &error));

  reg_case_set_customer_id (kase, reg_customer_get_id (bea));
  reg_case_set_title (kase, "Charged twice");
  g_assert_true (reg_store_open_case (store, kase, alex, &error));
  g_assert_no_error (error);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  static const struct {
    const char *text;
    const char *expected;
  } cases[] = {
    /* fragments of names, any case, with or without accents */
    { "zoe", "Zoë Brown" },
    { "ZOË", "Zoë Brown" },
    { "lukasz", "Łukasz Nowak" },
    { "nowa", "Łukasz Nowak" },
    { "smi", "Anna Smith" },
    /* one or two letters: names starting so, first name first */
    { "a", "Anna Smith|Beatrice Annan" },
    { "an", "Anna Smith|Beatrice Annan" },
    { "o", "Omar Haddad" },
    /* phones, with or without spaces; emails; companies; tags */
    { "0612", "Łukasz Nowak" },
    { "900123", "Zoë Brown" },
    { "7700 900", "Zoë Brown" },
    { "example.org", "Anna Smith" },
    { "bakery", "Zoë Brown" },
    { "wholesale", "Zoë Brown" },
    /* crib notes and visit notes, listed after matches on the card */
    { "cello", "Omar Haddad" },
    { "mia", "Omar Haddad" },
    { "harbour", "Zoë Brown|Anna Smith" },
    { "framed", "Anna Smith" },
    /* several words: all of them */
    { "anna smith", "Anna Smith" },
    { "anna ha", "" },
    { "zoe b", "Zoë Brown" },
    { "nothing like this", "" },
    { "\"quoted\"", "" },
    { "", "Anna Smith|Beatrice Annan|Łukasz Nowak|Omar Haddad|Zoë Brown" },
  };

  fill_shop (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *found = search_names (f->store, cases[i].text);

      g_test_message ("search “%s”", cases[i].text);
      g_assert_cmpstr (found, ==, cases[i].expected);
    }
}

static void
test_filters_and_sorts (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(RegCustomerQuery) q = reg_customer_query_new ();
  gint64 alex;

  fill_shop (f->store);
  alex = 1;

#define EXPECT(expected) G_STMT_START { \
    g_autofree char *found = query_names (f->store, q); \
    g_assert_cmpstr (found, ==, (expected)); \
  } G_STMT_END

  q->kind = REG_CUSTOMER_KIND_PROSPECT;
  EXPECT ("Łukasz Nowak");
  q->kind = REG_CUSTOMER_KIND_FORMER;
  EXPECT ("Omar Haddad");
  q->kind = -1;

  q->vip = 1;
  EXPECT ("Zoë Brown");
  q->vip = -1;

  q->internal = 1;
  EXPECT ("Łukasz Nowak");
  q->internal = 0;
  EXPECT ("Anna Smith|Beatrice Annan|Omar Haddad|Zoë Brown");
  q->internal = -1;

  q->owner_id = alex;
  EXPECT ("Zoë Brown");
  q->owner_id = 0;

  q->tag = g_strdup ("wholesale");
  EXPECT ("Zoë Brown");
  g_clear_pointer (&q->tag, g_free);

  q->has_overdue = TRUE;
  EXPECT ("Anna Smith");
  q->has_overdue = FALSE;

  q->has_open_case = TRUE;
  EXPECT ("Beatrice Annan");
  q->has_open_case = FALSE;

  /* Not seen for 5 days: Anna was seen 10 days ago; the others were
   * created "now" and never seen. */
  q->not_seen_days = 5;
  EXPECT ("Anna Smith");
  q->not_seen_days = 0;

  /* A filter and a search together */
  q->search = g_strdup ("harbour");
  q->vip = 1;
  EXPECT ("Zoë Brown");
  q->vip = -1;
  g_clear_pointer (&q->search, g_free);
  q->search = g_strdup ("a");
  q->kind = REG_CUSTOMER_KIND_CURRENT;
  EXPECT ("Anna Smith|Beatrice Annan");
  q->kind = -1;
  g_clear_pointer (&q->search, g_free);

  /* Sorts: last contact (never seen first, by id), newest first */
  q->sort = REG_SORT_LAST_CONTACT;
  EXPECT ("Zoë Brown|Łukasz Nowak|Omar Haddad|Beatrice Annan|Anna Smith");
  q->sort = REG_SORT_NEWEST;
  EXPECT ("Beatrice Annan|Omar Haddad|Anna Smith|Łukasz Nowak|Zoë Brown");

#undef EXPECT
}

typedef struct
{
  guint position, removed, added, count;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *log)
{
  log->position = position;
  log->removed = removed;
  log->added = added;
  log->count++;
}

static void
test_customer_list_model (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RegCustomerList) list = NULL;
  g_autoptr(RegCustomer) first = NULL;
  g_autoptr(RegCustomer) again = NULL;
  g_autoptr(RegCustomer) added = NULL;
  ItemsChanged log = { 0 };

  fill_shop (f->store);
  list = reg_customer_list_new (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == REG_TYPE_CUSTOMER);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (reg_customer_get_display_name (first), ==, "Anna Smith");
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (first == again);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 5));

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &log);

  /* Typing narrows the list */
  reg_customer_list_set_search (list, "an");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (log.count, ==, 1);

  /* One new matching customer: one row inserted where it sorts. */
  log = (ItemsChanged) { 0 };
  added = add_customer (f->store, "Andrea Rossi", NULL, NULL, NULL);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpuint (log.position, ==, 0);
  g_assert_cmpuint (log.removed, ==, 0);
  g_assert_cmpuint (log.added, ==, 1);
  g_assert_cmpuint (reg_customer_list_find (list, reg_customer_get_id (added)), ==, 0);

  /* A change that does not move it: no items-changed, only notify. */
  log = (ItemsChanged) { 0 };
  reg_customer_set_company (added, "Città Pizzeria");
  g_assert_true (reg_store_save_customer (f->store, added, NULL));
  g_assert_cmpuint (log.count, ==, 0);

  /* Trashed: one row removed. */
  g_assert_true (reg_store_trash_customer (f->store, added, NULL));
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpuint (log.position, ==, 0);
  g_assert_cmpuint (log.removed, ==, 1);
  g_assert_cmpuint (log.added, ==, 0);

  g_signal_handlers_disconnect_by_data (list, &log);
}

/* Thousands of customers, read a page at a time as a view scrolls. */
static void
test_customer_list_pages (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCustomerList) list = NULL;
  guint n;
  g_autofree char *previous = g_strdup ("");

  g_assert_true (reg_store_fill_sample_data (f->store, 3000, 2, 7, NULL, &error));
  g_assert_no_error (error);

  list = reg_customer_list_new (f->store);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 3000);

  for (guint i = 0; i < n; i += 7)
    {
      g_autoptr(RegCustomer) customer = g_list_model_get_item (G_LIST_MODEL (list), i);
      char *key = reg_fold (reg_customer_get_display_name (customer));

      /* In name order, accents and case aside */
      g_assert_cmpint (reg_customer_list_get_id (list, i), ==, reg_customer_get_id (customer));
      g_assert_cmpint (strcmp (previous, key), <=, 0);
      g_free (previous);
      previous = key;
    }

  /* The sample data is searchable at once. */
  reg_customer_list_set_search (list, "cello");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  reg_customer_list_set_search (list, "marathon");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customer_search"), ==, 3000);
}

/* ------------------------------------------------------------------ */
/* Bulk work on a thread of its own                                     */

typedef struct
{
  guint         n;
  guint         cancel_after;   /* 0: never */
  GCancellable *cancellable;
} BulkAdd;

static gboolean
bulk_add_customers (RegStore      *bulk,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  BulkAdd *job = data;

  for (guint i = 0; i < job->n; i++)
    {
      g_autoptr(RegCustomer) customer = reg_customer_new ();
      g_autofree char *name = g_strdup_printf ("Imported %u", i);

      if (job->cancel_after != 0 && i == job->cancel_after)
        g_cancellable_cancel (job->cancellable);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      reg_customer_set_display_name (customer, name);
      if (!reg_store_save_customer (bulk, customer, error))
        return FALSE;
    }
  return TRUE;
}

static void
bulk_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  if (!reg_store_run_bulk_finish (REG_STORE (source), result, error) && *error == NULL)
    g_assert_not_reached ();
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "ok");
}

static void
on_reloaded (RegStore *store,
             guint    *count)
{
  (*count)++;
}

static void
test_bulk_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RegCustomerList) list = reg_customer_list_new (f->store);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  BulkAdd job = { 500, 0, NULL };
  GError *error = NULL;
  guint reloaded = 0;

  g_signal_connect (f->store, "reloaded", G_CALLBACK (on_reloaded), &reloaded);

  reg_store_run_bulk_async (f->store, bulk_add_customers, &job, NULL, NULL, bulk_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NONE);
  g_clear_error (&error);
  g_assert_cmpuint (reloaded, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 500);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customer_search"), ==, 500);

  /* Cancelled half-way: none of it. */
  job.cancel_after = 250;
  job.cancellable = cancellable;
  reg_store_run_bulk_async (f->store, bulk_add_customers, &job, NULL, cancellable, bulk_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (reloaded, ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customers"), ==, 500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 500);

  g_signal_handlers_disconnect_by_data (f->store, &reloaded);
}

/* ------------------------------------------------------------------ */
/* Bad input and faults                                                 */

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
expect_refused (const char *path,
                int         code,
                const char *fragment)
{
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = reg_store_open (path, &error);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_null (store);
  g_assert_error (error, REG_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, fragment));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_bad_not_a_database (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'q');

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  expect_refused (path, REG_STORE_ERROR_NOT_A_DATABASE, "not a database");
}

static void
test_bad_corrupt (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_clear_object (&f->store);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  /* Keep the header's magic string, damage the rest of the first page. */
  memset (contents + 16, 0xA5, MIN (length, 4096) - 16);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  expect_refused (f->path, REG_STORE_ERROR_NOT_A_DATABASE, "damaged");
}

static void
test_bad_other_database (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "other.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE recipes (name TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  expect_refused (path, REG_STORE_ERROR_NOT_REGULARS, "not one of Regulars");
}

static void
test_bad_newer_schema (Fixture       *f,
                       gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  expect_refused (f->path, REG_STORE_ERROR_NEWER_SCHEMA, "newer version of Regulars");
}

/* A second session opens the database read-only and says why. */
static void
test_second_session_read_only (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) second = reg_store_open (f->path, &error);
  g_autoptr(RegCustomer) customer = reg_customer_new ();
  g_autoptr(RegCustomer) first = add_customer (f->store, "Ravi Patel", NULL, NULL, NULL);

  g_assert_no_error (error);
  g_assert_true (reg_store_is_read_only (second));
  g_assert_nonnull (strstr (reg_store_get_read_only_reason (second), "another Regulars session"));

  /* It reads what the first one wrote... */
  {
    g_autofree char *found = search_names (second, "ravi");
    g_assert_cmpstr (found, ==, "Ravi Patel");
  }
  /* ...but writes nothing. */
  reg_customer_set_display_name (customer, "Sneaky Write");
  g_assert_false (reg_store_save_customer (second, customer, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_READ_ONLY);
  g_assert_cmpint (reg_customer_get_id (customer), ==, 0);

  /* Once the first session is gone, a new one may write. */
  g_clear_object (&second);
  g_clear_object (&first);
  g_clear_object (&f->store);
  f->store = reg_store_open (f->path, NULL);
  g_assert_false (reg_store_is_read_only (f->store));
}

/* Read-only files and folders. Root may write anywhere, so when the
 * suite runs as root these checks run in a child that gave it up. */
static void
check_read_only_file_and_dir (const char *dir)
{
  g_autofree char *file_path = g_build_filename (dir, "ro-file", "regulars.db", NULL);
  g_autofree char *dir_path = g_build_filename (dir, "ro-dir", "regulars.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegStore) store = NULL;
  g_autoptr(RegCustomer) customer = reg_customer_new ();
  g_autofree char *found = NULL;

  store = reg_store_open (file_path, &error);
  g_assert_no_error (error);
  g_assert_true (reg_store_is_read_only (store));
  g_assert_nonnull (strstr (reg_store_get_read_only_reason (store), "can only be read"));
  found = search_names (store, "siob");
  g_assert_cmpstr (found, ==, "Siobhán Murphy");
  reg_customer_set_display_name (customer, "New");
  g_assert_false (reg_store_save_customer (store, customer, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);
  g_clear_pointer (&found, g_free);

  store = reg_store_open (dir_path, &error);
  g_assert_no_error (error);
  g_assert_true (reg_store_is_read_only (store));
  g_assert_nonnull (strstr (reg_store_get_read_only_reason (store), "folder"));
  found = search_names (store, "siob");
  g_assert_cmpstr (found, ==, "Siobhán Murphy");
  g_assert_false (reg_store_save_customer (store, customer, &error));
  g_assert_error (error, REG_STORE_ERROR, REG_STORE_ERROR_READ_ONLY);
}

static void
make_read_only_copy (const char *dir,
                     const char *name,
                     gboolean    lock_dir)
{
  g_autofree char *sub = g_build_filename (dir, name, NULL);
  g_autofree char *path = g_build_filename (sub, "regulars.db", NULL);
  g_autoptr(RegStore) store = NULL;
  g_autoptr(RegCustomer) customer = NULL;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  store = reg_store_open (path, NULL);
  customer = add_customer (store, "Siobhán Murphy", NULL, NULL, NULL);
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  if (lock_dir)
    g_assert_cmpint (g_chmod (sub, 0555), ==, 0);
}

static void
test_read_only_file_and_dir (Fixture       *f,
                             gconstpointer  data)
{
  make_read_only_copy (f->dir, "ro-file", FALSE);
  make_read_only_copy (f->dir, "ro-dir", TRUE);

  if (geteuid () != 0)
    {
      check_read_only_file_and_dir (f->dir);
      return;
    }

  /* As root: check as "nobody", in a child process. */
  {
    pid_t pid;
    int status = 0;

    g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
    pid = fork ();
    g_assert_cmpint (pid, >=, 0);
    if (pid == 0)
      {
        if (setgid (65534) != 0 || setuid (65534) != 0)
          _exit (3);
        check_read_only_file_and_dir (f->dir);
        _exit (0);
      }
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  }
}

/* Migrations: a database written by schema version 1 opens, upgrades
 * (when there are later versions) and keeps everything. */
static void
test_migration_from_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("regulars-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "regulars.db", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "regulars-v1.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(RegStore) store = NULL;
  g_autoptr(RegCustomer) first = NULL;
  g_autofree char *found = NULL;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  store = reg_store_open (path, &error);
  g_assert_no_error (error);
  /* Brought up to date: its follow-ups were never shown as reminders. */
  g_assert_cmpint (reg_store_get_schema_version (store), ==, 4);
  g_assert_cmpint (reg_test_sql_int (store, "SELECT count(*) FROM follow_ups WHERE reminded_for IS NOT NULL"), ==, 0);
  g_assert_cmpuint (reg_store_count_customers (store), ==, 40);
  g_assert_cmpint (reg_test_sql_int (store, "SELECT count(*) FROM visits"), ==, 435);
  g_assert_cmpint (reg_test_sql_int (store, "SELECT count(*) FROM crib_notes"), ==, 57);
  g_assert_cmpint (reg_test_sql_int (store, "SELECT count(*) FROM follow_ups"), ==, 8);
  g_assert_cmpint (reg_test_sql_int (store, "SELECT count(*) FROM staff"), ==, 6);
  {
    g_autofree char *check = reg_test_sql_text (store, "PRAGMA integrity_check");
    g_assert_cmpstr (check, ==, "ok");
  }

  first = reg_store_get_customer (store, 1, &error);
  g_assert_no_error (error);
  found = search_names (store, reg_customer_get_family_name (first));
  g_assert_nonnull (strstr (found, reg_customer_get_display_name (first)));

  g_clear_object (&store);
  reg_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  g_test_add_func ("/store/open/private-files", test_open_private_files);
  ADD ("/store/customer/crud", test_customer_crud);
  ADD ("/store/customer/signals", test_customer_signals);
  ADD ("/store/customer/validation", test_customer_validation);
  ADD ("/store/customer/failed-write-rolls-back", test_customer_failed_write_rolls_back);
  ADD ("/store/faults/disk-full", test_disk_full);
  ADD ("/store/crib-notes/add-edit-reorder-trash", test_crib_notes);
  ADD ("/store/visits/with-follow-up", test_visit_with_follow_up);
  ADD ("/store/follow-ups/due-snooze-done", test_follow_ups);
  ADD ("/store/staff-and-cases", test_staff_and_cases);
  ADD ("/store/cases/steps", test_case_steps);
  ADD ("/store/cases/satisfaction-by-week", test_satisfaction_by_week);
  g_test_add_func ("/store/cases/targets", test_case_targets);
  ADD ("/store/cases/target-settings", test_case_target_settings);
  ADD ("/store/cases/tell-customer-about-delay", test_case_delay);
  ADD ("/store/cases/reminders", test_case_reminders);
  ADD ("/store/overview/figures-and-lists", test_overview_figures);
  ADD ("/store/search/fragments", test_search);
  ADD ("/store/list/filters-and-sorts", test_filters_and_sorts);
  ADD ("/store/list/model-items-changed", test_customer_list_model);
  ADD ("/store/list/pages", test_customer_list_pages);
  ADD ("/store/bulk/async-all-or-nothing", test_bulk_async);
  ADD ("/store/bad/not-a-database", test_bad_not_a_database);
  ADD ("/store/bad/corrupt", test_bad_corrupt);
  ADD ("/store/bad/other-database", test_bad_other_database);
  ADD ("/store/bad/newer-schema", test_bad_newer_schema);
  ADD ("/store/bad/second-session-read-only", test_second_session_read_only);
  ADD ("/store/bad/read-only-file-and-folder", test_read_only_file_and_dir);
  g_test_add_func ("/store/migrations/from-v1", test_migration_from_v1);

#undef ADD

  return g_test_run ();
}
