/* reg-json.c: a customer's data as JSON, for privacy requests
 *
 * Everything the shop holds about a customer, in one machine-readable
 * file: what a customer may ask for under data-protection law. All of
 * many customers are written one at a time to the stream, so that
 * 100,000 of them never sit in memory together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-json"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "reg-json.h"

/* ------------------------------------------------------------------ */
/* Members                                                              */

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value ? value : "");
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

/* An id of another row, a rating or a time; 0 is "none", written null. */
static void
add_int_or_null (JsonBuilder *b,
                 const char  *name,
                 gint64       value)
{
  json_builder_set_member_name (b, name);
  if (value == 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, value);
}

/* ISO 8601 in UTC, "2026-11-27T10:00:00Z"; null for none. */
static void
add_time (JsonBuilder *b,
          const char  *name,
          gint64       value)
{
  json_builder_set_member_name (b, name);
  if (value == 0)
    json_builder_add_null_value (b);
  else
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (value);
      g_autofree char *iso = utc ? g_date_time_format_iso8601 (utc) : NULL;

      if (iso != NULL)
        json_builder_add_string_value (b, iso);
      else
        json_builder_add_null_value (b);
    }
}

static void
add_enum (JsonBuilder *b,
          const char  *name,
          GType        type,
          int          value)
{
  add_string (b, name, reg_enum_to_nick (type, value));
}

static void
add_labeled_values (JsonBuilder *b,
                    const char  *name,
                    GPtrArray   *values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < values->len; i++)
    {
      RegLabeledValue *v = g_ptr_array_index (values, i);

      json_builder_begin_object (b);
      add_string (b, "label", v->label);
      add_string (b, "value", v->value);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* ------------------------------------------------------------------ */
/* One customer                                                         */

static void
add_customer (JsonBuilder *b,
              RegCustomer *c)
{
  const char * const *tags = reg_customer_get_tags (c);

  json_builder_set_member_name (b, "customer");
  json_builder_begin_object (b);
  add_int (b, "id", reg_customer_get_id (c));
  add_string (b, "display_name", reg_customer_get_display_name (c));
  add_string (b, "given_name", reg_customer_get_given_name (c));
  add_string (b, "family_name", reg_customer_get_family_name (c));
  add_string (b, "company", reg_customer_get_company (c));
  add_labeled_values (b, "phones", reg_customer_get_phones (c));
  add_labeled_values (b, "emails", reg_customer_get_emails (c));

  json_builder_set_member_name (b, "address");
  json_builder_begin_object (b);
  add_string (b, "street", reg_customer_get_street (c));
  add_string (b, "locality", reg_customer_get_locality (c));
  add_string (b, "region", reg_customer_get_region (c));
  add_string (b, "postal_code", reg_customer_get_postal_code (c));
  add_string (b, "country", reg_customer_get_country (c));
  json_builder_end_object (b);

  add_string (b, "birthday", reg_customer_get_birthday (c));
  add_enum (b, "kind", REG_TYPE_CUSTOMER_KIND, reg_customer_get_kind (c));
  add_bool (b, "internal", reg_customer_get_internal (c));
  add_bool (b, "vip", reg_customer_get_vip (c));
  add_int_or_null (b, "owner_id", reg_customer_get_owner_id (c));
  add_bool (b, "consent", reg_customer_get_consent (c));
  add_time (b, "consent_at", reg_customer_get_consent_at (c));

  json_builder_set_member_name (b, "tags");
  json_builder_begin_array (b);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_builder_add_string_value (b, tags[i]);
  json_builder_end_array (b);

  add_time (b, "created_at", reg_customer_get_created_at (c));
  add_time (b, "updated_at", reg_customer_get_updated_at (c));
  add_time (b, "last_contact_at", reg_customer_get_last_contact_at (c));
  add_time (b, "deleted_at", reg_customer_get_deleted_at (c));
  json_builder_end_object (b);
}

static void
add_crib_notes (JsonBuilder *b,
                GPtrArray   *notes)
{
  json_builder_set_member_name (b, "crib_notes");
  json_builder_begin_array (b);
  for (guint i = 0; i < notes->len; i++)
    {
      RegCribNote *n = g_ptr_array_index (notes, i);

      json_builder_begin_object (b);
      add_int (b, "id", reg_crib_note_get_id (n));
      add_int (b, "position", reg_crib_note_get_position (n));
      add_string (b, "text", reg_crib_note_get_text (n));
      add_time (b, "created_at", reg_crib_note_get_created_at (n));
      add_time (b, "updated_at", reg_crib_note_get_updated_at (n));
      add_time (b, "deleted_at", reg_crib_note_get_deleted_at (n));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_visits (JsonBuilder *b,
            GPtrArray   *visits)
{
  json_builder_set_member_name (b, "visits");
  json_builder_begin_array (b);
  for (guint i = 0; i < visits->len; i++)
    {
      RegVisit *v = g_ptr_array_index (visits, i);

      json_builder_begin_object (b);
      add_int (b, "id", reg_visit_get_id (v));
      add_time (b, "happened_at", reg_visit_get_happened_at (v));
      add_enum (b, "channel", REG_TYPE_CHANNEL, reg_visit_get_channel (v));
      add_int_or_null (b, "author_id", reg_visit_get_author_id (v));
      add_string (b, "text", reg_visit_get_text (v));
      add_int_or_null (b, "satisfaction", reg_visit_get_satisfaction (v));
      add_time (b, "created_at", reg_visit_get_created_at (v));
      add_time (b, "deleted_at", reg_visit_get_deleted_at (v));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_follow_ups (JsonBuilder *b,
                GPtrArray   *follow_ups)
{
  json_builder_set_member_name (b, "follow_ups");
  json_builder_begin_array (b);
  for (guint i = 0; i < follow_ups->len; i++)
    {
      RegFollowUp *f = g_ptr_array_index (follow_ups, i);

      json_builder_begin_object (b);
      add_int (b, "id", reg_follow_up_get_id (f));
      add_string (b, "promise", reg_follow_up_get_promise (f));
      add_time (b, "due_at", reg_follow_up_get_due_at (f));
      add_string (b, "due_zone", reg_follow_up_get_due_zone (f));
      add_enum (b, "status", REG_TYPE_FOLLOW_UP_STATUS, reg_follow_up_get_status (f));
      add_int_or_null (b, "assigned_to", reg_follow_up_get_assigned_to (f));
      add_int_or_null (b, "created_by", reg_follow_up_get_created_by (f));
      add_int_or_null (b, "visit_id", reg_follow_up_get_visit_id (f));
      add_time (b, "snoozed_until", reg_follow_up_get_snoozed_until (f));
      add_time (b, "done_at", reg_follow_up_get_done_at (f));
      add_time (b, "created_at", reg_follow_up_get_created_at (f));
      add_time (b, "updated_at", reg_follow_up_get_updated_at (f));
      add_time (b, "deleted_at", reg_follow_up_get_deleted_at (f));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_case_event (JsonBuilder  *b,
                RegCaseEvent *e)
{
  json_builder_begin_object (b);
  add_int (b, "id", reg_case_event_get_id (e));
  add_time (b, "at", reg_case_event_get_at (e));
  add_string (b, "kind", reg_case_event_get_kind (e));
  add_int_or_null (b, "actor_id", reg_case_event_get_actor_id (e));
  add_string (b, "from_status", reg_case_event_get_from_status (e));
  add_string (b, "to_status", reg_case_event_get_to_status (e));
  add_int_or_null (b, "staff_id", reg_case_event_get_staff_id (e));
  add_string (b, "team", reg_case_event_get_team (e));
  add_string (b, "text", reg_case_event_get_text (e));
  add_string (b, "channel", reg_case_event_get_channel (e));
  add_int_or_null (b, "visit_id", reg_case_event_get_visit_id (e));
  add_time (b, "due_at", reg_case_event_get_due_at (e));
  add_bool (b, "customer_told", reg_case_event_get_customer_told (e));
  add_int_or_null (b, "satisfaction", reg_case_event_get_satisfaction (e));
  json_builder_end_object (b);
}

static void
add_cases (JsonBuilder *b,
           GPtrArray   *cases,
           GPtrArray   *events)
{
  json_builder_set_member_name (b, "cases");
  json_builder_begin_array (b);
  for (guint i = 0; i < cases->len; i++)
    {
      RegCase *k = g_ptr_array_index (cases, i);

      json_builder_begin_object (b);
      add_int (b, "id", reg_case_get_id (k));
      add_string (b, "title", reg_case_get_title (k));
      add_string (b, "description", reg_case_get_description (k));
      add_enum (b, "severity", REG_TYPE_CASE_SEVERITY, reg_case_get_severity (k));
      add_enum (b, "status", REG_TYPE_CASE_STATUS, reg_case_get_status (k));
      add_int_or_null (b, "owner_id", reg_case_get_owner_id (k));
      add_int_or_null (b, "escalated_to_id", reg_case_get_escalated_to_id (k));
      add_string (b, "escalated_team", reg_case_get_escalated_team (k));
      add_time (b, "opened_at", reg_case_get_opened_at (k));
      add_time (b, "target_at", reg_case_get_target_at (k));
      add_time (b, "resolved_at", reg_case_get_resolved_at (k));
      add_time (b, "closed_at", reg_case_get_closed_at (k));
      add_string (b, "resolution", reg_case_get_resolution (k));
      add_bool (b, "customer_told", reg_case_get_customer_told (k));
      add_int_or_null (b, "satisfaction", reg_case_get_satisfaction (k));
      add_string (b, "satisfaction_comment", reg_case_get_satisfaction_comment (k));
      add_time (b, "updated_at", reg_case_get_updated_at (k));
      add_time (b, "deleted_at", reg_case_get_deleted_at (k));

      json_builder_set_member_name (b, "events");
      json_builder_begin_array (b);
      for (guint j = 0; j < events->len; j++)
        {
          RegCaseEvent *e = g_ptr_array_index (events, j);

          if (reg_case_event_get_case_id (e) == reg_case_get_id (k))
            add_case_event (b, e);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_staff (JsonBuilder *b,
           GPtrArray   *staff)
{
  json_builder_set_member_name (b, "staff");
  json_builder_begin_array (b);
  for (guint i = 0; i < staff->len; i++)
    {
      RegStaff *s = g_ptr_array_index (staff, i);

      json_builder_begin_object (b);
      add_int (b, "id", reg_staff_get_id (s));
      add_string (b, "name", reg_staff_get_name (s));
      add_string (b, "team", reg_staff_get_team (s));
      add_bool (b, "active", reg_staff_get_active (s));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* The customer as JSON text, ready to be written. */
static char *
record_to_json (RegCustomerRecord *record,
                const char        *exported_at)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  add_string (b, "format", REG_JSON_FORMAT);
  add_int (b, "format_version", REG_JSON_FORMAT_VERSION);
  add_string (b, "exported_at", exported_at);
  add_customer (b, record->customer);
  add_crib_notes (b, record->crib_notes);
  add_visits (b, record->visits);
  add_follow_ups (b, record->follow_ups);
  add_cases (b, record->cases, record->case_events);
  add_staff (b, record->staff);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
now_iso8601 (RegStore *store)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (reg_store_now (store));

  return g_date_time_format_iso8601 (now);
}

/* ------------------------------------------------------------------ */
/* The file                                                             */

/* The export is written to a private (0600) file beside @path, which
 * takes @path's place only once it is complete: a failed export leaves
 * nothing half-written, and never a readable copy. */
typedef struct
{
  char          *path;
  char          *tmp;
  GOutputStream *out;
} Output;

static void
output_free (Output *o)
{
  if (o->out != NULL)
    {
      /* Not complete: put nothing in place. */
      g_output_stream_close (o->out, NULL, NULL);
      g_clear_object (&o->out);
      g_unlink (o->tmp);
    }
  g_free (o->path);
  g_free (o->tmp);
  g_free (o);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Output, output_free)

static void
set_write_error (GError     **error,
                 const char  *path,
                 GError      *cause)
{
  g_set_error (error, cause ? cause->domain : G_IO_ERROR, cause ? cause->code : G_IO_ERROR_FAILED,
               _("Could not write “%s”: %s"), path, cause ? cause->message : "");
}

static Output *
output_open (const char  *path,
             GError     **error)
{
  g_autoptr(Output) o = g_new0 (Output, 1);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  int fd;

  o->path = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (o->path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Could not write “%s”: there is no folder “%s”."), o->path, dir);
      return NULL;
    }

  o->tmp = g_strconcat (o->path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (o->tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), o->path, g_strerror (saved_errno));
      g_clear_pointer (&o->tmp, g_free);
      return NULL;
    }
  close (fd);

  file = g_file_new_for_path (o->tmp);
  if (!(stream = g_file_append_to (file, G_FILE_CREATE_PRIVATE, NULL, &local_error)))
    {
      g_unlink (o->tmp);
      set_write_error (error, o->path, local_error);
      return NULL;
    }
  o->out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 64 * 1024);
  return g_steal_pointer (&o);
}

static gboolean
output_write (Output      *o,
              const char  *text,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_output_stream_write_all (o->out, text, strlen (text), NULL, NULL, &local_error))
    {
      set_write_error (error, o->path, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
output_finish (Output  *o,
               GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean closed = g_output_stream_close (o->out, NULL, &local_error);

  g_clear_object (&o->out);
  if (!closed)
    {
      g_unlink (o->tmp);
      set_write_error (error, o->path, local_error);
      return FALSE;
    }
  if (g_rename (o->tmp, o->path) != 0)
    {
      int saved_errno = errno;
      g_unlink (o->tmp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), o->path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */

/**
 * reg_json_export_customer:
 *
 * Writes everything held about customer @customer_id (in the trash or
 * not) to @path as one JSON object. An existing file at @path is
 * replaced, once the new one is complete.
 */
gboolean
reg_json_export_customer (RegStore    *store,
                          gint64       customer_id,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(RegCustomerRecord) record = NULL;
  g_autoptr(Output) out = NULL;
  g_autofree char *exported_at = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (REG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(record = reg_store_get_customer_record (store, customer_id, error)))
    return FALSE;

  exported_at = now_iso8601 (store);
  text = record_to_json (record, exported_at);
  return (out = output_open (path, error)) != NULL &&
         output_write (out, text, error) &&
         output_write (out, "\n", error) &&
         output_finish (out, error);
}

/* The customers @query finds, in its order, as a JSON array of the
 * objects reg_json_export_customer() writes, one at a time. */
gboolean
reg_json_export_query (RegStore               *store,
                       const RegCustomerQuery *query,
                       const char             *path,
                       GError                **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(Output) out = NULL;
  g_autofree char *exported_at = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (REG_IS_STORE (store), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(out = output_open (path, error)))
    return FALSE;

  /* One moment's customers, even if another desk writes meanwhile. */
  if (!reg_store_begin_snapshot (store, error))
    return FALSE;

  exported_at = now_iso8601 (store);
  if (!(ids = reg_store_query_customer_ids (store, query, error)) ||
      !output_write (out, "[", error))
    goto done;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RegCustomerRecord) record = NULL;
      g_autofree char *text = NULL;

      if (!(record = reg_store_get_customer_record (store, g_array_index (ids, gint64, i), error)))
        goto done;
      text = record_to_json (record, exported_at);
      if (!output_write (out, i > 0 ? ",\n" : "\n", error) ||
          !output_write (out, text, error))
        goto done;
    }

  ok = output_write (out, "\n]\n", error);

done:
  reg_store_end_snapshot (store);
  return ok && output_finish (out, error);
}

/**
 * reg_json_export_all:
 *
 * Every live customer (not those in the trash), by name, as a JSON
 * array of the objects reg_json_export_customer() writes.
 */
gboolean
reg_json_export_all (RegStore    *store,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();

  return reg_json_export_query (store, query, path, error);
}
