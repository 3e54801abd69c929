/* reg-staff-button.c: who is at the keyboard, in the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-staff-button"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-staff-button.h"

/* The person at the keyboard is the "current-staff-id" setting when it
 * names someone active; otherwise the first active staff member by name,
 * written back to the setting so that notes and promises record someone.
 * Choosing a row in the popover is the second of two clicks. */
struct _RegStaffButton
{
  GtkWidget      parent_instance;

  RegStore      *store;
  GSettings     *settings;
  GListStore    *active_staff;     /* RegStaff, active ones by name */
  gint64         staff_id;
  gulong         staff_changed_id;
  gulong         reloaded_id;
  gulong         setting_changed_id;
  gboolean       updating;

  /* Template widgets */
  GtkMenuButton *menu_button;
  GtkLabel      *name_label;
  GtkPopover    *popover;
  GtkListBox    *staff_list;
  GtkButton     *manage_button;
};

G_DEFINE_FINAL_TYPE (RegStaffButton, reg_staff_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_STAFF_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define CURRENT_STAFF_KEY "current-staff-id"

RegStaffButton *
reg_staff_button_new (RegStore  *store,
                      GSettings *settings)
{
  g_return_val_if_fail (store == NULL || REG_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (REG_TYPE_STAFF_BUTTON,
                       "store", store,
                       "settings", settings,
                       NULL);
}

RegStore *
reg_staff_button_get_store (RegStaffButton *self)
{
  g_return_val_if_fail (REG_IS_STAFF_BUTTON (self), NULL);

  return self->store;
}

GSettings *
reg_staff_button_get_settings (RegStaffButton *self)
{
  g_return_val_if_fail (REG_IS_STAFF_BUTTON (self), NULL);

  return self->settings;
}

/* The staff member at the keyboard, or 0 when there is nobody active. */
gint64
reg_staff_button_get_staff_id (RegStaffButton *self)
{
  g_return_val_if_fail (REG_IS_STAFF_BUTTON (self), 0);

  return self->staff_id;
}

static RegStaff *
row_get_staff (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "reg-staff");
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RegStaffButton *self = user_data;
  RegStaff *staff = item;
  const char *team = reg_staff_get_team (staff);
  GtkWidget *row, *box, *labels, *name, *check;
  g_autofree char *accessible = NULL;

  row = gtk_list_box_row_new ();
  g_object_set_data_full (G_OBJECT (row), "reg-staff", g_object_ref (staff), g_object_unref);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);

  name = gtk_label_new (reg_staff_get_name (staff));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 24);
  gtk_box_append (GTK_BOX (labels), name);

  if (team[0] != '\0')
    {
      GtkWidget *subtitle = gtk_label_new (team);

      gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
      gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 24);
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_box_append (GTK_BOX (labels), subtitle);
      accessible = g_strdup_printf (C_("staff member and team", "%s, %s"),
                                    reg_staff_get_name (staff), team);
    }
  else
    accessible = g_strdup (reg_staff_get_name (staff));

  gtk_box_append (GTK_BOX (box), labels);

  /* Kept in place, only hidden, so that rows do not change width. Screen
   * readers hear the row's selected state instead. */
  check = g_object_new (GTK_TYPE_IMAGE,
                        "icon-name", "object-select-symbolic",
                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                        NULL);
  gtk_widget_set_opacity (check, reg_staff_get_id (staff) == self->staff_id ? 1 : 0);
  gtk_box_append (GTK_BOX (box), check);
  g_object_set_data (G_OBJECT (row), "reg-check", check);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return row;
}

static void
update_checks (RegStaffButton *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->staff_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RegStaff *staff;
      GtkWidget *check;
      gboolean current;

      if (!GTK_IS_LIST_BOX_ROW (child) || !(staff = row_get_staff (GTK_LIST_BOX_ROW (child))))
        continue;

      current = reg_staff_get_id (staff) == self->staff_id;
      check = g_object_get_data (G_OBJECT (child), "reg-check");
      gtk_widget_set_opacity (check, current ? 1 : 0);
      gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                   GTK_ACCESSIBLE_STATE_SELECTED, current,
                                   -1);
    }
}

static void
set_current (RegStaffButton *self,
             RegStaff       *staff)
{
  gint64 id = staff != NULL ? reg_staff_get_id (staff) : 0;
  const char *name = staff != NULL ? reg_staff_get_name (staff) : _("Nobody");
  g_autofree char *accessible = NULL;

  gtk_label_set_label (self->name_label, name);
  /* Translators: read out by screen readers for the header bar button */
  accessible = g_strdup_printf (_("At the keyboard: %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  if (self->staff_id != id)
    {
      self->staff_id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ID]);
    }

  update_checks (self);
}

/* Reads the active staff again and works out who is at the keyboard. */
static void
reg_staff_button_update (RegStaffButton *self)
{
  g_autoptr(GPtrArray) staff = NULL;
  RegStaff *current = NULL;
  gint64 wanted;

  if (self->updating)
    return;

  if (self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!(staff = reg_store_list_staff (self->store, TRUE, &error)))
        g_warning ("Could not read the staff: %s", error->message);
    }
  if (staff == NULL)
    staff = g_ptr_array_new_with_free_func (g_object_unref);

  g_list_store_splice (self->active_staff, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->active_staff)),
                       staff->pdata, staff->len);

  wanted = g_settings_get_int64 (self->settings, CURRENT_STAFF_KEY);
  for (guint i = 0; i < staff->len && current == NULL; i++)
    if (reg_staff_get_id (g_ptr_array_index (staff, i)) == wanted)
      current = g_ptr_array_index (staff, i);
  if (current == NULL && staff->len > 0)
    current = g_ptr_array_index (staff, 0);

  /* Whoever is shown here is whom the next note records. */
  if ((current != NULL ? reg_staff_get_id (current) : 0) != wanted)
    {
      self->updating = TRUE;
      g_settings_set_int64 (self->settings, CURRENT_STAFF_KEY,
                            current != NULL ? reg_staff_get_id (current) : 0);
      self->updating = FALSE;
    }

  set_current (self, current);
}

static void
on_staff_changed (RegStaffButton *self,
                  gint64          id,
                  RegStore       *store)
{
  reg_staff_button_update (self);
}

static void
on_reloaded (RegStaffButton *self,
             RegStore       *store)
{
  reg_staff_button_update (self);
}

static void
on_setting_changed (RegStaffButton *self,
                    const char     *key,
                    GSettings      *settings)
{
  reg_staff_button_update (self);
}

static void
on_row_activated (RegStaffButton *self,
                  GtkListBoxRow  *row,
                  GtkListBox     *list)
{
  RegStaff *staff = row_get_staff (row);

  if (staff == NULL)
    return;

  g_settings_set_int64 (self->settings, CURRENT_STAFF_KEY, reg_staff_get_id (staff));
  /* The settings backend may tell us later; show the choice now. */
  reg_staff_button_update (self);
  gtk_menu_button_popdown (self->menu_button);
}

static void
on_manage_clicked (RegStaffButton *self,
                   GtkButton      *button)
{
  gtk_menu_button_popdown (self->menu_button);
}

/* Opens on the person at the keyboard, for the arrow keys. */
static void
on_popover_show (RegStaffButton *self,
                 GtkPopover     *popover)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->staff_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RegStaff *staff;

      if (GTK_IS_LIST_BOX_ROW (child) &&
          (staff = row_get_staff (GTK_LIST_BOX_ROW (child))) != NULL &&
          reg_staff_get_id (staff) == self->staff_id)
        {
          gtk_widget_grab_focus (child);
          break;
        }
    }
}

static void
reg_staff_button_constructed (GObject *object)
{
  RegStaffButton *self = REG_STAFF_BUTTON (object);

  G_OBJECT_CLASS (reg_staff_button_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  if (self->store != NULL)
    {
      self->staff_changed_id =
        g_signal_connect_object (self->store, "staff-changed",
                                 G_CALLBACK (on_staff_changed), self, G_CONNECT_SWAPPED);
      self->reloaded_id =
        g_signal_connect_object (self->store, "reloaded",
                                 G_CALLBACK (on_reloaded), self, G_CONNECT_SWAPPED);
    }
  self->setting_changed_id =
    g_signal_connect_object (self->settings, "changed::" CURRENT_STAFF_KEY,
                             G_CALLBACK (on_setting_changed), self, G_CONNECT_SWAPPED);

  reg_staff_button_update (self);
}

static void
reg_staff_button_dispose (GObject *object)
{
  RegStaffButton *self = REG_STAFF_BUTTON (object);

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->staff_changed_id, self->store);
      g_clear_signal_handler (&self->reloaded_id, self->store);
    }
  if (self->settings != NULL)
    g_clear_signal_handler (&self->setting_changed_id, self->settings);

  if (self->staff_list != NULL)
    gtk_list_box_bind_model (self->staff_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_STAFF_BUTTON);

  g_clear_object (&self->active_staff);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (reg_staff_button_parent_class)->dispose (object);
}

static void
reg_staff_button_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RegStaffButton *self = REG_STAFF_BUTTON (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_STAFF_ID:
      g_value_set_int64 (value, self->staff_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_staff_button_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RegStaffButton *self = REG_STAFF_BUTTON (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_staff_button_class_init (RegStaffButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = reg_staff_button_constructed;
  object_class->dispose = reg_staff_button_dispose;
  object_class->get_property = reg_staff_button_get_property;
  object_class->set_property = reg_staff_button_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         REG_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * RegStaffButton:staff-id:
   *
   * The staff member at the keyboard, or 0 when there is nobody active.
   */
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/reg-staff-button.ui");
  gtk_widget_class_bind_template_child (widget_class, RegStaffButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RegStaffButton, name_label);
  gtk_widget_class_bind_template_child (widget_class, RegStaffButton, popover);
  gtk_widget_class_bind_template_child (widget_class, RegStaffButton, staff_list);
  gtk_widget_class_bind_template_child (widget_class, RegStaffButton, manage_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_manage_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "staffbutton");
}

static void
reg_staff_button_init (RegStaffButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->active_staff = g_list_store_new (REG_TYPE_STAFF);
  gtk_list_box_bind_model (self->staff_list, G_LIST_MODEL (self->active_staff),
                           create_row, self, NULL);
}
