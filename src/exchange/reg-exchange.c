/* reg-exchange.c: export to a file, in the format its name ends with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "reg-exchange.h"
#include "reg-json.h"

/* ".json" for "Shop Export.JSON"; NULL when the name has no extension. */
static char *
file_extension (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');

  if (dot == NULL || dot == base || dot[1] == '\0')
    return NULL;
  return g_ascii_strdown (dot, -1);
}

gboolean
reg_exchange_export_file (RegStore               *store,
                          const char             *path,
                          const RegCustomerQuery *query,
                          GError                **error)
{
  g_autofree char *extension = NULL;

  g_return_val_if_fail (REG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  extension = file_extension (path);

  if (g_strcmp0 (extension, ".json") == 0)
    return query != NULL ? reg_json_export_query (store, query, path, error)
                         : reg_json_export_all (store, path, error);

  /* The other formats add their branches here. */

  if (extension == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("“%s”: Regulars cannot tell what kind of file to write; "
                   "end its name with .vcf, .csv, .ics or .json."), path);
  else
    /* Translators: the file, then its extension, such as ".xyz" */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("“%s”: Regulars cannot write %s files; use .vcf, .csv, .ics or .json."),
                 path, extension);
  return FALSE;
}
