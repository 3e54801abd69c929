/* reg-record-list.c: a customer's crib notes, visits, follow-ups or
 * cases, or everyone's open follow-ups, as a GListModel kept up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-record-list"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-record-list.h"

struct _RegRecordList
{
  GObject        parent_instance;

  RegStore      *store;
  RegRecordKind  kind;
  gint64         customer_id;
  GPtrArray     *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RegRecordList, reg_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
reg_record_list_get_item_type (GListModel *model)
{
  switch (REG_RECORD_LIST (model)->kind)
    {
    case REG_RECORD_CRIB_NOTES: return REG_TYPE_CRIB_NOTE;
    case REG_RECORD_TIMELINE: return REG_TYPE_VISIT;
    case REG_RECORD_FOLLOW_UPS:
    case REG_RECORD_OPEN_FOLLOW_UPS: return REG_TYPE_FOLLOW_UP;
    case REG_RECORD_CASES: return REG_TYPE_CASE;
    case REG_RECORD_STAFF: return REG_TYPE_STAFF;
    default: g_assert_not_reached ();
    }
}

static guint
reg_record_list_get_n_items (GListModel *model)
{
  return REG_RECORD_LIST (model)->items->len;
}

static gpointer
reg_record_list_get_item (GListModel *model,
                          guint       position)
{
  RegRecordList *self = REG_RECORD_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = reg_record_list_get_item_type;
  iface->get_n_items = reg_record_list_get_n_items;
  iface->get_item = reg_record_list_get_item;
}

static GPtrArray *
read_items (RegRecordList  *self,
            GError        **error)
{
  switch (self->kind)
    {
    case REG_RECORD_CRIB_NOTES:
      return reg_store_list_crib_notes (self->store, self->customer_id, error);
    case REG_RECORD_TIMELINE:
      return reg_store_list_visits (self->store, self->customer_id, error);
    case REG_RECORD_FOLLOW_UPS:
      return reg_store_list_follow_ups (self->store, self->customer_id, error);
    case REG_RECORD_CASES:
      return reg_store_list_cases (self->store, self->customer_id, error);
    case REG_RECORD_OPEN_FOLLOW_UPS:
      return reg_store_list_open_follow_ups (self->store, 0, error);
    case REG_RECORD_STAFF:
      return reg_store_list_staff (self->store, FALSE, error);
    default:
      g_assert_not_reached ();
    }
}

/* The store hands out one object per row, so the same record is the
 * same pointer in the old and the new list. */
static void
refresh (RegRecordList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) old_items = NULL;
  GPtrArray *new_items;
  guint prefix = 0, suffix = 0;

  if (!(new_items = read_items (self, &error)))
    {
      g_warning ("Could not read the list: %s", error->message);
      return;
    }

  old_items = g_steal_pointer (&self->items);
  self->items = new_items;

  while (prefix < old_items->len && prefix < new_items->len &&
         old_items->pdata[prefix] == new_items->pdata[prefix])
    prefix++;
  while (suffix < old_items->len - prefix && suffix < new_items->len - prefix &&
         old_items->pdata[old_items->len - 1 - suffix] == new_items->pdata[new_items->len - 1 - suffix])
    suffix++;

  if (old_items->len - prefix - suffix > 0 || new_items->len - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_items->len - prefix - suffix,
                                new_items->len - prefix - suffix);
}

static void
on_customer_records_changed (RegRecordList *self,
                             gint64         customer_id,
                             RegStore      *store)
{
  if (self->kind == REG_RECORD_OPEN_FOLLOW_UPS || self->kind == REG_RECORD_STAFF ||
      customer_id == self->customer_id)
    refresh (self);
}

static void
on_record_changed (RegRecordList *self,
                   gint64         id,
                   gint64         customer_id,
                   RegStore      *store)
{
  on_customer_records_changed (self, customer_id, store);
}

static void
on_reloaded (RegRecordList *self,
             RegStore      *store)
{
  refresh (self);
}

RegRecordList *
reg_record_list_new (RegStore      *store,
                     RegRecordKind  kind,
                     gint64         customer_id)
{
  RegRecordList *self;

  g_return_val_if_fail (REG_IS_STORE (store), NULL);

  self = g_object_new (REG_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->kind = kind;
  self->customer_id = customer_id;

  switch (kind)
    {
    case REG_RECORD_CRIB_NOTES:
      g_signal_connect_object (store, "crib-notes-changed",
                               G_CALLBACK (on_customer_records_changed), self, G_CONNECT_SWAPPED);
      break;
    case REG_RECORD_TIMELINE:
      g_signal_connect_object (store, "visits-changed",
                               G_CALLBACK (on_customer_records_changed), self, G_CONNECT_SWAPPED);
      break;
    case REG_RECORD_FOLLOW_UPS:
    case REG_RECORD_OPEN_FOLLOW_UPS:
      g_signal_connect_object (store, "follow-up-changed",
                               G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
      break;
    case REG_RECORD_CASES:
      g_signal_connect_object (store, "case-changed",
                               G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
      break;
    case REG_RECORD_STAFF:
      g_signal_connect_object (store, "staff-changed",
                               G_CALLBACK (on_customer_records_changed), self, G_CONNECT_SWAPPED);
      break;
    default:
      g_assert_not_reached ();
    }
  g_signal_connect_object (store, "reloaded", G_CALLBACK (on_reloaded), self, G_CONNECT_SWAPPED);

  refresh (self);
  return self;
}

RegRecordKind
reg_record_list_get_kind (RegRecordList *self)
{
  g_return_val_if_fail (REG_IS_RECORD_LIST (self), 0);
  return self->kind;
}

gint64
reg_record_list_get_customer_id (RegRecordList *self)
{
  g_return_val_if_fail (REG_IS_RECORD_LIST (self), 0);
  return self->customer_id;
}

static void
reg_record_list_finalize (GObject *object)
{
  RegRecordList *self = REG_RECORD_LIST (object);

  g_ptr_array_unref (self->items);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (reg_record_list_parent_class)->finalize (object);
}

static void
reg_record_list_class_init (RegRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_record_list_finalize;
}

static void
reg_record_list_init (RegRecordList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}
