/* reg-csv.c: customers from and to CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-written on purpose: Debian has no widely used C library for CSV
 * that also detects encodings (libcsv is unmaintained and knows nothing
 * of them), and what shops get from Google Contacts, Outlook and Excel
 * comes as UTF-8 with or without a BOM, UTF-16 and Windows-1252. The
 * reader is RFC 4180 (quoted fields may hold delimiters, doubled quotes
 * and newlines), streams in chunks so that memory stays bounded, and
 * counts physical lines so that every message can name one.
 */

#define G_LOG_DOMAIN "reg-csv"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "reg-csv.h"
#include "model/reg-model.h"

G_DEFINE_QUARK (reg-csv-error-quark, reg_csv_error)

#define CHUNK_SIZE  (64 * 1024)
#define SNIFF_SIZE  (16 * 1024)

/* ------------------------------------------------------------------ */
/* The reader                                                           */

struct _RegCsvReader
{
  GInputStream *base;       /* the file as it is, for progress */
  GInputStream *decoded;    /* UTF-8 */
  char         *name;
  const char   *encoding;
  char          delimiter;

  char          buf[CHUNK_SIZE];
  gsize         len;
  gsize         pos;
  gboolean      eof;

  guint         line;         /* the physical line being read */
  guint         record_line;  /* where the last record started */
  GPtrArray    *fields;
  GString      *field;
};

void
reg_csv_reader_free (RegCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_clear_object (&reader->decoded);
  g_clear_object (&reader->base);
  g_free (reader->name);
  g_ptr_array_unref (reader->fields);
  g_string_free (reader->field, TRUE);
  g_free (reader);
}

guint
reg_csv_reader_get_line (RegCsvReader *reader)
{
  return reader->record_line;
}

char
reg_csv_reader_get_delimiter (RegCsvReader *reader)
{
  return reader->delimiter;
}

const char *
reg_csv_reader_get_encoding (RegCsvReader *reader)
{
  return reader->encoding;
}

const char *
reg_csv_reader_get_name (RegCsvReader *reader)
{
  return reader->name;
}

/* Valid UTF-8, allowing a sequence cut at the end of a buffer that is
 * not the end of the file. */
static gboolean
utf8_prefix_valid (const char *data,
                   gsize       len,
                   gboolean    at_end)
{
  const char *end;

  if (g_utf8_validate_len (data, len, &end))
    return TRUE;
  if (at_end || data + len - end >= 4)
    return FALSE;
  return (guchar) *end >= 0xC2 && (guchar) *end <= 0xF4;
}

/* The whole file, read once more: a file that is UTF-8 for its first
 * kilobytes and Windows-1252 further down is Windows-1252. */
static gboolean
stream_is_utf8 (GInputStream  *stream,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *buf = g_malloc (CHUNK_SIZE + 4);
  gsize carry = 0;

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buf + carry, CHUNK_SIZE, cancellable, error);
      const char *end;
      gsize total;

      if (n < 0)
        return FALSE;
      total = carry + (gsize) n;
      if (n == 0)
        return total == 0 || g_utf8_validate_len (buf, total, NULL);
      if (g_utf8_validate_len (buf, total, &end))
        {
          carry = 0;
          continue;
        }
      if (!utf8_prefix_valid (buf, total, FALSE))
        return FALSE;
      carry = (gsize) (buf + total - end);
      memmove (buf, end, carry);
    }
}

static gboolean
looks_binary (const guchar *data,
              gsize         len)
{
  gsize controls = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == 0)
        return TRUE;
      if ((data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r' && data[i] != '\f') ||
          data[i] == 0x7F)
        controls++;
    }
  return len > 0 && controls * 50 > len;
}

/* UTF-16 without a BOM: every other byte of ASCII text is zero. */
static const char *
sniff_utf16 (const guchar *data,
             gsize         len)
{
  gsize even = 0, odd = 0, pairs = MIN (len, 1024) / 2;

  for (gsize i = 0; i < pairs * 2; i += 2)
    {
      even += data[i] == 0;
      odd += data[i + 1] == 0;
    }
  if (pairs < 2)
    return NULL;
  if (odd * 10 > pairs * 7 && even * 20 < pairs)
    return "UTF-16LE";
  if (even * 10 > pairs * 7 && odd * 20 < pairs)
    return "UTF-16BE";
  return NULL;
}

static gboolean
refill (RegCsvReader  *reader,
        GCancellable  *cancellable,
        GError       **error)
{
  gssize n;

  if (reader->eof)
    return TRUE;

  n = g_input_stream_read (reader->decoded, reader->buf, sizeof reader->buf, cancellable, error);
  if (n < 0)
    {
      if (error != NULL && *error != NULL && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup ((*error)->message);

          g_clear_error (error);
          g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_ENCODING,
                       _("%s, line %u: the text cannot be read as %s: %s"),
                       reader->name, reader->line, reader->encoding, message);
        }
      return FALSE;
    }
  reader->len = (gsize) n;
  reader->pos = 0;
  reader->eof = (n == 0);
  return TRUE;
}

/* Comma, semicolon or tab: whichever the first record has most of
 * outside quotes. */
static char
detect_delimiter (const char *data,
                  gsize       len)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
      else if (c == '\t')
        tabs++;
    }

  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

static RegCsvReader *
reader_new (GInputStream  *stream,
            const char    *name,
            gboolean       known_utf8,
            gboolean       checked,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(RegCsvReader) reader = g_new0 (RegCsvReader, 1);
  g_autoptr(GInputStream) buffered = g_buffered_input_stream_new_sized (stream, CHUNK_SIZE);
  GBufferedInputStream *bs = G_BUFFERED_INPUT_STREAM (buffered);
  const guchar *head;
  gsize avail = 0;
  gsize bom = 0;

  reader->base = g_object_ref (stream);
  reader->name = g_strdup (name);
  reader->fields = g_ptr_array_new_with_free_func (g_free);
  reader->field = g_string_new (NULL);
  reader->line = 1;
  reader->record_line = 1;

  for (;;)
    {
      gssize n = g_buffered_input_stream_fill (bs, -1, cancellable, error);

      if (n < 0)
        return NULL;
      avail = g_buffered_input_stream_get_available (bs);
      if (n == 0 || avail >= SNIFF_SIZE)
        break;
    }
  head = g_buffered_input_stream_peek_buffer (bs, &avail);

  if (avail == 0)
    {
      g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_EMPTY,
                   _("%s is empty: there are no customers in it."), name);
      return NULL;
    }

  if (avail >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
    reader->encoding = "UTF-8", bom = 3;
  else if (avail >= 2 && head[0] == 0xFF && head[1] == 0xFE)
    reader->encoding = "UTF-16LE", bom = 2;
  else if (avail >= 2 && head[0] == 0xFE && head[1] == 0xFF)
    reader->encoding = "UTF-16BE", bom = 2;
  else if ((reader->encoding = sniff_utf16 (head, avail)) != NULL)
    ;
  else if (looks_binary (head, MIN (avail, SNIFF_SIZE)))
    {
      g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_NOT_TEXT,
                   _("%s is not a CSV file: it holds binary data, not text."), name);
      return NULL;
    }
  else if (checked ? known_utf8 : utf8_prefix_valid ((const char *) head, avail, avail < SNIFF_SIZE))
    reader->encoding = "UTF-8";
  else
    reader->encoding = "WINDOWS-1252";

  if (bom > 0 && g_input_stream_skip (buffered, bom, cancellable, error) < 0)
    return NULL;

  if (g_str_equal (reader->encoding, "UTF-8"))
    reader->decoded = g_steal_pointer (&buffered);
  else
    {
      g_autoptr(GCharsetConverter) converter = g_charset_converter_new ("UTF-8", reader->encoding, error);

      if (converter == NULL)
        return NULL;
      /* Windows-1252 leaves five bytes undefined; keep going past them. */
      g_charset_converter_set_use_fallback (converter, TRUE);
      reader->decoded = g_converter_input_stream_new (buffered, G_CONVERTER (converter));
    }

  if (!refill (reader, cancellable, error))
    return NULL;
  if (reader->len == 0)
    {
      g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_EMPTY,
                   _("%s is empty: there are no customers in it."), name);
      return NULL;
    }
  reader->delimiter = detect_delimiter (reader->buf, reader->len);
  return g_steal_pointer (&reader);
}

RegCsvReader *
reg_csv_reader_new (GInputStream  *stream,
                    const char    *name,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  return reader_new (stream, name, FALSE, FALSE, cancellable, error);
}

static char *
display_name_of (GFile *file)
{
  return g_file_get_parse_name (file);
}

RegCsvReader *
reg_csv_reader_new_for_path (const char    *path,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = display_name_of (file);
  g_autoptr(GFileInputStream) stream = NULL;
  gboolean utf8;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;
  utf8 = stream_is_utf8 (G_INPUT_STREAM (stream), cancellable, error);
  if (error != NULL && *error != NULL)
    return NULL;
  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error))
    return NULL;

  return reader_new (G_INPUT_STREAM (stream), name, utf8, TRUE, cancellable, error);
}

/* The next byte, -1 at the end, -2 on an error. */
static inline int
next_byte (RegCsvReader  *reader,
           GCancellable  *cancellable,
           GError       **error)
{
  if (reader->pos == reader->len)
    {
      if (!refill (reader, cancellable, error))
        return -2;
      if (reader->eof)
        return -1;
    }
  return (guchar) reader->buf[reader->pos++];
}

static gboolean
end_field (RegCsvReader  *reader,
           GError       **error)
{
  if (!g_utf8_validate_len (reader->field->str, reader->field->len, NULL))
    {
      g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_ENCODING,
                   _("%s, line %u, column %u: the text is not valid %s."),
                   reader->name, reader->record_line, reader->fields->len + 1, reader->encoding);
      return FALSE;
    }
  if (reader->fields->len >= REG_CSV_MAX_FIELDS)
    {
      g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_MALFORMED,
                   _("%s, line %u: a row has more than %u fields; is this really a CSV file?"),
                   reader->name, reader->record_line, (guint) REG_CSV_MAX_FIELDS);
      return FALSE;
    }
  g_ptr_array_add (reader->fields, g_strndup (reader->field->str, reader->field->len));
  g_string_truncate (reader->field, 0);
  return TRUE;
}

static gboolean
append (RegCsvReader  *reader,
        char           c,
        GError       **error)
{
  if (G_UNLIKELY (reader->field->len >= REG_CSV_MAX_FIELD))
    {
      g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_TOO_LONG,
                   _("%s, line %u, column %u: a field is longer than %u KiB; "
                     "is a quote missing its closing quote?"),
                   reader->name, reader->record_line, reader->fields->len + 1,
                   (guint) (REG_CSV_MAX_FIELD / 1024));
      return FALSE;
    }
  g_string_append_c (reader->field, c);
  return TRUE;
}

/* After a CR: a CRLF pair is one line end. */
static gboolean
skip_lf (RegCsvReader  *reader,
         GCancellable  *cancellable,
         GError       **error)
{
  if (reader->pos == reader->len)
    {
      if (!refill (reader, cancellable, error))
        return FALSE;
      if (reader->eof)
        return TRUE;
    }
  if (reader->buf[reader->pos] == '\n')
    reader->pos++;
  return TRUE;
}

typedef enum { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED } ParseState;

GPtrArray *
reg_csv_reader_next (RegCsvReader  *reader,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ParseState state = FIELD_START;
  gboolean started = FALSE;
  guint quote_line = 0;
  char delimiter = reader->delimiter;

  g_ptr_array_set_size (reader->fields, 0);
  g_string_truncate (reader->field, 0);
  reader->record_line = reader->line;

  for (;;)
    {
      int c = next_byte (reader, cancellable, error);

      if (c == -2)
        return NULL;
      if (c == -1)
        {
          if (state == QUOTED)
            {
              g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_MALFORMED,
                           _("%s, line %u, column %u: a quoted field that starts on line %u "
                             "never ends (its closing quote is missing)."),
                           reader->name, reader->record_line, reader->fields->len + 1, quote_line);
              return NULL;
            }
          if (!started)
            return NULL;
          return end_field (reader, error) ? reader->fields : NULL;
        }
      started = TRUE;

      switch (state)
        {
        case QUOTED:
          if (c == '"')
            state = QUOTE_IN_QUOTED;
          else if (c == '\r')
            {
              /* A line break inside a field is kept as "\n". */
              reader->line++;
              if (!skip_lf (reader, cancellable, error) || !append (reader, '\n', error))
                return NULL;
            }
          else
            {
              if (c == '\n')
                reader->line++;
              if (!append (reader, (char) c, error))
                return NULL;
            }
          break;

        case QUOTE_IN_QUOTED:
          if (c == '"')
            {
              if (!append (reader, '"', error))
                return NULL;
              state = QUOTED;
              break;
            }
          state = UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case FIELD_START:
        case UNQUOTED:
          if (c == '"' && state == FIELD_START)
            {
              state = QUOTED;
              quote_line = reader->line;
            }
          else if (c == delimiter)
            {
              if (!end_field (reader, error))
                return NULL;
              state = FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            {
              reader->line++;
              if (c == '\r' && !skip_lf (reader, cancellable, error))
                return NULL;
              return end_field (reader, error) ? reader->fields : NULL;
            }
          else
            {
              /* Text after a closing quote, or a quote inside an
               * unquoted field: kept as it is, as spreadsheets do. */
              if (!append (reader, (char) c, error))
                return NULL;
              state = UNQUOTED;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static guint64
reader_bytes_read (RegCsvReader *reader)
{
  if (G_IS_SEEKABLE (reader->base))
    return (guint64) g_seekable_tell (G_SEEKABLE (reader->base));
  return 0;
}

/* ------------------------------------------------------------------ */
/* Column mapping                                                       */

RegCsvMapping *
reg_csv_mapping_new (guint n_columns)
{
  RegCsvMapping *mapping = g_new0 (RegCsvMapping, 1);

  mapping->n_columns = n_columns;
  mapping->columns = g_new0 (RegCsvColumn, MAX (n_columns, 1));
  return mapping;
}

RegCsvMapping *
reg_csv_mapping_copy (const RegCsvMapping *mapping)
{
  RegCsvMapping *copy = reg_csv_mapping_new (mapping->n_columns);

  copy->flavour = mapping->flavour;
  for (guint i = 0; i < mapping->n_columns; i++)
    {
      copy->columns[i] = mapping->columns[i];
      copy->columns[i].label = g_strdup (mapping->columns[i].label);
    }
  return copy;
}

void
reg_csv_mapping_free (RegCsvMapping *mapping)
{
  if (mapping == NULL)
    return;
  for (guint i = 0; i < mapping->n_columns; i++)
    g_free (mapping->columns[i].label);
  g_free (mapping->columns);
  g_free (mapping);
}

void
reg_csv_mapping_set (RegCsvMapping *mapping,
                     guint          column,
                     RegCsvField    field,
                     const char    *label,
                     int            group)
{
  g_return_if_fail (column < mapping->n_columns);

  mapping->columns[column].field = field;
  g_free (mapping->columns[column].label);
  mapping->columns[column].label = g_strdup (label);
  mapping->columns[column].group = group;
}

gboolean
reg_csv_mapping_is_usable (const RegCsvMapping *mapping)
{
  for (guint i = 0; i < mapping->n_columns; i++)
    switch (mapping->columns[i].field)
      {
      case REG_CSV_FIELD_DISPLAY_NAME:
      case REG_CSV_FIELD_GIVEN_NAME:
      case REG_CSV_FIELD_FAMILY_NAME:
      case REG_CSV_FIELD_COMPANY:
      case REG_CSV_FIELD_PHONE:
      case REG_CSV_FIELD_EMAIL:
        return TRUE;
      default:
        break;
      }
  return FALSE;
}

const char *
reg_csv_field_to_string (RegCsvField field)
{
  static const char * const names[REG_CSV_N_FIELDS] = {
    N_("Ignore"), N_("Name"), N_("Given name"), N_("Middle name"), N_("Family name"),
    N_("Company"), N_("Phone"), N_("Phone label"), N_("Email"), N_("Email label"),
    N_("Street"), N_("Town or city"), N_("Region"), N_("Postal code"), N_("Country"),
    N_("Birthday"), N_("Crib note"), N_("Tags"), N_("Kind"), N_("VIP"), N_("Internal"),
    N_("Consent to contact"),
  };

  g_return_val_if_fail (field < REG_CSV_N_FIELDS, NULL);
  return _(names[field]);
}

/* Lower case, "e-mail" as "email", "_" as a space, spaces single. */
static char *
normalize_header (const char *header)
{
  g_autofree char *down = g_utf8_strdown (header, -1);
  GString *out = g_string_new (NULL);
  const char *p = down;

  while (*p == ' ' || *p == '\t' || *p == '"')
    p++;
  for (; *p != '\0'; p++)
    {
      char c = (*p == '_' || *p == '\t') ? ' ' : *p;

      if (g_str_has_prefix (p, "e-mail") || g_str_has_prefix (p, "e_mail") || g_str_has_prefix (p, "e mail"))
        {
          g_string_append (out, "email");
          p += strlen ("e-mail") - 1;
          continue;
        }
      if (c == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
        continue;
      g_string_append_c (out, c);
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char  *header;
  RegCsvField  field;
  const char  *label;
} KnownHeader;

/* Google (old and new exports), Outlook, Regulars and common spellings. */
static const KnownHeader known_headers[] = {
  { "name", REG_CSV_FIELD_DISPLAY_NAME, NULL },
  { "full name", REG_CSV_FIELD_DISPLAY_NAME, NULL },
  { "display name", REG_CSV_FIELD_DISPLAY_NAME, NULL },
  { "customer", REG_CSV_FIELD_DISPLAY_NAME, NULL },
  { "customer name", REG_CSV_FIELD_DISPLAY_NAME, NULL },
  { "client", REG_CSV_FIELD_DISPLAY_NAME, NULL },
  { "client name", REG_CSV_FIELD_DISPLAY_NAME, NULL },
  { "contact", REG_CSV_FIELD_DISPLAY_NAME, NULL },
  { "contact name", REG_CSV_FIELD_DISPLAY_NAME, NULL },
  { "given name", REG_CSV_FIELD_GIVEN_NAME, NULL },
  { "first name", REG_CSV_FIELD_GIVEN_NAME, NULL },
  { "firstname", REG_CSV_FIELD_GIVEN_NAME, NULL },
  { "forename", REG_CSV_FIELD_GIVEN_NAME, NULL },
  { "additional name", REG_CSV_FIELD_MIDDLE_NAME, NULL },
  { "middle name", REG_CSV_FIELD_MIDDLE_NAME, NULL },
  { "family name", REG_CSV_FIELD_FAMILY_NAME, NULL },
  { "last name", REG_CSV_FIELD_FAMILY_NAME, NULL },
  { "lastname", REG_CSV_FIELD_FAMILY_NAME, NULL },
  { "surname", REG_CSV_FIELD_FAMILY_NAME, NULL },
  { "organization 1 - name", REG_CSV_FIELD_COMPANY, NULL },
  { "organization name", REG_CSV_FIELD_COMPANY, NULL },
  { "organization", REG_CSV_FIELD_COMPANY, NULL },
  { "organisation", REG_CSV_FIELD_COMPANY, NULL },
  { "company", REG_CSV_FIELD_COMPANY, NULL },
  { "company name", REG_CSV_FIELD_COMPANY, NULL },
  { "business", REG_CSV_FIELD_COMPANY, NULL },
  { "business name", REG_CSV_FIELD_COMPANY, NULL },
  { "firm", REG_CSV_FIELD_COMPANY, NULL },
  { "employer", REG_CSV_FIELD_COMPANY, NULL },
  { "email", REG_CSV_FIELD_EMAIL, NULL },
  { "email address", REG_CSV_FIELD_EMAIL, NULL },
  { "email 2 address", REG_CSV_FIELD_EMAIL, NULL },
  { "email 3 address", REG_CSV_FIELD_EMAIL, NULL },
  { "mail", REG_CSV_FIELD_EMAIL, NULL },
  { "phone", REG_CSV_FIELD_PHONE, NULL },
  { "phone number", REG_CSV_FIELD_PHONE, NULL },
  { "telephone", REG_CSV_FIELD_PHONE, NULL },
  { "telephone number", REG_CSV_FIELD_PHONE, NULL },
  { "tel", REG_CSV_FIELD_PHONE, NULL },
  { "primary phone", REG_CSV_FIELD_PHONE, NULL },
  { "mobile", REG_CSV_FIELD_PHONE, "mobile" },
  { "mobile phone", REG_CSV_FIELD_PHONE, "mobile" },
  { "mobile number", REG_CSV_FIELD_PHONE, "mobile" },
  { "cell", REG_CSV_FIELD_PHONE, "mobile" },
  { "cell phone", REG_CSV_FIELD_PHONE, "mobile" },
  { "business phone", REG_CSV_FIELD_PHONE, "work" },
  { "business phone 2", REG_CSV_FIELD_PHONE, "work" },
  { "company main phone", REG_CSV_FIELD_PHONE, "work" },
  { "work phone", REG_CSV_FIELD_PHONE, "work" },
  { "home phone", REG_CSV_FIELD_PHONE, "home" },
  { "home phone 2", REG_CSV_FIELD_PHONE, "home" },
  { "other phone", REG_CSV_FIELD_PHONE, "other" },
  { "business fax", REG_CSV_FIELD_PHONE, "fax" },
  { "home fax", REG_CSV_FIELD_PHONE, "fax" },
  { "address 1 - street", REG_CSV_FIELD_STREET, NULL },
  { "address 1 - city", REG_CSV_FIELD_LOCALITY, NULL },
  { "address 1 - region", REG_CSV_FIELD_REGION, NULL },
  { "address 1 - postal code", REG_CSV_FIELD_POSTAL_CODE, NULL },
  { "address 1 - country", REG_CSV_FIELD_COUNTRY, NULL },
  { "business street", REG_CSV_FIELD_STREET, NULL },
  { "business city", REG_CSV_FIELD_LOCALITY, NULL },
  { "business state", REG_CSV_FIELD_REGION, NULL },
  { "business postal code", REG_CSV_FIELD_POSTAL_CODE, NULL },
  { "business country/region", REG_CSV_FIELD_COUNTRY, NULL },
  { "home street", REG_CSV_FIELD_STREET, NULL },
  { "home city", REG_CSV_FIELD_LOCALITY, NULL },
  { "home state", REG_CSV_FIELD_REGION, NULL },
  { "home postal code", REG_CSV_FIELD_POSTAL_CODE, NULL },
  { "home country/region", REG_CSV_FIELD_COUNTRY, NULL },
  { "street", REG_CSV_FIELD_STREET, NULL },
  { "address", REG_CSV_FIELD_STREET, NULL },
  { "street address", REG_CSV_FIELD_STREET, NULL },
  { "address line 1", REG_CSV_FIELD_STREET, NULL },
  { "city", REG_CSV_FIELD_LOCALITY, NULL },
  { "town", REG_CSV_FIELD_LOCALITY, NULL },
  { "locality", REG_CSV_FIELD_LOCALITY, NULL },
  { "state", REG_CSV_FIELD_REGION, NULL },
  { "region", REG_CSV_FIELD_REGION, NULL },
  { "county", REG_CSV_FIELD_REGION, NULL },
  { "province", REG_CSV_FIELD_REGION, NULL },
  { "zip", REG_CSV_FIELD_POSTAL_CODE, NULL },
  { "zip code", REG_CSV_FIELD_POSTAL_CODE, NULL },
  { "zipcode", REG_CSV_FIELD_POSTAL_CODE, NULL },
  { "postcode", REG_CSV_FIELD_POSTAL_CODE, NULL },
  { "post code", REG_CSV_FIELD_POSTAL_CODE, NULL },
  { "postal code", REG_CSV_FIELD_POSTAL_CODE, NULL },
  { "country", REG_CSV_FIELD_COUNTRY, NULL },
  { "birthday", REG_CSV_FIELD_BIRTHDAY, NULL },
  { "date of birth", REG_CSV_FIELD_BIRTHDAY, NULL },
  { "birth date", REG_CSV_FIELD_BIRTHDAY, NULL },
  { "birthdate", REG_CSV_FIELD_BIRTHDAY, NULL },
  { "dob", REG_CSV_FIELD_BIRTHDAY, NULL },
  { "notes", REG_CSV_FIELD_CRIB_NOTE, NULL },
  { "note", REG_CSV_FIELD_CRIB_NOTE, NULL },
  { "comments", REG_CSV_FIELD_CRIB_NOTE, NULL },
  { "comment", REG_CSV_FIELD_CRIB_NOTE, NULL },
  { "crib note", REG_CSV_FIELD_CRIB_NOTE, NULL },
  { "group membership", REG_CSV_FIELD_TAGS, NULL },
  { "labels", REG_CSV_FIELD_TAGS, NULL },
  { "categories", REG_CSV_FIELD_TAGS, NULL },
  { "tags", REG_CSV_FIELD_TAGS, NULL },
  { "groups", REG_CSV_FIELD_TAGS, NULL },
  { "kind", REG_CSV_FIELD_KIND, NULL },
  { "customer kind", REG_CSV_FIELD_KIND, NULL },
  { "vip", REG_CSV_FIELD_VIP, NULL },
  { "internal", REG_CSV_FIELD_INTERNAL, NULL },
  { "consent", REG_CSV_FIELD_CONSENT, NULL },
};

/* "phone 2 - value" and friends: the number and what follows it. */
static gboolean
numbered (const char  *header,
          const char  *prefix,
          int         *n,
          const char **rest)
{
  const char *p;
  char *end;
  guint64 value;

  if (!g_str_has_prefix (header, prefix))
    return FALSE;
  p = header + strlen (prefix);
  if (!g_ascii_isdigit (*p))
    return FALSE;
  value = g_ascii_strtoull (p, &end, 10);
  if (value == 0 || value > 1000)
    return FALSE;
  *n = (int) value;
  *rest = end;
  return TRUE;
}

static void
detect_column (RegCsvColumn *column,
               const char   *raw)
{
  g_autofree char *h = normalize_header (raw);
  const char *rest;
  int n;

  column->field = REG_CSV_FIELD_IGNORE;

  if (numbered (h, "email ", &n, &rest))
    {
      if (g_str_equal (rest, " - value"))
        column->field = REG_CSV_FIELD_EMAIL, column->group = n;
      else if (g_str_equal (rest, " - type") || g_str_equal (rest, " - label"))
        column->field = REG_CSV_FIELD_EMAIL_LABEL, column->group = n;
      else if (g_str_equal (rest, " address") || *rest == '\0')
        column->field = REG_CSV_FIELD_EMAIL;
      return;
    }
  if (numbered (h, "phone ", &n, &rest))
    {
      if (g_str_equal (rest, " - value"))
        column->field = REG_CSV_FIELD_PHONE, column->group = 1000 + n;
      else if (g_str_equal (rest, " - type") || g_str_equal (rest, " - label"))
        column->field = REG_CSV_FIELD_PHONE_LABEL, column->group = 1000 + n;
      else if (*rest == '\0')
        column->field = REG_CSV_FIELD_PHONE;
      return;
    }
  if (numbered (h, "crib note ", &n, &rest) || numbered (h, "note ", &n, &rest))
    {
      if (*rest == '\0')
        column->field = REG_CSV_FIELD_CRIB_NOTE;
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (known_headers); i++)
    if (g_str_equal (h, known_headers[i].header))
      {
        column->field = known_headers[i].field;
        column->label = g_strdup (known_headers[i].label);
        return;
      }

  /* "Email 2", "Mobile 3": the spelling above with a number after it. */
  {
    gsize len = strlen (h);

    while (len > 0 && g_ascii_isdigit (h[len - 1]))
      len--;
    if (len > 0 && len < strlen (h) && h[len - 1] == ' ')
      {
        h[len - 1] = '\0';
        for (guint i = 0; i < G_N_ELEMENTS (known_headers); i++)
          if (g_str_equal (h, known_headers[i].header) &&
              (known_headers[i].field == REG_CSV_FIELD_EMAIL ||
               known_headers[i].field == REG_CSV_FIELD_PHONE))
            {
              column->field = known_headers[i].field;
              column->label = g_strdup (known_headers[i].label);
              return;
            }
      }
  }
}

RegCsvMapping *
reg_csv_mapping_detect (const char * const *header,
                        guint               n_header)
{
  RegCsvMapping *mapping = reg_csv_mapping_new (n_header);
  gboolean google = FALSE, outlook = FALSE, regulars = FALSE;

  for (guint i = 0; i < n_header; i++)
    {
      g_autofree char *h = normalize_header (header[i]);

      detect_column (&mapping->columns[i], header[i]);

      if (g_str_has_suffix (h, " - value") || g_str_equal (h, "group membership") ||
          g_str_equal (h, "given name") || g_str_equal (h, "organization 1 - name"))
        google = TRUE;
      if (g_str_equal (h, "email address") || g_str_equal (h, "mobile phone") ||
          g_str_equal (h, "business phone") || g_str_equal (h, "categories"))
        outlook = TRUE;
      if (g_str_has_prefix (h, "crib note") || g_str_equal (h, "kind"))
        regulars = TRUE;
    }

  mapping->flavour = regulars ? REG_CSV_FLAVOUR_REGULARS :
                     google ? REG_CSV_FLAVOUR_GOOGLE :
                     outlook ? REG_CSV_FLAVOUR_OUTLOOK : REG_CSV_FLAVOUR_GENERIC;
  return mapping;
}

RegCsvMapping *
reg_csv_detect_mapping (const char    *path,
                        GStrv         *header,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(RegCsvReader) reader = reg_csv_reader_new_for_path (path, cancellable, error);
  GPtrArray *fields;

  if (reader == NULL)
    return NULL;
  if (!(fields = reg_csv_reader_next (reader, cancellable, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_EMPTY,
                     _("%s is empty: there are no customers in it."), reader->name);
      return NULL;
    }
  if (header != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < fields->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (fields, i));
      *header = g_strv_builder_end (builder);
    }
  return reg_csv_mapping_detect ((const char * const *) fields->pdata, fields->len);
}

/* ------------------------------------------------------------------ */
/* Values                                                               */

static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text));
}

static gboolean
blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
parse_bool (const char *text,
            gboolean   *value)
{
  static const char * const yes[] = { "yes", "y", "true", "1", "x", "on" };
  static const char * const no[] = { "no", "n", "false", "0", "off", "" };
  g_autofree char *t = trimmed (text);
  g_autofree char *down = g_ascii_strdown (t, -1);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (down, yes[i]))
      return (*value = TRUE), TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_str_equal (down, no[i]))
      return (*value = FALSE), TRUE;
  return FALSE;
}

static gboolean
parse_kind (const char      *text,
            RegCustomerKind  fallback,
            RegCustomerKind *kind)
{
  static const struct { const char *word; RegCustomerKind kind; } words[] = {
    { "prospect", REG_CUSTOMER_KIND_PROSPECT }, { "lead", REG_CUSTOMER_KIND_PROSPECT },
    { "current", REG_CUSTOMER_KIND_CURRENT }, { "customer", REG_CUSTOMER_KIND_CURRENT },
    { "client", REG_CUSTOMER_KIND_CURRENT }, { "active", REG_CUSTOMER_KIND_CURRENT },
    { "former", REG_CUSTOMER_KIND_FORMER }, { "past", REG_CUSTOMER_KIND_FORMER },
    { "inactive", REG_CUSTOMER_KIND_FORMER },
  };
  g_autofree char *t = trimmed (text);
  g_autofree char *down = g_utf8_strdown (t, -1);

  if (*down == '\0')
    return (*kind = fallback), TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (down, words[i].word))
      return (*kind = words[i].kind), TRUE;
  return FALSE;
}

static gboolean
all_digits (const char *text,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return len > 0;
}

/* Into "YYYY-MM-DD" or "--MM-DD"; "" for none. Outlook writes "0/0/00"
 * for none and M/D/YYYY; Google "YYYY-MM-DD" or " --MM-DD". */
static gboolean
parse_birthday (const char  *text,
                char       **birthday)
{
  g_autofree char *t = trimmed (text);
  g_auto(GStrv) parts = NULL;
  guint year = 0, month = 0, day = 0;
  gboolean have_year = TRUE;

  if (*t == '\0' || g_str_equal (t, "0/0/00") || g_str_equal (t, "0000-00-00"))
    return (*birthday = g_strdup ("")), TRUE;

  if (strlen (t) == 8 && all_digits (t, 8))
    {
      year = (guint) ((t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0'));
      month = (guint) ((t[4] - '0') * 10 + (t[5] - '0'));
      day = (guint) ((t[6] - '0') * 10 + (t[7] - '0'));
    }
  else if (g_str_has_prefix (t, "--"))
    {
      parts = g_strsplit (t + 2, "-", -1);
      if (g_strv_length (parts) != 2)
        return FALSE;
      have_year = FALSE;
      year = 2000;
      month = (guint) g_ascii_strtoull (parts[0], NULL, 10);
      day = (guint) g_ascii_strtoull (parts[1], NULL, 10);
      if (!all_digits (parts[0], strlen (parts[0])) || !all_digits (parts[1], strlen (parts[1])))
        return FALSE;
    }
  else
    {
      char sep = strchr (t, '-') ? '-' : strchr (t, '/') ? '/' : strchr (t, '.') ? '.' : 0;
      char seps[2] = { sep, 0 };
      guint a, b, c;

      if (sep == 0)
        return FALSE;
      parts = g_strsplit (t, seps, -1);
      if (g_strv_length (parts) != 3)
        return FALSE;
      for (guint i = 0; i < 3; i++)
        if (!all_digits (parts[i], strlen (parts[i])) || strlen (parts[i]) > 4)
          return FALSE;
      a = (guint) g_ascii_strtoull (parts[0], NULL, 10);
      b = (guint) g_ascii_strtoull (parts[1], NULL, 10);
      c = (guint) g_ascii_strtoull (parts[2], NULL, 10);

      if (strlen (parts[0]) == 4)                 /* 1984-03-21 */
        year = a, month = b, day = c;
      else if (sep == '/' && a <= 12)             /* 3/21/1984, as Outlook writes */
        month = a, day = b, year = c;
      else                                        /* 21.03.1984, 21/03/1984 */
        day = a, month = b, year = c;

      if (strlen (parts[2]) == 2 && strlen (parts[0]) != 4)
        {
          GDateTime *now = g_date_time_new_now_local ();
          guint this_year = (guint) g_date_time_get_year (now) % 100;

          g_date_time_unref (now);
          year += year <= this_year ? 2000 : 1900;
        }
    }

  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  if (have_year)
    *birthday = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  else
    *birthday = g_strdup_printf ("--%02u-%02u", month, day);
  return TRUE;
}

static gboolean
email_valid (const char *email)
{
  const char *at = strchr (email, '@');

  return at != NULL && at != email && strchr (at + 1, '@') == NULL && !blank (at + 1);
}

static void
add_tag (GPtrArray  *tags,
         const char *tag)
{
  for (guint j = 0; j < tags->len; j++)
    if (g_ascii_strcasecmp (g_ptr_array_index (tags, j), tag) == 0)
      return;
  g_ptr_array_add (tags, g_strdup (tag));
}

/* Google's system groups ("* myContacts", "* starred") are not tags. */
static void
add_tags (GPtrArray  *tags,
          const char *text)
{
  const char *sep = strstr (text, ":::") ? ":::" : strchr (text, ';') ? ";" : ",";
  g_auto(GStrv) parts = g_strsplit (text, sep, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (*tag != '\0' && !g_str_has_prefix (tag, "* "))
        add_tag (tags, tag);
    }
}

static char *
clean_label (const char *label)
{
  char *t = trimmed (label != NULL ? label : "");

  if (g_str_has_prefix (t, "* "))
    memmove (t, t + 2, strlen (t + 2) + 1);
  return t;
}

/* ------------------------------------------------------------------ */
/* Importing                                                            */

void
reg_csv_import_options_init (RegCsvImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->skip_bad_rows = FALSE;
  options->duplicates = REG_CSV_DUPLICATES_MERGE;
  options->default_kind = REG_CUSTOMER_KIND_CURRENT;
}

static void
bad_row_free (RegCsvBadRow *bad)
{
  g_free (bad->field);
  g_free (bad->message);
  g_free (bad);
}

static void
duplicate_free (RegCsvDuplicate *duplicate)
{
  g_free (duplicate->matched);
  g_free (duplicate);
}

void
reg_csv_import_result_clear (RegCsvImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->bad_rows, g_ptr_array_unref);
  g_clear_pointer (&result->duplicates, g_ptr_array_unref);
  g_clear_pointer (&result->encoding, g_free);
  memset (result, 0, sizeof *result);
}

typedef struct
{
  char                *path;
  RegCsvMapping       *mapping;     /* NULL: detect */
  RegCsvImportOptions  options;
  RegCsvImportResult   result;

  /* During the import */
  RegCsvReader        *reader;
  RegCsvMapping       *used;
  GStrv                header;
  GHashTable          *contacts;    /* "e:folded" or "p:digits" → customer id */
  GArray              *touched;     /* existing customers merged into */
  gint64               first_id;    /* of the customers this import adds */
  guint64              total_bytes;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->path);
  reg_csv_mapping_free (job->mapping);
  reg_csv_mapping_free (job->used);
  reg_csv_import_result_clear (&job->result);
  g_strfreev (job->header);
  g_clear_pointer (&job->contacts, g_hash_table_unref);
  g_clear_pointer (&job->touched, g_array_unref);
  reg_csv_reader_free (job->reader);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_free)

static char *
contact_key (gboolean    is_email,
             const char *value)
{
  if (is_email)
    {
      g_autofree char *t = trimmed (value);
      g_autofree char *folded = g_utf8_casefold (t, -1);

      return *folded ? g_strconcat ("e:", folded, NULL) : NULL;
    }
  else
    {
      GString *key = g_string_new ("p:");

      for (const char *p = value; *p; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (key, *p);
      /* Too few digits to tell two people apart. */
      if (key->len < 2 + 6)
        {
          g_string_free (key, TRUE);
          return NULL;
        }
      return g_string_free (key, FALSE);
    }
}

static void
remember_contact (gint64      customer_id,
                  gboolean    is_email,
                  const char *value,
                  gpointer    user_data)
{
  GHashTable *contacts = user_data;
  char *key = contact_key (is_email, value);

  if (key == NULL)
    return;
  if (g_hash_table_contains (contacts, key))
    g_free (key);
  else
    g_hash_table_insert (contacts, key, g_memdup2 (&customer_id, sizeof customer_id));
}

static void
remember_customer (GHashTable  *contacts,
                   RegCustomer *customer)
{
  GPtrArray *phones = reg_customer_get_phones (customer);
  GPtrArray *emails = reg_customer_get_emails (customer);
  gint64 id = reg_customer_get_id (customer);

  for (guint i = 0; i < phones->len; i++)
    remember_contact (id, FALSE, ((RegLabeledValue *) g_ptr_array_index (phones, i))->value, contacts);
  for (guint i = 0; i < emails->len; i++)
    remember_contact (id, TRUE, ((RegLabeledValue *) g_ptr_array_index (emails, i))->value, contacts);
}

/* A row, read into a customer not yet saved. */
typedef struct
{
  RegCustomer *customer;
  GPtrArray   *notes;
  GPtrArray   *tags;
  /* Where a bad value was */
  guint        bad_column;
  char        *bad_message;
} Row;

static void
row_clear (Row *row)
{
  g_clear_object (&row->customer);
  g_clear_pointer (&row->notes, g_ptr_array_unref);
  g_clear_pointer (&row->tags, g_ptr_array_unref);
  g_clear_pointer (&row->bad_message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static gboolean
row_fail (Row        *row,
          guint       column,
          char       *message)
{
  row->bad_column = column;
  row->bad_message = message;
  return FALSE;
}

static const char *
group_label (const RegCsvMapping *mapping,
             GPtrArray           *fields,
             guint                column,
             RegCsvField          label_field)
{
  int group = mapping->columns[column].group;

  if (group != 0)
    for (guint i = 0; i < mapping->n_columns && i < fields->len; i++)
      if (mapping->columns[i].field == label_field && mapping->columns[i].group == group)
        return g_ptr_array_index (fields, i);
  return mapping->columns[column].label;
}

static void
set_if_empty (RegCustomer *customer,
              const char  *property,
              const char  *value)
{
  g_autofree char *current = NULL;

  g_object_get (customer, property, &current, NULL);
  if (current == NULL || *current == '\0')
    g_object_set (customer, property, value, NULL);
}

/* FALSE with row->bad_message set when a value is wrong; TRUE with
 * row->customer NULL for a blank row. */
static gboolean
read_row (ImportJob *job,
          GPtrArray *fields,
          Row       *row)
{
  const RegCsvMapping *mapping = job->used;
  g_autoptr(RegCustomer) customer = reg_customer_new ();
  g_autofree char *given = NULL, *middle = NULL, *family = NULL;
  gboolean any = FALSE;

  row->notes = g_ptr_array_new_with_free_func (g_free);
  row->tags = g_ptr_array_new_with_free_func (g_free);
  reg_customer_set_kind (customer, job->options.default_kind);

  for (guint i = mapping->n_columns; i < fields->len; i++)
    if (!blank (g_ptr_array_index (fields, i)))
      return row_fail (row, i + 1,
                       g_strdup_printf (_("this row has %u fields, but the first line names only %u columns"),
                                        fields->len, mapping->n_columns));

  for (guint i = 0; i < mapping->n_columns && i < fields->len; i++)
    {
      const char *raw = g_ptr_array_index (fields, i);
      g_autofree char *value = NULL;

      if (mapping->columns[i].field == REG_CSV_FIELD_IGNORE || blank (raw))
        continue;

      /* Only the ends are trimmed: line breaks inside stay (notes, addresses). */
      value = trimmed (raw);

      switch (mapping->columns[i].field)
        {
        case REG_CSV_FIELD_IGNORE:
        case REG_CSV_FIELD_PHONE_LABEL:
        case REG_CSV_FIELD_EMAIL_LABEL:
        case REG_CSV_N_FIELDS:
          continue;
        case REG_CSV_FIELD_DISPLAY_NAME:
          set_if_empty (customer, "display-name", value);
          break;
        case REG_CSV_FIELD_GIVEN_NAME:
          if (given == NULL)
            given = g_strdup (value);
          break;
        case REG_CSV_FIELD_MIDDLE_NAME:
          if (middle == NULL)
            middle = g_strdup (value);
          break;
        case REG_CSV_FIELD_FAMILY_NAME:
          if (family == NULL)
            family = g_strdup (value);
          break;
        case REG_CSV_FIELD_COMPANY:
          set_if_empty (customer, "company", value);
          break;
        case REG_CSV_FIELD_STREET:
          set_if_empty (customer, "street", value);
          break;
        case REG_CSV_FIELD_LOCALITY:
          set_if_empty (customer, "locality", value);
          break;
        case REG_CSV_FIELD_REGION:
          set_if_empty (customer, "region", value);
          break;
        case REG_CSV_FIELD_POSTAL_CODE:
          set_if_empty (customer, "postal-code", value);
          break;
        case REG_CSV_FIELD_COUNTRY:
          set_if_empty (customer, "country", value);
          break;
        case REG_CSV_FIELD_PHONE:
        case REG_CSV_FIELD_EMAIL:
          {
            gboolean is_email = mapping->columns[i].field == REG_CSV_FIELD_EMAIL;
            g_autofree char *label = clean_label (group_label (mapping, fields, i,
                                                               is_email ? REG_CSV_FIELD_EMAIL_LABEL
                                                                        : REG_CSV_FIELD_PHONE_LABEL));
            /* Google puts several in one field: "a@x ::: b@y". */
            g_auto(GStrv) values = g_strsplit (value, ":::", -1);

            for (guint v = 0; values[v] != NULL; v++)
              {
                char *one = g_strstrip (values[v]);

                if (*one == '\0')
                  continue;
                if (is_email && !email_valid (one))
                  return row_fail (row, i + 1,
                                   g_strdup_printf (_("“%s” is not an email address (it needs one “@” "
                                                      "between a name and a domain)"), one));
                if (is_email)
                  reg_customer_add_email (customer, label, one);
                else
                  reg_customer_add_phone (customer, label, one);
              }
          }
          break;
        case REG_CSV_FIELD_BIRTHDAY:
          {
            g_autofree char *birthday = NULL;

            if (!parse_birthday (value, &birthday))
              return row_fail (row, i + 1,
                               g_strdup_printf (_("“%s” is not a date; use one like 1984-03-21"), value));
            if (*birthday != '\0')
              set_if_empty (customer, "birthday", birthday);
          }
          break;
        case REG_CSV_FIELD_CRIB_NOTE:
          {
            g_ptr_array_add (row->notes, g_steal_pointer (&value));
          }
          break;
        case REG_CSV_FIELD_TAGS:
          add_tags (row->tags, value);
          break;
        case REG_CSV_FIELD_KIND:
          {
            RegCustomerKind kind;

            if (!parse_kind (value, job->options.default_kind, &kind))
              return row_fail (row, i + 1,
                               g_strdup_printf (_("“%s” is not a kind of customer; use prospect, "
                                                  "current or former"), value));
            reg_customer_set_kind (customer, kind);
          }
          break;
        case REG_CSV_FIELD_VIP:
        case REG_CSV_FIELD_INTERNAL:
        case REG_CSV_FIELD_CONSENT:
          {
            gboolean flag;

            if (!parse_bool (value, &flag))
              return row_fail (row, i + 1,
                               g_strdup_printf (_("“%s” is neither yes nor no"), value));
            g_object_set (customer,
                          mapping->columns[i].field == REG_CSV_FIELD_VIP ? "vip" :
                          mapping->columns[i].field == REG_CSV_FIELD_INTERNAL ? "internal" : "consent",
                          flag, NULL);
          }
          break;
        }
      any = TRUE;
    }

  if (!any)
    return TRUE;

  if (given)
    reg_customer_set_given_name (customer, given);
  if (family)
    reg_customer_set_family_name (customer, family);

  if (blank (reg_customer_get_display_name (customer)))
    {
      g_autofree char *composed = g_strjoin (" ", given ? given : "", middle ? middle : "",
                                             family ? family : "", NULL);
      g_auto(GStrv) words = g_strsplit (composed, " ", -1);
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
      g_auto(GStrv) kept_words = NULL;
      g_autofree char *name = NULL;
      GPtrArray *emails = reg_customer_get_emails (customer);
      GPtrArray *phones = reg_customer_get_phones (customer);

      for (guint w = 0; words[w] != NULL; w++)
        if (*words[w] != '\0')
          g_strv_builder_add (kept, words[w]);
      kept_words = g_strv_builder_end (kept);
      name = g_strjoinv (" ", kept_words);

      if (*name != '\0')
        reg_customer_set_display_name (customer, name);
      else if (!blank (reg_customer_get_company (customer)))
        reg_customer_set_display_name (customer, reg_customer_get_company (customer));
      else if (emails->len > 0)
        reg_customer_set_display_name (customer, ((RegLabeledValue *) g_ptr_array_index (emails, 0))->value);
      else if (phones->len > 0)
        reg_customer_set_display_name (customer, ((RegLabeledValue *) g_ptr_array_index (phones, 0))->value);
      else
        return row_fail (row, 0, g_strdup (_("this row has no name, company, email or phone")));
    }

  {
    g_autoptr(GError) invalid = NULL;

    if (!reg_customer_validate (customer, &invalid))
      return row_fail (row, 0, g_strdup (invalid->message));
  }

  row->customer = g_steal_pointer (&customer);
  return TRUE;
}

static gboolean
save_notes (RegStore   *store,
            gint64      customer_id,
            GPtrArray  *notes,
            GPtrArray  *existing,
            GError    **error)
{
  for (guint i = 0; i < notes->len; i++)
    {
      const char *text = g_ptr_array_index (notes, i);
      g_autoptr(RegCribNote) note = NULL;
      gboolean seen = FALSE;

      for (guint j = 0; existing != NULL && j < existing->len && !seen; j++)
        seen = g_str_equal (reg_crib_note_get_text (g_ptr_array_index (existing, j)), text);
      if (seen)
        continue;

      note = reg_crib_note_new ();
      reg_crib_note_set_customer_id (note, customer_id);
      reg_crib_note_set_text (note, text);
      if (!reg_store_save_crib_note (store, note, error))
        return FALSE;
    }
  return TRUE;
}

static void
set_tags (RegCustomer *customer,
          GPtrArray   *tags)
{
  g_ptr_array_add (tags, NULL);
  reg_customer_set_tags (customer, (const char * const *) tags->pdata);
  g_ptr_array_remove_index (tags, tags->len - 1);
}

static gboolean
has_value (GPtrArray  *values,
           gboolean    is_email,
           const char *value)
{
  g_autofree char *key = contact_key (is_email, value);

  for (guint i = 0; i < values->len; i++)
    {
      const char *other = ((RegLabeledValue *) g_ptr_array_index (values, i))->value;
      g_autofree char *other_key = contact_key (is_email, other);

      if (key != NULL ? g_strcmp0 (key, other_key) == 0 : g_str_equal (value, other))
        return TRUE;
    }
  return FALSE;
}

/* Fills what the customer lacks; changes nothing they have. */
static gboolean
merge_into (RegStore     *store,
            gint64        id,
            Row          *row,
            GError      **error)
{
  static const char * const text_props[] = {
    "given-name", "family-name", "company", "street", "locality", "region",
    "postal-code", "country", "birthday",
  };
  g_autoptr(RegCustomer) existing = reg_store_get_customer (store, id, error);
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  const char * const *old_tags;
  GPtrArray *values;

  if (existing == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (text_props); i++)
    {
      g_autofree char *value = NULL;

      g_object_get (row->customer, text_props[i], &value, NULL);
      if (value != NULL && *value != '\0')
        set_if_empty (existing, text_props[i], value);
    }

  values = reg_customer_get_phones (row->customer);
  for (guint i = 0; i < values->len; i++)
    {
      RegLabeledValue *v = g_ptr_array_index (values, i);

      if (!has_value (reg_customer_get_phones (existing), FALSE, v->value))
        reg_customer_add_phone (existing, v->label, v->value);
    }
  values = reg_customer_get_emails (row->customer);
  for (guint i = 0; i < values->len; i++)
    {
      RegLabeledValue *v = g_ptr_array_index (values, i);

      if (!has_value (reg_customer_get_emails (existing), TRUE, v->value))
        reg_customer_add_email (existing, v->label, v->value);
    }

  old_tags = reg_customer_get_tags (existing);
  for (guint i = 0; old_tags != NULL && old_tags[i] != NULL; i++)
    add_tag (tags, old_tags[i]);
  for (guint i = 0; i < row->tags->len; i++)
    add_tag (tags, g_ptr_array_index (row->tags, i));
  set_tags (existing, tags);

  if (!reg_store_save_customer (store, existing, error))
    return FALSE;

  if (row->notes->len > 0)
    {
      if (!(notes = reg_store_list_crib_notes (store, id, error)))
        return FALSE;
      if (!save_notes (store, id, row->notes, notes, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
find_duplicate (ImportJob    *job,
                RegCustomer  *customer,
                char        **matched)
{
  GPtrArray *lists[2] = { reg_customer_get_emails (customer), reg_customer_get_phones (customer) };

  for (guint l = 0; l < 2; l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const char *value = ((RegLabeledValue *) g_ptr_array_index (lists[l], i))->value;
        g_autofree char *key = contact_key (l == 0, value);
        gint64 *id;

        if (key != NULL && (id = g_hash_table_lookup (job->contacts, key)) != NULL)
          {
            *matched = g_strdup (value);
            return *id;
          }
      }
  return 0;
}

static char *
column_name (ImportJob *job,
             guint      column)
{
  if (column == 0 || job->header == NULL || column > g_strv_length (job->header))
    return NULL;
  return g_strdup (job->header[column - 1]);
}

static gboolean
import_rows (RegStore      *bulk,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ImportJob *job = data;
  RegCsvImportResult *result = &job->result;
  GPtrArray *fields;
  guint since_progress = 0;

  if (!(job->reader = reg_csv_reader_new_for_path (job->path, cancellable, error)))
    return FALSE;
  result->encoding = g_strdup (job->reader->encoding);
  result->delimiter = job->reader->delimiter;

  if (!(fields = reg_csv_reader_next (job->reader, cancellable, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_EMPTY,
                     _("%s is empty: there are no customers in it."), job->reader->name);
      return FALSE;
    }
  g_ptr_array_add (fields, NULL);
  job->header = g_strdupv ((char **) fields->pdata);
  g_ptr_array_set_size (fields, fields->len - 1);

  if (job->mapping != NULL)
    job->used = reg_csv_mapping_copy (job->mapping);
  else
    job->used = reg_csv_mapping_detect ((const char * const *) job->header, g_strv_length (job->header));
  result->flavour = job->used->flavour;

  if (!reg_csv_mapping_is_usable (job->used))
    {
      g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_NO_COLUMNS,
                   _("%s, line 1: no column is a name, company, email or phone. "
                     "The first line must name the columns, as in “Name,Email,Phone”."),
                   job->reader->name);
      return FALSE;
    }

  job->contacts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->touched = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!reg_store_foreach_contact (bulk, remember_contact, job->contacts, error))
    return FALSE;

  if (!reg_store_import_begin (bulk, &job->first_id, error))
    return FALSE;

  for (;;)
    {
      g_auto(Row) row = { 0 };
      g_autofree char *matched = NULL;
      gint64 existing;

      if (!(fields = reg_csv_reader_next (job->reader, cancellable, error)))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          break;
        }

      if (++since_progress == 1000)
        {
          since_progress = 0;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (job->options.progress)
            job->options.progress (reader_bytes_read (job->reader), job->total_bytes,
                                   job->options.progress_data);
        }

      if (!read_row (job, fields, &row))
        {
          g_autofree char *header = column_name (job, row.bad_column);

          result->n_rows++;
          if (!job->options.skip_bad_rows)
            {
              if (row.bad_column == 0)
                g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_INVALID,
                             _("%s, line %u: %s. Nothing was imported."),
                             job->reader->name, job->reader->record_line, row.bad_message);
              else
                g_set_error (error, REG_CSV_ERROR, REG_CSV_ERROR_INVALID,
                             _("%s, line %u, column %u (“%s”): %s. Nothing was imported."),
                             job->reader->name, job->reader->record_line, row.bad_column,
                             header ? header : "", row.bad_message);
              return FALSE;
            }
          else
            {
              RegCsvBadRow *bad = g_new0 (RegCsvBadRow, 1);

              bad->line = job->reader->record_line;
              bad->column = row.bad_column;
              bad->field = g_steal_pointer (&header);
              bad->message = g_steal_pointer (&row.bad_message);
              g_ptr_array_add (result->bad_rows, bad);
              continue;
            }
        }
      if (row.customer == NULL)
        continue;   /* blank */
      result->n_rows++;

      set_tags (row.customer, row.tags);

      existing = find_duplicate (job, row.customer, &matched);
      if (existing != 0 && job->options.duplicates != REG_CSV_DUPLICATES_IMPORT)
        {
          RegCsvDuplicate *duplicate = g_new0 (RegCsvDuplicate, 1);

          duplicate->line = job->reader->record_line;
          duplicate->existing_id = existing;
          duplicate->matched = g_steal_pointer (&matched);
          g_ptr_array_add (result->duplicates, duplicate);

          if (job->options.duplicates == REG_CSV_DUPLICATES_SKIP)
            {
              result->n_skipped++;
              continue;
            }

          if (!merge_into (bulk, existing, &row, error))
            return FALSE;
          duplicate->id = existing;
          g_array_append_val (job->touched, existing);
          result->n_merged++;
          {
            g_autoptr(RegCustomer) merged = reg_store_get_customer (bulk, existing, NULL);

            if (merged)
              remember_customer (job->contacts, merged);
          }
          continue;
        }

      g_ptr_array_add (row.notes, NULL);
      if (!reg_store_import_customer (bulk, row.customer, (const char * const *) row.notes->pdata, NULL, error))
        return FALSE;
      result->n_imported++;
      remember_customer (job->contacts, row.customer);

      if (existing != 0)
        {
          /* Imported anyway: still say whom it looks like. */
          RegCsvDuplicate *duplicate = g_new0 (RegCsvDuplicate, 1);

          duplicate->line = job->reader->record_line;
          duplicate->existing_id = existing;
          duplicate->matched = g_steal_pointer (&matched);
          duplicate->id = reg_customer_get_id (row.customer);
          g_ptr_array_add (result->duplicates, duplicate);
        }
    }

  if (job->options.progress)
    job->options.progress (job->total_bytes, job->total_bytes, job->options.progress_data);

  return reg_store_import_end (bulk, job->first_id, job->touched, error);
}

static ImportJob *
import_job_new (const char                *path,
                const RegCsvMapping       *mapping,
                const RegCsvImportOptions *options,
                GCancellable              *cancellable)
{
  ImportJob *job = g_new0 (ImportJob, 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;

  job->path = g_strdup (path);
  job->mapping = mapping ? reg_csv_mapping_copy (mapping) : NULL;
  if (options)
    job->options = *options;
  else
    reg_csv_import_options_init (&job->options);
  job->result.bad_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) bad_row_free);
  job->result.duplicates = g_ptr_array_new_with_free_func ((GDestroyNotify) duplicate_free);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info)
    job->total_bytes = (guint64) g_file_info_get_size (info);
  return job;
}

static void
take_result (ImportJob          *job,
             RegCsvImportResult *result)
{
  if (result != NULL)
    {
      *result = job->result;
      memset (&job->result, 0, sizeof job->result);
    }
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (reg_store_run_bulk_finish (REG_STORE (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
reg_csv_import_async (RegStore                  *store,
                      const char                *path,
                      const RegCsvMapping       *mapping,
                      const RegCsvImportOptions *options,
                      GCancellable              *cancellable,
                      GAsyncReadyCallback        callback,
                      gpointer                   user_data)
{
  GTask *task;
  ImportJob *job;

  g_return_if_fail (REG_IS_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, reg_csv_import_async);
  job = import_job_new (path, mapping, options, cancellable);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  /* The job outlives the bulk run: the task holds it. */
  reg_store_run_bulk_async (store, import_rows, job, NULL, cancellable, import_done, task);
}

gboolean
reg_csv_import_finish (RegStore            *store,
                       GAsyncResult        *result,
                       RegCsvImportResult  *import_result,
                       GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  take_result (g_task_get_task_data (G_TASK (result)), import_result);
  return TRUE;
}

gboolean
reg_csv_import (RegStore                  *store,
                const char                *path,
                const RegCsvMapping       *mapping,
                const RegCsvImportOptions *options,
                RegCsvImportResult        *result,
                GCancellable              *cancellable,
                GError                   **error)
{
  g_autoptr(ImportJob) job = NULL;

  g_return_val_if_fail (REG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  job = import_job_new (path, mapping, options, cancellable);
  if (!reg_store_run_bulk (store, import_rows, job, cancellable, error))
    return FALSE;
  take_result (job, result);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Exporting                                                            */

static void
append_field (GString    *line,
              const char *value,
              gboolean    first)
{
  if (!first)
    g_string_append_c (line, ',');
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n;\t") != NULL ||
      (*value != '\0' && (g_ascii_isspace (value[0]) || g_ascii_isspace (value[strlen (value) - 1]))))
    {
      g_string_append_c (line, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (line, '"');
          /* Newlines inside a field as CRLF, like the row ends. */
          if (*p == '\n')
            g_string_append_c (line, '\r');
          g_string_append_c (line, *p);
        }
      g_string_append_c (line, '"');
    }
  else
    g_string_append (line, value);
}

static const char * const export_fixed[] = {
  "Name", "Given Name", "Family Name", "Organization 1 - Name", "Birthday",
  "Address 1 - Street", "Address 1 - City", "Address 1 - Region",
  "Address 1 - Postal Code", "Address 1 - Country", "Group Membership",
  "Kind", "VIP", "Internal", "Consent",
};

#define EXPORT_PAGE 256

static gboolean
write_export (RegStore      *store,
              GArray        *ids,
              guint          max_phones,
              guint          max_emails,
              guint          max_notes,
              GOutputStream *buffered,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean first;

  /* A BOM, so that spreadsheets read the file as UTF-8. */
  g_string_append (line, "\xEF\xBB\xBF");
  first = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (export_fixed); i++, first = FALSE)
    append_field (line, export_fixed[i], first);
  for (guint i = 1; i <= max_phones; i++)
    {
      g_autofree char *type = g_strdup_printf ("Phone %u - Type", i);
      g_autofree char *value = g_strdup_printf ("Phone %u - Value", i);

      append_field (line, type, FALSE);
      append_field (line, value, FALSE);
    }
  for (guint i = 1; i <= max_emails; i++)
    {
      g_autofree char *type = g_strdup_printf ("E-mail %u - Type", i);
      g_autofree char *value = g_strdup_printf ("E-mail %u - Value", i);

      append_field (line, type, FALSE);
      append_field (line, value, FALSE);
    }
  for (guint i = 1; i <= max_notes; i++)
    {
      g_autofree char *note = g_strdup_printf ("Crib Note %u", i);

      append_field (line, note, FALSE);
    }
  g_string_append (line, "\r\n");
  if (!g_output_stream_write_all (buffered, line->str, line->len, NULL, cancellable, error))
    return FALSE;

  for (guint start = 0; start < ids->len; start += EXPORT_PAGE)
    {
      guint n = MIN (EXPORT_PAGE, ids->len - start);
      g_autoptr(GPtrArray) page = reg_store_load_customers (store, &g_array_index (ids, gint64, start), n, error);

      if (page == NULL)
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (guint i = 0; i < page->len; i++)
        {
          RegCustomer *c = g_ptr_array_index (page, i);
          g_autoptr(GPtrArray) notes = reg_store_list_crib_notes (store, reg_customer_get_id (c), error);
          const char * const *tags = reg_customer_get_tags (c);
          g_autofree char *joined = tags ? g_strjoinv (" ::: ", (char **) tags) : NULL;
          GPtrArray *phones = reg_customer_get_phones (c);
          GPtrArray *emails = reg_customer_get_emails (c);

          if (notes == NULL)
            return FALSE;

          g_string_truncate (line, 0);
          append_field (line, reg_customer_get_display_name (c), TRUE);
          append_field (line, reg_customer_get_given_name (c), FALSE);
          append_field (line, reg_customer_get_family_name (c), FALSE);
          append_field (line, reg_customer_get_company (c), FALSE);
          append_field (line, reg_customer_get_birthday (c), FALSE);
          append_field (line, reg_customer_get_street (c), FALSE);
          append_field (line, reg_customer_get_locality (c), FALSE);
          append_field (line, reg_customer_get_region (c), FALSE);
          append_field (line, reg_customer_get_postal_code (c), FALSE);
          append_field (line, reg_customer_get_country (c), FALSE);
          append_field (line, joined, FALSE);
          append_field (line, reg_enum_to_nick (REG_TYPE_CUSTOMER_KIND, reg_customer_get_kind (c)), FALSE);
          append_field (line, reg_customer_get_vip (c) ? "yes" : "no", FALSE);
          append_field (line, reg_customer_get_internal (c) ? "yes" : "no", FALSE);
          append_field (line, reg_customer_get_consent (c) ? "yes" : "no", FALSE);
          for (guint p = 0; p < max_phones; p++)
            {
              RegLabeledValue *v = p < phones->len ? g_ptr_array_index (phones, p) : NULL;

              append_field (line, v ? v->label : NULL, FALSE);
              append_field (line, v ? v->value : NULL, FALSE);
            }
          for (guint e = 0; e < max_emails; e++)
            {
              RegLabeledValue *v = e < emails->len ? g_ptr_array_index (emails, e) : NULL;

              append_field (line, v ? v->label : NULL, FALSE);
              append_field (line, v ? v->value : NULL, FALSE);
            }
          for (guint k = 0; k < max_notes; k++)
            append_field (line, k < notes->len ? reg_crib_note_get_text (g_ptr_array_index (notes, k)) : NULL,
                          FALSE);
          g_string_append (line, "\r\n");

          if (!g_output_stream_write_all (buffered, line->str, line->len, NULL, cancellable, error))
            return FALSE;
        }
    }

  return g_output_stream_close (buffered, cancellable, error);
}

gboolean
reg_csv_export (RegStore                *store,
                const char              *path,
                const RegCustomerQuery  *query,
                GCancellable            *cancellable,
                GError                 **error)
{
  g_autoptr(RegCustomerQuery) all = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  guint max_phones = 1, max_emails = 1, max_notes = 1;

  g_return_val_if_fail (REG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (query == NULL)
    query = all = reg_customer_query_new ();
  if (!(ids = reg_store_query_customer_ids (store, query, error)))
    return FALSE;

  /* The widest row decides how many numbered columns there are. */
  for (guint start = 0; start < ids->len; start += EXPORT_PAGE)
    {
      guint n = MIN (EXPORT_PAGE, ids->len - start);
      g_autoptr(GPtrArray) page = reg_store_load_customers (store, &g_array_index (ids, gint64, start), n, error);

      if (page == NULL)
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint i = 0; i < page->len; i++)
        {
          RegCustomer *customer = g_ptr_array_index (page, i);
          g_autoptr(GPtrArray) notes = reg_store_list_crib_notes (store, reg_customer_get_id (customer), error);

          if (notes == NULL)
            return FALSE;
          max_phones = MAX (max_phones, reg_customer_get_phones (customer)->len);
          max_emails = MAX (max_emails, reg_customer_get_emails (customer)->len);
          max_notes = MAX (max_notes, notes->len);
        }
    }

  file = g_file_new_for_path (path);
  /* Customer data: readable by the user only. */
  if (!(out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                              cancellable, error)))
    return FALSE;
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), CHUNK_SIZE);

  if (!write_export (store, ids, max_phones, max_emails, max_notes, buffered, cancellable, error))
    {
      /* A replacement closed while cancelled leaves what was there. */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
      return FALSE;
    }
  return TRUE;
}

