/* reg-vcard.c: customers from and to vCard files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing streams the file card by card: this file splits it on
 * BEGIN:VCARD / END:VCARD, unfolds continuation lines (and vCard 2.1's
 * quoted-printable soft line breaks), converts declared character sets,
 * and hands each card's text to EVCard, the parser Evolution and GNOME
 * Contacts use. Memory stays bounded by the largest card, whatever the
 * size of the file.
 *
 * How vCard properties map onto a customer:
 *
 *   FN            display name (failing that: N, ORG, an email, a phone)
 *   N             family and given name (additional names join the given)
 *   ORG           company (units joined with ", ")
 *   TEL, EMAIL    phones and emails; TYPE parameters, vCard 2.1's bare
 *                 types and Apple's itemN.X-ABLabel give the label
 *   ADR           the first one is the address; any others are kept
 *   BDAY          birthday (Apple's year 1604 and "--MMDD" mean no year)
 *   NOTE          a crib note each: a vCard note is what one should
 *                 remember about the person, which is what crib notes are
 *                 (visit notes record an event, and a note has no date)
 *   CATEGORIES    tags
 *
 * Every other property (UID, URL, NICKNAME, PHOTO, X-…) is kept, as a
 * content line in the store, and written back on export. VERSION,
 * PRODID, REV and LABEL (derived from ADR) are dropped.
 */

#define G_LOG_DOMAIN "reg-vcard"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <libebook-contacts/libebook-contacts.h>

#include "reg-vcard.h"

/* EDS 3.46 declares no cleanup function for its types. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVCard, g_object_unref)

/* A card larger than this is surely not a person's address card (a
 * photo of a few hundred kilobytes is the largest honest field). */
#define MAX_CARD_BYTES (8 * 1024 * 1024)
#define READ_CHUNK (64 * 1024)
#define PROGRESS_EVERY 1000

G_DEFINE_QUARK (reg-vcard-error-quark, reg_vcard_error)

/* ------------------------------------------------------------------ */
/* Results                                                              */

static void
problem_free (gpointer data)
{
  RegVcardProblem *problem = data;

  g_free (problem->path);
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

void
reg_vcard_import_result_init (RegVcardImportResult *result)
{
  memset (result, 0, sizeof *result);
  result->problems = g_ptr_array_new_with_free_func (problem_free);
}

void
reg_vcard_import_result_clear (RegVcardImportResult *result)
{
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  memset (result, 0, sizeof *result);
}

/* “contacts.vcf”, line 12, card 3, BDAY: … */
char *
reg_vcard_problem_to_string (const RegVcardProblem *problem)
{
  g_autofree char *name = g_filename_display_basename (problem->path);
  GString *out = g_string_new (NULL);

  if (problem->card > 0)
    /* Translators: the file name, a line number and a card number */
    g_string_append_printf (out, _("“%s”, line %u, card %u"), name, problem->line, problem->card);
  else
    g_string_append_printf (out, _("“%s”, line %u"), name, problem->line);
  if (problem->field != NULL)
    g_string_append_printf (out, ", %s", problem->field);
  g_string_append_printf (out, ": %s", problem->message);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Reading the file line by line                                        */

typedef struct
{
  FILE    *file;
  char    *buffer;
  gsize    start;
  gsize    end;
  gboolean eof;
  guint    line_no;      /* of the line last read */
  guint64  offset;       /* bytes consumed */
  int      read_errno;
  gboolean after_cr;     /* the last line ended with CR: skip an LF */
} LineReader;

/* Reads the next line, without its end; a line longer than @max_length
 * is cut there and *@too_long set. FALSE at the end of the file. */
static gboolean
line_reader_next (LineReader *reader,
                  GString    *line,
                  gsize       max_length,
                  gboolean   *too_long)
{
  gboolean got_any = FALSE;

  g_string_truncate (line, 0);
  *too_long = FALSE;

  for (;;)
    {
      char *newline;
      gsize n;

      if (reader->start == reader->end)
        {
          if (reader->eof)
            break;
          n = fread (reader->buffer, 1, READ_CHUNK, reader->file);
          if (n < READ_CHUNK)
            {
              reader->eof = TRUE;
              if (ferror (reader->file))
                reader->read_errno = errno ? errno : EIO;
            }
          reader->start = 0;
          reader->end = n;
          if (n == 0)
            break;
        }

      /* Lines end in CR LF, LF, or (old Macs) CR alone. */
      if (reader->after_cr)
        {
          reader->after_cr = FALSE;
          if (reader->buffer[reader->start] == '\n')
            {
              reader->start++;
              reader->offset++;
              continue;
            }
        }

      got_any = TRUE;
      {
        const char *from = reader->buffer + reader->start;
        gsize available = reader->end - reader->start;
        char *cr;

        newline = memchr (from, '\n', available);
        cr = memchr (from, '\r', newline ? (gsize) (newline - from) : available);
        if (cr != NULL)
          {
            newline = cr;
            reader->after_cr = TRUE;
          }
        n = newline ? (gsize) (newline - from) : available;
      }

      if (line->len + n > max_length)
        {
          g_string_append_len (line, reader->buffer + reader->start, max_length - MIN (line->len, max_length));
          *too_long = TRUE;
        }
      else if (!*too_long)
        g_string_append_len (line, reader->buffer + reader->start, n);

      reader->offset += n + (newline ? 1 : 0);
      reader->start += n + (newline ? 1 : 0);
      if (newline)
        break;
    }

  if (!got_any)
    return FALSE;

  reader->line_no++;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* One card's lines                                                     */

typedef struct
{
  guint      number;      /* 1-based, in the file */
  guint      begin_line;
  GPtrArray *lines;       /* logical (unfolded) lines, char * */
  GArray    *line_nos;    /* guint, where each began */
  gsize      size;
  gboolean   too_large;
  guint      nul_line;    /* the first line with a NUL byte, or 0 */
} CardText;

static void
card_text_reset (CardText *card,
                 guint     number,
                 guint     begin_line)
{
  card->number = number;
  card->begin_line = begin_line;
  g_ptr_array_set_size (card->lines, 0);
  g_array_set_size (card->line_nos, 0);
  card->size = 0;
  card->too_large = FALSE;
  card->nul_line = 0;
}

static void
card_text_add (CardText   *card,
               GString    *logical,
               guint       line_no)
{
  if (logical->len == 0)
    return;
  if (card->nul_line == 0 && memchr (logical->str, '\0', logical->len) != NULL)
    card->nul_line = line_no;
  card->size += logical->len;
  if (card->size > MAX_CARD_BYTES)
    {
      card->too_large = TRUE;
      return;
    }
  g_ptr_array_add (card->lines, g_strndup (logical->str, logical->len));
  g_array_append_val (card->line_nos, line_no);
}

static gboolean
is_keyword_line (const char *line,
                 gsize       len,
                 const char *keyword)
{
  gsize klen = strlen (keyword);

  while (len > 0 && g_ascii_isspace (line[len - 1]))
    len--;
  while (len > 0 && g_ascii_isspace (*line))
    line++, len--;
  return len == klen && g_ascii_strncasecmp (line, keyword, klen) == 0;
}

/* The part of a content line before its value: group, name, parameters.
 * Quoted parameter values may hold a colon. */
static gsize
value_offset (const char *line)
{
  gboolean quoted = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        return (gsize) (p - line);
    }
  return (gsize) -1;
}

static gboolean
head_has (const char *line,
          gsize       head_len,
          const char *needle)
{
  g_autofree char *head = g_ascii_strup (line, (gssize) head_len);
  return strstr (head, needle) != NULL;
}

/* ------------------------------------------------------------------ */
/* Import                                                               */

typedef struct
{
  char                  *path;
  RegVcardImportOptions  options;
  RegVcardImportResult  *result;
  RegVcardImportResult   own_result;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->path);
  reg_vcard_import_result_clear (&job->own_result);
  g_free (job);
}

static RegVcardProblem *
add_problem (ImportJob  *job,
             guint       line,
             guint       card,
             const char *field,
             gint64      existing_id,
             char       *message)   /* (transfer full) */
{
  RegVcardProblem *problem = g_new0 (RegVcardProblem, 1);

  problem->path = g_strdup (job->path);
  problem->line = line;
  problem->card = card;
  problem->field = g_strdup (field);
  problem->message = message;
  problem->existing_id = existing_id;
  g_ptr_array_add (job->result->problems, problem);
  return problem;
}

/* A broken card: with keep_going it is listed and left out; otherwise
 * the whole import fails with the same words. */
static gboolean
card_failed (ImportJob   *job,
             guint        line,
             guint        card,
             const char  *field,
             char        *message,   /* (transfer full) */
             GError     **error)
{
  RegVcardProblem *problem = add_problem (job, line, card, field, 0, message);

  job->result->failed++;
  if (job->options.keep_going)
    return TRUE;

  {
    g_autofree char *text = reg_vcard_problem_to_string (problem);
    g_set_error (error, REG_VCARD_ERROR, REG_VCARD_ERROR_MALFORMED,
                 _("%s. Nothing was imported."), text);
  }
  return FALSE;
}

typedef struct
{
  RegCustomer *customer;
  GPtrArray   *crib_notes;    /* char *, NULL-terminated when done */
  GPtrArray   *extras;
  /* For problems: where each property began, by attribute */
  guint        bday_line;
  guint        fn_line;
  GPtrArray   *email_lines;   /* GUINT_TO_POINTER */
} ParsedCard;

static void
parsed_card_clear (ParsedCard *parsed)
{
  g_clear_object (&parsed->customer);
  g_clear_pointer (&parsed->crib_notes, g_ptr_array_unref);
  g_clear_pointer (&parsed->extras, g_ptr_array_unref);
  g_clear_pointer (&parsed->email_lines, g_ptr_array_unref);
}

/* Trimmed, with Windows line ends made plain newlines. */
static char *
strip_text (const char *text)
{
  char *out = g_strdup (text ? text : "");
  char *to = out;

  for (const char *from = out; *from != '\0'; from++)
    if (*from != '\r')
      *to++ = *from;
  *to = '\0';
  return g_strstrip (out);
}

/* The values of every TYPE parameter, lower case, without the ones that
 * say nothing a person would call a label. */
static GPtrArray *
attribute_types (EVCardAttribute *attr)
{
  GPtrArray *types = g_ptr_array_new_with_free_func (g_free);

  for (GList *p = e_vcard_attribute_get_params (attr); p != NULL; p = p->next)
    {
      EVCardAttributeParam *param = p->data;

      if (g_ascii_strcasecmp (e_vcard_attribute_param_get_name (param), "TYPE") != 0)
        continue;
      for (GList *v = e_vcard_attribute_param_get_values (param); v != NULL; v = v->next)
        {
          g_auto(GStrv) parts = g_strsplit (v->data, ",", -1);

          for (guint i = 0; parts[i] != NULL; i++)
            {
              char *type = g_ascii_strdown (g_strstrip (parts[i]), -1);

              if (*type == '\0' || g_str_equal (type, "pref") || g_str_equal (type, "internet") ||
                  g_str_equal (type, "x400") || g_str_equal (type, "voice") ||
                  g_ptr_array_find_with_equal_func (types, type, g_str_equal, NULL))
                g_free (type);
              else
                g_ptr_array_add (types, type);
            }
        }
    }
  return types;
}

/* Apple writes its standard labels as _$!<Mobile>!$_ */
static char *
apple_label (const char *label)
{
  static const struct { const char *apple; const char *label; } known[] = {
    { "Mobile", "mobile" }, { "iPhone", "mobile" }, { "Home", "home" }, { "Work", "work" },
    { "Other", "other" }, { "Main", "main" }, { "Pager", "pager" },
    { "HomeFAX", "home fax" }, { "WorkFAX", "work fax" }, { "OtherFAX", "fax" },
  };
  g_autofree char *text = strip_text (label);

  if (g_str_has_prefix (text, "_$!<") && g_str_has_suffix (text, ">!$_"))
    {
      g_autofree char *inner = g_strndup (text + 4, strlen (text) - 8);

      for (guint i = 0; i < G_N_ELEMENTS (known); i++)
        if (g_ascii_strcasecmp (inner, known[i].apple) == 0)
          return g_strdup (known[i].label);
      return g_steal_pointer (&inner);
    }
  return g_steal_pointer (&text);
}

static char *
contact_label (EVCardAttribute *attr,
               GHashTable      *group_labels)
{
  const char *group = e_vcard_attribute_get_group (attr);
  const char *label = group ? g_hash_table_lookup (group_labels, group) : NULL;
  g_autoptr(GPtrArray) types = NULL;
  GString *out;

  if (label != NULL)
    return apple_label (label);

  types = attribute_types (attr);
  out = g_string_new (NULL);
  for (guint i = 0; i < types->len; i++)
    {
      const char *type = g_ptr_array_index (types, i);

      if (g_str_equal (type, "cell") || g_str_equal (type, "iphone"))
        type = "mobile";
      if (strstr (out->str, type) != NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, type);
    }
  return g_string_free (out, FALSE);
}

/* @values joined with @separator, leaving out empty ones. */
static char *
join_values (GList      *values,
             const char *separator)
{
  GString *out = g_string_new (NULL);

  for (GList *v = values; v != NULL; v = v->next)
    {
      g_autofree char *text = strip_text (v->data);

      if (*text == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, text);
    }
  return g_string_free (out, FALSE);
}

/* A text value EVCard split on a semicolon nobody escaped, put back. */
static char *
join_text (GList *values)
{
  GString *out = g_string_new (NULL);

  for (GList *v = values; v != NULL; v = v->next)
    {
      if (v != values)
        g_string_append_c (out, ';');
      g_string_append (out, v->data ? v->data : "");
    }
  {
    g_autofree char *joined = g_string_free (out, FALSE);
    return strip_text (joined);
  }
}

static const char *
nth_value (GList *values,
           guint  n)
{
  const char *value = g_list_nth_data (values, n);
  return value ? value : "";
}

static gboolean
digits_at (const char *text,
           guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* Every date form the exporters write, to 1984-03-21 or --03-21; NULL
 * when it is not a date. */
static char *
parse_birthday (const char *text)
{
  g_autofree char *value = strip_text (text);
  const char *v = value;
  char year[5] = { 0 }, month[3] = { 0 }, day[3] = { 0 };
  gboolean has_year = TRUE;
  const char *rest;
  g_autofree char *out = NULL;

  if (*v == '\0')
    return g_strdup ("");

  if (g_str_has_prefix (v, "--"))
    {
      has_year = FALSE;
      v += 2;
      if (digits_at (v, 2) && v[2] == '-' && digits_at (v + 3, 2))
        rest = v + 5, memcpy (month, v, 2), memcpy (day, v + 3, 2);
      else if (digits_at (v, 4))
        rest = v + 4, memcpy (month, v, 2), memcpy (day, v + 2, 2);
      else
        return NULL;
    }
  else if (digits_at (v, 4) && v[4] == '-' && digits_at (v + 5, 2) && v[7] == '-' && digits_at (v + 8, 2))
    rest = v + 10, memcpy (year, v, 4), memcpy (month, v + 5, 2), memcpy (day, v + 8, 2);
  else if (digits_at (v, 8))
    rest = v + 8, memcpy (year, v, 4), memcpy (month, v + 4, 2), memcpy (day, v + 6, 2);
  else
    return NULL;

  /* A time of day may follow; nothing else may. */
  if (*rest != '\0' && *rest != 'T' && *rest != 't')
    return NULL;

  /* Apple's way of saying "no year". */
  if (has_year && g_str_equal (year, "1604"))
    has_year = FALSE;

  if (!g_date_valid_dmy ((GDateDay) atoi (day), (GDateMonth) atoi (month),
                         has_year ? (GDateYear) atoi (year) : 2000))
    return NULL;

  if (has_year)
    out = g_strdup_printf ("%s-%s-%s", year, month, day);
  else
    out = g_strdup_printf ("--%s-%s", month, day);
  return g_steal_pointer (&out);
}

static gboolean
is_dropped_property (const char *name)
{
  static const char * const dropped[] = { "VERSION", "PRODID", "REV", "LABEL" };

  for (guint i = 0; i < G_N_ELEMENTS (dropped); i++)
    if (g_ascii_strcasecmp (name, dropped[i]) == 0)
      return TRUE;
  return FALSE;
}

/* One property as a content line, the way it is kept and written back:
 * EVCard writes it (escaped, as vCard 3.0 would have it), this unfolds. */
static char *
attribute_to_line (EVCardAttribute *attr)
{
  g_autoptr(EVCard) scratch = e_vcard_new ();
  EVCardAttribute *copy = e_vcard_attribute_copy (attr);
  g_autofree char *text = NULL;
  GString *out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  /* Its values are decoded already, and will be written as UTF-8. */
  e_vcard_attribute_remove_param (copy, "CHARSET");
  e_vcard_append_attribute (scratch, copy);
  text = e_vcard_to_string (scratch, EVC_FORMAT_VCARD_30);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (line[0] == ' ' || line[0] == '\t')
        g_string_append (out, line + 1);
      else if (g_ascii_strncasecmp (line, "BEGIN:", 6) == 0 ||
               g_ascii_strncasecmp (line, "END:", 4) == 0 ||
               g_ascii_strncasecmp (line, "VERSION:", 8) == 0)
        continue;
      else
        {
          if (out->len > 0)
            g_string_append (out, "\r\n");
          g_string_append (out, line);
        }
    }
  return g_string_free (out, FALSE);
}

static void
add_contact (GPtrArray  *values,
             const char *label,
             const char *value)
{
  for (guint i = 0; i < values->len; i++)
    {
      RegLabeledValue *known = g_ptr_array_index (values, i);

      if (g_str_equal (known->value, value))
        return;
    }
  g_ptr_array_add (values, reg_labeled_value_new (label, value));
}

/* Turns one card's EVCard into a customer. FALSE, with the problem
 * recorded, when the card cannot become one. */
static gboolean
parse_card (ImportJob   *job,
            CardText    *card,
            EVCard      *vcard,
            ParsedCard  *parsed,
            GError     **error,
            gboolean    *failed)
{
  GList *attrs = e_vcard_get_attributes (vcard);
  g_autoptr(GHashTable) group_labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) used_groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_labeled_value_free);
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_labeled_value_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) extra_attrs = g_ptr_array_new ();
  g_autofree char *display_name = NULL;
  g_autofree char *name_from_n = NULL;
  RegCustomer *customer;
  gboolean has_address = FALSE;
  gboolean lines_match;
  guint index = 0;

  *failed = FALSE;
  parsed->customer = customer = reg_customer_new ();
  parsed->crib_notes = g_ptr_array_new_with_free_func (g_free);
  parsed->extras = g_ptr_array_new_with_free_func (g_free);
  parsed->email_lines = g_ptr_array_new ();

  /* EVCard keeps the file's order: the nth attribute is the nth line. */
  lines_match = g_list_length (attrs) == card->lines->len;

  /* EVCard decodes quoted-printable to bytes and converts them only from
   * a character set it knows, so "=C3" alone, or Latin-1 bytes with no
   * CHARSET, stay as they are; and it reads its own values as UTF-8
   * (e_vcard_to_string runs past the end of one that ends in half a
   * character). Nothing that is not UTF-8 goes further. */
  for (GList *l = attrs; l != NULL; l = l->next, index++)
    {
      EVCardAttribute *attr = l->data;

      for (GList *v = e_vcard_attribute_get_values (attr); v != NULL; v = v->next)
        if (!g_utf8_validate (v->data, -1, NULL))
          {
            guint line_no = lines_match ? g_array_index (card->line_nos, guint, index) : card->begin_line;

            *failed = TRUE;
            return card_failed (job, line_no, card->number, e_vcard_attribute_get_name (attr),
                                g_strdup (_("The quoted-printable text is not valid in the character set "
                                            "the card names (UTF-8 when it names none)")),
                                error);
          }
    }
  index = 0;

  for (GList *l = attrs; l != NULL; l = l->next)
    {
      EVCardAttribute *attr = l->data;
      const char *group = e_vcard_attribute_get_group (attr);

      if (group != NULL && g_ascii_strcasecmp (e_vcard_attribute_get_name (attr), "X-ABLabel") == 0)
        g_hash_table_insert (group_labels, (gpointer) group, (gpointer) nth_value (e_vcard_attribute_get_values (attr), 0));
    }

  for (GList *l = attrs; l != NULL; l = l->next, index++)
    {
      EVCardAttribute *attr = l->data;
      const char *name = e_vcard_attribute_get_name (attr);
      const char *group = e_vcard_attribute_get_group (attr);
      GList *values = e_vcard_attribute_get_values (attr);
      guint line_no = lines_match ? g_array_index (card->line_nos, guint, index) : card->begin_line;

      if (g_ascii_strcasecmp (name, "FN") == 0)
        {
          /* Not a structured value: a semicolon was text someone forgot to escape. */
          g_autofree char *fn = join_text (values);

          if (display_name == NULL && *fn != '\0')
            display_name = g_steal_pointer (&fn), parsed->fn_line = line_no;
        }
      else if (g_ascii_strcasecmp (name, "N") == 0)
        {
          g_autofree char *family = strip_text (nth_value (values, 0));
          g_autofree char *given = strip_text (nth_value (values, 1));
          g_autofree char *additional = strip_text (nth_value (values, 2));

          if (*additional != '\0')
            {
              char *joined = *given ? g_strconcat (given, " ", additional, NULL) : g_strdup (additional);
              g_free (given);
              given = joined;
            }
          reg_customer_set_family_name (customer, family);
          reg_customer_set_given_name (customer, given);
          /* A second N (it happens) replaces the first, as the setters do. */
          g_free (name_from_n);
          name_from_n = g_strstrip (g_strconcat (given, " ", family, NULL));
        }
      else if (g_ascii_strcasecmp (name, "ORG") == 0)
        {
          g_autofree char *company = join_values (values, ", ");
          reg_customer_set_company (customer, company);
        }
      else if (g_ascii_strcasecmp (name, "TEL") == 0 || g_ascii_strcasecmp (name, "EMAIL") == 0)
        {
          gboolean is_email = g_ascii_strcasecmp (name, "EMAIL") == 0;
          g_autofree char *value = join_values (values, is_email ? "" : " ");
          g_autofree char *label = NULL;
          const char *v = value;

          if (*v == '\0')
            continue;
          if (!is_email && g_ascii_strncasecmp (v, "tel:", 4) == 0)
            v += 4;
          if (is_email && g_ascii_strncasecmp (v, "mailto:", 7) == 0)
            v += 7;
          label = contact_label (attr, group_labels);
          add_contact (is_email ? emails : phones, label, v);
          if (is_email)
            g_ptr_array_add (parsed->email_lines, GUINT_TO_POINTER (line_no));
          if (group != NULL)
            g_hash_table_add (used_groups, (gpointer) group);
        }
      else if (g_ascii_strcasecmp (name, "ADR") == 0 && !has_address)
        {
          g_autofree char *street = NULL;
          GList *box_ext_street = NULL;
          g_autofree char *locality = strip_text (nth_value (values, 3));
          g_autofree char *region = strip_text (nth_value (values, 4));
          g_autofree char *code = strip_text (nth_value (values, 5));
          g_autofree char *country = strip_text (nth_value (values, 6));

          /* The post office box and extended address are rare; keep them
           * in the street rather than lose them. */
          box_ext_street = g_list_append (box_ext_street, (gpointer) nth_value (values, 0));
          box_ext_street = g_list_append (box_ext_street, (gpointer) nth_value (values, 1));
          box_ext_street = g_list_append (box_ext_street, (gpointer) nth_value (values, 2));
          street = join_values (box_ext_street, ", ");
          g_list_free (box_ext_street);

          reg_customer_set_street (customer, street);
          reg_customer_set_locality (customer, locality);
          reg_customer_set_region (customer, region);
          reg_customer_set_postal_code (customer, code);
          reg_customer_set_country (customer, country);
          has_address = TRUE;
          if (group != NULL)
            g_hash_table_add (used_groups, (gpointer) group);
        }
      else if (g_ascii_strcasecmp (name, "BDAY") == 0)
        {
          g_autofree char *birthday = parse_birthday (nth_value (values, 0));

          if (birthday == NULL)
            {
              *failed = TRUE;
              return card_failed (job, line_no, card->number, "BDAY",
                                  g_strdup_printf (_("“%s” is not a date; use one like 1984-03-21"),
                                                   nth_value (values, 0)),
                                  error);
            }
          reg_customer_set_birthday (customer, birthday);
          parsed->bday_line = line_no;
        }
      else if (g_ascii_strcasecmp (name, "NOTE") == 0)
        {
          g_autofree char *note = join_text (values);

          if (*note != '\0')
            g_ptr_array_add (parsed->crib_notes, g_steal_pointer (&note));
        }
      else if (g_ascii_strcasecmp (name, "CATEGORIES") == 0)
        {
          for (GList *v = values; v != NULL; v = v->next)
            {
              char *tag = strip_text (v->data);

              if (*tag == '\0' || g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL))
                g_free (tag);
              else
                g_ptr_array_add (tags, tag);
            }
        }
      else if (!is_dropped_property (name))
        g_ptr_array_add (extra_attrs, attr);
    }

  for (guint i = 0; i < extra_attrs->len; i++)
    {
      EVCardAttribute *attr = g_ptr_array_index (extra_attrs, i);
      const char *group = e_vcard_attribute_get_group (attr);

      /* The label of a phone or email is in the phone's label now. */
      if (group != NULL && g_hash_table_contains (used_groups, group) &&
          g_ascii_strcasecmp (e_vcard_attribute_get_name (attr), "X-ABLabel") == 0)
        continue;
      g_ptr_array_add (parsed->extras, attribute_to_line (attr));
    }

  if (display_name == NULL && name_from_n != NULL && *name_from_n != '\0')
    display_name = g_steal_pointer (&name_from_n);
  if (display_name == NULL && *reg_customer_get_company (customer) != '\0')
    display_name = g_strdup (reg_customer_get_company (customer));
  if (display_name == NULL && emails->len > 0)
    display_name = g_strdup (((RegLabeledValue *) g_ptr_array_index (emails, 0))->value);
  if (display_name == NULL && phones->len > 0)
    display_name = g_strdup (((RegLabeledValue *) g_ptr_array_index (phones, 0))->value);
  if (display_name == NULL)
    {
      *failed = TRUE;
      return card_failed (job, card->begin_line, card->number, "FN",
                          g_strdup (_("The card has no name, company, email or phone number")),
                          error);
    }

  reg_customer_set_display_name (customer, display_name);
  reg_customer_set_phones (customer, phones);
  reg_customer_set_emails (customer, emails);
  g_ptr_array_add (tags, NULL);
  reg_customer_set_tags (customer, (const char * const *) tags->pdata);
  g_ptr_array_add (parsed->crib_notes, NULL);
  g_ptr_array_add (parsed->extras, NULL);

  /* What the model refuses, said with the line it came from. */
  {
    g_autoptr(GError) invalid = NULL;

    if (!reg_customer_validate (customer, &invalid))
      {
        guint line_no = card->begin_line;
        const char *field = NULL;

        for (guint i = 0; i < emails->len; i++)
          {
            g_autoptr(RegCustomer) probe = reg_customer_new ();
            RegLabeledValue *email = g_ptr_array_index (emails, i);

            reg_customer_set_display_name (probe, "-");
            reg_customer_add_email (probe, email->label, email->value);
            if (!reg_customer_validate (probe, NULL))
              {
                field = "EMAIL";
                if (i < parsed->email_lines->len)
                  line_no = GPOINTER_TO_UINT (g_ptr_array_index (parsed->email_lines, i));
                break;
              }
          }
        *failed = TRUE;
        return card_failed (job, line_no, card->number, field, g_strdup (invalid->message), error);
      }
  }

  return TRUE;
}

/* Parameters between @p and @end, each ;NAME=value or vCard 2.1's bare
 * ;VALUE: names of letters, digits and dashes, as EVCard expects. An
 * unquoted value with an "=" of its own is refused: EVCard 3.46 takes
 * the text before it for another parameter's name and leaks the first
 * (TYPE=A=B). Quoted, as in LABEL="a=b", it is read as it is. */
static gboolean
params_are_valid (const char *p,
                  const char *end)
{
  while (p < end)
    {
      gboolean quoted = FALSE;

      if (*p != ';')
        return FALSE;
      p++;
      if (p == end || *p == ';')
        return FALSE;
      while (p < end && *p != '=' && *p != ';')
        {
          if (!g_ascii_isalnum (*p) && *p != '-')
            return FALSE;
          p++;
        }
      if (p < end && *p == '=')
        {
          for (p++; p < end && (quoted || *p != ';'); p++)
            if (*p == '"')
              quoted = !quoted;
            else if (*p == '=' && !quoted)
              return FALSE;
        }
    }
  return TRUE;
}

/* Google writes "http\\://"; RFC 6350 escapes only backslash, comma,
 * semicolon and newline. Any other escaped character stands for itself
 * (as EVCard would take it, with a warning per card). */
static void
append_line_for_evcard (GString    *text,
                        const char *line,
                        gsize       head)
{
  const char *value = line + head + 1;

  if (strchr (value, '\\') == NULL || head_has (line, head, "QUOTED-PRINTABLE"))
    {
      g_string_append (text, line);
      g_string_append (text, "\r\n");
      return;
    }

  g_string_append_len (text, line, (gssize) head + 1);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0' && strchr ("\\,;nN", p[1]) == NULL)
        continue;
      if (*p == '\\' && p[1] != '\0')
        g_string_append_c (text, *p++);
      else if (*p == '\\')
        continue;
      g_string_append_c (text, *p);
    }
  g_string_append (text, "\r\n");
}

/* Checks one card's lines and makes its text for EVCard: UTF-8, one line
 * per property. */
static char *
card_to_text (ImportJob  *job,
              CardText   *card,
              GError    **error,
              gboolean   *failed)
{
  GString *text = g_string_sized_new (card->size + 64);

  *failed = FALSE;
  g_string_append (text, "BEGIN:VCARD\r\n");

  for (guint i = 0; i < card->lines->len; i++)
    {
      char *line = g_ptr_array_index (card->lines, i);
      guint line_no = g_array_index (card->line_nos, guint, i);
      gsize head = value_offset (line);
      g_autofree char *converted = NULL;
      g_autofree char *name = NULL;
      const char *name_start = line;
      gsize name_len;

      if (head == (gsize) -1 || head == 0)
        {
          g_autofree char *shown = g_utf8_make_valid (line, MIN (strlen (line), 40));
          g_string_free (text, TRUE);
          *failed = TRUE;
          card_failed (job, line_no, card->number, NULL,
                       g_strdup_printf (_("“%s” is not a vCard property (a name, a colon, a value)"), shown),
                       error);
          return NULL;
        }

      /* The name, after an optional group. */
      name_len = strcspn (line, ";:");
      for (gsize k = 0; k < name_len; k++)
        if (line[k] == '.')
          name_start = line + k + 1;
      name_len -= (gsize) (name_start - line);
      name = g_strndup (name_start, name_len);
      /* Letters, digits and dashes, after at most one group: an empty
       * name or group is refused here (EVCard 3.46 leaks on them). */
      for (const char *p = line; p < name_start + name_len; p++)
        if ((!g_ascii_isalnum (*p) && *p != '-' && *p != '.') ||
            (*p == '.' && p != name_start - 1) ||
            name_len == 0 || name_start == line + 1)
          {
            g_autofree char *shown = g_utf8_make_valid (line, MIN (head, 40));
            g_string_free (text, TRUE);
            *failed = TRUE;
            card_failed (job, line_no, card->number, NULL,
                         g_strdup_printf (_("“%s” is not a vCard property name"), shown),
                         error);
            return NULL;
          }

      if (!params_are_valid (line + name_len + (gsize) (name_start - line), line + head))
        {
          g_autofree char *shown = g_utf8_make_valid (line, MIN (head, 60));
          g_string_free (text, TRUE);
          *failed = TRUE;
          card_failed (job, line_no, card->number, name,
                       g_strdup_printf (_("“%s” has a parameter that is not NAME=value"), shown),
                       error);
          return NULL;
        }

      if (!g_utf8_validate (line, -1, NULL))
        {
          /* Older exporters write 8-bit text in the character set they
           * name; quoted-printable text is converted by EVCard. */
          const char *charset = NULL;
          g_autofree char *upper_head = g_ascii_strup (line, (gssize) head);
          const char *at = strstr (upper_head, "CHARSET=");
          g_autofree char *charset_name = NULL;

          if (at != NULL)
            {
              gsize n = strcspn (at + 8, ";:");
              charset_name = g_strndup (line + (at - upper_head) + 8, n);
              g_strdelimit (charset_name, "\"", ' ');
              g_strstrip (charset_name);
              charset = charset_name;
            }
          if (charset != NULL)
            converted = g_convert (line + head + 1, -1, "UTF-8", charset, NULL, NULL, NULL);
          if (converted == NULL)
            {
              g_string_free (text, TRUE);
              *failed = TRUE;
              card_failed (job, line_no, card->number, name,
                           charset ? g_strdup_printf (_("The text is not valid %s"), charset)
                                   : g_strdup (_("The text is not UTF-8, and the card does not say "
                                                 "which character set it is in (CHARSET=…)")),
                           error);
              return NULL;
            }
          /* The head is ASCII; the CHARSET parameter goes, the value is UTF-8 now. */
          {
            g_autofree char *head_text = g_strndup (line, head);
            g_autofree char *upper = g_ascii_strup (head_text, -1);
            const char *param = strstr (upper, ";CHARSET=");

            if (param != NULL)
              {
                gsize from = (gsize) (param - upper);
                gsize to = from + 1 + strcspn (head_text + from + 1, ";");
                g_string_append_len (text, head_text, (gssize) from);
                g_string_append (text, head_text + to);
              }
            else
              g_string_append (text, head_text);
            g_string_append_c (text, ':');
            g_string_append (text, converted);
            g_string_append (text, "\r\n");
          }
          continue;
        }

      append_line_for_evcard (text, line, head);
    }

  g_string_append (text, "END:VCARD\r\n");
  return g_string_free (text, FALSE);
}

typedef struct
{
  ImportJob *job;
  RegStore  *bulk;
  GArray    *merged_ids;
} ImportRun;

static gboolean
has_contact (GPtrArray  *values,
             const char *value,
             gboolean    is_email)
{
  for (guint i = 0; i < values->len; i++)
    {
      RegLabeledValue *known = g_ptr_array_index (values, i);

      if (is_email ? g_ascii_strcasecmp (known->value, value) == 0 : g_str_equal (known->value, value))
        return TRUE;
    }
  return FALSE;
}

static void
fill_if_empty (RegCustomer  *existing,
               RegCustomer  *card,
               const char   *(*get) (RegCustomer *),
               void          (*set) (RegCustomer *, const char *))
{
  const char *value = get (card);

  if (*get (existing) == '\0' && value != NULL && *value != '\0')
    set (existing, value);
}

/* Merge: fill what the existing customer lacks, add what is new. */
static gboolean
merge_into (ImportRun   *run,
            gint64       existing_id,
            ParsedCard  *parsed,
            GError     **error)
{
  g_autoptr(RegCustomer) existing = reg_store_get_customer (run->bulk, existing_id, error);
  RegCustomer *card = parsed->customer;
  g_autoptr(GPtrArray) phones = NULL;
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) all_tags = NULL;
  const char * const *old_tags;
  const char * const *new_tags;

  if (existing == NULL)
    return FALSE;

  fill_if_empty (existing, card, reg_customer_get_given_name, reg_customer_set_given_name);
  fill_if_empty (existing, card, reg_customer_get_family_name, reg_customer_set_family_name);
  fill_if_empty (existing, card, reg_customer_get_company, reg_customer_set_company);
  fill_if_empty (existing, card, reg_customer_get_birthday, reg_customer_set_birthday);
  if (*reg_customer_get_street (existing) == '\0' && *reg_customer_get_locality (existing) == '\0' &&
      *reg_customer_get_postal_code (existing) == '\0')
    {
      /* An address is one thing: take all of it or none. */
      reg_customer_set_street (existing, reg_customer_get_street (card));
      reg_customer_set_locality (existing, reg_customer_get_locality (card));
      reg_customer_set_region (existing, reg_customer_get_region (card));
      reg_customer_set_postal_code (existing, reg_customer_get_postal_code (card));
      reg_customer_set_country (existing, reg_customer_get_country (card));
    }

  phones = g_ptr_array_copy (reg_customer_get_phones (existing), (GCopyFunc) reg_labeled_value_copy, NULL);
  g_ptr_array_set_free_func (phones, (GDestroyNotify) reg_labeled_value_free);
  emails = g_ptr_array_copy (reg_customer_get_emails (existing), (GCopyFunc) reg_labeled_value_copy, NULL);
  g_ptr_array_set_free_func (emails, (GDestroyNotify) reg_labeled_value_free);
  for (guint i = 0; i < reg_customer_get_phones (card)->len; i++)
    {
      RegLabeledValue *phone = g_ptr_array_index (reg_customer_get_phones (card), i);
      if (!has_contact (phones, phone->value, FALSE))
        g_ptr_array_add (phones, reg_labeled_value_copy (phone));
    }
  for (guint i = 0; i < reg_customer_get_emails (card)->len; i++)
    {
      RegLabeledValue *email = g_ptr_array_index (reg_customer_get_emails (card), i);
      if (!has_contact (emails, email->value, TRUE))
        g_ptr_array_add (emails, reg_labeled_value_copy (email));
    }
  reg_customer_set_phones (existing, phones);
  reg_customer_set_emails (existing, emails);

  old_tags = reg_customer_get_tags (existing);
  new_tags = reg_customer_get_tags (card);
  for (guint i = 0; old_tags != NULL && old_tags[i] != NULL; i++)
    g_strv_builder_add (tags, old_tags[i]);
  for (guint i = 0; new_tags != NULL && new_tags[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; old_tags != NULL && old_tags[j] != NULL && !known; j++)
        known = g_utf8_collate (old_tags[j], new_tags[i]) == 0 ||
                g_ascii_strcasecmp (old_tags[j], new_tags[i]) == 0;
      if (!known)
        g_strv_builder_add (tags, new_tags[i]);
    }
  all_tags = g_strv_builder_end (tags);
  reg_customer_set_tags (existing, (const char * const *) all_tags);

  if (!reg_store_save_customer (run->bulk, existing, error) ||
      !reg_store_add_customer_extras (run->bulk, existing_id,
                                      (const char * const *) parsed->crib_notes->pdata,
                                      (const char * const *) parsed->extras->pdata, error))
    return FALSE;

  for (guint i = 0; i < run->merged_ids->len; i++)
    if (g_array_index (run->merged_ids, gint64, i) == existing_id)
      return TRUE;
  g_array_append_val (run->merged_ids, existing_id);
  return TRUE;
}

/* The existing customer with one of the card's emails or phones, 0 for
 * none, -1 on error. */
static gint64
find_duplicate (ImportRun    *run,
                RegCustomer  *customer,
                const char  **matched,
                GError      **error)
{
  GPtrArray *emails = reg_customer_get_emails (customer);
  GPtrArray *phones = reg_customer_get_phones (customer);

  for (guint i = 0; i < emails->len; i++)
    {
      const char *value = ((RegLabeledValue *) g_ptr_array_index (emails, i))->value;
      gint64 id = reg_store_find_customer_by_contact (run->bulk, TRUE, value, error);

      if (id != 0)
        {
          *matched = value;
          return id;
        }
    }
  for (guint i = 0; i < phones->len; i++)
    {
      const char *value = ((RegLabeledValue *) g_ptr_array_index (phones, i))->value;
      gint64 id = reg_store_find_customer_by_contact (run->bulk, FALSE, value, error);

      if (id != 0)
        {
          *matched = value;
          return id;
        }
    }
  return 0;
}

static gboolean
import_card (ImportRun   *run,
             CardText    *card,
             GError     **error)
{
  ImportJob *job = run->job;
  g_autofree char *text = NULL;
  g_autoptr(EVCard) vcard = NULL;
  ParsedCard parsed = { 0 };
  const char *matched = NULL;
  gboolean failed;
  gint64 existing;
  gboolean ok = TRUE;

  if (card->too_large)
    return card_failed (job, card->begin_line, card->number, NULL,
                        g_strdup_printf (_("The card is larger than %u MB"), MAX_CARD_BYTES / (1024 * 1024)),
                        error);
  if (card->nul_line != 0)
    return card_failed (job, card->nul_line, card->number, NULL,
                        g_strdup (_("The card holds binary data (a zero byte), not text")), error);
  if (card->lines->len == 0)
    return card_failed (job, card->begin_line, card->number, NULL,
                        g_strdup (_("The card is empty")), error);

  if (!(text = card_to_text (job, card, error, &failed)))
    return !failed || job->options.keep_going;

  vcard = e_vcard_new_from_string (text);
  if (!parse_card (job, card, vcard, &parsed, error, &failed) || failed)
    {
      parsed_card_clear (&parsed);
      return !failed || job->options.keep_going;
    }

  existing = find_duplicate (run, parsed.customer, &matched, error);
  if (existing < 0)
    ok = FALSE;
  else if (existing > 0)
    {
      char *message;

      switch (job->options.duplicates)
        {
        case REG_VCARD_DUPLICATES_MERGE:
          message = g_strdup_printf (_("“%s” belongs to customer number %" G_GINT64_FORMAT " already; merged into it"),
                                     matched, existing);
          break;
        case REG_VCARD_DUPLICATES_IMPORT:
          message = g_strdup_printf (_("“%s” belongs to customer number %" G_GINT64_FORMAT " already; imported all the same"),
                                     matched, existing);
          break;
        case REG_VCARD_DUPLICATES_SKIP:
        default:
          message = g_strdup_printf (_("“%s” belongs to customer number %" G_GINT64_FORMAT " already; left out"),
                                     matched, existing);
          break;
        }
      add_problem (job, card->begin_line, card->number, NULL, existing, message);

      if (job->options.duplicates == REG_VCARD_DUPLICATES_MERGE)
        {
          ok = merge_into (run, existing, &parsed, error);
          if (ok)
            job->result->merged++;
        }
      else if (job->options.duplicates == REG_VCARD_DUPLICATES_SKIP)
        job->result->skipped++;
      else
        existing = 0;
    }

  if (ok && existing == 0)
    {
      ok = reg_store_import_customer (run->bulk, parsed.customer,
                                      (const char * const *) parsed.crib_notes->pdata,
                                      (const char * const *) parsed.extras->pdata, error);
      if (ok)
        job->result->imported++;
    }

  parsed_card_clear (&parsed);
  return ok;
}

static gboolean
stray_text (ImportJob   *job,
            guint        line_no,
            const char  *message,
            GError     **error)
{
  RegVcardProblem *problem = add_problem (job, line_no, 0, NULL, 0, g_strdup (message));

  if (job->options.keep_going)
    return TRUE;
  {
    g_autofree char *text = reg_vcard_problem_to_string (problem);
    g_set_error (error, REG_VCARD_ERROR, REG_VCARD_ERROR_MALFORMED, _("%s. Nothing was imported."), text);
  }
  return FALSE;
}

static gboolean
import_stream (ImportRun     *run,
               LineReader    *reader,
               guint64        total,
               GCancellable  *cancellable,
               GError       **error)
{
  ImportJob *job = run->job;
  g_autoptr(GString) line = g_string_sized_new (256);
  g_autoptr(GString) logical = g_string_sized_new (256);
  CardText card = { 0 };
  gboolean in_card = FALSE;
  gboolean logical_qp = FALSE;
  guint logical_line = 0;
  guint n_cards = 0;
  gboolean any_text = FALSE;
  gboolean ok = TRUE;
  gboolean too_long;

  card.lines = g_ptr_array_new_with_free_func (g_free);
  card.line_nos = g_array_new (FALSE, FALSE, sizeof (guint));

  while (ok && line_reader_next (reader, line, MAX_CARD_BYTES, &too_long))
    {
      const char *text = line->str;
      gsize len = line->len;

      /* A byte order mark says UTF-8 and nothing more. */
      if (reader->line_no == 1 && len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
        text += 3, len -= 3;

      if (!in_card)
        {
          if (is_keyword_line (text, len, "BEGIN:VCARD"))
            {
              in_card = TRUE;
              card_text_reset (&card, ++n_cards, reader->line_no);
              g_string_truncate (logical, 0);
              logical_qp = FALSE;
              continue;
            }
          if (is_keyword_line (text, len, ""))
            continue;

          if (n_cards == 0)
            {
              gboolean binary = memchr (text, '\0', len) != NULL || !g_utf8_validate (text, (gssize) len, NULL);
              g_autofree char *name = g_filename_display_name (job->path);

              if (binary)
                g_set_error (error, REG_VCARD_ERROR, REG_VCARD_ERROR_NOT_VCARD,
                             _("“%s” is not a vCard file: it holds binary data, not text. Nothing was imported."),
                             name);
              else
                g_set_error (error, REG_VCARD_ERROR, REG_VCARD_ERROR_NOT_VCARD,
                             _("“%s” is not a vCard file: line %u should be BEGIN:VCARD. Nothing was imported."),
                             name, reader->line_no);
              ok = FALSE;
              any_text = TRUE;
              break;
            }
          any_text = TRUE;
          ok = stray_text (job, reader->line_no, _("Text outside any card (between END:VCARD and BEGIN:VCARD)"), error);
          continue;
        }

      /* In a card. */
      if (too_long)
        card.too_large = TRUE;

      if (logical->len > 0 && logical_qp && logical->str[logical->len - 1] == '=' &&
          !is_keyword_line (text, len, "END:VCARD"))
        {
          /* vCard 2.1 quoted-printable soft line break */
          g_string_truncate (logical, logical->len - 1);
          g_string_append_len (logical, text, (gssize) len);
          continue;
        }
      if (logical->len > 0 && len > 0 && (text[0] == ' ' || text[0] == '\t'))
        {
          g_string_append_len (logical, text + 1, (gssize) len - 1);
          if (logical->len > MAX_CARD_BYTES)
            {
              card.too_large = TRUE;
              g_string_truncate (logical, 0);
            }
          continue;
        }

      card_text_add (&card, logical, logical_line);
      g_string_truncate (logical, 0);

      if (is_keyword_line (text, len, "END:VCARD"))
        {
          in_card = FALSE;
          ok = import_card (run, &card, error);
          if (ok && n_cards % PROGRESS_EVERY == 0)
            {
              if (job->options.progress)
                job->options.progress (reader->offset, total, n_cards, job->options.progress_data);
              if (g_cancellable_set_error_if_cancelled (cancellable, error))
                ok = FALSE;
            }
          continue;
        }
      if (is_keyword_line (text, len, "BEGIN:VCARD"))
        {
          /* The card before never ended. */
          guint begin = reader->line_no;

          ok = card_failed (job, card.begin_line, card.number, NULL,
                            g_strdup_printf (_("The card has no END:VCARD before the next BEGIN:VCARD on line %u"), begin),
                            error);
          card_text_reset (&card, ++n_cards, begin);
          continue;
        }
      if (len == 0)
        continue;

      g_string_append_len (logical, text, (gssize) len);
      logical_line = reader->line_no;
      {
        gsize head = value_offset (logical->str);
        logical_qp = head != (gsize) -1 && head_has (logical->str, head, "QUOTED-PRINTABLE");
      }
    }

  if (ok && reader->read_errno != 0)
    {
      g_autofree char *name = g_filename_display_name (job->path);
      g_set_error (error, REG_VCARD_ERROR, REG_VCARD_ERROR_FAILED,
                   _("Could not read “%s”: %s. Nothing was imported."), name, g_strerror (reader->read_errno));
      ok = FALSE;
    }
  if (ok && in_card)
    ok = card_failed (job, card.begin_line, card.number, NULL,
                      g_strdup (_("The card has no END:VCARD: the file ends in the middle of it")),
                      error);
  if (ok && n_cards == 0)
    {
      g_autofree char *name = g_filename_display_name (job->path);

      if (any_text)
        g_set_error (error, REG_VCARD_ERROR, REG_VCARD_ERROR_NOT_VCARD,
                     _("“%s” is not a vCard file: it has no BEGIN:VCARD. Nothing was imported."), name);
      else
        g_set_error (error, REG_VCARD_ERROR, REG_VCARD_ERROR_EMPTY,
                     _("“%s” is empty: there are no contacts in it."), name);
      ok = FALSE;
    }
  if (ok && job->options.progress)
    job->options.progress (reader->offset, total, n_cards, job->options.progress_data);

  g_ptr_array_unref (card.lines);
  g_array_unref (card.line_nos);
  return ok;
}

static gboolean
import_in_bulk (RegStore      *bulk,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  ImportJob *job = data;
  g_autoptr(GArray) merged_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ImportRun run = { job, bulk, merged_ids };
  LineReader reader = { 0 };
  g_autofree char *buffer = NULL;
  struct stat st;
  gint64 first_id = 0;
  gboolean ok;

  reader.file = g_fopen (job->path, "rb");
  if (reader.file == NULL)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (job->path);
      g_set_error (error, REG_VCARD_ERROR, REG_VCARD_ERROR_FAILED,
                   _("Could not open “%s”: %s."), name, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fileno (reader.file), &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_autofree char *name = g_filename_display_name (job->path);
      fclose (reader.file);
      g_set_error (error, REG_VCARD_ERROR, REG_VCARD_ERROR_FAILED,
                   _("Could not open “%s”: it is a folder."), name);
      return FALSE;
    }
  reader.buffer = buffer = g_malloc (READ_CHUNK);

  ok = reg_store_import_begin (bulk, &first_id, error) &&
       import_stream (&run, &reader, (guint64) st.st_size, cancellable, error) &&
       reg_store_import_end (bulk, first_id, merged_ids, error);

  fclose (reader.file);
  return ok;
}

static ImportJob *
import_job_new (const char                  *path,
                const RegVcardImportOptions *options)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  job->path = g_strdup (path);
  if (options)
    job->options = *options;
  job->options.duplicates = CLAMP (job->options.duplicates, REG_VCARD_DUPLICATES_SKIP, REG_VCARD_DUPLICATES_IMPORT);
  reg_vcard_import_result_init (&job->own_result);
  job->result = &job->own_result;
  return job;
}

static void
reset_counts_on_failure (RegVcardImportResult *result)
{
  /* Rolled back: nothing was imported, merged or skipped. */
  result->imported = 0;
  result->merged = 0;
  result->skipped = 0;
}

gboolean
reg_vcard_import (RegStore                    *store,
                  const char                  *path,
                  const RegVcardImportOptions *options,
                  RegVcardImportResult        *result,
                  GCancellable                *cancellable,
                  GError                     **error)
{
  ImportJob *job;
  gboolean ok;

  g_return_val_if_fail (REG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = import_job_new (path, options);
  ok = reg_store_run_bulk (store, import_in_bulk, job, cancellable, error);
  if (!ok)
    reset_counts_on_failure (job->result);
  if (result)
    {
      *result = job->own_result;
      reg_vcard_import_result_init (&job->own_result);
    }
  import_job_free (job);
  return ok;
}

static void
import_done (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (reg_store_run_bulk_finish (REG_STORE (source), res, &error))
    g_task_return_boolean (task, TRUE);
  else
    {
      reset_counts_on_failure (((ImportJob *) g_task_get_task_data (task))->result);
      g_task_return_error (task, error);
    }
}

void
reg_vcard_import_async (RegStore                    *store,
                        const char                  *path,
                        const RegVcardImportOptions *options,
                        GCancellable                *cancellable,
                        GAsyncReadyCallback          callback,
                        gpointer                     user_data)
{
  GTask *task;
  ImportJob *job;

  g_return_if_fail (REG_IS_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, reg_vcard_import_async);
  job = import_job_new (path, options);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  /* The job lives as long as the task, which outlives the bulk work. */
  reg_store_run_bulk_async (store, import_in_bulk, job, NULL, cancellable, import_done, task);
}

gboolean
reg_vcard_import_finish (RegStore              *store,
                         GAsyncResult          *res,
                         RegVcardImportResult  *result,
                         GError               **error)
{
  ImportJob *job;

  g_return_val_if_fail (g_task_is_valid (res, store), FALSE);

  job = g_task_get_task_data (G_TASK (res));
  if (result)
    {
      *result = job->own_result;
      reg_vcard_import_result_init (&job->own_result);
    }
  return g_task_propagate_boolean (G_TASK (res), error);
}

/* ------------------------------------------------------------------ */
/* Export                                                               */

/* Escapes a text value (RFC 6350 3.4): backslash, comma, semicolon and
 * newlines. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case ',':  g_string_append (out, "\\,"); break;
        case ';':  g_string_append (out, "\\;"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': break;
        default:   g_string_append_c (out, *p); break;
        }
    }
}

/* Writes @line folded at 75 octets, never inside a UTF-8 sequence. */
static void
append_folded (GString    *out,
               const char *line,
               gsize       len)
{
  gsize width = 0;

  for (gsize i = 0; i < len; )
    {
      gsize n = 1;

      while (i + n < len && ((guchar) line[i + n] & 0xc0) == 0x80)
        n++;
      if (width + n > 75)
        {
          g_string_append (out, "\r\n ");
          width = 1;
        }
      g_string_append_len (out, line + i, (gssize) n);
      width += n;
      i += n;
    }
  g_string_append (out, "\r\n");
}

static void
end_line (GString *out,
          GString *line)
{
  append_folded (out, line->str, line->len);
  g_string_truncate (line, 0);
}

static const char * const phone_types[] = { "home", "work", "cell", "fax", "pager", "voice", "text",
                                            "video", "textphone", "main", "other", NULL };
static const char * const email_types[] = { "home", "work", "other", NULL };

/* A label made of words vCard knows becomes TYPE=…; any other label is
 * written Apple's way, itemN.X-ABLabel, which this importer reads. */
static void
append_contact (GString         *out,
                GString         *line,
                const char      *property,
                RegLabeledValue *value,
                const char * const *known,
                guint           *item)
{
  g_auto(GStrv) words = g_strsplit (value->label ? value->label : "", " ", -1);
  g_autoptr(GString) types = g_string_new (NULL);
  gboolean all_known = TRUE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = g_ascii_strdown (words[i], -1);

      if (*word == '\0')
        continue;
      if (g_str_equal (word, "mobile"))
        {
          g_free (word);
          word = g_strdup ("cell");
        }
      if (!g_strv_contains (known, word))
        {
          all_known = FALSE;
          break;
        }
      if (types->len > 0)
        g_string_append_c (types, ',');
      g_string_append (types, word);
    }

  if (all_known)
    {
      g_string_append (line, property);
      if (types->len > 0)
        g_string_append_printf (line, ";TYPE=%s", types->str);
      g_string_append_c (line, ':');
      append_escaped (line, value->value);
      end_line (out, line);
    }
  else
    {
      ++*item;
      g_string_append_printf (line, "item%u.%s:", *item, property);
      append_escaped (line, value->value);
      end_line (out, line);
      g_string_append_printf (line, "item%u.X-ABLabel:", *item);
      append_escaped (line, value->label);
      end_line (out, line);
    }
}

static char *
stable_uid (RegCustomer *customer)
{
  g_autofree char *seed = g_strdup_printf ("regulars:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                           reg_customer_get_id (customer),
                                           reg_customer_get_created_at (customer));
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);

  /* Shaped as a name-based (version 5) UUID. */
  return g_strdup_printf ("urn:uuid:%.8s-%.4s-5%.3s-%c%.3s-%.12s",
                          hex, hex + 8, hex + 13, "89ab"[g_ascii_xdigit_value (hex[16]) & 3], hex + 17, hex + 20);
}

static void
append_card (GString         *out,
             RegCustomer     *customer,
             const char * const *crib_notes,
             const char * const *extras,
             RegVcardVersion  version)
{
  g_autoptr(GString) line = g_string_sized_new (128);
  const char *birthday = reg_customer_get_birthday (customer);
  const char * const *tags = reg_customer_get_tags (customer);
  GPtrArray *phones = reg_customer_get_phones (customer);
  GPtrArray *emails = reg_customer_get_emails (customer);
  gboolean has_uid = FALSE;
  guint item = 0;

  for (guint i = 0; extras != NULL && extras[i] != NULL; i++)
    if (g_ascii_strncasecmp (extras[i], "UID:", 4) == 0 || g_ascii_strncasecmp (extras[i], "UID;", 4) == 0)
      has_uid = TRUE;
  /* Kept itemN groups keep their numbers; ours come after. */
  for (guint i = 0; extras != NULL && extras[i] != NULL; i++)
    if (g_ascii_strncasecmp (extras[i], "item", 4) == 0)
      item = MAX (item, (guint) g_ascii_strtoull (extras[i] + 4, NULL, 10));

  g_string_append (out, "BEGIN:VCARD\r\n");
  g_string_append (out, version == REG_VCARD_VERSION_3_0 ? "VERSION:3.0\r\n" : "VERSION:4.0\r\n");
  g_string_append (out, "PRODID:-//Regulars//Regulars " PACKAGE_VERSION "//EN\r\n");
  if (!has_uid)
    {
      g_autofree char *uid = stable_uid (customer);
      g_string_append_printf (line, "UID:%s", uid);
      end_line (out, line);
    }

  g_string_append (line, "FN:");
  append_escaped (line, reg_customer_get_display_name (customer));
  end_line (out, line);

  g_string_append (line, "N:");
  append_escaped (line, reg_customer_get_family_name (customer));
  g_string_append_c (line, ';');
  append_escaped (line, reg_customer_get_given_name (customer));
  g_string_append (line, ";;;");
  end_line (out, line);

  if (*reg_customer_get_company (customer) != '\0')
    {
      g_string_append (line, "ORG:");
      append_escaped (line, reg_customer_get_company (customer));
      end_line (out, line);
    }

  for (guint i = 0; i < phones->len; i++)
    append_contact (out, line, "TEL", g_ptr_array_index (phones, i), phone_types, &item);
  for (guint i = 0; i < emails->len; i++)
    append_contact (out, line, "EMAIL", g_ptr_array_index (emails, i), email_types, &item);

  if (*reg_customer_get_street (customer) != '\0' || *reg_customer_get_locality (customer) != '\0' ||
      *reg_customer_get_region (customer) != '\0' || *reg_customer_get_postal_code (customer) != '\0' ||
      *reg_customer_get_country (customer) != '\0')
    {
      g_string_append (line, "ADR:;;");
      append_escaped (line, reg_customer_get_street (customer));
      g_string_append_c (line, ';');
      append_escaped (line, reg_customer_get_locality (customer));
      g_string_append_c (line, ';');
      append_escaped (line, reg_customer_get_region (customer));
      g_string_append_c (line, ';');
      append_escaped (line, reg_customer_get_postal_code (customer));
      g_string_append_c (line, ';');
      append_escaped (line, reg_customer_get_country (customer));
      end_line (out, line);
    }

  if (*birthday != '\0')
    {
      /* vCard 4.0 dates are ISO 8601 basic: 19840321, --0321. */
      if (version == REG_VCARD_VERSION_4_0)
        {
          if (g_str_has_prefix (birthday, "--"))
            g_string_append_printf (line, "BDAY:--%.2s%.2s", birthday + 2, birthday + 5);
          else
            g_string_append_printf (line, "BDAY:%.4s%.2s%.2s", birthday, birthday + 5, birthday + 8);
        }
      else
        g_string_append_printf (line, "BDAY:%s", birthday);
      end_line (out, line);
    }

  if (tags != NULL && tags[0] != NULL)
    {
      g_string_append (line, "CATEGORIES:");
      for (guint i = 0; tags[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (line, ',');
          append_escaped (line, tags[i]);
        }
      end_line (out, line);
    }

  for (guint i = 0; crib_notes != NULL && crib_notes[i] != NULL; i++)
    {
      g_string_append (line, "NOTE:");
      append_escaped (line, crib_notes[i]);
      end_line (out, line);
    }

  for (guint i = 0; extras != NULL && extras[i] != NULL; i++)
    {
      /* A kept property may be several lines (EVCard wrote it so). */
      g_auto(GStrv) parts = g_strsplit (extras[i], "\r\n", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        if (*parts[j] != '\0')
          append_folded (out, parts[j], strlen (parts[j]));
    }

  g_string_append (out, "END:VCARD\r\n");
}

#define EXPORT_PAGE 256

gboolean
reg_vcard_export (RegStore                *store,
                  const char              *path,
                  const RegCustomerQuery  *query,
                  RegVcardVersion          version,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_autoptr(RegCustomerQuery) all = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GString) out = g_string_sized_new (256 * 1024);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (REG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (query == NULL)
    query = all = reg_customer_query_new ();
  if (!(ids = reg_store_query_customer_ids (store, query, error)))
    return FALSE;

  file = g_file_new_for_path (path);
  /* Written beside it and moved into place: a failed export leaves any
   * earlier file as it was. */
  if (!(stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, &local_error)))
    goto failed;

  for (guint start = 0; start < ids->len; start += EXPORT_PAGE)
    {
      guint n = MIN (EXPORT_PAGE, ids->len - start);
      g_autoptr(GPtrArray) customers = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        goto failed;
      if (!(customers = reg_store_load_customers (store, &g_array_index (ids, gint64, start), n, &local_error)))
        goto failed;

      for (guint i = 0; i < customers->len; i++)
        {
          RegCustomer *customer = g_ptr_array_index (customers, i);
          g_auto(GStrv) notes = NULL;
          g_auto(GStrv) extras = NULL;

          if (!reg_store_get_customer_extras (store, reg_customer_get_id (customer), &notes, &extras, &local_error))
            goto failed;
          append_card (out, customer, (const char * const *) notes, (const char * const *) extras, version);
        }

      if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), out->str, out->len, NULL, cancellable, &local_error))
        goto failed;
      g_string_truncate (out, 0);
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error))
    goto failed;
  return TRUE;

failed:
  if (stream != NULL)
    {
      /* Closing a cancelled replace leaves the old file be. */
      g_autoptr(GCancellable) abort = g_cancellable_new ();
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
    }
  if (local_error->domain == G_IO_ERROR || local_error->domain == G_FILE_ERROR)
    {
      g_autofree char *name = g_filename_display_name (path);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, REG_VCARD_ERROR, REG_VCARD_ERROR_FAILED,
                     _("Could not write “%s”: %s"), name, local_error->message);
    }
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
