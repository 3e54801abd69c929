/* reg-ical.h: open follow-ups as iCalendar to-dos
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

/* One VTODO per open follow-up, with its due time in the zone it was
 * promised in and an alarm when it falls due. */
gboolean reg_ical_export_follow_ups (RegStore     *store,
                                     const char   *path,
                                     GError      **error);

/* The same as text, for tests and for a UI that saves it elsewhere. */
char    *reg_ical_follow_ups_to_string (RegStore  *store,
                                        GError   **error);

G_END_DECLS
