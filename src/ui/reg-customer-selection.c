/* reg-customer-selection.c: which customer is selected in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-customer-selection"

#include "config.h"

#include "reg-customer-selection.h"

/* GtkSingleSelection remembers the selected item as an object, and when
 * the list changes around it, looks for it among all the new items,
 * making every one of them: with 100,000 customers, a keystroke would
 * read them all. This selection remembers the customer's id instead and
 * compares ids, which the list holds anyway.
 *
 * It also hands the view places rather than customers. GTK 4.8's list
 * view keeps about 200 rows and makes every one anew when it is told
 * that the items under them changed; a new search changes them all, and
 * making rows was most of what a keystroke cost. Here the item at a
 * position is a RegCustomerSlot that stays the same object while the
 * customer in it changes: the view is told only that the list grew or
 * shrank at its end, and each row it keeps shows the slot's new
 * customer. Rows are made only when the list grows past them.
 *
 * A slot reads its customer only when asked, which a row does when it
 * is drawn: of the rows the view keeps, only those on screen are. */
struct _RegCustomerSelection
{
  GObject          parent_instance;

  RegCustomerList *list;
  gint64           selected_id;
  GHashTable      *slots;          /* position → RegCustomerSlot, while the view holds it */
};

struct _RegCustomerSlot
{
  GObject               parent_instance;

  RegCustomer          *customer;   /* NULL until asked for */
  RegCustomerSelection *selection;  /* unowned; NULL once the slot left the list */
  guint                 position;
};

static void list_model_iface_init      (GListModelInterface      *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RegCustomerSelection, reg_customer_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

G_DEFINE_FINAL_TYPE (RegCustomerSlot, reg_customer_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SELECTED_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SLOT_PROP_0,
  SLOT_PROP_CUSTOMER,
  N_SLOT_PROPS
};

static GParamSpec *slot_properties[N_SLOT_PROPS];

/* ------------------------------------------------------------------ */
/* RegCustomerSlot                                                      */

/* The customer in this place now, read from the list the first time
 * it is asked for since the place changed. */
RegCustomer *
reg_customer_slot_get_customer (RegCustomerSlot *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_SLOT (self), NULL);

  if (self->customer == NULL && self->selection != NULL)
    self->customer = g_list_model_get_item (G_LIST_MODEL (self->selection->list), self->position);
  return self->customer;
}

/* Another customer is in this place now: notify::customer tells. */
static void
slot_changed (RegCustomerSlot *self)
{
  /* Never read since the last change: nobody shows the old one. */
  if (self->customer == NULL)
    return;

  g_clear_object (&self->customer);
  g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_CUSTOMER]);
}

static void
reg_customer_slot_finalize (GObject *object)
{
  RegCustomerSlot *self = REG_CUSTOMER_SLOT (object);

  if (self->selection != NULL)
    g_hash_table_remove (self->selection->slots, GUINT_TO_POINTER (self->position));
  g_clear_object (&self->customer);

  G_OBJECT_CLASS (reg_customer_slot_parent_class)->finalize (object);
}

static void
reg_customer_slot_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RegCustomerSlot *self = REG_CUSTOMER_SLOT (object);

  switch (prop_id)
    {
    case SLOT_PROP_CUSTOMER:
      g_value_set_object (value, reg_customer_slot_get_customer (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customer_slot_class_init (RegCustomerSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_customer_slot_finalize;
  object_class->get_property = reg_customer_slot_get_property;

  slot_properties[SLOT_PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         REG_TYPE_CUSTOMER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_SLOT_PROPS, slot_properties);
}

static void
reg_customer_slot_init (RegCustomerSlot *self)
{
}

/* ------------------------------------------------------------------ */
/* RegCustomerSelection                                                 */

static GType
get_item_type (GListModel *model)
{
  return REG_TYPE_CUSTOMER_SLOT;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (REG_CUSTOMER_SELECTION (model)->list));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  RegCustomerSelection *self = REG_CUSTOMER_SELECTION (model);
  RegCustomerSlot *slot;

  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return NULL;

  slot = g_object_new (REG_TYPE_CUSTOMER_SLOT, NULL);
  slot->selection = self;
  slot->position = position;
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
  return slot;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static gboolean
is_selected (GtkSelectionModel *model,
             guint              position)
{
  RegCustomerSelection *self = REG_CUSTOMER_SELECTION (model);

  return self->selected_id != 0 && reg_customer_list_get_id (self->list, position) == self->selected_id;
}

static void
select_position (RegCustomerSelection *self,
                 guint                 position)
{
  gint64 id = reg_customer_list_get_id (self->list, position);
  guint old = self->selected_id ? reg_customer_list_find (self->list, self->selected_id) : G_MAXUINT;

  if (id == self->selected_id)
    return;

  self->selected_id = id;
  if (old != G_MAXUINT)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), old, 1);
  if (id != 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

static gboolean
select_item (GtkSelectionModel *model,
             guint              position,
             gboolean           unselect_rest)
{
  select_position (REG_CUSTOMER_SELECTION (model), position);
  return TRUE;
}

static gboolean
unselect_item (GtkSelectionModel *model,
               guint              position)
{
  RegCustomerSelection *self = REG_CUSTOMER_SELECTION (model);

  if (!is_selected (model, position))
    return FALSE;

  self->selected_id = 0;
  gtk_selection_model_selection_changed (model, position, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = is_selected;
  iface->select_item = select_item;
  iface->unselect_item = unselect_item;
}

static void
on_items_changed (RegCustomerSelection *self,
                  guint                 position,
                  guint                 removed,
                  guint                 added,
                  GListModel           *list)
{
  guint n_new = g_list_model_get_n_items (list);
  guint n_old = n_new - added + removed;
  guint common = MIN (n_old, n_new);
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  /* Slots past the new end leave with their rows; the others that the
   * change reached show the customer now at their place. */
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RegCustomerSlot *slot = value;

      if (slot->position >= n_new)
        {
          slot->selection = NULL;
          g_hash_table_iter_remove (&iter);
        }
      else if (slot->position >= position)
        g_ptr_array_add (moved, slot);
    }
  for (guint i = 0; i < moved->len; i++)
    slot_changed (g_ptr_array_index (moved, i));

  if (n_new < n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_new, n_old - n_new, 0);
  else if (n_new > n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_old, 0, n_new - n_old);

  /* The selected customer stays selected wherever it moved to; the rows
   * that kept their place are asked again whether they are selected. */
  if (common > position)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, common - position);
}

RegCustomerSelection *
reg_customer_selection_new (RegCustomerList *list)
{
  RegCustomerSelection *self;

  g_return_val_if_fail (REG_IS_CUSTOMER_LIST (list), NULL);

  self = g_object_new (REG_TYPE_CUSTOMER_SELECTION, NULL);
  self->list = g_object_ref (list);
  self->slots = g_hash_table_new (NULL, NULL);
  g_signal_connect_object (list, "items-changed", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  return self;
}

gint64
reg_customer_selection_get_selected_id (RegCustomerSelection *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_SELECTION (self), 0);
  return self->selected_id;
}

/* Selects @id (0 for none), whether or not it is listed now. */
void
reg_customer_selection_set_selected_id (RegCustomerSelection *self,
                                        gint64                id)
{
  guint old, new;

  g_return_if_fail (REG_IS_CUSTOMER_SELECTION (self));

  if (self->selected_id == id)
    return;

  old = self->selected_id ? reg_customer_list_find (self->list, self->selected_id) : G_MAXUINT;
  self->selected_id = id;
  new = id ? reg_customer_list_find (self->list, id) : G_MAXUINT;
  if (old != G_MAXUINT)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), old, 1);
  if (new != G_MAXUINT)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), new, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

static void
reg_customer_selection_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RegCustomerSelection *self = REG_CUSTOMER_SELECTION (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ID:
      g_value_set_int64 (value, self->selected_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customer_selection_finalize (GObject *object)
{
  RegCustomerSelection *self = REG_CUSTOMER_SELECTION (object);
  GHashTableIter iter;
  gpointer value;

  /* Slots a view still holds outlive the selection. */
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((RegCustomerSlot *) value)->selection = NULL;
  g_clear_pointer (&self->slots, g_hash_table_unref);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (reg_customer_selection_parent_class)->finalize (object);
}

static void
reg_customer_selection_class_init (RegCustomerSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_customer_selection_finalize;
  object_class->get_property = reg_customer_selection_get_property;

  properties[PROP_SELECTED_ID] =
    g_param_spec_int64 ("selected-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reg_customer_selection_init (RegCustomerSelection *self)
{
}
