/* reg-fold.c: folded text for search and sorting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-fold"

#include "config.h"

#include <string.h>

#include "reg-fold.h"

/* Lower-case, without accents, so that "zoe" finds "Zoë" and "lukasz"
 * finds "Łukasz". SQLite 3.40's trigram tokenizer folds case but cannot
 * remove diacritics (that came in 3.45), so Regulars folds text itself,
 * both what it indexes and what it searches for. */
char *
reg_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  /* Most text is plain ASCII: lower-casing is all it needs. */
  {
    const char *p = text;

    while (*p != '\0' && (guchar) *p < 0x80)
      p++;
    if (*p == '\0')
      return g_ascii_strdown (text, p - text);
  }

  /* Letters that do not decompose into base + mark. */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;

      switch (c)
        {
        case 0x0141: case 0x0142: c = 'l'; break;          /* Ł ł */
        case 0x00D8: case 0x00F8: c = 'o'; break;          /* Ø ø */
        case 0x0110: case 0x0111: c = 'd'; break;          /* Đ đ */
        case 0x0131: c = 'i'; break;                       /* ı */
        case 0x00DF: g_string_append (out, "ss"); continue; /* ß */
        case 0x00C6: case 0x00E6: g_string_append (out, "ae"); continue;
        case 0x0152: case 0x0153: g_string_append (out, "oe"); continue;
        default: break;
        }
      g_string_append_unichar (out, c);
    }

  folded = g_string_free (out, FALSE);
  return g_utf8_casefold (folded, -1);
}

/* Only the digits of a phone number, so "0612" finds "06 12 34 56". */
char *
reg_digits (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}
