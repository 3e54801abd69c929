/* reg-customer-row.c: one customer in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-customer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-customer-row.h"
#include "reg-customer-selection.h"
#include "reg-format.h"

/* A row draws its name, details and badges itself rather than holding a
 * box of labels and images. A search replaces every row the list keeps
 * (GTK 4.8 keeps about 200 and cannot recycle them), and with eight
 * widgets a row most of a keystroke went into making widgets and
 * measuring labels. One widget of a fixed height is measured without
 * laying out any text, and its text is shaped only when it is drawn.
 *
 * In the list, a row shows a place (RegCustomerSlot) rather than a
 * customer, and reads who is there when it is drawn. */

#define MARGIN_Y      8
#define MARGIN_X      6
#define LINE_SPACING  2
#define BADGE_SIZE    16
#define BADGE_SPACING 6
#define DIM_OPACITY   0.55
#define NAME_CHARS    24
#define DETAIL_CHARS  30

typedef enum {
  BADGE_VIP,
  BADGE_OVERDUE,
  BADGE_OPEN_CASE,
  BADGE_PAST_TARGET,   /* shown instead of BADGE_OPEN_CASE */
  N_BADGES
} Badge;

/* At most this many at once: a complaint past its target is one badge. */
#define MAX_SHOWN_BADGES (N_BADGES - 1)

static const struct {
  const char *icon_name;
  const char *color_name;
} badge_style[N_BADGES] = {
  { "starred-symbolic", "warning_color" },
  { "task-past-due-symbolic", "error_color" },
  { "dialog-warning-symbolic", "error_color" },
  { "emblem-important-symbolic", "error_color" },
};

static const char *
badge_description (Badge badge)
{
  switch (badge)
    {
    case BADGE_VIP:
      return _("VIP");
    case BADGE_OVERDUE:
      return _("A promise is overdue");
    case BADGE_OPEN_CASE:
      return _("An open complaint");
    case BADGE_PAST_TARGET:
      return _("A complaint is past its target");
    case N_BADGES:
    default:
      g_assert_not_reached ();
    }
}

/* Line heights and character widths for the font the rows are drawn in,
 * worked out once for all rows and again only when the font changes. */
typedef struct
{
  PangoFontDescription *font;
  int                   name_height;
  int                   detail_height;
  int                   natural_width;
} Metrics;

static Metrics metrics;

struct _RegCustomerRow
{
  GtkWidget     parent_instance;

  RegCustomerSlot *slot;
  gulong        slot_handler;
  gboolean      stale;          /* another customer is in the slot */
  RegCustomer  *customer;
  gulong        notify_handler;

  char         *name_text;
  char         *detail_text;
  PangoLayout  *name_layout;
  PangoLayout  *detail_layout;
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

static void show_customer (RegCustomerRow *self, RegCustomer *customer);

/* Reads who is in the slot now, if it changed since. */
static void
ensure_customer (RegCustomerRow *self)
{
  if (!self->stale)
    return;

  self->stale = FALSE;
  show_customer (self, reg_customer_slot_get_customer (self->slot));
}

RegCustomer *
reg_customer_row_get_customer (RegCustomerRow *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_ROW (self), NULL);

  ensure_customer (self);
  return self->customer;
}

static gboolean
has_badge (RegCustomerRow *self,
           Badge           badge)
{
  if (self->customer == NULL)
    return FALSE;

  switch (badge)
    {
    case BADGE_VIP:
      return reg_customer_get_vip (self->customer);
    case BADGE_OVERDUE:
      return reg_customer_get_has_overdue (self->customer);
    case BADGE_OPEN_CASE:
      return reg_customer_get_has_open_case (self->customer) &&
             !reg_customer_get_has_case_past_target (self->customer);
    case BADGE_PAST_TARGET:
      return reg_customer_get_has_case_past_target (self->customer);
    case N_BADGES:
    default:
      g_assert_not_reached ();
    }
}

static PangoAttrList *
name_attributes (void)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  /* As libadwaita's "heading" style. */
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  return attrs;
}

static PangoAttrList *
detail_attributes (void)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  /* As libadwaita's "caption" style. */
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  return attrs;
}

static PangoLayout *
make_layout (RegCustomerRow *self,
             const char     *text,
             PangoAttrList  *attrs)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_attr_list_unref (attrs);
  return layout;
}

static const Metrics *
get_metrics (RegCustomerRow *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  if (metrics.font == NULL || !pango_font_description_equal (metrics.font, font))
    {
      g_autoptr(PangoLayout) name = make_layout (self, "Ag", name_attributes ());
      g_autoptr(PangoLayout) detail = make_layout (self, "Ag", detail_attributes ());
      PangoFontMetrics *font_metrics = pango_context_get_metrics (context, font, NULL);
      int char_width = PANGO_PIXELS_CEIL (pango_font_metrics_get_approximate_char_width (font_metrics));

      g_clear_pointer (&metrics.font, pango_font_description_free);
      metrics.font = pango_font_description_copy (font);
      pango_layout_get_pixel_size (name, NULL, &metrics.name_height);
      pango_layout_get_pixel_size (detail, NULL, &metrics.detail_height);
      metrics.natural_width = 2 * MARGIN_X
                              + MAX (NAME_CHARS * char_width, DETAIL_CHARS * char_width * 5 / 6)
                              + MAX_SHOWN_BADGES * (BADGE_SIZE + BADGE_SPACING);
      pango_font_metrics_unref (font_metrics);
    }
  return &metrics;
}

/* "Harbour Bakery · Seen 3 weeks ago" */
static char *
detail_text (RegCustomer *customer)
{
  g_autofree char *seen = NULL;
  const char *company = reg_customer_get_company (customer);

  seen = reg_format_last_contact (reg_customer_get_last_contact_at (customer),
                                  g_get_real_time () / G_USEC_PER_SEC);
  if (company != NULL && *company != '\0')
    /* Translators: a company, then when the customer was last seen */
    return g_strdup_printf (_("%s · %s"), company, seen);
  return g_steal_pointer (&seen);
}

/* What the row says, for screen readers: the text and the badges. */
static void
update_accessible (RegCustomerRow *self)
{
  g_autoptr(GString) label = g_string_new (self->name_text);

  if (self->detail_text != NULL && *self->detail_text != '\0')
    g_string_append_printf (label, ", %s", self->detail_text);
  for (Badge badge = 0; badge < N_BADGES; badge++)
    if (has_badge (self, badge))
      g_string_append_printf (label, ", %s", badge_description (badge));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label->str, -1);
}

static void
update (RegCustomerRow *self)
{
  g_clear_pointer (&self->name_text, g_free);
  g_clear_pointer (&self->detail_text, g_free);
  g_clear_object (&self->name_layout);
  g_clear_object (&self->detail_layout);

  if (self->customer != NULL)
    {
      self->name_text = g_strdup (reg_customer_get_display_name (self->customer));
      self->detail_text = detail_text (self->customer);
      update_accessible (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_customer_notify (RegCustomer    *customer,
                    GParamSpec     *pspec,
                    RegCustomerRow *self)
{
  static const char * const shown[] = {
    "display-name", "company", "last-contact-at", "vip", "has-overdue", "has-open-case",
    "has-case-past-target", NULL
  };

  if (g_strv_contains (shown, pspec->name))
    update (self);
}

static void
show_customer (RegCustomerRow *self,
               RegCustomer    *customer)
{
  if (self->customer == customer)
    return;

  g_clear_signal_handler (&self->notify_handler, self->customer);
  g_set_object (&self->customer, customer);
  if (customer != NULL)
    self->notify_handler = g_signal_connect (customer, "notify", G_CALLBACK (on_customer_notify), self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

void
reg_customer_row_set_customer (RegCustomerRow *self,
                               RegCustomer    *customer)
{
  g_return_if_fail (REG_IS_CUSTOMER_ROW (self));
  g_return_if_fail (customer == NULL || REG_IS_CUSTOMER (customer));

  reg_customer_row_set_slot (self, NULL);
  show_customer (self, customer);
}

static void
on_slot_changed (RegCustomerRow  *self,
                 GParamSpec      *pspec,
                 RegCustomerSlot *slot)
{
  self->stale = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Shows whoever is in @slot, now and as it changes. */
void
reg_customer_row_set_slot (RegCustomerRow  *self,
                           RegCustomerSlot *slot)
{
  g_return_if_fail (REG_IS_CUSTOMER_ROW (self));
  g_return_if_fail (slot == NULL || REG_IS_CUSTOMER_SLOT (slot));

  if (self->slot == slot)
    return;

  g_clear_signal_handler (&self->slot_handler, self->slot);
  g_set_object (&self->slot, slot);
  self->stale = FALSE;
  if (slot != NULL)
    {
      self->slot_handler = g_signal_connect_swapped (slot, "notify::customer", G_CALLBACK (on_slot_changed), self);
      on_slot_changed (self, NULL, slot);
    }
  else
    show_customer (self, NULL);
}

const char *
reg_customer_row_get_detail_text (RegCustomerRow *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_ROW (self), NULL);

  ensure_customer (self);
  return self->detail_text;
}

gboolean
reg_customer_row_shows_badge (RegCustomerRow *self,
                              const char     *icon_name)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_ROW (self), FALSE);

  ensure_customer (self);
  for (Badge badge = 0; badge < N_BADGES; badge++)
    if (g_str_equal (badge_style[badge].icon_name, icon_name))
      return has_badge (self, badge);
  return FALSE;
}

/* Where badge number @slot (counted from the end of the row) sits. */
static int
badge_x (RegCustomerRow *self,
         guint           slot)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int from_end = MARGIN_X + slot * (BADGE_SIZE + BADGE_SPACING) + BADGE_SIZE;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return from_end - BADGE_SIZE;
  return width - from_end;
}

/* The badges shown, in order from the end of the row. */
static guint
shown_badges (RegCustomerRow *self,
              Badge           shown[N_BADGES])
{
  guint n = 0;

  for (int badge = N_BADGES - 1; badge >= 0; badge--)
    if (has_badge (self, badge))
      shown[n++] = badge;
  return n;
}

static void
reg_customer_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  const Metrics *m = get_metrics (REG_CUSTOMER_ROW (widget));

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 2 * MARGIN_X + MAX_SHOWN_BADGES * (BADGE_SIZE + BADGE_SPACING);
      *natural = m->natural_width;
    }
  else
    {
      *minimum = *natural = 2 * MARGIN_Y + m->name_height + LINE_SPACING + m->detail_height;
    }
}

static void
append_layout (GtkSnapshot *snapshot,
               PangoLayout *layout,
               int          x,
               int          y,
               const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
reg_customer_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RegCustomerRow *self = REG_CUSTOMER_ROW (widget);
  const Metrics *m = get_metrics (self);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int text_width, top;
  Badge badges[N_BADGES];
  guint n_badges;
  GdkRGBA color, dim;

  ensure_customer (self);
  if (self->customer == NULL)
    return;

  gtk_style_context_get_color (style, &color);
  dim = color;
  dim.alpha *= DIM_OPACITY;

  n_badges = shown_badges (self, badges);
  text_width = MAX (0, width - 2 * MARGIN_X - (int) n_badges * (BADGE_SIZE + BADGE_SPACING));

  if (self->name_layout == NULL)
    {
      self->name_layout = make_layout (self, self->name_text, name_attributes ());
      self->detail_layout = make_layout (self, self->detail_text, detail_attributes ());
    }
  pango_layout_set_width (self->name_layout, text_width * PANGO_SCALE);
  pango_layout_set_width (self->detail_layout, text_width * PANGO_SCALE);
  pango_layout_set_alignment (self->name_layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_alignment (self->detail_layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);

  top = (height - (m->name_height + LINE_SPACING + m->detail_height)) / 2;
  append_layout (snapshot, self->name_layout, rtl ? width - MARGIN_X - text_width : MARGIN_X, top, &color);
  append_layout (snapshot, self->detail_layout, rtl ? width - MARGIN_X - text_width : MARGIN_X,
                 top + m->name_height + LINE_SPACING, &dim);

  for (guint slot = 0; slot < n_badges; slot++)
    {
      g_autoptr(GtkIconPaintable) icon = NULL;
      GdkRGBA colors[4] = { color, color, color, color };
      GdkRGBA badge_color;

      icon = gtk_icon_theme_lookup_icon (theme, badge_style[badges[slot]].icon_name, NULL, BADGE_SIZE,
                                         gtk_widget_get_scale_factor (widget), gtk_widget_get_direction (widget), 0);
      if (gtk_style_context_lookup_color (style, badge_style[badges[slot]].color_name, &badge_color))
        colors[0] = badge_color;
      gtk_style_context_lookup_color (style, "error_color", &colors[1]);
      gtk_style_context_lookup_color (style, "warning_color", &colors[2]);
      gtk_style_context_lookup_color (style, "success_color", &colors[3]);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (badge_x (self, slot), (height - BADGE_SIZE) / 2));
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                                BADGE_SIZE, BADGE_SIZE, colors, G_N_ELEMENTS (colors));
      gtk_snapshot_restore (snapshot);
    }
}

/* Each badge says what it means when the pointer rests on it. */
static gboolean
reg_customer_row_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  RegCustomerRow *self = REG_CUSTOMER_ROW (widget);
  Badge badges[N_BADGES];
  guint n_badges = shown_badges (self, badges);
  int height = gtk_widget_get_height (widget);

  if (keyboard_mode || y < (height - BADGE_SIZE) / 2 - 2 || y > (height + BADGE_SIZE) / 2 + 2)
    return FALSE;

  for (guint slot = 0; slot < n_badges; slot++)
    {
      int left = badge_x (self, slot);

      if (x >= left - BADGE_SPACING / 2 && x < left + BADGE_SIZE + BADGE_SPACING / 2)
        {
          gtk_tooltip_set_text (tooltip, badge_description (badges[slot]));
          return TRUE;
        }
    }
  return FALSE;
}

static void
reg_customer_row_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  RegCustomerRow *self = REG_CUSTOMER_ROW (widget);

  GTK_WIDGET_CLASS (reg_customer_row_parent_class)->css_changed (widget, change);

  /* The font may have changed: lay the text out again. */
  g_clear_object (&self->name_layout);
  g_clear_object (&self->detail_layout);
}

static void
reg_customer_row_direction_changed (GtkWidget        *widget,
                                    GtkTextDirection  previous)
{
  gtk_widget_queue_draw (widget);
}

static void
reg_customer_row_dispose (GObject *object)
{
  RegCustomerRow *self = REG_CUSTOMER_ROW (object);

  g_clear_signal_handler (&self->slot_handler, self->slot);
  g_clear_object (&self->slot);
  g_clear_signal_handler (&self->notify_handler, self->customer);
  g_clear_object (&self->customer);
  g_clear_object (&self->name_layout);
  g_clear_object (&self->detail_layout);
  g_clear_pointer (&self->name_text, g_free);
  g_clear_pointer (&self->detail_text, g_free);

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
      g_value_set_object (value, reg_customer_row_get_customer (self));
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

  widget_class->measure = reg_customer_row_measure;
  widget_class->snapshot = reg_customer_row_snapshot;
  widget_class->query_tooltip = reg_customer_row_query_tooltip;
  widget_class->css_changed = reg_customer_row_css_changed;
  widget_class->direction_changed = reg_customer_row_direction_changed;

  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         REG_TYPE_CUSTOMER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "customerrow");
}

static void
reg_customer_row_init (RegCustomerRow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "customer-row");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}
