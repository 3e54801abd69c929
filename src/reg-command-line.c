/* reg-command-line.c: what `regulars --search` and friends print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-command-line.h"

void
reg_command_line_add_options (GApplication *app)
{
  const GOptionEntry entries[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Use this database file instead of the usual one"), N_("PATH") },
    { "search", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("Print the customers that match TEXT: id, name, company, phone"), N_("TEXT") },
    { "due", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Print the open follow-ups that are due now or earlier"), NULL },
    { "sample-data", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, NULL,
      N_("Fill an empty database with N made-up customers, to try Regulars"), N_("N") },
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
         g_variant_dict_contains (options, "sample-data");
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

static int
print_due (RegStore                *store,
           GApplicationCommandLine *cmdline)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;

  if (!(due = reg_store_list_open_follow_ups (store, reg_store_now (store), &error)))
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

/* @cmdline is NULL when the command runs here, with no instance of the
 * application to forward it to. */
int
reg_command_line_run (RegStore                *store,
                      GApplicationCommandLine *cmdline,
                      GVariantDict            *options)
{
  const char *search = NULL;
  int n = 0;

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
  if (g_variant_dict_contains (options, "due"))
    return print_due (store, cmdline);

  return 0;
}
