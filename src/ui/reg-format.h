/* reg-format.h: times and dates as a person reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *reg_format_last_contact (gint64 when,
                               gint64 now);

G_END_DECLS
