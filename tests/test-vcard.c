/* test-vcard.c: vCard import and export against real databases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <libebook-contacts/libebook-contacts.h>

#include "reg-test-util.h"
#include "exchange/reg-vcard.h"

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

  f->dir = g_dir_make_tmp ("regulars-vcard-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "regulars.db", NULL);
  f->store = reg_store_open (f->path, &error);
  g_assert_no_error (error);
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

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "vcard", name, NULL);
}

static char *
write_temp (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static RegStore *
open_second_store (Fixture    *f,
                   const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  RegStore *store = reg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  RegCustomer *x = *(RegCustomer * const *) a, *y = *(RegCustomer * const *) b;
  return strcmp (reg_customer_get_display_name (x), reg_customer_get_display_name (y));
}

static GPtrArray *
all_customers (RegStore *store)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  GPtrArray *customers;

  ids = reg_store_query_customer_ids (store, query, &error);
  g_assert_no_error (error);
  /* In id order: the order of the file. */
  g_array_sort (ids, compare_ids);
  customers = reg_store_load_customers (store, (gint64 *) (gpointer) ids->data, ids->len, &error);
  g_assert_no_error (error);
  return customers;
}

static RegCustomer *
customer_named (RegStore   *store,
                const char *name)
{
  g_autoptr(GPtrArray) customers = all_customers (store);

  for (guint i = 0; i < customers->len; i++)
    if (g_str_equal (reg_customer_get_display_name (g_ptr_array_index (customers, i)), name))
      return g_object_ref (g_ptr_array_index (customers, i));
  g_error ("No customer named %s", name);
  return NULL;
}

static void
import_ok (RegStore   *store,
           const char *path,
           guint       expect_imported)
{
  RegVcardImportResult result;
  g_autoptr(GError) error = NULL;

  reg_vcard_import (store, path, NULL, &result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result.imported, ==, expect_imported);
  g_assert_cmpuint (result.failed, ==, 0);
  reg_vcard_import_result_clear (&result);
}

static const char *
phone_label (RegCustomer *customer,
             const char  *value)
{
  GPtrArray *phones = reg_customer_get_phones (customer);

  for (guint i = 0; i < phones->len; i++)
    {
      RegLabeledValue *phone = g_ptr_array_index (phones, i);
      if (g_str_equal (phone->value, value))
        return phone->label;
    }
  g_error ("No phone %s", value);
  return NULL;
}

static const char *
email_label (RegCustomer *customer,
             const char  *value)
{
  GPtrArray *emails = reg_customer_get_emails (customer);

  for (guint i = 0; i < emails->len; i++)
    {
      RegLabeledValue *email = g_ptr_array_index (emails, i);
      if (g_str_equal (email->value, value))
        return email->label;
    }
  g_error ("No email %s", value);
  return NULL;
}

static GStrv
notes_of (RegStore    *store,
          RegCustomer *customer,
          GStrv       *extras)
{
  g_autoptr(GError) error = NULL;
  GStrv notes = NULL;

  reg_store_get_customer_extras (store, reg_customer_get_id (customer), &notes, extras, &error);
  g_assert_no_error (error);
  return notes;
}

static gboolean
strv_has_prefix (char       **strv,
                 const char  *prefix)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (g_str_has_prefix (strv[i], prefix))
      return TRUE;
  return FALSE;
}

/* Everything a customer card shows, and what export writes back. */
static void
assert_same_customer (RegStore    *a_store,
                      RegCustomer *a,
                      RegStore    *b_store,
                      RegCustomer *b)
{
  g_auto(GStrv) a_extras = NULL;
  g_auto(GStrv) b_extras = NULL;
  g_auto(GStrv) a_notes = notes_of (a_store, a, &a_extras);
  g_auto(GStrv) b_notes = notes_of (b_store, b, &b_extras);
  g_autoptr(GPtrArray) a_kept = g_ptr_array_new ();
  g_autoptr(GPtrArray) b_kept = g_ptr_array_new ();

  g_assert_cmpstr (reg_customer_get_display_name (a), ==, reg_customer_get_display_name (b));
  g_assert_cmpstr (reg_customer_get_given_name (a), ==, reg_customer_get_given_name (b));
  g_assert_cmpstr (reg_customer_get_family_name (a), ==, reg_customer_get_family_name (b));
  g_assert_cmpstr (reg_customer_get_company (a), ==, reg_customer_get_company (b));
  g_assert_cmpstr (reg_customer_get_street (a), ==, reg_customer_get_street (b));
  g_assert_cmpstr (reg_customer_get_locality (a), ==, reg_customer_get_locality (b));
  g_assert_cmpstr (reg_customer_get_region (a), ==, reg_customer_get_region (b));
  g_assert_cmpstr (reg_customer_get_postal_code (a), ==, reg_customer_get_postal_code (b));
  g_assert_cmpstr (reg_customer_get_country (a), ==, reg_customer_get_country (b));
  g_assert_cmpstr (reg_customer_get_birthday (a), ==, reg_customer_get_birthday (b));
  g_assert_cmpint (reg_customer_get_kind (a), ==, reg_customer_get_kind (b));
  g_assert_true (reg_labeled_values_equal (reg_customer_get_phones (a), reg_customer_get_phones (b)));
  g_assert_true (reg_labeled_values_equal (reg_customer_get_emails (a), reg_customer_get_emails (b)));
  g_assert_true (g_strv_equal (reg_customer_get_tags (a), reg_customer_get_tags (b)));
  g_assert_true (g_strv_equal ((const char * const *) a_notes, (const char * const *) b_notes));

  /* The export adds a UID where the card had none; the rest is kept. */
  for (guint i = 0; a_extras[i] != NULL; i++)
    if (!g_str_has_prefix (a_extras[i], "UID"))
      g_ptr_array_add (a_kept, a_extras[i]);
  for (guint i = 0; b_extras[i] != NULL; i++)
    if (!g_str_has_prefix (b_extras[i], "UID"))
      g_ptr_array_add (b_kept, b_extras[i]);
  g_ptr_array_add (a_kept, NULL);
  g_ptr_array_add (b_kept, NULL);
  g_assert_true (g_strv_equal ((const char * const *) a_kept->pdata, (const char * const *) b_kept->pdata));
}

/* Import → export → import gives the same customers, field by field,
 * through both vCard versions. */
static void
assert_round_trip (Fixture *f)
{
  static const RegVcardVersion versions[] = { REG_VCARD_VERSION_4_0, REG_VCARD_VERSION_3_0 };
  g_autoptr(GPtrArray) first = all_customers (f->store);

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autofree char *db_name = g_strdup_printf ("second-%u.db", v);
      g_autofree char *out = g_strdup_printf ("%s/export-%u.vcf", f->dir, v);
      g_autoptr(RegStore) second = open_second_store (f, db_name);
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      reg_vcard_export (f->store, out, NULL, versions[v], NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
      g_assert_nonnull (strstr (text, versions[v] == REG_VCARD_VERSION_4_0 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n"));
      g_assert_nonnull (strstr (text, "\r\nUID:"));

      import_ok (second, out, first->len);
      again = all_customers (second);
      g_assert_cmpuint (again->len, ==, first->len);
      /* Exported in name order: compare in name order. */
      g_ptr_array_sort (first, compare_names);
      g_ptr_array_sort (again, compare_names);
      for (guint i = 0; i < first->len; i++)
        assert_same_customer (f->store, g_ptr_array_index (first, i), second, g_ptr_array_index (again, i));
    }
}

static void
test_v21_quoted_printable (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = fixture_path ("v21-quoted-printable.vcf");
  g_autoptr(RegCustomer) c = NULL;
  g_auto(GStrv) extras = NULL;
  g_auto(GStrv) notes = NULL;

  import_ok (f->store, path, 1);
  c = customer_named (f->store, "Jürgen Müller");
  g_assert_cmpstr (reg_customer_get_given_name (c), ==, "Jürgen");
  g_assert_cmpstr (reg_customer_get_family_name (c), ==, "Müller");
  g_assert_cmpstr (reg_customer_get_company (c), ==, "Müller & Söhne, Einkauf");
  g_assert_cmpstr (reg_customer_get_street (c), ==, "Hauptstraße 5");
  g_assert_cmpstr (reg_customer_get_locality (c), ==, "Köln");
  g_assert_cmpstr (reg_customer_get_postal_code (c), ==, "50667");
  g_assert_cmpstr (reg_customer_get_country (c), ==, "Deutschland");
  g_assert_cmpstr (reg_customer_get_birthday (c), ==, "1964-02-29");
  g_assert_cmpstr (phone_label (c, "+49 221 555 0100"), ==, "work");
  g_assert_cmpstr (phone_label (c, "+49 170 555 0199"), ==, "mobile");
  g_assert_cmpstr (phone_label (c, "+49 221 555 0101"), ==, "home fax");
  g_assert_cmpstr (email_label (c, "juergen.mueller@example.de"), ==, "");
  notes = notes_of (f->store, c, &extras);
  g_assert_cmpuint (g_strv_length (notes), ==, 1);
  /* The soft line break joined "Bü" and "ro". */
  g_assert_cmpstr (notes[0], ==, "Trinkt nur Kaffee mit Hafermilch, bestellt immer für das ganze Büro am Freitag.");
  /* The folded URL, kept whole. */
  g_assert_true (g_strv_contains ((const char * const *) extras, "URL:https://www.example.de/mueller-und-soehne"));

  assert_round_trip (f);
}

static void
test_apple (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = fixture_path ("apple-3.0.vcf");
  g_autoptr(RegCustomer) c = NULL;
  g_auto(GStrv) extras = NULL;
  g_auto(GStrv) notes = NULL;
  /* Tags are listed by name. */
  const char * const tags[] = { "gluten-free", "wholesale", NULL };

  import_ok (f->store, path, 1);
  c = customer_named (f->store, "Siobhán O'Brien");
  g_assert_cmpstr (reg_customer_get_company (c), ==, "Harbour Bakery");
  g_assert_cmpstr (phone_label (c, "+44 117 496 0123"), ==, "mobile");
  g_assert_cmpstr (phone_label (c, "+44 117 496 0456"), ==, "work");
  g_assert_cmpstr (email_label (c, "siobhan@harbour-bakery.example"), ==, "Shop");
  g_assert_cmpstr (email_label (c, "siobhan.obrien@example.com"), ==, "home");
  g_assert_cmpstr (reg_customer_get_street (c), ==, "12 Harbour View");
  g_assert_cmpstr (reg_customer_get_locality (c), ==, "Bristol");
  g_assert_cmpstr (reg_customer_get_postal_code (c), ==, "BS1 4DJ");
  g_assert_cmpstr (reg_customer_get_country (c), ==, "United Kingdom");
  /* Apple's year 1604: no year. */
  g_assert_cmpstr (reg_customer_get_birthday (c), ==, "--05-17");
  g_assert_true (g_strv_equal (reg_customer_get_tags (c), tags));
  notes = notes_of (f->store, c, &extras);
  g_assert_cmpstr (notes[0], ==, "Daughter Mia starts school in September\nAllergic to nuts");
  /* The web page and its label are kept; the labels used for the phone
   * and email are not repeated. */
  g_assert_true (strv_has_prefix (extras, "item4.URL"));
  g_assert_true (strv_has_prefix (extras, "item4.X-ABLabel"));
  g_assert_true (strv_has_prefix (extras, "item3.X-ABADR"));
  g_assert_true (strv_has_prefix (extras, "X-ABUID"));
  g_assert_false (strv_has_prefix (extras, "item1."));
  g_assert_false (strv_has_prefix (extras, "item2."));

  assert_round_trip (f);
}

static void
test_v40 (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = fixture_path ("v40.vcf");
  g_autoptr(RegCustomer) c = NULL;
  g_auto(GStrv) extras = NULL;
  g_auto(GStrv) notes = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out.vcf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  import_ok (f->store, path, 1);
  c = customer_named (f->store, "Simon Perreault");
  g_assert_cmpstr (reg_customer_get_company (c), ==, "Viagenie");
  g_assert_cmpstr (reg_customer_get_street (c), ==, "Suite D2-630, 2875 Laurier");
  g_assert_cmpstr (reg_customer_get_region (c), ==, "QC");
  g_assert_cmpstr (reg_customer_get_birthday (c), ==, "--02-03");
  g_assert_cmpstr (phone_label (c, "+1-418-656-9254 ext=102"), ==, "work");
  g_assert_cmpstr (phone_label (c, "+1-418-262-6501"), ==, "work mobile video text");
  g_assert_cmpstr (email_label (c, "simon.perreault@viagenie.ca"), ==, "work");
  notes = notes_of (f->store, c, &extras);
  g_assert_cmpstr (notes[0], ==, "Speaks French first, then English; met at IETF 80");
  g_assert_true (g_strv_contains ((const char * const *) extras, "UID:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"));
  g_assert_true (strv_has_prefix (extras, "GENDER:M"));
  g_assert_true (strv_has_prefix (extras, "GEO"));
  g_assert_true (strv_has_prefix (extras, "KIND:individual"));

  /* Its own UID goes back out, once; 4.0 dates are written basic. */
  reg_vcard_export (f->store, out, NULL, REG_VCARD_VERSION_4_0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "UID:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6\r\n"));
  g_assert_null (strstr (strstr (text, "UID:") + 4, "UID:"));
  g_assert_nonnull (strstr (text, "BDAY:--0203\r\n"));
  g_assert_nonnull (strstr (text, "NOTE:Speaks French first\\, then English\\; met at IETF 80\r\n"));

  assert_round_trip (f);
}

static void
test_google (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = fixture_path ("google.vcf");
  g_autoptr(RegCustomer) c = NULL;
  g_autoptr(RegCustomer) ama = NULL;
  g_auto(GStrv) extras = NULL;
  g_auto(GStrv) notes = NULL;
  const char * const tags[] = { "myContacts", "Suppliers", NULL };

  import_ok (f->store, path, 2);
  c = customer_named (f->store, "Kwame Mensah");
  g_assert_cmpstr (email_label (c, "kwame.mensah@example.com"), ==, "home");
  g_assert_cmpstr (email_label (c, "kwame@mensah-imports.example"), ==, "work");
  g_assert_cmpstr (phone_label (c, "+233 20 555 0147"), ==, "mobile");
  g_assert_cmpstr (reg_customer_get_birthday (c), ==, "1979-11-02");
  g_assert_cmpstr (reg_customer_get_country (c), ==, "Ghana");
  g_assert_true (g_strv_equal (reg_customer_get_tags (c), tags));
  notes = notes_of (f->store, c, &extras);
  g_assert_cmpstr (notes[0], ==, "Orders for the whole office on Fridays");
  g_assert_true (strv_has_prefix (extras, "TITLE:Director"));
  g_assert_true (strv_has_prefix (extras, "item1.URL:"));
  ama = customer_named (f->store, "Ama Owusu");
  g_assert_cmpuint (reg_customer_get_phones (ama)->len, ==, 1);

  assert_round_trip (f);
}

static void
test_android (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = fixture_path ("android.vcf");
  g_autoptr(RegCustomer) c = NULL;
  g_auto(GStrv) extras = NULL;
  g_auto(GStrv) notes = NULL;

  import_ok (f->store, path, 2);
  c = customer_named (f->store, "Élodie Dubois");
  g_assert_cmpstr (reg_customer_get_given_name (c), ==, "Élodie");
  g_assert_cmpstr (phone_label (c, "+33 6 12 34 56 78"), ==, "mobile");
  g_assert_cmpstr (phone_label (c, "+33 4 72 00 00 00"), ==, "home");
  g_assert_cmpstr (reg_customer_get_locality (c), ==, "Lyon");
  notes = notes_of (f->store, c, &extras);
  g_assert_true (strv_has_prefix (extras, "X-ANDROID-CUSTOM:"));
  g_assert_true (strv_has_prefix (extras, "PHOTO;"));

  assert_round_trip (f);
}

static void
test_outlook (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = fixture_path ("outlook.vcf");
  g_autoptr(RegCustomer) c = NULL;
  g_auto(GStrv) extras = NULL;
  g_auto(GStrv) notes = NULL;

  import_ok (f->store, path, 1);
  c = customer_named (f->store, "John Doe");
  g_assert_cmpstr (reg_customer_get_company (c), ==, "Contoso, Sales");
  g_assert_cmpstr (phone_label (c, "(425) 555-0100"), ==, "work");
  g_assert_cmpstr (phone_label (c, "(425) 555-0199"), ==, "mobile");
  g_assert_cmpstr (reg_customer_get_locality (c), ==, "Redmond");
  notes = notes_of (f->store, c, &extras);
  g_assert_cmpstr (notes[0], ==, "Prefers “tea” over coffee\nAsk about the café");
  g_assert_false (strv_has_prefix (extras, "LABEL"));
  g_assert_false (strv_has_prefix (extras, "REV"));
  g_assert_true (strv_has_prefix (extras, "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2"));

  assert_round_trip (f);
}

static void
test_malformed_all_or_nothing (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *path = fixture_path ("malformed.vcf");
  g_autoptr(RegCustomer) before = reg_customer_new ();
  RegVcardImportResult result;
  g_autoptr(GError) error = NULL;
  RegVcardProblem *problem;

  reg_customer_set_display_name (before, "Already Here");
  reg_store_save_customer (f->store, before, &error);
  g_assert_no_error (error);

  g_assert_false (reg_vcard_import (f->store, path, NULL, &result, NULL, &error));
  g_assert_error (error, REG_VCARD_ERROR, REG_VCARD_ERROR_MALFORMED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "malformed.vcf"));
  g_assert_nonnull (strstr (error->message, "line 10"));
  g_assert_nonnull (strstr (error->message, "card 2"));
  g_assert_cmpuint (result.imported, ==, 0);
  g_assert_cmpuint (result.problems->len, ==, 1);
  problem = g_ptr_array_index (result.problems, 0);
  g_assert_cmpuint (problem->line, ==, 10);
  g_assert_cmpuint (problem->card, ==, 2);
  reg_vcard_import_result_clear (&result);

  /* Untouched: the one customer, and nothing half-written. */
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customer_contacts"), ==, 0);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customer_search"), ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'search_%'"), >, 10);
}

static void
test_malformed_keep_going (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = fixture_path ("malformed.vcf");
  RegVcardImportOptions options = { .keep_going = TRUE };
  RegVcardImportResult result;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RegVcardProblem *problem;

  g_assert_true (reg_vcard_import (f->store, path, &options, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.imported, ==, 2);
  g_assert_cmpuint (result.failed, ==, 1);
  g_assert_cmpuint (result.problems->len, ==, 1);
  problem = g_ptr_array_index (result.problems, 0);
  g_assert_cmpuint (problem->line, ==, 10);
  g_assert_cmpuint (problem->card, ==, 2);
  text = reg_vcard_problem_to_string (problem);
  g_assert_true (g_str_has_prefix (text, "“malformed.vcf”, line 10, card 2: "));
  reg_vcard_import_result_clear (&result);

  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 2);
}

static void
assert_import_fails (Fixture    *f,
                     const char *name,
                     const char *contents,
                     gssize      length,
                     int         code,
                     const char *expect)
{
  g_autofree char *path = write_temp (f, name, contents, length);
  RegVcardImportResult result;
  g_autoptr(GError) error = NULL;

  g_assert_false (reg_vcard_import (f->store, path, NULL, &result, NULL, &error));
  g_assert_error (error, REG_VCARD_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, expect));
  reg_vcard_import_result_clear (&result);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 0);
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) huge = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Huge\r\nNOTE:");
  g_autoptr(GError) error = NULL;
  guint8 garbage[4096];
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  assert_import_fails (f, "empty.vcf", "", 0, REG_VCARD_ERROR_EMPTY, "is empty");
  assert_import_fails (f, "blank.vcf", "\r\n\n  \n", -1, REG_VCARD_ERROR_EMPTY, "is empty");

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) g_rand_int_range (rand, 0, 256);
  garbage[3] = 0;
  assert_import_fails (f, "garbage.vcf", (const char *) garbage, sizeof garbage,
                       REG_VCARD_ERROR_NOT_VCARD, "binary");
  assert_import_fails (f, "contacts.csv", "name,email\nAnna,anna@example.com\n", -1,
                       REG_VCARD_ERROR_NOT_VCARD, "line 1 should be BEGIN:VCARD");

  assert_import_fails (f, "no-end.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Anna\n", -1,
                       REG_VCARD_ERROR_MALFORMED, "card 1");
  assert_import_fails (f, "no-end-2.vcf",
                       "BEGIN:VCARD\nFN:Anna\nEND:VCARD\nBEGIN:VCARD\nFN:Ben\nBEGIN:VCARD\nFN:Cy\nEND:VCARD\n", -1,
                       REG_VCARD_ERROR_MALFORMED, "line 4, card 2");
  assert_import_fails (f, "bad-bday.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Anna\nBDAY:next tuesday\nEND:VCARD\n", -1,
                       REG_VCARD_ERROR_MALFORMED, "line 4, card 1, BDAY");
  assert_import_fails (f, "bad-email.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Anna\nTEL:1\nEMAIL:not-an-address\nEND:VCARD\n", -1,
                       REG_VCARD_ERROR_MALFORMED, "line 5, card 1, EMAIL");
  assert_import_fails (f, "no-name.vcf", "BEGIN:VCARD\nVERSION:3.0\nNOTE:who?\nEND:VCARD\n", -1,
                       REG_VCARD_ERROR_MALFORMED, "no name");
  /* Found by fuzz-vcard: an empty name or group. */
  assert_import_fails (f, "empty-name.vcf", "BEGIN:VCARD\nVERSION.:4.0\nFN:Anna\nEND:VCARD\n", -1,
                       REG_VCARD_ERROR_MALFORMED, "line 2, card 1");
  assert_import_fails (f, "empty-group.vcf", "BEGIN:VCARD\nFN:Anna\n.TEL:1\nEND:VCARD\n", -1,
                       REG_VCARD_ERROR_MALFORMED, "line 3, card 1");
  assert_import_fails (f, "latin1.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:J\xfcrgen\nEND:VCARD\n", -1,
                       REG_VCARD_ERROR_MALFORMED, "not UTF-8");
  assert_import_fails (f, "nul.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:A\0B\nEND:VCARD\n", 41,
                       REG_VCARD_ERROR_MALFORMED, "binary");
  /* Found by fuzz-vcard: quoted-printable that decodes to half a UTF-8
   * character, and an unquoted "=" in a parameter's value. */
  assert_import_fails (f, "qp-half-char.vcf", "BEGIN:VCARD\nFN:Anna\nNOTE;QUOTED-PRINTABLE:=Ce\nEND:VCARD\n", -1,
                       REG_VCARD_ERROR_MALFORMED, "line 3, card 1, NOTE");
  assert_import_fails (f, "param-equals.vcf", "BEGIN:VCARD\nFN:Anna\nTEL;TYPE=A=B:1\nEND:VCARD\n", -1,
                       REG_VCARD_ERROR_MALFORMED, "line 3, card 1, TEL");

  /* A 9 MB field: refused, not swallowed. */
  while (huge->len < 9 * 1024 * 1024)
    g_string_append (huge, "0123456789abcdef");
  g_string_append (huge, "\r\nEND:VCARD\r\n");
  assert_import_fails (f, "huge.vcf", huge->str, (gssize) huge->len, REG_VCARD_ERROR_MALFORMED, "larger than");

  /* A missing file. */
  g_assert_false (reg_vcard_import (f->store, "/nonexistent/x.vcf", NULL, NULL, NULL, &error));
  g_assert_error (error, REG_VCARD_ERROR, REG_VCARD_ERROR_FAILED);
}

/* Found by fuzz-vcard: a property given twice. */
static void
test_repeated_properties (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = write_temp (f, "twice.vcf",
                                      "BEGIN:VCARD\nVERSION:3.0\nN:One;Ann;;;\nN:Two;Bea;;;\nFN:Ann One\nFN:Bea Two\n"
                                      "BDAY:1990-01-02\nBDAY:1991-03-04\nORG:A\nORG:B\nEND:VCARD\n", -1);
  g_autoptr(RegCustomer) c = NULL;

  import_ok (f->store, path, 1);
  c = customer_named (f->store, "Ann One");
  g_assert_cmpstr (reg_customer_get_family_name (c), ==, "Two");
  g_assert_cmpstr (reg_customer_get_birthday (c), ==, "1991-03-04");
}

/* Found by fuzz-vcard: a carriage return alone ends a line (old Macs),
 * also in the middle of what looked like one line. */
static void
test_line_ends (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *cr = write_temp (f, "mac.vcf", "BEGIN:VCARD\rVERSION:3.0\rFN:Ann One\rEND:VCARD\r", -1);
  g_autofree char *mixed = write_temp (f, "mixed.vcf",
                                       "BEGIN:VCARD\r\nVERSION:3\r0.\nFN:Bea Two\nEND:VCARD\r\n", -1);
  RegVcardImportOptions options = { .keep_going = TRUE };
  RegVcardImportResult result;
  g_autoptr(GError) error = NULL;

  import_ok (f->store, cr, 1);
  g_assert_true (reg_vcard_import (f->store, mixed, &options, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.imported + result.failed, ==, 1);
  reg_vcard_import_result_clear (&result);
}

static const char duplicate_card[] =
  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna S.\r\nN:Smith;Anna;;;\r\nORG:Harbour Bakery\r\n"
  "EMAIL;TYPE=work:ANNA@example.com\r\nTEL;TYPE=cell:07700 900123\r\nCATEGORIES:wholesale\r\n"
  "NOTE:Hates being called before 10\r\nURL:https://anna.example\r\nEND:VCARD\r\n";

static gint64
add_anna (RegStore *store)
{
  g_autoptr(RegCustomer) anna = reg_customer_new ();
  g_autoptr(GError) error = NULL;
  const char * const tags[] = { "newsletter", NULL };

  reg_customer_set_display_name (anna, "Anna Smith");
  reg_customer_set_given_name (anna, "Anna");
  reg_customer_add_email (anna, "home", "anna@example.com");
  reg_customer_set_tags (anna, tags);
  reg_store_save_customer (store, anna, &error);
  g_assert_no_error (error);
  return reg_customer_get_id (anna);
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = write_temp (f, "dup.vcf", duplicate_card, -1);
  gint64 anna_id = add_anna (f->store);
  RegVcardImportOptions options = { 0 };
  RegVcardImportResult result;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCustomer) anna = NULL;
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GArray) found = NULL;
  g_auto(GStrv) extras = NULL;
  g_auto(GStrv) notes = NULL;
  const char * const merged_tags[] = { "newsletter", "wholesale", NULL };
  RegVcardProblem *problem;

  /* Skip (the default): reported with the existing customer's id. */
  g_assert_true (reg_vcard_import (f->store, path, &options, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.imported, ==, 0);
  g_assert_cmpuint (result.skipped, ==, 1);
  g_assert_cmpuint (result.problems->len, ==, 1);
  problem = g_ptr_array_index (result.problems, 0);
  g_assert_cmpint (problem->existing_id, ==, anna_id);
  g_assert_cmpuint (problem->card, ==, 1);
  g_assert_cmpuint (problem->line, ==, 1);
  reg_vcard_import_result_clear (&result);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 1);

  /* Merge: empty fields filled, new phone, tag and note added, nothing
   * that was there overwritten. */
  options.duplicates = REG_VCARD_DUPLICATES_MERGE;
  g_assert_true (reg_vcard_import (f->store, path, &options, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.merged, ==, 1);
  g_assert_cmpint (((RegVcardProblem *) g_ptr_array_index (result.problems, 0))->existing_id, ==, anna_id);
  reg_vcard_import_result_clear (&result);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 1);
  anna = reg_store_get_customer (f->store, anna_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reg_customer_get_display_name (anna), ==, "Anna Smith");
  g_assert_cmpstr (reg_customer_get_family_name (anna), ==, "Smith");
  g_assert_cmpstr (reg_customer_get_company (anna), ==, "Harbour Bakery");
  g_assert_cmpuint (reg_customer_get_emails (anna)->len, ==, 1);
  g_assert_cmpstr (email_label (anna, "anna@example.com"), ==, "home");
  g_assert_cmpstr (phone_label (anna, "07700 900123"), ==, "mobile");
  g_assert_true (g_strv_equal (reg_customer_get_tags (anna), merged_tags));
  notes = notes_of (f->store, anna, &extras);
  g_assert_cmpstr (notes[0], ==, "Hates being called before 10");
  g_assert_true (g_strv_contains ((const char * const *) extras, "URL:https://anna.example"));
  /* Merged customers are found by what was merged in. */
  query->search = g_strdup ("harbour bak");
  found = reg_store_query_customer_ids (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, anna_id);

  /* Merging again adds nothing twice. */
  g_assert_true (reg_vcard_import (f->store, path, &options, &result, NULL, &error));
  reg_vcard_import_result_clear (&result);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM crib_notes"), ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customer_vcard_extras"), ==, 1);
  g_assert_cmpint (reg_test_sql_int (f->store, "SELECT count(*) FROM customer_contacts"), ==, 2);

  /* Import anyway: a second customer, still reported. */
  options.duplicates = REG_VCARD_DUPLICATES_IMPORT;
  g_assert_true (reg_vcard_import (f->store, path, &options, &result, NULL, &error));
  g_assert_cmpuint (result.imported, ==, 1);
  g_assert_cmpuint (result.problems->len, ==, 1);
  reg_vcard_import_result_clear (&result);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 2);
}

static void
test_search_index (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_path ("google.vcf");
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCustomer) later = reg_customer_new ();

  import_ok (f->store, path, 2);
  query->search = g_strdup ("suppliers");
  found = reg_store_query_customer_ids (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_array_unref);

  /* The triggers are back: a customer saved afterwards is found too. */
  reg_customer_set_display_name (later, "Zebedee Later");
  reg_store_save_customer (f->store, later, &error);
  g_assert_no_error (error);
  g_free (query->search);
  query->search = g_strdup ("zebedee");
  found = reg_store_query_customer_ids (f->store, query, &error);
  g_assert_cmpuint (found->len, ==, 1);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = fixture_path ("google.vcf");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  RegVcardImportResult result;

  g_cancellable_cancel (cancellable);
  g_assert_false (reg_vcard_import (f->store, path, NULL, &result, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Rolled back: nothing counts as imported. */
  g_assert_cmpuint (result.imported, ==, 0);
  reg_vcard_import_result_clear (&result);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 0);
}

static void
import_async_done (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  RegVcardImportResult *result = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (reg_vcard_import_finish (REG_STORE (source), res, result, &error));
  g_assert_no_error (error);
}

static gboolean
result_filled (gpointer data)
{
  RegVcardImportResult *result = data;
  return result->problems != NULL;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = fixture_path ("android.vcf");
  RegVcardImportResult result = { 0 };

  reg_vcard_import_async (f->store, path, NULL, NULL, import_async_done, &result);
  g_assert_true (reg_test_wait_until (result_filled, &result, 10000));
  g_assert_cmpuint (result.imported, ==, 2);
  reg_vcard_import_result_clear (&result);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 2);
}

static void
test_export_query (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_path ("google.vcf");
  g_autofree char *out = g_build_filename (f->dir, "some.vcf", NULL);
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  import_ok (f->store, path, 2);
  query->search = g_strdup ("Owusu");
  reg_vcard_export (f->store, out, query, REG_VCARD_VERSION_3_0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "FN:Ama Owusu\r\n"));
  g_assert_null (strstr (text, "Mensah"));
  g_assert_nonnull (strstr (text, "TEL;TYPE=cell:+233 24 555 0188\r\n"));

  /* An unwritable place: a clear error. */
  g_assert_false (reg_vcard_export (f->store, "/nonexistent/dir/x.vcf", NULL, REG_VCARD_VERSION_4_0, NULL, &error));
  g_assert_error (error, REG_VCARD_ERROR, REG_VCARD_ERROR_FAILED);
}

/* What Evolution and GNOME Contacts make of the export: EContact, the
 * class they read vCards with. */
static void
test_export_evolution_reads (Fixture       *f,
                             gconstpointer  data)
{
  static const RegVcardVersion versions[] = { REG_VCARD_VERSION_4_0, REG_VCARD_VERSION_3_0 };
  g_autofree char *path = fixture_path ("v21-quoted-printable.vcf");

  import_ok (f->store, path, 1);
  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autofree char *out = g_build_filename (f->dir, "evolution.vcf", NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      EContact *contact;
      EContactName *name;
      EContactDate *birthday;
      EContactAddress *address;
      GList *emails;
      g_autofree char *categories = NULL;

      reg_vcard_export (f->store, out, NULL, versions[v], NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
      contact = e_contact_new_from_vcard (text);

      g_assert_cmpstr (e_contact_get_const (contact, E_CONTACT_FULL_NAME), ==, "Jürgen Müller");
      g_assert_true (g_str_has_prefix (e_contact_get_const (contact, E_CONTACT_UID), "urn:uuid:"));
      name = e_contact_get (contact, E_CONTACT_NAME);
      g_assert_cmpstr (name->family, ==, "Müller");
      g_assert_cmpstr (name->given, ==, "Jürgen");
      e_contact_name_free (name);
      g_assert_cmpstr (e_contact_get_const (contact, E_CONTACT_ORG), ==, "Müller & Söhne, Einkauf");
      g_assert_cmpstr (e_contact_get_const (contact, E_CONTACT_PHONE_MOBILE), ==, "+49 170 555 0199");
      g_assert_cmpstr (e_contact_get_const (contact, E_CONTACT_PHONE_BUSINESS), ==, "+49 221 555 0100");
      g_assert_cmpstr (e_contact_get_const (contact, E_CONTACT_PHONE_HOME_FAX), ==, "+49 221 555 0101");
      emails = e_contact_get (contact, E_CONTACT_EMAIL);
      g_assert_cmpuint (g_list_length (emails), ==, 1);
      g_assert_cmpstr (emails->data, ==, "juergen.mueller@example.de");
      g_list_free_full (emails, g_free);
      birthday = e_contact_get (contact, E_CONTACT_BIRTH_DATE);
      g_assert_nonnull (birthday);
      g_assert_cmpuint (birthday->year, ==, 1964);
      g_assert_cmpuint (birthday->month, ==, 2);
      g_assert_cmpuint (birthday->day, ==, 29);
      e_contact_date_free (birthday);
      address = e_contact_get (contact, E_CONTACT_ADDRESS_OTHER);
      if (address == NULL)
        {
          /* An ADR without TYPE: read as a plain attribute. */
          GList *adr = e_vcard_get_attributes (E_VCARD (contact));
          gboolean found = FALSE;
          for (; adr != NULL; adr = adr->next)
            if (g_str_equal (e_vcard_attribute_get_name (adr->data), "ADR"))
              found = g_str_equal (g_list_nth_data (e_vcard_attribute_get_values (adr->data), 3), "Köln");
          g_assert_true (found);
        }
      else
        e_contact_address_free (address);
      categories = e_contact_get (contact, E_CONTACT_CATEGORIES);
      g_assert_null (categories);
      g_assert_true (g_str_has_prefix (e_contact_get_const (contact, E_CONTACT_NOTE), "Trinkt nur Kaffee"));
      g_assert_cmpstr (e_contact_get_const (contact, E_CONTACT_HOMEPAGE_URL), ==,
                       "https://www.example.de/mueller-und-soehne");
      g_object_unref (contact);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/vcard/import/v21-quoted-printable", test_v21_quoted_printable);
  ADD ("/vcard/import/apple-3.0", test_apple);
  ADD ("/vcard/import/v40", test_v40);
  ADD ("/vcard/import/google", test_google);
  ADD ("/vcard/import/android", test_android);
  ADD ("/vcard/import/outlook", test_outlook);
  ADD ("/vcard/import/malformed-all-or-nothing", test_malformed_all_or_nothing);
  ADD ("/vcard/import/malformed-keep-going", test_malformed_keep_going);
  ADD ("/vcard/import/bad-files", test_bad_files);
  ADD ("/vcard/import/duplicates", test_duplicates);
  ADD ("/vcard/import/repeated-properties", test_repeated_properties);
  ADD ("/vcard/import/line-ends", test_line_ends);
  ADD ("/vcard/import/search-index", test_search_index);
  ADD ("/vcard/import/async", test_async);
  ADD ("/vcard/import/cancelled", test_cancelled);
  ADD ("/vcard/export/query", test_export_query);
  ADD ("/vcard/export/evolution-reads", test_export_evolution_reads);

  return g_test_run ();
}
