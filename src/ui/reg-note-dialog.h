/* reg-note-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/reg-store.h"

G_BEGIN_DECLS

#define REG_TYPE_NOTE_DIALOG (reg_note_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RegNoteDialog, reg_note_dialog, REG, NOTE_DIALOG, AdwWindow)

RegNoteDialog *reg_note_dialog_new              (GtkWindow     *parent,
                                                 RegStore      *store,
                                                 RegCustomer   *customer,
                                                 gint64         author_id);
RegCustomer   *reg_note_dialog_get_customer     (RegNoteDialog *self);
gint64         reg_note_dialog_get_author_id    (RegNoteDialog *self);
void           reg_note_dialog_set_author_id    (RegNoteDialog *self,
                                                 gint64         author_id);
RegChannel     reg_note_dialog_get_channel      (RegNoteDialog *self);
void           reg_note_dialog_set_channel      (RegNoteDialog *self,
                                                 RegChannel     channel);
int            reg_note_dialog_get_satisfaction (RegNoteDialog *self);
void           reg_note_dialog_set_satisfaction (RegNoteDialog *self,
                                                 int            satisfaction);

G_END_DECLS
