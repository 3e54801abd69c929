/* reg-import-window.h: bringing customers in from a vCard or CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_IMPORT_WINDOW (reg_import_window_get_type ())

G_DECLARE_FINAL_TYPE (RegImportWindow, reg_import_window, REG, IMPORT_WINDOW, AdwWindow)

RegImportWindow *reg_import_window_new (GtkWindow *parent,
                                        RegStore  *store,
                                        GFile     *file);

G_END_DECLS
