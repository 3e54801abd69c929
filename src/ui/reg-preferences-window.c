/* reg-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-autostart.h"
#include "reg-preferences-window.h"
#include "model/reg-record-list.h"

/* A severity's target: a number, and whether it counts hours or days */
typedef struct
{
  AdwActionRow         *row;
  GtkSpinButton        *spin;
  GtkDropDown          *unit;
} TargetRow;

enum {
  UNIT_HOURS,
  UNIT_DAYS,
};

struct _RegPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  RegStore             *store;

  RegRecordList        *staff;
  gint64                expanded_staff_id;

  /* Template widgets */
  AdwComboRow          *style_row;
  AdwPreferencesPage   *staff_page;
  AdwEntryRow          *add_staff_row;
  GtkListBox           *staff_list;
  GtkSwitch            *background_switch;
  GtkSwitch            *autostart_switch;
  AdwPreferencesGroup  *targets_group;
  AdwPreferencesGroup  *customers_group;
  AdwActionRow         *win_back_row;
  GtkSpinButton        *win_back_spin;
  GtkLabel             *win_back_unit;
  AdwPreferencesGroup  *backups_group;
  AdwActionRow         *daily_backups_row;
  GtkSwitch            *daily_backups_switch;
  AdwActionRow         *backups_to_keep_row;
  GtkSpinButton        *backups_to_keep_spin;

  TargetRow             targets[4];      /* indexed by RegCaseSeverity */
  AdwActionRow         *working_days_row;
  GtkSwitch            *working_days_switch;
  gboolean              showing_settings;  /* not a change to save */
  gboolean              saving_settings;   /* our own change coming back */

  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (RegPreferencesWindow, reg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RegPreferencesWindow *
reg_preferences_window_new (GSettings *settings,
                            RegStore  *store)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (store == NULL || REG_IS_STORE (store), NULL);

  return g_object_new (REG_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "store", store,
                       NULL);
}

/* The combo row's positions follow the ColorScheme enum in the schema. */
static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);
  guint position = 0;

  if (g_strcmp0 (nick, "light") == 0)
    position = 1;
  else if (g_strcmp0 (nick, "dark") == 0)
    position = 2;

  g_value_set_uint (value, position);
  return TRUE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  static const char *nicks[] = { "default", "light", "dark" };
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (nicks))
    return NULL;

  return g_variant_new_string (nicks[position]);
}

/* Staff ---------------------------------------------------------------- */

/* What one staff member's expander row edits. The window outlives its
 * rows: they go when it disposes its template. */
typedef struct
{
  RegPreferencesWindow *window;
  RegStaff             *staff;
  AdwExpanderRow       *row;
  AdwEntryRow          *name_row;
  AdwEntryRow          *team_row;
  GtkSwitch            *active_switch;
  gboolean              saving;
} StaffRow;

static void
staff_row_free (gpointer data)
{
  StaffRow *staff_row = data;

  g_clear_object (&staff_row->staff);
  g_free (staff_row);
}

static StaffRow *
staff_row_get (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "reg-staff-row");
}

/* Sets an entry row's text without revealing its apply button, as if
 * the person had not typed it. */
static void
entry_row_set_text (AdwEntryRow *entry,
                    const char  *text)
{
  gboolean show_apply = adw_entry_row_get_show_apply_button (entry);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text) == 0)
    return;

  adw_entry_row_set_show_apply_button (entry, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  adw_entry_row_set_show_apply_button (entry, show_apply);
}

static char *
entry_row_dup_stripped (AdwEntryRow *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
show_error (RegPreferencesWindow *self,
            GtkWidget            *widget,
            const GError         *error)
{
  if (widget != NULL)
    gtk_widget_add_css_class (widget, "error");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (error->message));
}

/* Typing again takes the error off what was refused. */
static void
on_entry_changed (GtkEditable *entry,
                  gpointer     user_data)
{
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
on_add_staff (RegPreferencesWindow *self,
              AdwEntryRow          *entry)
{
  g_autoptr(RegStaff) staff = reg_staff_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = entry_row_dup_stripped (entry);

  if (self->store == NULL)
    return;

  reg_staff_set_name (staff, name);
  if (!reg_store_save_staff (self->store, staff, &error))
    {
      show_error (self, GTK_WIDGET (entry), error);
      return;
    }

  entry_row_set_text (entry, "");
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

/* A rename can move the row, which the list then makes anew: give its
 * successor the focus the old one had. */
static void
refocus_moved_row (RegPreferencesWindow *self,
                   StaffRow             *old_row,
                   gboolean              team)
{
  if (gtk_widget_get_parent (GTK_WIDGET (old_row->row)) != NULL)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->staff_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      StaffRow *staff_row = staff_row_get (child);

      if (staff_row != NULL && staff_row->staff == old_row->staff)
        {
          gtk_widget_grab_focus (GTK_WIDGET (team ? staff_row->team_row : staff_row->name_row));
          break;
        }
    }
}

static void
on_name_apply (AdwEntryRow *entry,
               StaffRow    *staff_row)
{
  RegPreferencesWindow *self = staff_row->window;
  /* Saving may replace the row; keep this one until we are done. */
  g_autoptr(GtkWidget) hold = g_object_ref (GTK_WIDGET (staff_row->row));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = entry_row_dup_stripped (entry);
  g_autofree char *old_name = NULL;

  if (g_strcmp0 (name, reg_staff_get_name (staff_row->staff)) == 0)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return;
    }

  old_name = g_strdup (reg_staff_get_name (staff_row->staff));
  staff_row->saving = TRUE;
  reg_staff_set_name (staff_row->staff, name);
  if (!reg_store_save_staff (self->store, staff_row->staff, &error))
    {
      /* The store shares this object with every view: put it back. The
       * entry keeps what was typed, to be corrected. */
      reg_staff_set_name (staff_row->staff, old_name);
      staff_row->saving = FALSE;
      show_error (self, GTK_WIDGET (entry), error);
      return;
    }
  staff_row->saving = FALSE;

  entry_row_set_text (entry, name);
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  refocus_moved_row (self, staff_row, FALSE);
}

static void
on_team_apply (AdwEntryRow *entry,
               StaffRow    *staff_row)
{
  RegPreferencesWindow *self = staff_row->window;
  g_autoptr(GtkWidget) hold = g_object_ref (GTK_WIDGET (staff_row->row));
  g_autoptr(GError) error = NULL;
  g_autofree char *team = entry_row_dup_stripped (entry);
  g_autofree char *old_team = NULL;

  if (g_strcmp0 (team, reg_staff_get_team (staff_row->staff)) == 0)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      return;
    }

  old_team = g_strdup (reg_staff_get_team (staff_row->staff));
  staff_row->saving = TRUE;
  reg_staff_set_team (staff_row->staff, team);
  if (!reg_store_save_staff (self->store, staff_row->staff, &error))
    {
      reg_staff_set_team (staff_row->staff, old_team);
      staff_row->saving = FALSE;
      show_error (self, GTK_WIDGET (entry), error);
      return;
    }
  staff_row->saving = FALSE;

  entry_row_set_text (entry, team);
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  refocus_moved_row (self, staff_row, TRUE);
}

static void
on_active_switched (GtkSwitch  *active_switch,
                    GParamSpec *pspec,
                    StaffRow   *staff_row)
{
  RegPreferencesWindow *self = staff_row->window;
  g_autoptr(GtkWidget) hold = g_object_ref (GTK_WIDGET (staff_row->row));
  g_autoptr(GError) error = NULL;
  gboolean active = gtk_switch_get_active (active_switch);

  if (active == reg_staff_get_active (staff_row->staff))
    return;

  reg_staff_set_active (staff_row->staff, active);
  if (!reg_store_save_staff (self->store, staff_row->staff, &error))
    {
      /* Flips the switch back too, through the binding. */
      reg_staff_set_active (staff_row->staff, !active);
      show_error (self, NULL, error);
    }
}

/* Someone else (another window, an import) changed the staff member:
 * show it, unless the entry holds what is being saved or corrected. */
static void
on_staff_name_changed (RegStaff   *staff,
                       GParamSpec *pspec,
                       GtkWidget  *row)
{
  StaffRow *staff_row = staff_row_get (row);

  if (staff_row == NULL || staff_row->saving ||
      gtk_widget_has_css_class (GTK_WIDGET (staff_row->name_row), "error"))
    return;
  entry_row_set_text (staff_row->name_row, reg_staff_get_name (staff));
}

static void
on_staff_team_changed (RegStaff   *staff,
                       GParamSpec *pspec,
                       GtkWidget  *row)
{
  StaffRow *staff_row = staff_row_get (row);

  if (staff_row == NULL || staff_row->saving ||
      gtk_widget_has_css_class (GTK_WIDGET (staff_row->team_row), "error"))
    return;
  entry_row_set_text (staff_row->team_row, reg_staff_get_team (staff));
}

static gboolean
team_to_subtitle (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  const char *team = g_value_get_string (from_value);

  g_value_set_string (to_value, team != NULL && team[0] != '\0' ? team : _("No team"));
  return TRUE;
}

static void
on_expanded_changed (AdwExpanderRow *row,
                     GParamSpec     *pspec,
                     StaffRow       *staff_row)
{
  RegPreferencesWindow *self = staff_row->window;
  gint64 id = reg_staff_get_id (staff_row->staff);

  if (adw_expander_row_get_expanded (row))
    self->expanded_staff_id = id;
  else if (self->expanded_staff_id == id)
    self->expanded_staff_id = 0;
}

static AdwEntryRow *
add_entry_row (AdwExpanderRow *row,
               const char     *title,
               const char     *text,
               GCallback       apply,
               StaffRow       *staff_row)
{
  AdwEntryRow *entry = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  adw_entry_row_set_show_apply_button (entry, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_connect (entry, "apply", apply, staff_row);
  g_signal_connect (entry, "entry-activated", apply, staff_row);
  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed), NULL);
  adw_expander_row_add_row (row, GTK_WIDGET (entry));

  return entry;
}

static GtkWidget *
create_staff_row (gpointer item,
                  gpointer user_data)
{
  RegPreferencesWindow *self = user_data;
  RegStaff *staff = item;
  StaffRow *staff_row = g_new0 (StaffRow, 1);
  GtkWidget *row, *inactive, *active_row, *active_switch;

  row = adw_expander_row_new ();
  /* Names are text, not markup: "Smith & Sons" must show as typed. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  staff_row->window = self;
  staff_row->staff = g_object_ref (staff);
  staff_row->row = ADW_EXPANDER_ROW (row);
  g_object_set_data_full (G_OBJECT (row), "reg-staff-row", staff_row, staff_row_free);

  g_object_bind_property (staff, "name", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (staff, "team", row, "subtitle", G_BINDING_SYNC_CREATE,
                               team_to_subtitle, NULL, NULL, NULL);

  inactive = gtk_label_new (_("Inactive"));
  gtk_widget_set_valign (inactive, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (inactive, "dim-label");
  g_object_bind_property (staff, "active", inactive, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), inactive);

  staff_row->name_row = add_entry_row (ADW_EXPANDER_ROW (row), _("Name"),
                                       reg_staff_get_name (staff),
                                       G_CALLBACK (on_name_apply), staff_row);
  staff_row->team_row = add_entry_row (ADW_EXPANDER_ROW (row), _("Team"),
                                       reg_staff_get_team (staff),
                                       G_CALLBACK (on_team_apply), staff_row);

  active_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (active_row), _("Active"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (active_row),
                               _("Can be chosen as who is at the keyboard"));
  active_switch = gtk_switch_new ();
  gtk_widget_set_valign (active_switch, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (active_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Active"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (active_row), active_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (active_row), active_switch);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), active_row);
  staff_row->active_switch = GTK_SWITCH (active_switch);

  g_object_bind_property (staff, "active", active_switch, "active", G_BINDING_SYNC_CREATE);
  g_signal_connect (active_switch, "notify::active", G_CALLBACK (on_active_switched), staff_row);

  g_signal_connect_object (staff, "notify::name", G_CALLBACK (on_staff_name_changed), row, 0);
  g_signal_connect_object (staff, "notify::team", G_CALLBACK (on_staff_team_changed), row, 0);

  if (reg_staff_get_id (staff) == self->expanded_staff_id)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_expanded_changed), staff_row);

  return row;
}

static void
on_staff_items_changed (RegPreferencesWindow *self,
                        guint                 position,
                        guint                 removed,
                        guint                 added,
                        GListModel           *model)
{
  gtk_widget_set_visible (GTK_WIDGET (self->staff_list),
                          g_list_model_get_n_items (model) > 0);
}

/* Shop-wide settings ------------------------------------------------- */

static void
set_target_unit (TargetRow *target,
                 guint      unit)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (target->spin);

  gtk_adjustment_set_upper (adjustment, unit == UNIT_DAYS ? REG_CASE_TARGET_MAX_HOURS / 24
                                                          : REG_CASE_TARGET_MAX_HOURS);
  gtk_drop_down_set_selected (target->unit, unit);
}

static void
update_win_back_unit (RegPreferencesWindow *self)
{
  guint days = gtk_spin_button_get_value_as_int (self->win_back_spin);

  /* Translators: after a number of days, as in "Win back after [90] days" */
  gtk_label_set_label (self->win_back_unit, g_dngettext (GETTEXT_PACKAGE, "day", "days", days));
}

/* Shows the targets and the win-back time the store holds. A whole
 * number of days shows as days, as the store counts it. */
static void
show_shop_settings (RegPreferencesWindow *self)
{
  RegCaseTargets targets;

  if (self->store == NULL || self->saving_settings)
    return;

  reg_store_get_case_targets (self->store, &targets);

  self->showing_settings = TRUE;
  for (guint severity = 0; severity < G_N_ELEMENTS (self->targets); severity++)
    {
      TargetRow *target = &self->targets[severity];
      guint hours = targets.hours[severity];
      gboolean days = hours > 0 && hours % 24 == 0;

      set_target_unit (target, days ? UNIT_DAYS : UNIT_HOURS);
      gtk_spin_button_set_value (target->spin, days ? hours / 24 : hours);
    }
  gtk_switch_set_active (self->working_days_switch, targets.working_days_only);
  gtk_spin_button_set_value (self->win_back_spin, reg_store_get_win_back_days (self->store));
  gtk_widget_remove_css_class (GTK_WIDGET (self->win_back_row), "error");
  update_win_back_unit (self);
  self->showing_settings = FALSE;
}

static void
save_targets (RegPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  RegCaseTargets targets;
  gboolean saved;

  if (self->showing_settings || self->store == NULL)
    return;

  for (guint severity = 0; severity < G_N_ELEMENTS (self->targets); severity++)
    {
      TargetRow *target = &self->targets[severity];
      guint value = gtk_spin_button_get_value_as_int (target->spin);

      targets.hours[severity] = gtk_drop_down_get_selected (target->unit) == UNIT_DAYS ? value * 24 : value;
    }
  targets.working_days_only = gtk_switch_get_active (self->working_days_switch);

  self->saving_settings = TRUE;
  saved = reg_store_set_case_targets (self->store, &targets, &error);
  self->saving_settings = FALSE;

  /* What was chosen stays shown, to be corrected or tried again. */
  if (!saved)
    show_error (self, NULL, error);
}

static void
on_target_changed (RegPreferencesWindow *self)
{
  save_targets (self);
}

static void
on_target_unit_changed (GtkDropDown          *unit,
                        GParamSpec           *pspec,
                        RegPreferencesWindow *self)
{
  if (self->showing_settings)
    return;

  /* The number stays: "4" hours becomes 4 days. */
  for (guint severity = 0; severity < G_N_ELEMENTS (self->targets); severity++)
    if (self->targets[severity].unit == unit)
      set_target_unit (&self->targets[severity], gtk_drop_down_get_selected (unit));
  save_targets (self);
}

static void
on_win_back_changed (RegPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (self->showing_settings || self->store == NULL)
    return;
  update_win_back_unit (self);

  self->saving_settings = TRUE;
  saved = reg_store_set_win_back_days (self->store, gtk_spin_button_get_value_as_int (self->win_back_spin), &error);
  self->saving_settings = FALSE;

  if (!saved)
    show_error (self, GTK_WIDGET (self->win_back_row), error);
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->win_back_row), "error");
}

static const char *
severity_title (RegCaseSeverity severity)
{
  switch (severity)
    {
    case REG_CASE_SEVERITY_URGENT:
      return _("Urgent");
    case REG_CASE_SEVERITY_HIGH:
      return _("High");
    case REG_CASE_SEVERITY_NORMAL:
      return _("Normal");
    case REG_CASE_SEVERITY_LOW:
    default:
      return _("Low");
    }
}

static void
build_target_rows (RegPreferencesWindow *self)
{
  static const RegCaseSeverity order[] = {
    REG_CASE_SEVERITY_URGENT, REG_CASE_SEVERITY_HIGH, REG_CASE_SEVERITY_NORMAL, REG_CASE_SEVERITY_LOW,
  };
  static const char * const units[] = { N_("Hours"), N_("Days"), NULL };
  g_autoptr(GtkStringList) unit_names = gtk_string_list_new (NULL);
  /* "Hours" and "Days" as wide, so that the numbers line up */
  g_autoptr(GtkSizeGroup) unit_sizes = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  GtkWidget *row, *toggle;

  for (guint i = 0; units[i] != NULL; i++)
    gtk_string_list_append (unit_names, _(units[i]));

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      TargetRow *target = &self->targets[order[i]];
      const char *title = severity_title (order[i]);
      g_autofree char *spin_label = NULL;
      g_autofree char *unit_label = NULL;
      GtkAdjustment *adjustment = gtk_adjustment_new (1, 1, REG_CASE_TARGET_MAX_HOURS, 1, 10, 0);

      target->row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (target->row), title);

      target->spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 1, 0));
      gtk_spin_button_set_numeric (target->spin, TRUE);
      gtk_editable_set_width_chars (GTK_EDITABLE (target->spin), 4);
      gtk_widget_set_valign (GTK_WIDGET (target->spin), GTK_ALIGN_CENTER);
      /* Translators: for screen readers; %s is a severity, as in "Urgent" */
      spin_label = g_strdup_printf (_("Target for %s complaints"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (target->spin),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, spin_label, -1);
      g_signal_connect_swapped (target->spin, "value-changed", G_CALLBACK (on_target_changed), self);
      adw_action_row_add_suffix (target->row, GTK_WIDGET (target->spin));
      adw_action_row_set_activatable_widget (target->row, GTK_WIDGET (target->spin));

      target->unit = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (unit_names)), NULL));
      gtk_widget_set_valign (GTK_WIDGET (target->unit), GTK_ALIGN_CENTER);
      /* Translators: for screen readers; %s is a severity, as in "Urgent" */
      unit_label = g_strdup_printf (_("Hours or days for %s complaints"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (target->unit),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, unit_label, -1);
      g_signal_connect (target->unit, "notify::selected", G_CALLBACK (on_target_unit_changed), self);
      gtk_size_group_add_widget (unit_sizes, GTK_WIDGET (target->unit));
      adw_action_row_add_suffix (target->row, GTK_WIDGET (target->unit));

      adw_preferences_group_add (self->targets_group, GTK_WIDGET (target->row));
    }

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Count Working Days Only"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Saturdays and Sundays do not count towards targets in days"));
  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Count working days only"), -1);
  g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (on_target_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (self->targets_group, row);
  self->working_days_row = ADW_ACTION_ROW (row);
  self->working_days_switch = GTK_SWITCH (toggle);
}

static void
on_autostart_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(RegPreferencesWindow) self = data;
  g_autoptr(GError) error = NULL;

  /* The switch shows what is true now, asked or not. */
  if (!reg_autostart_set_enabled_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      self->autostart_switch != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  if (self->autostart_switch == NULL)
    return;
  gtk_switch_set_state (self->autostart_switch, reg_autostart_is_enabled (self->settings));
  gtk_switch_set_active (self->autostart_switch, reg_autostart_is_enabled (self->settings));
}

static gboolean
on_autostart_state_set (RegPreferencesWindow *self,
                        gboolean              state,
                        GtkSwitch            *toggle)
{
  if (state == reg_autostart_is_enabled (self->settings))
    return FALSE;

  reg_autostart_set_enabled_async (self->settings, state, self->cancellable,
                                   on_autostart_done, g_object_ref (self));
  /* The state follows once it is done (the portal may ask first). */
  return TRUE;
}

/* Where the daily backups go, as a person would read the folder's name. */
static void
show_backup_dir (RegPreferencesWindow *self)
{
  g_autofree char *dir = reg_store_get_backup_dir (self->store);
  g_autofree char *name = g_filename_display_name (dir);
  g_autofree char *subtitle = NULL;

  /* Translators: %s is a folder, as in "/home/anna/.local/share/regulars/backups" */
  subtitle = g_strdup_printf (_("Saved in %s"), name);
  adw_action_row_set_subtitle (self->daily_backups_row, subtitle);
}

static void
reg_preferences_window_constructed (GObject *object)
{
  RegPreferencesWindow *self = REG_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (reg_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                style_get_mapping, style_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_switch_set_active (self->autostart_switch, reg_autostart_is_enabled (self->settings));
  gtk_switch_set_state (self->autostart_switch, reg_autostart_is_enabled (self->settings));
  g_settings_bind (self->settings, "daily-backups", self->daily_backups_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backups-to-keep", self->backups_to_keep_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "daily-backups", self->backups_to_keep_row, "sensitive",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY);

  /* Without a database there is nobody to manage, and nothing to back up. */
  if (self->store == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->staff_page), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->targets_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->customers_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->backups_group), FALSE);
      return;
    }
  show_backup_dir (self);

  /* Kept in the database, shared by every desk: shown as it changes. */
  show_shop_settings (self);
  g_signal_connect_object (self->store, "settings-changed",
                           G_CALLBACK (show_shop_settings), self, G_CONNECT_SWAPPED);
  if (reg_store_is_read_only (self->store))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->targets_group), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->customers_group), FALSE);
    }

  self->staff = reg_record_list_new (self->store, REG_RECORD_STAFF, 0);
  g_signal_connect_object (self->staff, "items-changed",
                           G_CALLBACK (on_staff_items_changed), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->staff_list, G_LIST_MODEL (self->staff),
                           create_staff_row, self, NULL);
  on_staff_items_changed (self, 0, 0, 0, G_LIST_MODEL (self->staff));
}

static void
reg_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RegPreferencesWindow *self = REG_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;

    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RegPreferencesWindow *self = REG_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_preferences_window_dispose (GObject *object)
{
  RegPreferencesWindow *self = REG_PREFERENCES_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->staff != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->staff, self);
      gtk_list_box_bind_model (self->staff_list, NULL, NULL, NULL, NULL);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, show_shop_settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->staff);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (reg_preferences_window_parent_class)->dispose (object);
}

static void
reg_preferences_window_class_init (RegPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = reg_preferences_window_constructed;
  object_class->dispose = reg_preferences_window_dispose;
  object_class->get_property = reg_preferences_window_get_property;
  object_class->set_property = reg_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         REG_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/reg-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, staff_page);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, add_staff_row);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, staff_list);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, targets_group);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, customers_group);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, win_back_row);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, win_back_spin);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, win_back_unit);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, backups_group);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, daily_backups_row);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, daily_backups_switch);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, backups_to_keep_row);
  gtk_widget_class_bind_template_child (widget_class, RegPreferencesWindow, backups_to_keep_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_win_back_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_autostart_state_set);
  gtk_widget_class_bind_template_callback (widget_class, on_add_staff);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
}

static void
reg_preferences_window_init (RegPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->showing_settings = TRUE;   /* nothing to save until shown */
  gtk_widget_init_template (GTK_WIDGET (self));
  build_target_rows (self);
  self->showing_settings = FALSE;
}
