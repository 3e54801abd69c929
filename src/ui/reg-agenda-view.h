/* reg-agenda-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_AGENDA_VIEW (reg_agenda_view_get_type ())

G_DECLARE_FINAL_TYPE (RegAgendaView, reg_agenda_view, REG, AGENDA_VIEW, GtkWidget)

typedef enum
{
  REG_AGENDA_GROUP_OVERDUE,
  REG_AGENDA_GROUP_TODAY,
  REG_AGENDA_GROUP_THIS_WEEK,   /* the 7 calendar days after today */
  REG_AGENDA_GROUP_LATER,
} RegAgendaGroup;

RegAgendaView  *reg_agenda_view_new             (RegStore      *store);
RegStore       *reg_agenda_view_get_store       (RegAgendaView *self);
gint64          reg_agenda_view_get_staff_id    (RegAgendaView *self);
void            reg_agenda_view_set_staff_id    (RegAgendaView *self,
                                                 gint64         staff_id);
gboolean        reg_agenda_view_get_mine_only   (RegAgendaView *self);
void            reg_agenda_view_set_mine_only   (RegAgendaView *self,
                                                 gboolean       mine_only);
void            reg_agenda_view_refresh         (RegAgendaView *self);
void            reg_agenda_view_scroll_to_start (RegAgendaView *self);
RegAgendaGroup  reg_agenda_group_for_due        (gint64         due_at,
                                                 gint64         now);
char           *reg_agenda_format_due           (gint64         due_at,
                                                 gint64         now);

G_END_DECLS
