/* reg-customer-row.c: one customer in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-customer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-customer-row.h"
#include "reg-format.h"
#include "reg-tooltip.h"

struct _RegCustomerRow
{
  GtkWidget     parent_instance;

  RegCustomer  *customer;
  GBindingGroup *bindings;
  GSignalGroup *signals;

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
  g_clear_pointer (&self->box, gtk_widget_unparent);
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
  gtk_widget_class_set_css_name (widget_class, "customerrow");
}

static GtkWidget *
badge_new (const char *icon_name,
           const char *css_class,
           const char *description)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  reg_set_tooltip (image, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_widget_add_css_class (image, "badge");
  gtk_widget_add_css_class (image, css_class);
  return image;
}

/* Built in code rather than from a template: a list makes rows as it
 * scrolls and as searches change, and parsing a template for each one
 * cost more than everything else a keystroke does. */
static void
reg_customer_row_init (RegCustomerRow *self)
{
  GtkWidget *labels;

  gtk_widget_add_css_class (GTK_WIDGET (self), "customer-row");

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (self->box, 8);
  gtk_widget_set_margin_bottom (self->box, 8);
  gtk_widget_set_margin_start (self->box, 6);
  gtk_widget_set_margin_end (self->box, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), labels);

  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_label, 0);
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->name_label, 24);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "heading");
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (self->name_label));

  self->detail_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->detail_label, 0);
  gtk_label_set_ellipsize (self->detail_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->detail_label, 30);
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "dim-label");
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (self->detail_label));

  self->vip_image = badge_new ("starred-symbolic", "vip", _("VIP"));
  self->overdue_image = badge_new ("task-past-due-symbolic", "overdue", _("A promise is overdue"));
  self->case_image = badge_new ("dialog-warning-symbolic", "open-case", _("An open complaint"));
  gtk_box_append (GTK_BOX (self->box), self->vip_image);
  gtk_box_append (GTK_BOX (self->box), self->overdue_image);
  gtk_box_append (GTK_BOX (self->box), self->case_image);

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "display-name", self->name_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "vip", self->vip_image, "visible", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "has-overdue", self->overdue_image, "visible", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "has-open-case", self->case_image, "visible", G_BINDING_SYNC_CREATE);

  self->signals = g_signal_group_new (REG_TYPE_CUSTOMER);
  g_signal_group_connect_swapped (self->signals, "notify::company", G_CALLBACK (update_detail), self);
  g_signal_group_connect_swapped (self->signals, "notify::last-contact-at", G_CALLBACK (update_detail), self);
}
