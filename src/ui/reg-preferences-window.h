/* reg-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_PREFERENCES_WINDOW (reg_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RegPreferencesWindow, reg_preferences_window, REG, PREFERENCES_WINDOW, AdwPreferencesWindow)

RegPreferencesWindow *reg_preferences_window_new (GSettings *settings,
                                                  RegStore  *store);

G_END_DECLS
