/* reg-tooltip.h: tooltips that cost nothing until shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void reg_set_tooltip (GtkWidget  *widget,
                      const char *text);

const char *reg_get_tooltip (GtkWidget  *widget);

G_END_DECLS
