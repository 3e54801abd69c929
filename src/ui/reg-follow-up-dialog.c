/* reg-follow-up-dialog.c: add a promise to a customer, or change one
 * (what was promised, when it is due, who keeps it)
 *
 * Opens with the promise focused: someone adding a callback types what
 * they promised and presses Ctrl+Enter; the due time starts at tomorrow
 * 10:00 and the promise goes to whoever is at the keyboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-follow-up-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-field.h"
#include "reg-due-time.h"
#include "reg-follow-up-dialog.h"
#include "reg-staff-choices.h"

/* A new promise is due tomorrow at this hour unless changed. */
#define DEFAULT_DUE_HOUR 10

struct _RegFollowUpDialog
{
  AdwWindow        parent_instance;

  RegStore        *store;
  RegCustomer     *customer;
  RegFollowUp     *follow_up;        /* the one edited; NULL when adding */
  gint64           staff_id;         /* who is at the keyboard */
  GArray          *assignee_ids;     /* gint64, one per row of assignee_names */
  char            *initial_due_text; /* to tell whether the due time was changed */
  GtkWidget       *error_widget;     /* the field the error shown is about */
  guint            syncing_calendar : 1;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkButton       *save_button;
  GtkWidget       *error_box;
  GtkLabel        *error_label;
  AdwEntryRow     *promise_row;
  AdwEntryRow     *due_row;
  GtkMenuButton   *calendar_button;
  GtkCalendar     *calendar;
  GtkLabel        *due_hint;
  AdwComboRow     *assignee_row;
  GtkStringList   *assignee_names;
};

G_DEFINE_FINAL_TYPE (RegFollowUpDialog, reg_follow_up_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER,
  PROP_FOLLOW_UP,
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
 * reg_follow_up_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: where the promise is saved
 * @customer: whom the promise was made to
 * @follow_up: (nullable): the promise to change, or %NULL to add one
 * @staff_id: who is at the keyboard, or 0: a new promise is theirs
 */
RegFollowUpDialog *
reg_follow_up_dialog_new (GtkWindow   *parent,
                          RegStore    *store,
                          RegCustomer *customer,
                          RegFollowUp *follow_up,
                          gint64       staff_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REG_IS_STORE (store), NULL);
  g_return_val_if_fail (REG_IS_CUSTOMER (customer), NULL);
  g_return_val_if_fail (follow_up == NULL || REG_IS_FOLLOW_UP (follow_up), NULL);

  return g_object_new (REG_TYPE_FOLLOW_UP_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "customer", customer,
                       "follow-up", follow_up,
                       "staff-id", staff_id,
                       NULL);
}

RegCustomer *
reg_follow_up_dialog_get_customer (RegFollowUpDialog *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP_DIALOG (self), NULL);

  return self->customer;
}

RegFollowUp *
reg_follow_up_dialog_get_follow_up (RegFollowUpDialog *self)
{
  g_return_val_if_fail (REG_IS_FOLLOW_UP_DIALOG (self), NULL);

  return self->follow_up;
}

/* Errors --------------------------------------------------------------- */

static void
clear_error (RegFollowUpDialog *self)
{
  reg_field_clear_error (GTK_WIDGET (self->error_box), self->error_label, &self->error_widget);
}

/* Says what is wrong, on the field it is about when there is one, and
 * puts the focus there; what was typed stays as it was. */
static void
show_error (RegFollowUpDialog *self,
            GtkWidget         *field,
            const char        *message)
{
  reg_field_show_error (GTK_WIDGET (self->error_box), self->error_label, &self->error_widget, field, message);
}

/* The model's messages start with the field they are about. */
static GtkWidget *
field_for_error (RegFollowUpDialog *self,
                 const GError      *error)
{
  /* Translators: these must match the start of the messages of the same
   * name in src/model */
  if (g_str_has_prefix (error->message, _("Promise")))
    return GTK_WIDGET (self->promise_row);
  if (g_str_has_prefix (error->message, _("Due time")))
    return GTK_WIDGET (self->due_row);
  return NULL;
}

static void
field_changed (RegFollowUpDialog *self,
               GtkWidget         *field)
{
  if (self->error_widget == field)
    clear_error (self);
}

/* Who ------------------------------------------------------------------ */

static gint64
selected_assignee (RegFollowUpDialog *self)
{
  return reg_staff_choices_id_at (self->assignee_ids,
                                  adw_combo_row_get_selected (self->assignee_row));
}

static void
load_assignees (RegFollowUpDialog *self)
{
  gint64 wanted = self->follow_up != NULL ? reg_follow_up_get_assigned_to (self->follow_up)
                                          : self->staff_id;
  guint position;

  self->assignee_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  position = reg_staff_choices_fill (self->store, wanted, self->assignee_names, self->assignee_ids);
  adw_combo_row_set_selected (self->assignee_row, position);

  gtk_widget_set_sensitive (GTK_WIDGET (self->assignee_row), self->assignee_ids->len > 1);
}

/* When ----------------------------------------------------------------- */

static GDateTime *
typed_due (RegFollowUpDialog  *self,
           GError            **error)
{
  g_autoptr(GDateTime) now = reg_due_time_now (self->store);

  return reg_due_time_parse (gtk_editable_get_text (GTK_EDITABLE (self->due_row)), now, error);
}

static gboolean
due_was_changed (RegFollowUpDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->due_row))));

  return self->initial_due_text == NULL || g_strcmp0 (text, self->initial_due_text) != 0;
}

/* The typed time read back in words, or how to type it. */
static void
update_due_hint (RegFollowUpDialog *self)
{
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hint = NULL;

  if ((due = typed_due (self, &error)) != NULL)
    {
      g_autofree char *described = reg_due_time_describe (due);
      gint64 snoozed_until = self->follow_up != NULL ? reg_follow_up_get_snoozed_until (self->follow_up) : 0;

      /* Say what the row on the card says, and that a new time does
       * away with the snooze. */
      if (snoozed_until != 0 && snoozed_until > reg_follow_up_get_due_at (self->follow_up))
        {
          g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (snoozed_until);
          /* Translators: in g_date_time_format() notation, as in "Tuesday 18 Nov, 09:00" */
          g_autofree char *until_text = g_date_time_format (until, _("%A %-d %b, %H:%M"));

          if (due_was_changed (self))
            /* Translators: the new due time, then the end of the snooze it replaces */
            hint = g_strdup_printf (_("%s · replaces the snooze until %s"), described, until_text);
          else
            /* Translators: the due time, then when the snooze ends */
            hint = g_strdup_printf (_("%s · snoozed until %s"), described, until_text);
        }
      else
        hint = g_steal_pointer (&described);

      self->syncing_calendar = TRUE;
      gtk_calendar_select_day (self->calendar, due);
      self->syncing_calendar = FALSE;
    }
  else
    hint = g_strdup (error->message);

  gtk_label_set_text (self->due_hint, hint);
}

static void
on_due_changed (RegFollowUpDialog *self)
{
  update_due_hint (self);
  field_changed (self, GTK_WIDGET (self->due_row));
}

/* A day picked on the calendar keeps the time already typed. */
static void
on_calendar_day_selected (RegFollowUpDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) typed = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *text = NULL;

  if (self->syncing_calendar)
    return;

  day = gtk_calendar_get_date (self->calendar);
  typed = typed_due (self, NULL);
  due = g_date_time_new_local (g_date_time_get_year (day),
                               g_date_time_get_month (day),
                               g_date_time_get_day_of_month (day),
                               typed != NULL ? g_date_time_get_hour (typed) : DEFAULT_DUE_HOUR,
                               typed != NULL ? g_date_time_get_minute (typed) : 0,
                               0);
  if (due == NULL)
    return;

  text = reg_due_time_to_text (due);
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), text);
  gtk_menu_button_popdown (self->calendar_button);
}

/* What ----------------------------------------------------------------- */

static void
on_promise_changed (RegFollowUpDialog *self)
{
  field_changed (self, GTK_WIDGET (self->promise_row));
}

/* Saving --------------------------------------------------------------- */

static gboolean
save_new (RegFollowUpDialog  *self,
          const char         *promise,
          GDateTime          *due,
          GError            **error)
{
  g_autoptr(RegFollowUp) follow_up = reg_follow_up_new ();

  reg_follow_up_set_customer_id (follow_up, reg_customer_get_id (self->customer));
  reg_follow_up_set_promise (follow_up, promise);
  reg_due_time_apply (due, follow_up);
  reg_follow_up_set_assigned_to (follow_up, selected_assignee (self));
  reg_follow_up_set_created_by (follow_up, self->staff_id);

  if (!reg_store_save_follow_up (self->store, follow_up, error))
    return FALSE;

  self->follow_up = g_steal_pointer (&follow_up);
  return TRUE;
}

/* Changes the promise everyone is showing, and puts it back as it was
 * when the store refuses. @due is NULL when the due time was left alone. */
static gboolean
save_changes (RegFollowUpDialog  *self,
              const char         *promise,
              GDateTime          *due,
              GError            **error)
{
  RegFollowUp *follow_up = self->follow_up;
  g_autofree char *old_promise = g_strdup (reg_follow_up_get_promise (follow_up));
  g_autofree char *old_zone = g_strdup (reg_follow_up_get_due_zone (follow_up));
  gint64 old_due_at = reg_follow_up_get_due_at (follow_up);
  gint64 old_assigned_to = reg_follow_up_get_assigned_to (follow_up);
  gint64 old_snoozed_until = reg_follow_up_get_snoozed_until (follow_up);

  g_object_freeze_notify (G_OBJECT (follow_up));
  reg_follow_up_set_promise (follow_up, promise);
  reg_follow_up_set_assigned_to (follow_up, selected_assignee (self));
  if (due != NULL)
    {
      reg_due_time_apply (due, follow_up);
      /* A new due time is the one that counts: a snooze chosen for the
       * old one would otherwise keep it quiet until the snooze ends. */
      reg_follow_up_set_snoozed_until (follow_up, 0);
    }
  g_object_thaw_notify (G_OBJECT (follow_up));

  if (reg_store_save_follow_up (self->store, follow_up, error))
    return TRUE;

  g_object_freeze_notify (G_OBJECT (follow_up));
  reg_follow_up_set_promise (follow_up, old_promise);
  reg_follow_up_set_assigned_to (follow_up, old_assigned_to);
  reg_follow_up_set_due_at (follow_up, old_due_at);
  reg_follow_up_set_due_zone (follow_up, old_zone);
  reg_follow_up_set_snoozed_until (follow_up, old_snoozed_until);
  g_object_thaw_notify (G_OBJECT (follow_up));
  return FALSE;
}

static void
follow_up_save_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RegFollowUpDialog *self = REG_FOLLOW_UP_DIALOG (widget);
  g_autoptr(RegFollowUpDialog) keep_alive = NULL;
  g_autoptr(GDateTime) now = reg_due_time_now (self->store);
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *promise = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->promise_row))));
  gboolean due_changed = due_was_changed (self);
  gboolean saved;

  if (*promise == '\0')
    {
      show_error (self, GTK_WIDGET (self->promise_row), _("Write down what was promised"));
      return;
    }

  /* An unchanged due time may have passed (the promise is overdue); a
   * new one must still be ahead. */
  if (due_changed &&
      (!(due = typed_due (self, &error)) || !reg_due_time_check_later (due, now, &error)))
    {
      show_error (self, GTK_WIDGET (self->due_row), error->message);
      return;
    }

  if (self->follow_up == NULL)
    saved = save_new (self, promise, due, &error);
  else
    saved = save_changes (self, promise, due, &error);

  if (!saved)
    {
      show_error (self, field_for_error (self, error), error->message);
      return;
    }

  clear_error (self);

  keep_alive = g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, self->follow_up);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject -------------------------------------------------------------- */

static void
reg_follow_up_dialog_constructed (GObject *object)
{
  RegFollowUpDialog *self = REG_FOLLOW_UP_DIALOG (object);
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *due_text = NULL;

  G_OBJECT_CLASS (reg_follow_up_dialog_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_assert (self->customer != NULL);

  g_object_bind_property (self->customer, "display-name",
                          self->window_title, "subtitle",
                          G_BINDING_SYNC_CREATE);

  if (self->follow_up != NULL)
    {
      const char *title = _("Edit Follow-up");

      gtk_window_set_title (GTK_WINDOW (self), title);
      adw_window_title_set_title (self->window_title, title);
      gtk_editable_set_text (GTK_EDITABLE (self->promise_row),
                             reg_follow_up_get_promise (self->follow_up));
      /* Shown in local time, whichever zone it was chosen in. */
      due = g_date_time_new_from_unix_local (reg_follow_up_get_due_at (self->follow_up));
      due_text = reg_due_time_to_text (due);
      self->initial_due_text = g_strdup (due_text);
    }
  else
    {
      g_autoptr(GDateTime) now = reg_due_time_now (self->store);

      due = reg_due_time_day_at (now, 1, DEFAULT_DUE_HOUR, 0);
      due_text = reg_due_time_to_text (due);
    }

  /* Through on_due_changed, which reads it back in words. */
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), due_text);

  load_assignees (self);

  if (reg_store_is_read_only (self->store))
    {
      const char *reason = reg_store_get_read_only_reason (self->store);

      show_error (self, NULL,
                  reason != NULL && *reason != '\0' ? reason : _("Promises cannot be saved: the database is read-only"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "follow-up.save", FALSE);
    }

  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->promise_row));
}

static void
reg_follow_up_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RegFollowUpDialog *self = REG_FOLLOW_UP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    case PROP_CUSTOMER:
      g_set_object (&self->customer, g_value_get_object (value));
      break;

    case PROP_FOLLOW_UP:
      g_set_object (&self->follow_up, g_value_get_object (value));
      break;

    case PROP_STAFF_ID:
      self->staff_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_follow_up_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RegFollowUpDialog *self = REG_FOLLOW_UP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    case PROP_FOLLOW_UP:
      g_value_set_object (value, self->follow_up);
      break;

    case PROP_STAFF_ID:
      g_value_set_int64 (value, self->staff_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_follow_up_dialog_dispose (GObject *object)
{
  RegFollowUpDialog *self = REG_FOLLOW_UP_DIALOG (object);

  self->error_widget = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_FOLLOW_UP_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->customer);
  g_clear_object (&self->follow_up);

  G_OBJECT_CLASS (reg_follow_up_dialog_parent_class)->dispose (object);
}

static void
reg_follow_up_dialog_finalize (GObject *object)
{
  RegFollowUpDialog *self = REG_FOLLOW_UP_DIALOG (object);

  g_clear_pointer (&self->assignee_ids, g_array_unref);
  g_clear_pointer (&self->initial_due_text, g_free);

  G_OBJECT_CLASS (reg_follow_up_dialog_parent_class)->finalize (object);
}

static void
reg_follow_up_dialog_class_init (RegFollowUpDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const guint enter_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };

  object_class->constructed = reg_follow_up_dialog_constructed;
  object_class->dispose = reg_follow_up_dialog_dispose;
  object_class->finalize = reg_follow_up_dialog_finalize;
  object_class->get_property = reg_follow_up_dialog_get_property;
  object_class->set_property = reg_follow_up_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         REG_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         REG_TYPE_CUSTOMER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* The promise being changed; NULL while adding one, then the one added. */
  properties[PROP_FOLLOW_UP] =
    g_param_spec_object ("follow-up", NULL, NULL,
                         REG_TYPE_FOLLOW_UP,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Who is at the keyboard: a new promise is made by them, and is theirs
   * unless given to someone else; 0 for nobody. */
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RegFollowUpDialog::saved:
   * @follow_up: the promise, as saved
   *
   * The promise is in the store; the dialog closes right after.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, REG_TYPE_FOLLOW_UP);

  gtk_widget_class_install_action (widget_class, "follow-up.save", NULL, follow_up_save_action);

  /* Plain Enter in a field saves too (it activates the default button);
   * Ctrl+Enter saves from anywhere, as in the note dialog. */
  for (guint i = 0; i < G_N_ELEMENTS (enter_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, enter_keys[i], GDK_CONTROL_MASK,
                                         "follow-up.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/reg-follow-up-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RegFollowUpDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RegFollowUpDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RegFollowUpDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, RegFollowUpDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RegFollowUpDialog, promise_row);
  gtk_widget_class_bind_template_child (widget_class, RegFollowUpDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, RegFollowUpDialog, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, RegFollowUpDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, RegFollowUpDialog, due_hint);
  gtk_widget_class_bind_template_child (widget_class, RegFollowUpDialog, assignee_row);
  gtk_widget_class_bind_template_child (widget_class, RegFollowUpDialog, assignee_names);
  gtk_widget_class_bind_template_callback (widget_class, on_promise_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_due_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected);
}

static void
reg_follow_up_dialog_init (RegFollowUpDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
