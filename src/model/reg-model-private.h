/* reg-model-private.h
 *
 * Helpers shared by the model classes; not for use outside src/model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "reg-types.h"

G_BEGIN_DECLS

/* Each returns TRUE when the field changed, so the caller knows to notify.
 * Empty values are stored as NULL and read back as "" or an empty array. */
gboolean reg_set_string         (char              **field,
                                 const char         *value);
gboolean reg_set_strv           (char             ***field,
                                 const char * const *value);
gboolean reg_set_labeled_values (GPtrArray         **field,
                                 GPtrArray          *value);

gboolean reg_string_is_blank    (const char         *str);

G_END_DECLS
