/* reg-fold.h: folded text for search and sorting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *reg_fold   (const char *text);
char *reg_digits (const char *text);

G_END_DECLS
