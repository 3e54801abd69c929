/* fuzz-util.h: what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "store/reg-store.h"

G_BEGIN_DECLS

void        reg_fuzz_init        (const char *input_name);
const char *reg_fuzz_input_path  (void);
RegStore   *reg_fuzz_open_store  (void);

G_END_DECLS
