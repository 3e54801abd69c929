/* reg-command-line.c: what `regulars --search` and friends print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "reg-command-line.h"
#include "exchange/reg-exchange.h"
#include "exchange/reg-json.h"

void
reg_command_line_add_options (GApplication *app)
{
  const GOptionEntry entries[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Use this database file instead of the usual one"), N_("PATH") },
    { "search", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("Print the customers that match TEXT: id, name, company, phone"), N_("TEXT") },
    { "due", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("Print the open follow-ups due now, or by TIME; with --add-follow-up, when it is due"),
      N_("[TIME]") },
    { "add-follow-up", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT64, NULL,
      N_("Promise customer ID a follow-up, with --due TIME and --promise TEXT"), N_("ID") },
    { "promise", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("What was promised, for --add-follow-up"), N_("TEXT") },
    { "done", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT64, NULL,
      N_("Mark follow-up ID as done"), N_("ID") },
    { "cases", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Print the open complaints: id, customer, title, severity, status, owner, age, past target"), NULL },
    { "sample-data", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, NULL,
      N_("Fill an empty database with N made-up customers, to try Regulars"), N_("N") },
    { "backup", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Copy the database to FILE, which must not exist yet"), N_("FILE") },
    { "restore", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Replace the database with the backup FILE, keeping a copy of it first"), N_("FILE") },
    { "erase-customer", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT64, NULL,
      N_("Erase customer ID and everything about them for good"), N_("ID") },
    { "import", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Add the customers in FILE (.vcf or .csv): all of them, or none if one is broken"), N_("FILE") },
    { "duplicates", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("With --import, what to do with a customer whose email or phone is already known: "
         "merge (the default), skip or import"), N_("WHAT") },
    { "keep-going", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("With --import, add the good records and list the broken ones"), NULL },
    { "export", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Write every customer to FILE (.json, .vcf, .csv or .ics)"), N_("FILE") },
    { "vcard-3", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("With --export FILE.vcf, write vCard 3.0 for older address books instead of 4.0"), NULL },
    { "customer", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT64, NULL,
      N_("With --export FILE.json, write everything held about customer ID only"), N_("ID") },
    { NULL }
  };

  g_application_add_main_option_entries (app, entries);
}

/* Whether the command line asks for output rather than the window. */
gboolean
reg_command_line_wants_store_only (GVariantDict *options)
{
  return g_variant_dict_contains (options, "search") ||
         g_variant_dict_contains (options, "due") ||
         g_variant_dict_contains (options, "add-follow-up") ||
         g_variant_dict_contains (options, "done") ||
         g_variant_dict_contains (options, "cases") ||
         g_variant_dict_contains (options, "sample-data") ||
         g_variant_dict_contains (options, "backup") ||
         g_variant_dict_contains (options, "restore") ||
         g_variant_dict_contains (options, "erase-customer") ||
         g_variant_dict_contains (options, "import") ||
         g_variant_dict_contains (options, "duplicates") ||
         g_variant_dict_contains (options, "keep-going") ||
         g_variant_dict_contains (options, "export") ||
         g_variant_dict_contains (options, "vcard-3") ||
         g_variant_dict_contains (options, "customer");
}

/* `--due` with no time after it prints what is due now: GOption wants a
 * value for an option that may take one, so an empty one is put in. */
void
reg_command_line_fix_arguments (char **argv)
{
  for (guint i = 1; argv != NULL && argv[i] != NULL; i++)
    if (g_str_equal (argv[i], "--due") && (argv[i + 1] == NULL || argv[i + 1][0] == '-'))
      {
        g_free (argv[i]);
        argv[i] = g_strdup ("--due=");
      }
}

/* To the caller's terminal: the remote one through @cmdline when the
 * command was forwarded to a running instance, or our own. */
static void G_GNUC_PRINTF (3, 4)
say (GApplicationCommandLine *cmdline,
     gboolean                 to_stderr,
     const char              *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  if (cmdline != NULL && to_stderr)
    g_application_command_line_printerr (cmdline, "%s", text);
  else if (cmdline != NULL)
    g_application_command_line_print (cmdline, "%s", text);
  else if (to_stderr)
    g_printerr ("%s", text);
  else
    g_print ("%s", text);
}

static char *
staff_name (RegStore *store,
            gint64    id)
{
  g_autoptr(RegStaff) staff = NULL;

  if (id == 0 || !(staff = reg_store_get_staff (store, id, NULL)))
    return g_strdup ("");
  return g_strdup (reg_staff_get_name (staff));
}

/* Tabs and newlines in a field would break the columns. */
static char *
field (const char *text)
{
  char *copy = g_strdup (text ? text : "");

  for (char *p = copy; *p; p++)
    if (*p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';
  return copy;
}

static int
print_search (RegStore                *store,
              GApplicationCommandLine *cmdline,
              const char              *text)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;

  query->search = g_strdup (text);
  if (!(ids = reg_store_query_customer_ids (store, query, &error)) ||
      !(customers = reg_store_load_customers (store, (gint64 *) (gpointer) ids->data, ids->len, &error)))
    {
      say (cmdline, TRUE, "%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < customers->len; i++)
    {
      RegCustomer *customer = g_ptr_array_index (customers, i);
      GPtrArray *phones = reg_customer_get_phones (customer);
      g_autofree char *name = field (reg_customer_get_display_name (customer));
      g_autofree char *company = field (reg_customer_get_company (customer));
      g_autofree char *phone = field (phones->len > 0 ? ((RegLabeledValue *) g_ptr_array_index (phones, 0))->value : "");

      say (cmdline, FALSE, "%" G_GINT64_FORMAT "\t%s\t%s\t%s\n",
                                        reg_customer_get_id (customer), name, company, phone);
    }
  return 0;
}

/* A time as a person writes it: 2026-11-27T10:00 or 2026-11-27 10:00 in
 * local time (or with an offset), or a date alone for 09:00 that day. */
static gboolean
parse_time (const char *text,
            gint64     *when)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *iso = g_strstrip (g_strdup (text));

  if (strlen (iso) == 10)
    {
      char *with_time = g_strconcat (iso, "T09:00:00", NULL);
      g_free (iso);
      iso = with_time;
    }
  else if (strlen (iso) > 10 && iso[10] == ' ')
    iso[10] = 'T';

  /* GLib wants seconds; people leave them out. */
  if (strlen (iso) >= 16 && iso[13] == ':' && strchr ("+-Z", iso[16]) != NULL)
    {
      char *with_seconds = g_strdup_printf ("%.16s:00%s", iso, iso + 16);
      g_free (iso);
      iso = with_seconds;
    }

  if (!(parsed = g_date_time_new_from_iso8601 (iso, local)))
    return FALSE;
  *when = g_date_time_to_unix (parsed);
  return TRUE;
}

static char *
format_local (gint64 when)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (when);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

static int
add_follow_up (RegStore                *store,
               GApplicationCommandLine *cmdline,
               GVariantDict            *options,
               gint64                   staff_id)
{
  g_autoptr(RegFollowUp) follow_up = reg_follow_up_new ();
  g_autoptr(RegCustomer) customer = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *when = NULL;
  const char *due = NULL, *promise = NULL;
  gint64 customer_id = 0, due_at = 0;

  g_variant_dict_lookup (options, "add-follow-up", "x", &customer_id);
  g_variant_dict_lookup (options, "due", "&s", &due);
  g_variant_dict_lookup (options, "promise", "&s", &promise);

  customer = reg_store_get_customer (store, customer_id, NULL);
  if (customer == NULL || reg_customer_get_trashed (customer))
    {
      say (cmdline, TRUE, _("--add-follow-up: there is no customer number %" G_GINT64_FORMAT "\n"), customer_id);
      return 1;
    }
  if (due == NULL || *due == '\0')
    {
      say (cmdline, TRUE, _("--add-follow-up: say when it is due with --due, such as --due 2026-11-27T10:00\n"));
      return 1;
    }
  if (!parse_time (due, &due_at))
    {
      say (cmdline, TRUE, _("--due: “%s” is not a date and time such as 2026-11-27T10:00\n"), due);
      return 1;
    }

  reg_follow_up_set_customer_id (follow_up, customer_id);
  reg_follow_up_set_promise (follow_up, promise != NULL ? promise : "");
  reg_follow_up_set_due_at (follow_up, due_at);
  reg_follow_up_set_due_zone (follow_up, g_time_zone_get_identifier (local));
  reg_follow_up_set_created_by (follow_up, staff_id);
  reg_follow_up_set_assigned_to (follow_up, staff_id);
  if (!reg_store_save_follow_up (store, follow_up, &error))
    {
      say (cmdline, TRUE, "--add-follow-up: %s\n", error->message);
      return 1;
    }

  when = format_local (due_at);
  /* Translators: the new follow-up's number, the customer, when it is due, the promise */
  say (cmdline, FALSE, _("Follow-up %" G_GINT64_FORMAT " for %s, due %s: %s\n"),
       reg_follow_up_get_id (follow_up), reg_customer_get_display_name (customer), when,
       reg_follow_up_get_promise (follow_up));
  return 0;
}

static int
mark_done (RegStore                *store,
           GApplicationCommandLine *cmdline,
           gint64                   id)
{
  g_autoptr(RegFollowUp) follow_up = reg_store_get_follow_up (store, id, NULL);
  g_autoptr(GError) error = NULL;

  if (follow_up == NULL || reg_follow_up_get_deleted_at (follow_up) != 0)
    {
      say (cmdline, TRUE, _("--done: there is no follow-up number %" G_GINT64_FORMAT "\n"), id);
      return 1;
    }
  if (reg_follow_up_get_status (follow_up) != REG_FOLLOW_UP_STATUS_OPEN)
    {
      say (cmdline, TRUE, _("--done: follow-up %" G_GINT64_FORMAT " is not open; it was already done or cancelled\n"), id);
      return 1;
    }
  if (!reg_store_set_follow_up_status (store, follow_up, REG_FOLLOW_UP_STATUS_DONE, &error))
    {
      say (cmdline, TRUE, "--done: %s\n", error->message);
      return 1;
    }

  say (cmdline, FALSE, _("Follow-up %" G_GINT64_FORMAT " is done\n"), id);
  return 0;
}

static int
print_due (RegStore                *store,
           GApplicationCommandLine *cmdline,
           const char              *by)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = reg_store_now (store);

  if (by != NULL && *by != '\0' && !parse_time (by, &before))
    {
      say (cmdline, TRUE, _("--due: “%s” is not a date and time such as 2026-11-27T10:00\n"), by);
      return 1;
    }

  if (!(due = reg_store_list_open_follow_ups (store, before, &error)))
    {
      say (cmdline, TRUE, "%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < due->len; i++)
    {
      RegFollowUp *follow_up = g_ptr_array_index (due, i);
      g_autoptr(RegCustomer) customer = reg_store_get_customer (store, reg_follow_up_get_customer_id (follow_up), NULL);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (reg_follow_up_get_effective_due_at (follow_up));
      g_autofree char *iso = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S%:z");
      g_autofree char *name = field (customer ? reg_customer_get_display_name (customer) : "");
      g_autofree char *promise = field (reg_follow_up_get_promise (follow_up));
      g_autofree char *staff = staff_name (store, reg_follow_up_get_assigned_to (follow_up));
      g_autofree char *staff_field = field (staff);

      say (cmdline, FALSE, "%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n",
                                        reg_follow_up_get_id (follow_up), iso, name, promise, staff_field);
    }
  return 0;
}

/* "3d4h", "5h", "12m": how long a case has been open. */
static char *
format_age (gint64 seconds)
{
  gint64 minutes = MAX (seconds, 0) / 60;
  gint64 hours = minutes / 60;
  gint64 days = hours / 24;

  if (days > 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "d%" G_GINT64_FORMAT "h", days, hours % 24);
  if (hours > 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "h", hours);
  return g_strdup_printf ("%" G_GINT64_FORMAT "m", minutes);
}

/* One line per open complaint, the nearest target first; the fields are
 * separated by tabs, as for --due. */
static int
print_cases (RegStore                *store,
             GApplicationCommandLine *cmdline)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = reg_store_now (store);

  if (!(cases = reg_store_list_open_cases (store, &error)))
    {
      say (cmdline, TRUE, "%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < cases->len; i++)
    {
      RegCase *kase = g_ptr_array_index (cases, i);
      g_autoptr(RegCustomer) customer = reg_store_get_customer (store, reg_case_get_customer_id (kase), NULL);
      g_autofree char *name = field (customer ? reg_customer_get_display_name (customer) : "");
      g_autofree char *title = field (reg_case_get_title (kase));
      g_autofree char *owner = staff_name (store, reg_case_get_owner_id (kase));
      g_autofree char *owner_field = field (owner);
      g_autofree char *age = format_age (now - reg_case_get_opened_at (kase));

      say (cmdline, FALSE, "%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
           reg_case_get_id (kase), name, title,
           reg_enum_to_nick (REG_TYPE_CASE_SEVERITY, reg_case_get_severity (kase)),
           reg_enum_to_nick (REG_TYPE_CASE_STATUS, reg_case_get_status (kase)),
           owner_field, age, reg_case_is_past_target (kase, now) ? "yes" : "no");
    }
  return 0;
}

static int
fill_sample_data (RegStore                *store,
                  GApplicationCommandLine *cmdline,
                  int                      n)
{
  g_autoptr(GError) error = NULL;

  if (n <= 0)
    {
      say (cmdline, TRUE, _("--sample-data: give a number of customers above 0, not %d\n"), n);
      return 1;
    }
  if (reg_store_count_customers (store) > 0)
    {
      say (cmdline, TRUE, _("--sample-data: “%s” already has customers; sample data only goes into an empty database\n"),
                                           reg_store_get_path (store));
      return 1;
    }
  if (!reg_store_fill_sample_data (store, (guint) n, 10, 1, NULL, &error))
    {
      say (cmdline, TRUE, "%s\n", error->message);
      return 1;
    }

  say (cmdline, FALSE, _("Added %d sample customers to %s\n"), n, reg_store_get_path (store));
  return 0;
}

/* Backups, restoring, exports and erasing ------------------------------ */

/* A file named on the command line, relative to where it was run. */
static char *
file_arg (GApplicationCommandLine *cmdline,
          const char              *arg)
{
  g_autoptr(GFile) file = cmdline ? g_application_command_line_create_file_for_arg (cmdline, arg)
                                  : g_file_new_for_commandline_arg (arg);

  return g_file_get_path (file);
}

static int
make_backup (RegStore                *store,
             GApplicationCommandLine *cmdline,
             const char              *path)
{
  g_autoptr(GError) error = NULL;

  if (!reg_store_backup (store, path, FALSE, &error))
    {
      say (cmdline, TRUE, "--backup: %s\n", error->message);
      return 1;
    }
  /* Translators: the database, then the backup file */
  say (cmdline, FALSE, _("Backed up %s to %s\n"), reg_store_get_path (store), path);
  return 0;
}

static int
restore (RegStore                *store,
         GApplicationCommandLine *cmdline,
         const char              *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  if (!reg_store_restore (store, path, NULL, &kept, &error))
    {
      say (cmdline, TRUE, "--restore: %s\n", error->message);
      return 1;
    }
  /* Translators: the database, the file it was restored from, and the
   * backup of what it held before */
  say (cmdline, FALSE, _("Restored %s from %s; what it held before is kept in %s\n"),
       reg_store_get_path (store), path, kept);
  return 0;
}

static int
erase_customer (RegStore                *store,
                GApplicationCommandLine *cmdline,
                gint64                   id)
{
  g_autoptr(RegCustomer) customer = reg_store_get_customer (store, id, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (customer == NULL)
    {
      say (cmdline, TRUE, _("--erase-customer: there is no customer number %" G_GINT64_FORMAT "\n"), id);
      return 1;
    }
  name = g_strdup (reg_customer_get_display_name (customer));
  g_clear_object (&customer);

  if (!reg_store_erase_customer (store, id, &error))
    {
      say (cmdline, TRUE, "--erase-customer: %s\n", error->message);
      return 1;
    }
  say (cmdline, FALSE, _("Customer %" G_GINT64_FORMAT " (%s) was erased for good\n"), id, name);
  return 0;
}

/* --export FILE: every live customer, in the format the name ends with;
 * with --customer ID, everything held about that one customer (JSON). */
static int
export (RegStore                *store,
        GApplicationCommandLine *cmdline,
        GVariantDict            *options,
        const char              *path)
{
  g_autoptr(GError) error = NULL;
  gint64 customer_id = 0;
  gboolean one = g_variant_dict_lookup (options, "customer", "x", &customer_id);
  gboolean ok;

  if (one && reg_exchange_format_for_path (path) != REG_EXCHANGE_FORMAT_JSON)
    {
      say (cmdline, TRUE, _("--customer: one customer's data is exported as JSON; name the file like customer.json, not %s\n"),
           path);
      return 1;
    }

  if (g_variant_dict_contains (options, "vcard-3") && reg_exchange_format_for_path (path) != REG_EXCHANGE_FORMAT_VCARD)
    {
      say (cmdline, TRUE, _("--vcard-3: vCard 3.0 is written to a .vcf file, not %s\n"), path);
      return 1;
    }

  if (one)
    ok = reg_json_export_customer (store, customer_id, path, &error);
  else if (g_variant_dict_contains (options, "vcard-3"))
    ok = reg_exchange_export_file_as (store, path, REG_EXCHANGE_FORMAT_VCARD_3, NULL, NULL, &error);
  else
    ok = reg_exchange_export_file (store, path, NULL, NULL, &error);

  if (!ok)
    {
      say (cmdline, TRUE, "--export: %s\n", error->message);
      return 1;
    }
  if (one)
    say (cmdline, FALSE, _("Exported customer %" G_GINT64_FORMAT " to %s\n"), customer_id, path);
  else
    say (cmdline, FALSE, _("Exported to %s\n"), path);
  return 0;
}

/* --import FILE [--duplicates WHAT] [--keep-going] */
static int
import (RegStore                *store,
        GApplicationCommandLine *cmdline,
        GVariantDict            *options,
        const char              *path)
{
  static const char * const duplicate_names[] = { "merge", "skip", "import" };
  RegImportOptions import_options = { 0, };
  RegImportSummary summary;
  g_autoptr(GError) error = NULL;
  const char *duplicates = NULL;
  gboolean ok;

  if (g_variant_dict_lookup (options, "duplicates", "&s", &duplicates))
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (duplicate_names); i++)
        if (g_strcmp0 (duplicates, duplicate_names[i]) == 0)
          break;
      if (i == G_N_ELEMENTS (duplicate_names))
        {
          say (cmdline, TRUE, _("--duplicates: “%s” is not one of merge, skip or import\n"), duplicates);
          return 1;
        }
      import_options.duplicates = (RegExchangeDuplicates) i;
    }
  import_options.keep_going = g_variant_dict_contains (options, "keep-going");

  ok = reg_exchange_import_file (store, path, &import_options, &summary, NULL, &error);
  if (ok)
    {
      /* The error, on failure, names the record at fault already. */
      for (guint i = 0; i < summary.problems->len; i++)
        say (cmdline, TRUE, "%s\n", (const char *) g_ptr_array_index (summary.problems, i));
      for (guint i = 0; i < summary.duplicates->len; i++)
        say (cmdline, FALSE, "%s\n", (const char *) g_ptr_array_index (summary.duplicates, i));
      /* Translators: four counts, then the file */
      say (cmdline, FALSE, _("Imported %u, merged %u, skipped %u, failed %u from %s\n"),
           summary.imported, summary.merged, summary.skipped, summary.failed, path);
    }
  else
    {
      say (cmdline, TRUE, "--import: %s\n", error->message);
      if (reg_exchange_error_is_bad_record (error))
        say (cmdline, TRUE, _("--import: add --keep-going to import the good records and list the broken ones\n"));
    }
  reg_import_summary_clear (&summary);
  return ok ? 0 : 1;
}

/* -1 when none of these was asked for. */
static int
run_file_commands (RegStore                *store,
                   GApplicationCommandLine *cmdline,
                   GVariantDict            *options)
{
  const char *arg = NULL;
  gint64 id = 0;
  int status = -1;

  if (g_variant_dict_lookup (options, "backup", "^&ay", &arg))
    {
      g_autofree char *path = file_arg (cmdline, arg);
      if ((status = make_backup (store, cmdline, path)) != 0)
        return status;
    }
  if (g_variant_dict_lookup (options, "restore", "^&ay", &arg))
    {
      g_autofree char *path = file_arg (cmdline, arg);
      if ((status = restore (store, cmdline, path)) != 0)
        return status;
    }
  if (g_variant_dict_lookup (options, "erase-customer", "x", &id))
    {
      if ((status = erase_customer (store, cmdline, id)) != 0)
        return status;
    }
  if (g_variant_dict_lookup (options, "import", "^&ay", &arg))
    {
      g_autofree char *path = file_arg (cmdline, arg);
      if ((status = import (store, cmdline, options, path)) != 0)
        return status;
    }
  else if (g_variant_dict_contains (options, "duplicates") || g_variant_dict_contains (options, "keep-going"))
    {
      say (cmdline, TRUE, _("--duplicates and --keep-going go with --import FILE\n"));
      return 1;
    }
  if (g_variant_dict_lookup (options, "export", "^&ay", &arg))
    {
      g_autofree char *path = file_arg (cmdline, arg);
      if ((status = export (store, cmdline, options, path)) != 0)
        return status;
    }
  else if (g_variant_dict_contains (options, "customer"))
    {
      say (cmdline, TRUE, _("--customer: say where to write it with --export FILE.json\n"));
      return 1;
    }
  else if (g_variant_dict_contains (options, "vcard-3"))
    {
      say (cmdline, TRUE, _("--vcard-3: say where to write it with --export FILE.vcf\n"));
      return 1;
    }
  return status;
}

/* @cmdline is NULL when the command runs here, with no instance of the
 * application to forward it to. */
int
reg_command_line_run (RegStore                *store,
                      GApplicationCommandLine *cmdline,
                      GVariantDict            *options,
                      gint64                   staff_id)
{
  const char *search = NULL, *due = NULL;
  gint64 done = 0;
  int n = 0;
  int file_status;

  if ((file_status = run_file_commands (store, cmdline, options)) >= 0)
    return file_status;

  if (g_variant_dict_lookup (options, "sample-data", "i", &n))
    {
      int status = fill_sample_data (store, cmdline, n);
      if (status != 0)
        return status;
    }
  if (g_variant_dict_lookup (options, "search", "&s", &search))
    {
      int status = print_search (store, cmdline, search);
      if (status != 0)
        return status;
    }
  if (g_variant_dict_contains (options, "add-follow-up"))
    return add_follow_up (store, cmdline, options, staff_id);
  if (g_variant_dict_lookup (options, "done", "x", &done))
    return mark_done (store, cmdline, done);
  if (g_variant_dict_lookup (options, "due", "&s", &due))
    {
      int status = print_due (store, cmdline, due);
      if (status != 0 || !g_variant_dict_contains (options, "cases"))
        return status;
    }
  if (g_variant_dict_contains (options, "cases"))
    return print_cases (store, cmdline);

  return 0;
}
