/* reg-crib-note.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "reg-types.h"

G_BEGIN_DECLS

#define REG_TYPE_CRIB_NOTE (reg_crib_note_get_type ())

G_DECLARE_FINAL_TYPE (RegCribNote, reg_crib_note, REG, CRIB_NOTE, GObject)

/* A crib note is read in the seconds before greeting someone. */
#define REG_CRIB_NOTE_MAX_LENGTH 280

RegCribNote *reg_crib_note_new             (void);
gint64       reg_crib_note_get_id          (RegCribNote  *self);
void         reg_crib_note_set_id          (RegCribNote  *self,
                                            gint64        id);
gint64       reg_crib_note_get_customer_id (RegCribNote  *self);
void         reg_crib_note_set_customer_id (RegCribNote  *self,
                                            gint64        customer_id);
int          reg_crib_note_get_position    (RegCribNote  *self);
void         reg_crib_note_set_position    (RegCribNote  *self,
                                            int           position);
const char  *reg_crib_note_get_text        (RegCribNote  *self);
void         reg_crib_note_set_text        (RegCribNote  *self,
                                            const char   *text);
gint64       reg_crib_note_get_created_at  (RegCribNote  *self);
void         reg_crib_note_set_created_at  (RegCribNote  *self,
                                            gint64        created_at);
gint64       reg_crib_note_get_updated_at  (RegCribNote  *self);
void         reg_crib_note_set_updated_at  (RegCribNote  *self,
                                            gint64        updated_at);
gint64       reg_crib_note_get_deleted_at  (RegCribNote  *self);
void         reg_crib_note_set_deleted_at  (RegCribNote  *self,
                                            gint64        deleted_at);
gboolean     reg_crib_note_validate        (RegCribNote  *self,
                                            GError      **error);

G_END_DECLS
