/* reg-due-time.h: a promise's due time as a person types and reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

GDateTime *reg_due_time_day_at      (GDateTime   *from,
                                     int          days,
                                     int          hour,
                                     int          minute);
GDateTime *reg_due_time_parse       (const char  *text,
                                     GDateTime   *now,
                                     GError     **error);
gboolean   reg_due_time_check_later (GDateTime   *due,
                                     GDateTime   *now,
                                     GError     **error);
char      *reg_due_time_to_text     (GDateTime   *due);
char      *reg_due_time_describe    (GDateTime   *due);
GDateTime *reg_due_time_now         (RegStore    *store);
void       reg_due_time_apply       (GDateTime   *due,
                                     RegFollowUp *follow_up);

G_END_DECLS
