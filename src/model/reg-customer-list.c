/* reg-customer-list.c: the customers that match a search, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-customer-list"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-customer-list.h"

/* The list holds only the ordered ids of the matching customers, read
 * in one query; a RegCustomer is made when a view asks for its position,
 * a page at a time, and the last few pages are kept. A list view asks
 * only for the rows on screen, so 100,000 customers cost about as much
 * as 100. */
#define PAGE_SIZE   64
#define MAX_PAGES   16

struct _RegCustomerList
{
  GObject           parent_instance;

  RegStore         *store;
  RegCustomerQuery *query;
  GArray           *ids;           /* gint64, in list order */
  GHashTable       *pages;         /* page number → GPtrArray of RegCustomer */
  GQueue            recent_pages;  /* page numbers, most recent first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RegCustomerList, reg_customer_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
reg_customer_list_get_item_type (GListModel *model)
{
  return REG_TYPE_CUSTOMER;
}

static guint
reg_customer_list_get_n_items (GListModel *model)
{
  return REG_CUSTOMER_LIST (model)->ids->len;
}

static void
forget_pages (RegCustomerList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent_pages);
}

static GPtrArray *
load_page (RegCustomerList *self,
           guint            page)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *customers;
  guint start = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - start);

  customers = reg_store_load_customers (self->store,
                                        &g_array_index (self->ids, gint64, start), n,
                                        &error);
  if (customers == NULL)
    {
      g_warning ("Could not read customers: %s", error->message);
      return NULL;
    }

  if (g_queue_get_length (&self->recent_pages) >= MAX_PAGES)
    {
      guint oldest = GPOINTER_TO_UINT (g_queue_pop_tail (&self->recent_pages));
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest));
    }
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), customers);
  g_queue_push_head (&self->recent_pages, GUINT_TO_POINTER (page));
  return customers;
}

static gpointer
reg_customer_list_get_item (GListModel *model,
                            guint       position)
{
  RegCustomerList *self = REG_CUSTOMER_LIST (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *customers;

  if (position >= self->ids->len)
    return NULL;

  customers = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (customers == NULL && !(customers = load_page (self, page)))
    return NULL;
  g_return_val_if_fail (position % PAGE_SIZE < customers->len, NULL);

  return g_object_ref (g_ptr_array_index (customers, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = reg_customer_list_get_item_type;
  iface->get_n_items = reg_customer_list_get_n_items;
  iface->get_item = reg_customer_list_get_item;
}

/* Reads the ids again and tells views only what changed: everything
 * between the common beginning and the common end of the two lists. */
static void
refresh (RegCustomerList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) old_ids = NULL;
  GArray *new_ids;
  guint prefix = 0, suffix = 0, removed, added;

  new_ids = reg_store_query_customer_ids (self->store, self->query, &error);
  if (new_ids == NULL)
    {
      g_warning ("Could not search the customers: %s", error->message);
      return;
    }

  old_ids = g_steal_pointer (&self->ids);
  self->ids = new_ids;

  while (prefix < old_ids->len && prefix < new_ids->len &&
         g_array_index (old_ids, gint64, prefix) == g_array_index (new_ids, gint64, prefix))
    prefix++;
  while (suffix < old_ids->len - prefix && suffix < new_ids->len - prefix &&
         g_array_index (old_ids, gint64, old_ids->len - 1 - suffix) ==
         g_array_index (new_ids, gint64, new_ids->len - 1 - suffix))
    suffix++;

  removed = old_ids->len - prefix - suffix;
  added = new_ids->len - prefix - suffix;
  if (removed == 0 && added == 0)
    return;

  /* Pages are cut by position, and positions moved. */
  forget_pages (self);

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  if (old_ids->len != new_ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_customer_changed (RegCustomerList *self,
                     gint64           id,
                     RegChangeKind    kind,
                     RegStore        *store)
{
  refresh (self);
}

static void
on_store_reloaded (RegCustomerList *self,
                   RegStore        *store)
{
  forget_pages (self);
  refresh (self);
}

RegCustomerList *
reg_customer_list_new (RegStore *store)
{
  g_return_val_if_fail (REG_IS_STORE (store), NULL);

  return g_object_new (REG_TYPE_CUSTOMER_LIST, "store", store, NULL);
}

RegStore *
reg_customer_list_get_store (RegCustomerList *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_LIST (self), NULL);
  return self->store;
}

const RegCustomerQuery *
reg_customer_list_get_query (RegCustomerList *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_LIST (self), NULL);
  return self->query;
}

void
reg_customer_list_set_query (RegCustomerList        *self,
                             const RegCustomerQuery *query)
{
  g_return_if_fail (REG_IS_CUSTOMER_LIST (self));
  g_return_if_fail (query != NULL);

  if (reg_customer_query_equal (self->query, query))
    return;

  reg_customer_query_free (self->query);
  self->query = reg_customer_query_copy (query);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

/* Typing in the search field: the same query with other text. */
void
reg_customer_list_set_search (RegCustomerList *self,
                              const char      *search)
{
  g_autoptr(RegCustomerQuery) query = NULL;

  g_return_if_fail (REG_IS_CUSTOMER_LIST (self));

  query = reg_customer_query_copy (self->query);
  g_free (query->search);
  query->search = g_strdup (search);
  reg_customer_list_set_query (self, query);
}

/* The position of @customer_id, or G_MAXUINT when it is not listed. */
guint
reg_customer_list_find (RegCustomerList *self,
                        gint64           customer_id)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == customer_id)
      return i;
  return G_MAXUINT;
}

gint64
reg_customer_list_get_id (RegCustomerList *self,
                          guint            position)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_LIST (self), 0);

  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

static void
reg_customer_list_constructed (GObject *object)
{
  RegCustomerList *self = REG_CUSTOMER_LIST (object);

  G_OBJECT_CLASS (reg_customer_list_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "customer-changed",
                           G_CALLBACK (on_customer_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reloaded",
                           G_CALLBACK (on_store_reloaded), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
reg_customer_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RegCustomerList *self = REG_CUSTOMER_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customer_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RegCustomerList *self = REG_CUSTOMER_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_QUERY:
      if (g_value_get_boxed (value) != NULL)
        reg_customer_list_set_query (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customer_list_finalize (GObject *object)
{
  RegCustomerList *self = REG_CUSTOMER_LIST (object);

  forget_pages (self);
  g_hash_table_unref (self->pages);
  g_array_unref (self->ids);
  reg_customer_query_free (self->query);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (reg_customer_list_parent_class)->finalize (object);
}

static void
reg_customer_list_class_init (RegCustomerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = reg_customer_list_constructed;
  object_class->finalize = reg_customer_list_finalize;
  object_class->get_property = reg_customer_list_get_property;
  object_class->set_property = reg_customer_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         REG_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL,
                        REG_TYPE_CUSTOMER_QUERY,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reg_customer_list_init (RegCustomerList *self)
{
  self->query = reg_customer_query_new ();
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent_pages);
}
