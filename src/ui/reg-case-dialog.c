/* reg-case-dialog.c: open a complaint for a customer — a title, what
 * happened, how severe it is and who owns it
 *
 * Whoever starts the case owns it unless they give it to someone else;
 * the dialog says by when it should be resolved, as the shop's
 * turnaround targets have it for the severity chosen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-case-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-field.h"
#include "reg-case-dialog.h"
#include "reg-case-window.h"
#include "reg-staff-choices.h"

struct _RegCaseDialog
{
  AdwWindow        parent_instance;

  RegStore        *store;
  RegCustomer     *customer;
  RegCase         *kase;             /* the one opened, once saved */
  gint64           staff_id;         /* who is at the keyboard */
  GArray          *owner_ids;        /* gint64, one per row of owner_names */
  GtkWidget       *error_widget;     /* the field the error shown is about */

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkWidget       *error_box;
  GtkLabel        *error_label;
  AdwEntryRow     *title_row;
  GtkTextView     *description_view;
  AdwComboRow     *severity_row;
  AdwComboRow     *owner_row;
  GtkStringList   *owner_names;
  GtkLabel        *target_label;
};

G_DEFINE_FINAL_TYPE (RegCaseDialog, reg_case_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER,
  PROP_STAFF_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * reg_case_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: where the case is saved
 * @customer: who complained
 * @staff_id: who is at the keyboard, or 0: the case is theirs
 */
RegCaseDialog *
reg_case_dialog_new (GtkWindow   *parent,
                     RegStore    *store,
                     RegCustomer *customer,
                     gint64       staff_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REG_IS_STORE (store), NULL);
  g_return_val_if_fail (REG_IS_CUSTOMER (customer), NULL);

  return g_object_new (REG_TYPE_CASE_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "customer", customer,
                       "staff-id", staff_id,
                       NULL);
}

RegCustomer *
reg_case_dialog_get_customer (RegCaseDialog *self)
{
  g_return_val_if_fail (REG_IS_CASE_DIALOG (self), NULL);

  return self->customer;
}

/* The case opened; NULL until it is saved. */
RegCase *
reg_case_dialog_get_case (RegCaseDialog *self)
{
  g_return_val_if_fail (REG_IS_CASE_DIALOG (self), NULL);

  return self->kase;
}

/* Errors --------------------------------------------------------------- */

static void
clear_error (RegCaseDialog *self)
{
  reg_field_clear_error (GTK_WIDGET (self->error_box), self->error_label, &self->error_widget);
}

/* Says what is wrong, on the field it is about when there is one;
 * what was typed stays as it was. */
static void
show_error (RegCaseDialog *self,
            GtkWidget     *field,
            const char    *message)
{
  reg_field_show_error (GTK_WIDGET (self->error_box), self->error_label, &self->error_widget, field, message);
}

/* The model's and the store's messages start with the field they are about. */
static GtkWidget *
field_for_error (RegCaseDialog *self,
                 const GError  *error)
{
  /* Translators: these must match the start of the messages of the same
   * name in src/model and src/store */
  if (g_str_has_prefix (error->message, _("Title")))
    return GTK_WIDGET (self->title_row);
  if (g_str_has_prefix (error->message, _("Owner")))
    return GTK_WIDGET (self->owner_row);
  return NULL;
}

static void
on_title_changed (RegCaseDialog *self)
{
  if (self->error_widget == GTK_WIDGET (self->title_row))
    clear_error (self);
}

/* The target ----------------------------------------------------------- */

static RegCaseSeverity
selected_severity (RegCaseDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->severity_row);

  return selected <= REG_CASE_SEVERITY_URGENT ? (RegCaseSeverity) selected : REG_CASE_SEVERITY_NORMAL;
}

/* What the store will work out when the case is saved now. */
static void
update_target (RegCaseDialog *self)
{
  RegCaseTargets targets;
  gint64 now, due;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (self->store == NULL)
    return;

  now = reg_store_now (self->store);
  reg_store_get_case_targets (self->store, &targets);
  due = reg_case_targets_due (&targets, selected_severity (self), now, NULL);
  when = reg_case_text_time (due, now);
  /* Translators: %s is a day and time, as in "Thu 26 Nov, 14:00" */
  text = g_strdup_printf (_("To be resolved by %s"), when);
  gtk_label_set_text (self->target_label, text);
}

static void
on_severity_selected (RegCaseDialog *self)
{
  update_target (self);
}

/* Who ------------------------------------------------------------------ */

static void
load_owners (RegCaseDialog *self)
{
  guint position;

  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  position = reg_staff_choices_fill (self->store, self->staff_id, self->owner_names, self->owner_ids);
  adw_combo_row_set_selected (self->owner_row, position);

  gtk_widget_set_sensitive (GTK_WIDGET (self->owner_row), self->owner_ids->len > 1);
}

/* Saving --------------------------------------------------------------- */

static char *
description_text (RegCaseDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
case_save_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RegCaseDialog *self = REG_CASE_DIALOG (widget);
  g_autoptr(RegCaseDialog) keep_alive = NULL;
  g_autoptr(RegCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autofree char *description = description_text (self);

  if (self->kase != NULL)
    return;

  if (*title == '\0')
    {
      show_error (self, GTK_WIDGET (self->title_row), _("Title: a case needs a short title"));
      return;
    }

  kase = reg_case_new ();
  reg_case_set_customer_id (kase, reg_customer_get_id (self->customer));
  reg_case_set_title (kase, title);
  reg_case_set_description (kase, description);
  reg_case_set_severity (kase, selected_severity (self));
  reg_case_set_status (kase, REG_CASE_STATUS_OPEN);
  reg_case_set_owner_id (kase, reg_staff_choices_id_at (self->owner_ids,
                                                        adw_combo_row_get_selected (self->owner_row)));

  if (!reg_store_open_case (self->store, kase, self->staff_id, &error))
    {
      show_error (self, field_for_error (self, error), error->message);
      return;
    }

  clear_error (self);
  self->kase = g_steal_pointer (&kase);

  keep_alive = g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, self->kase);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject -------------------------------------------------------------- */

static void
reg_case_dialog_constructed (GObject *object)
{
  RegCaseDialog *self = REG_CASE_DIALOG (object);

  G_OBJECT_CLASS (reg_case_dialog_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_assert (self->customer != NULL);

  g_object_bind_property (self->customer, "display-name",
                          self->window_title, "subtitle",
                          G_BINDING_SYNC_CREATE);

  load_owners (self);
  update_target (self);

  if (reg_store_is_read_only (self->store))
    {
      const char *reason = reg_store_get_read_only_reason (self->store);

      show_error (self, NULL,
                  reason != NULL && *reason != '\0' ? reason : _("Complaints cannot be saved: the database is read-only"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "case-dialog.save", FALSE);
    }

  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));
}

static void
reg_case_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RegCaseDialog *self = REG_CASE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    case PROP_CUSTOMER:
      g_set_object (&self->customer, g_value_get_object (value));
      break;

    case PROP_STAFF_ID:
      self->staff_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_case_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RegCaseDialog *self = REG_CASE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    case PROP_STAFF_ID:
      g_value_set_int64 (value, self->staff_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_case_dialog_dispose (GObject *object)
{
  RegCaseDialog *self = REG_CASE_DIALOG (object);

  self->error_widget = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_CASE_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->customer);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (reg_case_dialog_parent_class)->dispose (object);
}

static void
reg_case_dialog_finalize (GObject *object)
{
  RegCaseDialog *self = REG_CASE_DIALOG (object);

  g_clear_pointer (&self->owner_ids, g_array_unref);

  G_OBJECT_CLASS (reg_case_dialog_parent_class)->finalize (object);
}

/* Ctrl+Enter saves from anywhere; in the capture phase, so that the
 * text view does not take it as a new line. */
static void
add_save_shortcuts (RegCaseDialog *self)
{
  static const guint keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("case-dialog.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
reg_case_dialog_class_init (RegCaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = reg_case_dialog_constructed;
  object_class->dispose = reg_case_dialog_dispose;
  object_class->finalize = reg_case_dialog_finalize;
  object_class->get_property = reg_case_dialog_get_property;
  object_class->set_property = reg_case_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         REG_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         REG_TYPE_CUSTOMER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Who is at the keyboard: they open the case, and own it unless they
   * give it to someone else; 0 for nobody. */
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RegCaseDialog::saved:
   * @kase: the case, as opened
   *
   * The case is in the store; the dialog closes right after.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, REG_TYPE_CASE);

  gtk_widget_class_install_action (widget_class, "case-dialog.save", NULL, case_save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/reg-case-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RegCaseDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RegCaseDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, RegCaseDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RegCaseDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, RegCaseDialog, severity_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseDialog, owner_row);
  gtk_widget_class_bind_template_child (widget_class, RegCaseDialog, owner_names);
  gtk_widget_class_bind_template_child (widget_class, RegCaseDialog, target_label);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_severity_selected);
}

static void
reg_case_dialog_init (RegCaseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_save_shortcuts (self);
}
