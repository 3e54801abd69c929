/* reg-tooltip.c: tooltips that cost nothing until shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-tooltip"

#include "config.h"

#include "reg-tooltip.h"

/* gtk_widget_set_tooltip_text() asks the display where the pointer is
 * each time it is called (about 0.2 ms under X11): for every row of a
 * list and every button of a card, that added up to most of the time a
 * search took. The text is kept here and handed over only when GTK asks
 * for it. */

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "reg-tooltip");

  /* A tooltip set the usual way (an error message) comes first. */
  if (gtk_widget_get_tooltip_text (widget) != NULL || text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
reg_set_tooltip (GtkWidget  *widget,
                 const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_object_get_data (G_OBJECT (widget), "reg-tooltip-connected") == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
      g_object_set_data (G_OBJECT (widget), "reg-tooltip-connected", GINT_TO_POINTER (TRUE));
    }

  g_object_set_data_full (G_OBJECT (widget), "reg-tooltip", g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL && *text != '\0');
}

/* The tooltip a person would see: ours, or one set the usual way. */
const char *
reg_get_tooltip (GtkWidget *widget)
{
  const char *text;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  if (gtk_widget_get_tooltip_text (widget) != NULL)
    return gtk_widget_get_tooltip_text (widget);
  text = g_object_get_data (G_OBJECT (widget), "reg-tooltip");
  return text != NULL && *text != '\0' ? text : NULL;
}
