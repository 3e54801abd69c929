/* test-csv.c: CSV import and export against a real SQLite file in a
 * temporary directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "reg-test-util.h"
#include "exchange/reg-csv.h"

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

  f->dir = g_dir_make_tmp ("regulars-csv-XXXXXX", &error);
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
  return g_test_build_filename (G_TEST_DIST, "fixtures", "csv", name, NULL);
}

static char *
temp_file (Fixture    *f,
           const char *name,
           const char *contents,
           gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* The one live customer called @name. */
static RegCustomer *
find_customer (RegStore   *store,
               const char *name)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  RegCustomer *found = NULL;

  ids = reg_store_query_customer_ids (store, query, &error);
  g_assert_no_error (error);
  customers = reg_store_load_customers (store, (gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < customers->len; i++)
    if (g_str_equal (reg_customer_get_display_name (g_ptr_array_index (customers, i)), name))
      {
        g_assert_null (found);
        found = g_object_ref (g_ptr_array_index (customers, i));
      }
  if (found == NULL)
    g_error ("no customer called “%s”", name);
  return found;
}

static void
assert_value (GPtrArray  *values,
              guint       i,
              const char *label,
              const char *value)
{
  RegLabeledValue *v;

  g_assert_cmpuint (i, <, values->len);
  v = g_ptr_array_index (values, i);
  g_assert_cmpstr (v->label, ==, label);
  g_assert_cmpstr (v->value, ==, value);
}

static char *
notes_of (RegStore    *store,
          RegCustomer *customer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = reg_store_list_crib_notes (store, reg_customer_get_id (customer), &error);
  GString *joined = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < notes->len; i++)
    {
      if (i > 0)
        g_string_append (joined, " | ");
      g_string_append (joined, reg_crib_note_get_text (g_ptr_array_index (notes, i)));
    }
  return g_string_free (joined, FALSE);
}

static char *
tags_of (RegCustomer *customer)
{
  const char * const *tags = reg_customer_get_tags (customer);

  return tags ? g_strjoinv (",", (char **) tags) : g_strdup ("");
}

static void
import_ok (Fixture            *f,
           const char         *path,
           RegCsvImportResult *result)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reg_csv_import (f->store, path, NULL, NULL, result, NULL, &error));
  g_assert_no_error (error);
}

/* Reader ---------------------------------------------------------------- */

static void
test_reader_quoted (void)
{
  g_autofree char *path = fixture_path ("quoted.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCsvReader) reader = reg_csv_reader_new_for_path (path, NULL, &error);
  GPtrArray *r;

  g_assert_no_error (error);
  g_assert_cmpint (reg_csv_reader_get_delimiter (reader), ==, ',');
  g_assert_cmpstr (reg_csv_reader_get_encoding (reader), ==, "UTF-8");

  r = reg_csv_reader_next (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->len, ==, 4);
  g_assert_cmpuint (reg_csv_reader_get_line (reader), ==, 1);

  r = reg_csv_reader_next (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reg_csv_reader_get_line (reader), ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r, 0), ==, "O'Brien, Siobhán");
  g_assert_cmpstr (g_ptr_array_index (r, 2), ==, "She said \"call me Shiv\"\nand\nmeant it");
  g_assert_cmpstr (g_ptr_array_index (r, 3), ==, "Harbour Bakery, Ltd");

  r = reg_csv_reader_next (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reg_csv_reader_get_line (reader), ==, 5);
  g_assert_cmpstr (g_ptr_array_index (r, 0), ==, "Plain");
  g_assert_cmpstr (g_ptr_array_index (r, 3), ==, "");

  r = reg_csv_reader_next (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reg_csv_reader_get_line (reader), ==, 6);
  g_assert_cmpstr (g_ptr_array_index (r, 0), ==, "Line\nBreak Name");

  r = reg_csv_reader_next (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reg_csv_reader_get_line (reader), ==, 8);
  g_assert_cmpstr (g_ptr_array_index (r, 2), ==, "a \"quoted\" word");

  g_assert_null (reg_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
}

/* From memory (no second pass over a file): Windows-1252, including a
 * byte it leaves undefined. */
static void
test_reader_memory (void)
{
  static const char data[] = "Name;Note\r\nCaf\xe9 Lumi\xe8re;\x80 5 \x81\r\n";
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, sizeof data - 1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCsvReader) reader = reg_csv_reader_new (stream, "memory.csv", NULL, &error);
  GPtrArray *r;

  g_assert_no_error (error);
  g_assert_cmpstr (reg_csv_reader_get_encoding (reader), ==, "WINDOWS-1252");
  g_assert_cmpint (reg_csv_reader_get_delimiter (reader), ==, ';');
  r = reg_csv_reader_next (reader, NULL, &error);
  g_assert_no_error (error);
  r = reg_csv_reader_next (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reg_csv_reader_get_line (reader), ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r, 0), ==, "Café Lumière");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (r, 1), "€ 5 "));
  g_assert_null (reg_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
}

static void
test_reader_delimiters (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *semi = fixture_path ("semicolon-utf16le.csv");
  g_autofree char *tabs = temp_file (f, "tabs.tsv", "Name\tEmail\tNote\nA, B\ta@example.com\tx;y\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCsvReader) reader = reg_csv_reader_new_for_path (semi, NULL, &error);
  g_autoptr(RegCsvReader) tab_reader = NULL;
  GPtrArray *r;

  g_assert_no_error (error);
  g_assert_cmpint (reg_csv_reader_get_delimiter (reader), ==, ';');
  g_assert_cmpstr (reg_csv_reader_get_encoding (reader), ==, "UTF-16LE");
  r = reg_csv_reader_next (reader, NULL, &error);
  g_assert_cmpuint (r->len, ==, 6);
  r = reg_csv_reader_next (reader, NULL, &error);
  g_assert_cmpstr (g_ptr_array_index (r, 0), ==, "Łukasz Nowak");

  tab_reader = reg_csv_reader_new_for_path (tabs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reg_csv_reader_get_delimiter (tab_reader), ==, '\t');
  r = reg_csv_reader_next (tab_reader, NULL, &error);
  r = reg_csv_reader_next (tab_reader, NULL, &error);
  g_assert_cmpuint (r->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (r, 0), ==, "A, B");
  g_assert_cmpstr (g_ptr_array_index (r, 2), ==, "x;y");
}

/* Records and line breaks cut by the reader's chunks land where they
 * belong, and line numbers stay right far into a big file. */
static void
test_reader_chunks (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Name,Notes\r\n");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCsvReader) reader = NULL;
  GPtrArray *r;
  guint n = 0;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "\"Customer %u\",\"first line\r\nsecond, \"\"line\"\"\"\r\n", i);
  path = temp_file (f, "big.csv", text->str, (gssize) text->len);

  reader = reg_csv_reader_new_for_path (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reg_csv_reader_next (reader, NULL, &error));
  while ((r = reg_csv_reader_next (reader, NULL, &error)) != NULL)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", n);

      g_assert_cmpuint (r->len, ==, 2);
      g_assert_cmpstr (g_ptr_array_index (r, 0), ==, name);
      g_assert_cmpstr (g_ptr_array_index (r, 1), ==, "first line\nsecond, \"line\"");
      g_assert_cmpuint (reg_csv_reader_get_line (reader), ==, 2 + 2 * n);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 20000);
}

/* Mapping --------------------------------------------------------------- */

static void
test_mapping_generic (void)
{
  const char *header[] = { "Full Name", "E_mail", "Telephone", "Organisation", "ZIP Code",
                           "Mobile 2", "Something else", "Email 2" };
  g_autoptr(RegCsvMapping) m = reg_csv_mapping_detect (header, G_N_ELEMENTS (header));

  g_assert_cmpint (m->flavour, ==, REG_CSV_FLAVOUR_GENERIC);
  g_assert_cmpint (m->columns[0].field, ==, REG_CSV_FIELD_DISPLAY_NAME);
  g_assert_cmpint (m->columns[1].field, ==, REG_CSV_FIELD_EMAIL);
  g_assert_cmpint (m->columns[2].field, ==, REG_CSV_FIELD_PHONE);
  g_assert_cmpint (m->columns[3].field, ==, REG_CSV_FIELD_COMPANY);
  g_assert_cmpint (m->columns[4].field, ==, REG_CSV_FIELD_POSTAL_CODE);
  g_assert_cmpint (m->columns[5].field, ==, REG_CSV_FIELD_PHONE);
  g_assert_cmpstr (m->columns[5].label, ==, "mobile");
  g_assert_cmpint (m->columns[6].field, ==, REG_CSV_FIELD_IGNORE);
  g_assert_cmpint (m->columns[7].field, ==, REG_CSV_FIELD_EMAIL);
  g_assert_true (reg_csv_mapping_is_usable (m));
}

static void
test_mapping_edited (Fixture       *f,
                     gconstpointer  data)
{
  /* A UI step says what an unknown column means. */
  g_autofree char *path = temp_file (f, "custom.csv", "Kunde,Handy,Stadt\nHeidi Klum,0171 1234567,Berlin\n", -1);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(RegCsvMapping) m = reg_csv_detect_mapping (path, &header, NULL, &error);
  g_autoptr(RegCustomer) heidi = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (header[1], ==, "Handy");
  g_assert_false (reg_csv_mapping_is_usable (m));
  reg_csv_mapping_set (m, 0, REG_CSV_FIELD_DISPLAY_NAME, NULL, 0);
  reg_csv_mapping_set (m, 1, REG_CSV_FIELD_PHONE, "mobile", 0);
  reg_csv_mapping_set (m, 2, REG_CSV_FIELD_LOCALITY, NULL, 0);
  g_assert_true (reg_csv_import (f->store, path, m, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  heidi = find_customer (f->store, "Heidi Klum");
  assert_value (reg_customer_get_phones (heidi), 0, "mobile", "0171 1234567");
  g_assert_cmpstr (reg_customer_get_locality (heidi), ==, "Berlin");
}

/* Importing ------------------------------------------------------------- */

static void
test_import_google (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path ("google.csv");
  g_auto(RegCsvImportResult) result = { 0 };
  g_autoptr(RegCustomer) zoe = NULL, hiroshi = NULL, ama = NULL;
  g_autofree char *zoe_notes = NULL, *hiroshi_notes = NULL, *zoe_tags = NULL;

  import_ok (f, path, &result);
  g_assert_cmpint (result.flavour, ==, REG_CSV_FLAVOUR_GOOGLE);
  g_assert_cmpstr (result.encoding, ==, "UTF-8");
  g_assert_cmpuint (result.n_rows, ==, 3);
  g_assert_cmpuint (result.n_imported, ==, 3);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 3);

  zoe = find_customer (f->store, "Zoë Müller");
  g_assert_cmpstr (reg_customer_get_given_name (zoe), ==, "Zoë");
  g_assert_cmpstr (reg_customer_get_family_name (zoe), ==, "Müller");
  g_assert_cmpstr (reg_customer_get_company (zoe), ==, "Müller & Söhne, Ltd");
  g_assert_cmpstr (reg_customer_get_birthday (zoe), ==, "1984-03-21");
  g_assert_cmpstr (reg_customer_get_street (zoe), ==, "12 High Street");
  g_assert_cmpstr (reg_customer_get_locality (zoe), ==, "Bristol");
  g_assert_cmpstr (reg_customer_get_region (zoe), ==, "Avon");
  g_assert_cmpstr (reg_customer_get_postal_code (zoe), ==, "BS1 4DJ");
  g_assert_cmpstr (reg_customer_get_country (zoe), ==, "United Kingdom");
  assert_value (reg_customer_get_emails (zoe), 0, "Home", "zoe@example.com");
  assert_value (reg_customer_get_emails (zoe), 1, "Work", "zoe.mueller@example.org");
  assert_value (reg_customer_get_phones (zoe), 0, "Mobile", "+44 7700 900123");
  assert_value (reg_customer_get_phones (zoe), 1, "Work", "+44 20 7946 0001");
  zoe_tags = tags_of (zoe);
  g_assert_cmpstr (zoe_tags, ==, "Newsletter,Wholesale");
  zoe_notes = notes_of (f->store, zoe);
  g_assert_cmpstr (zoe_notes, ==, "Allergic to nuts");

  hiroshi = find_customer (f->store, "Hiroshi Sato");
  g_assert_cmpstr (reg_customer_get_birthday (hiroshi), ==, "--05-17");
  g_assert_cmpuint (reg_customer_get_emails (hiroshi)->len, ==, 2);
  assert_value (reg_customer_get_emails (hiroshi), 0, "Work", "hiroshi@example.net");
  assert_value (reg_customer_get_emails (hiroshi), 1, "Work", "h.sato@example.com");
  hiroshi_notes = notes_of (f->store, hiroshi);
  g_assert_cmpstr (hiroshi_notes, ==, "Prefers email,\nnever calls before 10");

  /* No "Name": made of the given and family names; system groups dropped. */
  ama = find_customer (f->store, "Ama Mensah");
  g_assert_cmpstr (reg_customer_get_company (ama), ==, "Mensah Imports");
  {
    g_autofree char *ama_tags = tags_of (ama);

    g_assert_cmpstr (ama_tags, ==, "");
  }
  assert_value (reg_customer_get_phones (ama), 0, "Home", "0161 496 0000");
}

static void
test_import_outlook (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = fixture_path ("outlook.csv");
  g_auto(RegCsvImportResult) result = { 0 };
  g_autoptr(RegCustomer) elodie = NULL, juergen = NULL;
  g_autofree char *notes = NULL, *tags = NULL;

  import_ok (f, path, &result);
  g_assert_cmpint (result.flavour, ==, REG_CSV_FLAVOUR_OUTLOOK);
  g_assert_cmpstr (result.encoding, ==, "WINDOWS-1252");
  g_assert_cmpuint (result.n_imported, ==, 2);

  elodie = find_customer (f->store, "Élodie Lefèvre");
  g_assert_cmpstr (reg_customer_get_company (elodie), ==, "Café Lumière");
  g_assert_cmpstr (reg_customer_get_street (elodie), ==, "3 Rue des Lilas");
  g_assert_cmpstr (reg_customer_get_locality (elodie), ==, "Lyon");
  g_assert_cmpstr (reg_customer_get_country (elodie), ==, "France");
  g_assert_cmpstr (reg_customer_get_birthday (elodie), ==, "1980-05-17");
  assert_value (reg_customer_get_phones (elodie), 0, "work", "04 72 00 00 01");
  assert_value (reg_customer_get_phones (elodie), 1, "mobile", "06 12 34 56 78");
  assert_value (reg_customer_get_emails (elodie), 0, "", "elodie@example.fr");
  tags = tags_of (elodie);
  g_assert_cmpstr (tags, ==, "Gift orders,Regulars");
  notes = notes_of (f->store, elodie);
  g_assert_cmpstr (notes, ==, "Pays in €, always");

  juergen = find_customer (f->store, "Jürgen Grüber");
  g_assert_cmpstr (reg_customer_get_street (juergen), ==, "Hauptstraße 5");
  g_assert_cmpstr (reg_customer_get_locality (juergen), ==, "Köln");
  g_assert_cmpstr (reg_customer_get_birthday (juergen), ==, "");
  assert_value (reg_customer_get_phones (juergen), 0, "home", "0221 123456");
  g_assert_cmpuint (reg_customer_get_emails (juergen)->len, ==, 2);
}

static void
test_import_utf16 (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_path ("semicolon-utf16le.csv");
  g_auto(RegCsvImportResult) result = { 0 };
  g_autoptr(RegCustomer) lukasz = NULL, anna = NULL;
  g_autofree char *tags = NULL;

  import_ok (f, path, &result);
  g_assert_cmpstr (result.encoding, ==, "UTF-16LE");
  g_assert_cmpint (result.delimiter, ==, ';');
  g_assert_cmpuint (result.n_imported, ==, 2);

  lukasz = find_customer (f->store, "Łukasz Nowak");
  g_assert_cmpstr (reg_customer_get_company (lukasz), ==, "Kowalski Builders");
  g_assert_cmpstr (reg_customer_get_locality (lukasz), ==, "Kraków");
  assert_value (reg_customer_get_emails (lukasz), 0, "", "lukasz@example.pl");
  assert_value (reg_customer_get_phones (lukasz), 0, "", "+48 12 345 67 89");
  tags = tags_of (lukasz);
  g_assert_cmpstr (tags, ==, "delivery,trade account");

  anna = find_customer (f->store, "Smith; Anna");
  g_assert_cmpstr (reg_customer_get_locality (anna), ==, "York");
}

static void
test_import_quoted (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path ("quoted.csv");
  g_autoptr(RegCustomer) siobhan = NULL;
  g_autofree char *notes = NULL;

  import_ok (f, path, NULL);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 4);
  siobhan = find_customer (f->store, "O'Brien, Siobhán");
  g_assert_cmpstr (reg_customer_get_company (siobhan), ==, "Harbour Bakery, Ltd");
  notes = notes_of (f->store, siobhan);
  g_assert_cmpstr (notes, ==, "She said \"call me Shiv\"\nand\nmeant it");
}

/* Errors ---------------------------------------------------------------- */

static void
expect_error (Fixture    *f,
              const char *path,
              int         code,
              const char *needle1,
              const char *needle2)
{
  g_autoptr(GError) error = NULL;
  guint before = reg_store_count_customers (f->store);

  g_assert_false (reg_csv_import (f->store, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, REG_CSV_ERROR, code);
  g_test_message ("%s", error->message);
  if (needle1)
    g_assert_nonnull (strstr (error->message, needle1));
  if (needle2)
    g_assert_nonnull (strstr (error->message, needle2));
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, before);
}

static void
test_error_unterminated (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_path ("unterminated.csv");

  expect_error (f, path, REG_CSV_ERROR_MALFORMED, "unterminated.csv, line 4", "never ends");
}

static void
test_error_too_many_columns (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = fixture_path ("too-many-columns.csv");

  expect_error (f, path, REG_CSV_ERROR_INVALID, "too-many-columns.csv, line 3, column 3", "3 fields");
}

static void
test_error_long_field (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Name,Notes\nAnna,short\nBen,\"");
  g_autofree char *path = NULL;

  for (guint i = 0; i < REG_CSV_MAX_FIELD / 10 + 10; i++)
    g_string_append (text, "0123456789");
  g_string_append (text, "\"\nCara,short\n");
  path = temp_file (f, "long.csv", text->str, (gssize) text->len);

  expect_error (f, path, REG_CSV_ERROR_TOO_LONG, "long.csv, line 3, column 2", NULL);
}

static void
test_error_empty_and_garbage (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *empty = fixture_path ("empty.csv");
  g_autofree char *garbage = fixture_path ("garbage.bin");
  g_autofree char *no_columns = fixture_path ("no-columns.csv");
  g_autofree char *header_only = fixture_path ("header-only.csv");
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_auto(RegCsvImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  expect_error (f, empty, REG_CSV_ERROR_EMPTY, "empty.csv is empty", NULL);
  expect_error (f, garbage, REG_CSV_ERROR_NOT_TEXT, "garbage.bin is not a CSV file", NULL);
  expect_error (f, no_columns, REG_CSV_ERROR_NO_COLUMNS, "no-columns.csv, line 1", NULL);

  g_assert_false (reg_csv_import (f->store, missing, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  import_ok (f, header_only, &result);
  g_assert_cmpuint (result.n_rows, ==, 0);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 0);
}

static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = fixture_path ("bad-rows.csv");
  g_autoptr(RegCustomer) existing = reg_customer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  reg_customer_set_display_name (existing, "Already There");
  g_assert_true (reg_store_save_customer (f->store, existing, &error));
  g_assert_no_error (error);

  expect_error (f, path, REG_CSV_ERROR_INVALID, "bad-rows.csv, line 3, column 2 (“Email”)", "not-an-address");
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 1);
  names = reg_test_sql_text (f->store, "SELECT group_concat (display_name) FROM customers");
  g_assert_cmpstr (names, ==, "Already There");
}

static void
test_good_rows_only (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = fixture_path ("bad-rows.csv");
  RegCsvImportOptions options;
  g_auto(RegCsvImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCustomer) eve = NULL;
  RegCsvBadRow *bad;

  reg_csv_import_options_init (&options);
  options.skip_bad_rows = TRUE;
  g_assert_true (reg_csv_import (f->store, path, NULL, &options, &result, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (result.n_rows, ==, 5);
  g_assert_cmpuint (result.n_imported, ==, 3);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 3);
  g_assert_cmpuint (result.bad_rows->len, ==, 2);
  bad = g_ptr_array_index (result.bad_rows, 0);
  g_assert_cmpuint (bad->line, ==, 3);
  g_assert_cmpuint (bad->column, ==, 2);
  g_assert_cmpstr (bad->field, ==, "Email");
  bad = g_ptr_array_index (result.bad_rows, 1);
  g_assert_cmpuint (bad->line, ==, 5);
  g_assert_cmpuint (bad->column, ==, 3);
  g_assert_cmpstr (bad->field, ==, "Birthday");
  g_assert_nonnull (strstr (bad->message, "31.02.1980"));

  eve = find_customer (f->store, "Eve");
  g_assert_cmpstr (reg_customer_get_birthday (eve), ==, "1975-04-12");
}

/* Duplicates ------------------------------------------------------------ */

typedef struct
{
  gint64 anna;
  gint64 bob;
} Existing;

static Existing
add_existing (Fixture *f)
{
  g_autoptr(RegCustomer) anna = reg_customer_new ();
  g_autoptr(RegCustomer) bob = reg_customer_new ();
  g_autoptr(GError) error = NULL;
  Existing ids;

  reg_customer_set_display_name (anna, "Anna Smith");
  reg_customer_add_email (anna, "home", "anna@example.com");
  reg_customer_set_tags (anna, (const char * const[]) { "wholesale", NULL });
  g_assert_true (reg_store_save_customer (f->store, anna, &error));
  g_assert_no_error (error);
  reg_customer_set_display_name (bob, "Bob Jones");
  reg_customer_set_company (bob, "Atlas Logistics");
  reg_customer_add_phone (bob, "mobile", "+44(0)7700-900-555");
  g_assert_true (reg_store_save_customer (f->store, bob, &error));
  g_assert_no_error (error);

  ids.anna = reg_customer_get_id (anna);
  ids.bob = reg_customer_get_id (bob);
  return ids;
}

static void
import_duplicates (Fixture            *f,
                   RegCsvDuplicates    how,
                   RegCsvImportResult *result)
{
  g_autofree char *path = fixture_path ("duplicates.csv");
  g_autoptr(GError) error = NULL;
  RegCsvImportOptions options;

  reg_csv_import_options_init (&options);
  options.duplicates = how;
  g_assert_true (reg_csv_import (f->store, path, NULL, &options, result, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_duplicates_reported (RegCsvImportResult *result,
                            Existing            ids)
{
  RegCsvDuplicate *d;

  g_assert_cmpuint (result->duplicates->len, ==, 2);
  d = g_ptr_array_index (result->duplicates, 0);
  g_assert_cmpuint (d->line, ==, 2);
  g_assert_cmpint (d->existing_id, ==, ids.anna);
  g_assert_cmpstr (d->matched, ==, "ANNA@example.com");
  d = g_ptr_array_index (result->duplicates, 1);
  g_assert_cmpuint (d->line, ==, 3);
  g_assert_cmpint (d->existing_id, ==, ids.bob);
}

static void
test_duplicates_merge (Fixture       *f,
                       gconstpointer  data)
{
  Existing ids = add_existing (f);
  g_auto(RegCsvImportResult) result = { 0 };
  g_autoptr(RegCustomer) anna = NULL, bob = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tags = NULL, *notes = NULL;
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GArray) found = NULL;

  import_duplicates (f, REG_CSV_DUPLICATES_MERGE, &result);
  assert_duplicates_reported (&result, ids);
  g_assert_cmpuint (result.n_merged, ==, 2);
  g_assert_cmpuint (result.n_imported, ==, 1);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 3);

  anna = reg_store_get_customer (f->store, ids.anna, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reg_customer_get_display_name (anna), ==, "Anna Smith");
  g_assert_cmpstr (reg_customer_get_company (anna), ==, "Harbour Bakery");
  g_assert_cmpuint (reg_customer_get_emails (anna)->len, ==, 1);
  tags = tags_of (anna);
  g_assert_cmpstr (tags, ==, "newsletter,wholesale");
  notes = notes_of (f->store, anna);
  g_assert_cmpstr (notes, ==, "Likes rye bread");

  /* Filled fields stay as they were. */
  bob = reg_store_get_customer (f->store, ids.bob, &error);
  g_assert_cmpstr (reg_customer_get_display_name (bob), ==, "Bob Jones");
  g_assert_cmpstr (reg_customer_get_company (bob), ==, "Atlas Logistics");
  g_assert_cmpuint (reg_customer_get_phones (bob)->len, ==, 1);

  /* Merged customers are found by what was merged in. */
  query->search = g_strdup ("rye bread");
  found = reg_store_query_customer_ids (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, ids.anna);
}

static void
test_duplicates_skip (Fixture       *f,
                      gconstpointer  data)
{
  Existing ids = add_existing (f);
  g_auto(RegCsvImportResult) result = { 0 };
  g_autoptr(RegCustomer) anna = NULL;

  import_duplicates (f, REG_CSV_DUPLICATES_SKIP, &result);
  assert_duplicates_reported (&result, ids);
  g_assert_cmpuint (result.n_skipped, ==, 2);
  g_assert_cmpuint (result.n_imported, ==, 1);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 3);
  anna = reg_store_get_customer (f->store, ids.anna, NULL);
  g_assert_cmpstr (reg_customer_get_company (anna), ==, "");
}

static void
test_duplicates_anyway (Fixture       *f,
                        gconstpointer  data)
{
  Existing ids = add_existing (f);
  g_auto(RegCsvImportResult) result = { 0 };

  import_duplicates (f, REG_CSV_DUPLICATES_IMPORT, &result);
  assert_duplicates_reported (&result, ids);
  g_assert_cmpuint (result.n_imported, ==, 3);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 5);
  g_assert_cmpint (((RegCsvDuplicate *) g_ptr_array_index (result.duplicates, 0))->id, >, ids.bob);
}

/* Export and round trip ------------------------------------------------- */

static gint64
add_full_customer (RegStore   *store,
                   const char *name,
                   guint       n)
{
  g_autoptr(RegCustomer) c = reg_customer_new ();
  g_autoptr(GError) error = NULL;

  reg_customer_set_display_name (c, name);
  reg_customer_set_given_name (c, n % 2 ? "Given" : "");
  reg_customer_set_family_name (c, "Family \"Quoted\"");
  reg_customer_set_company (c, "Müller & Söhne, Ltd");
  reg_customer_set_street (c, "12 High Street");
  reg_customer_set_locality (c, "Kraków");
  reg_customer_set_region (c, "Małopolska");
  reg_customer_set_postal_code (c, "30-001");
  reg_customer_set_country (c, "Poland");
  reg_customer_set_birthday (c, n % 2 ? "--02-29" : "1984-03-21");
  reg_customer_set_kind (c, (RegCustomerKind) (n % 3));
  reg_customer_set_vip (c, n % 2);
  reg_customer_set_internal (c, n % 3 == 0);
  reg_customer_set_consent (c, TRUE);
  for (guint i = 0; i <= n; i++)
    {
      g_autofree char *phone = g_strdup_printf ("+44 20 7946 %04u", n * 10 + i);
      g_autofree char *email = g_strdup_printf ("person%u.%u@example.com", n, i);

      reg_customer_add_phone (c, i ? "work" : "mobile", phone);
      reg_customer_add_email (c, i % 2 ? "" : "home", email);
    }
  reg_customer_set_tags (c, (const char * const[]) { "gluten-free", "trade account", "Ünïcode", NULL });
  g_assert_true (reg_store_save_customer (store, c, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RegCribNote) note = reg_crib_note_new ();
      g_autofree char *text = g_strdup_printf ("Note %u: \"quoted\", with comma;\nand a second line €", i);

      reg_crib_note_set_customer_id (note, reg_customer_get_id (c));
      reg_crib_note_set_text (note, text);
      g_assert_true (reg_store_save_crib_note (store, note, &error));
      g_assert_no_error (error);
    }
  return reg_customer_get_id (c);
}

static void
assert_same_customer (RegStore    *a_store,
                      RegCustomer *a,
                      RegStore    *b_store,
                      RegCustomer *b)
{
  static const char * const props[] = {
    "display-name", "given-name", "family-name", "company", "street", "locality",
    "region", "postal-code", "country", "birthday",
  };
  g_autofree char *a_notes = notes_of (a_store, a);
  g_autofree char *b_notes = notes_of (b_store, b);

  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    {
      g_autofree char *va = NULL, *vb = NULL;

      g_object_get (a, props[i], &va, NULL);
      g_object_get (b, props[i], &vb, NULL);
      g_assert_cmpstr (va, ==, vb);
    }
  g_assert_cmpint (reg_customer_get_kind (a), ==, reg_customer_get_kind (b));
  g_assert_cmpint (reg_customer_get_vip (a), ==, reg_customer_get_vip (b));
  g_assert_cmpint (reg_customer_get_internal (a), ==, reg_customer_get_internal (b));
  g_assert_cmpint (reg_customer_get_consent (a), ==, reg_customer_get_consent (b));
  g_assert_true (reg_labeled_values_equal (reg_customer_get_phones (a), reg_customer_get_phones (b)));
  g_assert_true (reg_labeled_values_equal (reg_customer_get_emails (a), reg_customer_get_emails (b)));
  g_assert_true (g_strv_equal (reg_customer_get_tags (a), reg_customer_get_tags (b)));
  g_assert_cmpstr (a_notes, ==, b_notes);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "export.csv", NULL);
  g_autofree char *csv2 = g_build_filename (f->dir, "export2.csv", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(RegStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(RegCsvImportResult) result = { 0 };
  g_autofree char *text1 = NULL, *text2 = NULL;
  g_autofree char *first_line = NULL;
  const char *names[] = { "Anna, the baker", "Ben \"Benny\" Ott", "Cara\nTwo Lines", "Dan", "Eve Ünal" };
  struct stat st;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_full_customer (f->store, names[i], i);

  g_assert_true (reg_csv_export (f->store, csv, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (csv, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  g_assert_true (g_file_get_contents (csv, &text1, NULL, &error));
  g_assert_true (g_str_has_prefix (text1, "\xEF\xBB\xBFName,Given Name,Family Name,"));
  first_line = g_strndup (text1, strcspn (text1, "\r\n"));
  g_assert_nonnull (strstr (first_line, "Phone 5 - Value,E-mail 1 - Type"));
  g_assert_nonnull (strstr (first_line, "Crib Note 4"));
  g_assert_null (strstr (first_line, "Crib Note 5"));

  other = reg_store_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_true (reg_csv_import (other, csv, NULL, NULL, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.flavour, ==, REG_CSV_FLAVOUR_REGULARS);
  g_assert_cmpuint (result.n_imported, ==, G_N_ELEMENTS (names));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(RegCustomer) a = find_customer (f->store, names[i]);
      g_autoptr(RegCustomer) b = find_customer (other, names[i]);

      assert_same_customer (f->store, a, other, b);
    }

  /* And out again: the very same file. */
  g_assert_true (reg_csv_export (other, csv2, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv2, &text2, NULL, &error));
  g_assert_cmpstr (text1, ==, text2);
}

static void
test_export_filtered (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "former.csv", NULL);
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i);

      add_full_customer (f->store, name, i);
    }

  query->kind = REG_CUSTOMER_KIND_FORMER;
  g_assert_true (reg_csv_export (f->store, csv, query, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, &error));
  lines = g_strsplit (text, "\r\n", -1);
  /* Header, customers 2 and 5 (notes span lines: count names instead). */
  g_assert_true (g_str_has_prefix (lines[1], "Customer 2,"));
  g_assert_nonnull (strstr (text, "\r\nCustomer 5,"));
  g_assert_null (strstr (text, "\r\nCustomer 1,"));
  g_assert_null (strstr (text, "\r\nCustomer 4,"));
}

/* Speed ----------------------------------------------------------------- */

static void
test_import_many (Fixture       *f,
                  gconstpointer  data)
{
  guint n = g_test_slow () ? 100000 : 10000;
  g_autoptr(GString) text = g_string_new ("Name,Email,Phone,Company,Tags,Notes\n");
  g_autofree char *path = NULL;
  g_auto(RegCsvImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GArray) found = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "Customer %u,c%u@example.com,+44 20 %08u,Company %u,t%u,\"Note %u\"\n",
                            i, i, i, i % 100, i % 10, i);
  path = temp_file (f, "many.csv", text->str, (gssize) text->len);

  timer = g_timer_new ();
  g_assert_true (reg_csv_import (f->store, path, NULL, NULL, &result, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%u rows imported in %.2f s", n, g_timer_elapsed (timer, NULL));
  g_assert_cmpuint (result.n_imported, ==, n);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, n);

  /* Indexed for search in one pass at the end. */
  query->search = g_strdup ("c4242@example");
  found = reg_store_query_customer_ids (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  {
    g_autofree char *out = g_build_filename (f->dir, "many-out.csv", NULL);
    g_autofree char *contents = NULL;
    guint lines = 0;

    g_timer_start (timer);
    g_assert_true (reg_csv_export (f->store, out, NULL, NULL, &error));
    g_assert_no_error (error);
    g_test_message ("%u customers exported in %.2f s", n, g_timer_elapsed (timer, NULL));
    g_assert_true (g_file_get_contents (out, &contents, NULL, &error));
    for (const char *p = contents; (p = strchr (p, '\n')) != NULL; p++)
      lines++;
    g_assert_cmpuint (lines, ==, n + 1);
  }
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Name\n");
  g_autofree char *path = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (text, "Customer %u\n", i);
  path = temp_file (f, "cancel.csv", text->str, (gssize) text->len);
  g_cancellable_cancel (cancellable);

  g_assert_false (reg_csv_import (f->store, path, NULL, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 0);
}

typedef struct
{
  GMainLoop          *loop;
  RegCsvImportResult *result;
  GError             *error;
} AsyncImport;

static void
import_finished (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  AsyncImport *data = user_data;

  reg_csv_import_finish (REG_STORE (source), res, data->result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_import_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = fixture_path ("google.csv");
  g_auto(RegCsvImportResult) result = { 0 };
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncImport async = { loop, &result, NULL };
  reg_csv_import_async (f->store, path, NULL, NULL, NULL, import_finished, &async);
  g_main_loop_run (loop);
  g_assert_no_error (async.error);
  g_assert_cmpuint (result.n_imported, ==, 3);
  g_assert_cmpuint (reg_store_count_customers (f->store), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  reg_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/csv/reader/quoted", test_reader_quoted);
  ADD ("/csv/reader/delimiters", test_reader_delimiters);
  g_test_add_func ("/csv/reader/memory", test_reader_memory);
  ADD ("/csv/reader/chunks", test_reader_chunks);
  g_test_add_func ("/csv/mapping/generic", test_mapping_generic);
  ADD ("/csv/mapping/edited", test_mapping_edited);
  ADD ("/csv/import/google", test_import_google);
  ADD ("/csv/import/outlook", test_import_outlook);
  ADD ("/csv/import/utf16-semicolon", test_import_utf16);
  ADD ("/csv/import/quoted", test_import_quoted);
  ADD ("/csv/import/many", test_import_many);
  ADD ("/csv/import/async", test_import_async);
  ADD ("/csv/import/cancel", test_cancel);
  ADD ("/csv/errors/unterminated-quote", test_error_unterminated);
  ADD ("/csv/errors/too-many-columns", test_error_too_many_columns);
  ADD ("/csv/errors/long-field", test_error_long_field);
  ADD ("/csv/errors/empty-and-garbage", test_error_empty_and_garbage);
  ADD ("/csv/errors/all-or-nothing", test_all_or_nothing);
  ADD ("/csv/errors/good-rows-only", test_good_rows_only);
  ADD ("/csv/duplicates/merge", test_duplicates_merge);
  ADD ("/csv/duplicates/skip", test_duplicates_skip);
  ADD ("/csv/duplicates/anyway", test_duplicates_anyway);
  ADD ("/csv/export/round-trip", test_round_trip);
  ADD ("/csv/export/filtered", test_export_filtered);

  return g_test_run ();
}
