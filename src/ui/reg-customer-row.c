/* reg-customer-row.c: one customer in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-customer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-customer-row.h"
#include "reg-format.h"

struct _RegCustomerRow
{
  GtkWidget     parent_instance;

  RegCustomer  *customer;
  GBindingGroup *bindings;
  GSignalGroup *signals;

  /* Template widgets */
  GtkWidget    *box;
  GtkLabel     *name_label;
  GtkLabel     *detail_label;
  GtkWidget    *vip_image;
  GtkWidget    *overdue_image;
  GtkWidget    *case_image;
};

G_DEFINE_FINAL_TYPE (RegCustomerRow, reg_customer_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CUSTOMER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RegCustomerRow *
reg_customer_row_new (void)
{
  return g_object_new (REG_TYPE_CUSTOMER_ROW, NULL);
}

RegCustomer *
reg_customer_row_get_customer (RegCustomerRow *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_ROW (self), NULL);
  return self->customer;
}

/* "Harbour Bakery · 3 weeks ago" */
static void
update_detail (RegCustomerRow *self)
{
  g_autofree char *seen = NULL;
  g_autofree char *text = NULL;
  const char *company;

  if (self->customer == NULL)
    return;

  company = reg_customer_get_company (self->customer);
  seen = reg_format_last_contact (reg_customer_get_last_contact_at (self->customer),
                                  g_get_real_time () / G_USEC_PER_SEC);
  if (company != NULL && *company != '\0')
    /* Translators: a company, then when the customer was last seen */
    text = g_strdup_printf (_("%s · %s"), company, seen);
  else
    text = g_steal_pointer (&seen);

  gtk_label_set_text (self->detail_label, text);
}

void
reg_customer_row_set_customer (RegCustomerRow *self,
                               RegCustomer    *customer)
{
  g_return_if_fail (REG_IS_CUSTOMER_ROW (self));
  g_return_if_fail (customer == NULL || REG_IS_CUSTOMER (customer));

  if (!g_set_object (&self->customer, customer))
    return;

  g_binding_group_set_source (self->bindings, customer);
  g_signal_group_set_target (self->signals, customer);
  update_detail (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

static void
reg_customer_row_dispose (GObject *object)
{
  RegCustomerRow *self = REG_CUSTOMER_ROW (object);

  g_binding_group_set_source (self->bindings, NULL);
  g_signal_group_set_target (self->signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_CUSTOMER_ROW);
  g_clear_object (&self->customer);
  g_clear_object (&self->bindings);
  g_clear_object (&self->signals);

  G_OBJECT_CLASS (reg_customer_row_parent_class)->dispose (object);
}

static void
reg_customer_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RegCustomerRow *self = REG_CUSTOMER_ROW (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customer_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RegCustomerRow *self = REG_CUSTOMER_ROW (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER:
      reg_customer_row_set_customer (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customer_row_class_init (RegCustomerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reg_customer_row_dispose;
  object_class->get_property = reg_customer_row_get_property;
  object_class->set_property = reg_customer_row_set_property;

  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         REG_TYPE_CUSTOMER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/reg-customer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RegCustomerRow, box);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerRow, vip_image);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerRow, overdue_image);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerRow, case_image);
}

static void
reg_customer_row_init (RegCustomerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "display-name", self->name_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "vip", self->vip_image, "visible", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "has-overdue", self->overdue_image, "visible", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "has-open-case", self->case_image, "visible", G_BINDING_SYNC_CREATE);

  self->signals = g_signal_group_new (REG_TYPE_CUSTOMER);
  g_signal_group_connect_swapped (self->signals, "notify::company", G_CALLBACK (update_detail), self);
  g_signal_group_connect_swapped (self->signals, "notify::last-contact-at", G_CALLBACK (update_detail), self);
}
