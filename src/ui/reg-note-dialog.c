/* reg-note-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-note-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-note-dialog.h"

struct _RegNoteDialog
{
  AdwWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (RegNoteDialog, reg_note_dialog, ADW_TYPE_WINDOW)

static void
reg_note_dialog_class_init (RegNoteDialogClass *klass)
{
}

static void
reg_note_dialog_init (RegNoteDialog *self)
{
}
