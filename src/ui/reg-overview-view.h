/* reg-overview-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_OVERVIEW_VIEW (reg_overview_view_get_type ())

G_DECLARE_FINAL_TYPE (RegOverviewView, reg_overview_view, REG, OVERVIEW_VIEW, GtkWidget)

#define REG_OVERVIEW_WIN_BACK_SHOWN 5

RegOverviewView *reg_overview_view_new         (RegStore        *store);
RegStore        *reg_overview_view_get_store   (RegOverviewView *self);
void             reg_overview_view_refresh     (RegOverviewView *self);
void             reg_overview_view_scroll_to_start (RegOverviewView *self);

G_END_DECLS
