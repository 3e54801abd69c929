/* reg-delay-dialog.c: tell a customer that a complaint or a promise will
 * take longer — how they were told, what was said, and the new time
 *
 * What was said goes into the customer's visit log, and the case's
 * target (or the promise's due time) moves, in one step. The new time
 * starts a day after the present one, at the same hour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-delay-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-field.h"
#include "reg-case-window.h"
#include "reg-delay-dialog.h"
#include "reg-due-time.h"

#define N_CHANNELS 4

struct _RegDelayDialog
{
  AdwWindow         parent_instance;

  RegStore         *store;
  RegCase          *kase;             /* one of these two */
  RegFollowUp      *follow_up;
  gint64            staff_id;         /* who is at the keyboard */
  RegVisit         *visit;            /* the visit-log entry, once saved */
  GtkWidget        *error_widget;     /* the field the error shown is about */
  GtkToggleButton  *channel_buttons[N_CHANNELS];
  guint             syncing_calendar : 1;

  /* Template widgets */
  AdwWindowTitle   *window_title;
  GtkWidget        *error_box;
  GtkLabel         *error_label;
  GtkToggleButton  *visit_button;
  GtkToggleButton  *call_button;
  GtkToggleButton  *email_button;
  GtkToggleButton  *other_button;
  GtkWidget        *text_frame;
  GtkTextView      *text_view;
  AdwExpanderRow   *move_row;
  AdwEntryRow      *due_row;
  GtkMenuButton    *calendar_button;
  GtkCalendar      *calendar;
};

G_DEFINE_FINAL_TYPE (RegDelayDialog, reg_delay_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CASE,
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
 * reg_delay_dialog_new_for_case:
 * @parent: (nullable): the window it belongs to
 * @store: where it is saved
 * @kase: the complaint that is taking longer
 * @staff_id: who is at the keyboard, or 0: they told the customer
 */
RegDelayDialog *
reg_delay_dialog_new_for_case (GtkWindow *parent,
                               RegStore  *store,
                               RegCase   *kase,
                               gint64     staff_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REG_IS_STORE (store), NULL);
  g_return_val_if_fail (REG_IS_CASE (kase), NULL);

  return g_object_new (REG_TYPE_DELAY_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "case", kase,
                       "staff-id", staff_id,
                       NULL);
}

/**
 * reg_delay_dialog_new_for_follow_up:
 * @parent: (nullable): the window it belongs to
 * @store: where it is saved
 * @follow_up: the promise that is taking longer
 * @staff_id: who is at the keyboard, or 0: they told the customer
 */
RegDelayDialog *
reg_delay_dialog_new_for_follow_up (GtkWindow   *parent,
                                    RegStore    *store,
                                    RegFollowUp *follow_up,
                                    gint64       staff_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REG_IS_STORE (store), NULL);
  g_return_val_if_fail (REG_IS_FOLLOW_UP (follow_up), NULL);

  return g_object_new (REG_TYPE_DELAY_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "follow-up", follow_up,
                       "staff-id", staff_id,
                       NULL);
}

/* The visit-log entry written; NULL until saved. */
RegVisit *
reg_delay_dialog_get_visit (RegDelayDialog *self)
{
  g_return_val_if_fail (REG_IS_DELAY_DIALOG (self), NULL);

  return self->visit;
}

/* Errors --------------------------------------------------------------- */

static void
clear_error (RegDelayDialog *self)
{
  if (self->error_widget != NULL)
    {
      reg_field_mark_invalid (self->error_widget, FALSE);
      if (self->error_widget == GTK_WIDGET (self->text_view))
        gtk_widget_remove_css_class (self->text_frame, "error");
    }
  self->error_widget = NULL;
  gtk_widget_set_visible (self->error_box, FALSE);
  gtk_label_set_text (self->error_label, "");
}

static void
show_error (RegDelayDialog *self,
            GtkWidget      *field,
            const char     *message)
{
  clear_error (self);

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->error_box, TRUE);

  if (field != NULL)
    {
      self->error_widget = field;
      reg_field_mark_invalid (field, TRUE);
      /* A text view shows the error on its frame. */
      if (field == GTK_WIDGET (self->text_view))
        gtk_widget_add_css_class (self->text_frame, "error");
      gtk_widget_grab_focus (field);
    }
}

static GtkWidget *
field_for_error (RegDelayDialog *self,
                 const GError   *error)
{
  /* Translators: these must match the start of the messages of the same
   * name in src/model and src/store */
  if (g_str_has_prefix (error->message, _("Visit note")) ||
      g_str_has_prefix (error->message, _("What was said")))
    return GTK_WIDGET (self->text_view);
  if (g_str_has_prefix (error->message, _("New due time")) ||
      g_str_has_prefix (error->message, _("Due time")))
    return GTK_WIDGET (self->due_row);
  return NULL;
}

/* How ------------------------------------------------------------------ */

static RegChannel
selected_channel (RegDelayDialog *self)
{
  for (guint i = 0; i < N_CHANNELS; i++)
    if (gtk_toggle_button_get_active (self->channel_buttons[i]))
      return (RegChannel) i;
  return REG_CHANNEL_OTHER;
}

static gboolean
channel_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  RegDelayDialog *self = REG_DELAY_DIALOG (widget);
  int channel = g_variant_get_int32 (args);

  if (channel >= 0 && channel < N_CHANNELS)
    gtk_toggle_button_set_active (self->channel_buttons[channel], TRUE);
  return TRUE;
}

/* When ----------------------------------------------------------------- */

/* The time that is moved: the case's target or the promise's due time. */
static gint64
present_due (RegDelayDialog *self)
{
  if (self->kase != NULL)
    return reg_case_get_target_at (self->kase);
  return reg_follow_up_get_due_at (self->follow_up);
}

/* A day after the present time, at the same hour; tomorrow at that hour
 * when that has passed too. */
static GDateTime *
default_new_due (RegDelayDialog *self)
{
  g_autoptr(GDateTime) now = reg_due_time_now (self->store);
  g_autoptr(GDateTime) present = NULL;
  GDateTime *due;
  gint64 at = present_due (self);

  if (at <= 0)
    return reg_due_time_day_at (now, 1, 10, 0);

  present = g_date_time_new_from_unix_local (at);
  due = reg_due_time_day_at (present, 1, g_date_time_get_hour (present), g_date_time_get_minute (present));
  if (due == NULL || g_date_time_compare (due, now) <= 0)
    {
      g_clear_pointer (&due, g_date_time_unref);
      due = reg_due_time_day_at (now, 1, g_date_time_get_hour (present), g_date_time_get_minute (present));
    }
  return due;
}

static GDateTime *
typed_due (RegDelayDialog  *self,
           GError         **error)
{
  g_autoptr(GDateTime) now = reg_due_time_now (self->store);

  return reg_due_time_parse (gtk_editable_get_text (GTK_EDITABLE (self->due_row)), now, error);
}

/* The new time read back in words, or how to type it; or that it stays. */
static void
update_due_hint (RegDelayDialog *self)
{
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hint = NULL;
  gint64 now;

  if (self->store == NULL || (self->kase == NULL && self->follow_up == NULL))
    return;

  now = reg_store_now (self->store);
  if (!adw_expander_row_get_enable_expansion (self->move_row))
    {
      g_autofree char *present = reg_case_text_time (present_due (self), now);

      /* Translators: %s is a day and time, as in "Thu 26 Nov, 14:00" */
      hint = g_strdup_printf (_("Stays %s"), present);
    }
  else if ((due = typed_due (self, &error)) != NULL)
    {
      hint = reg_case_text_time (g_date_time_to_unix (due), now);

      self->syncing_calendar = TRUE;
      gtk_calendar_select_day (self->calendar, due);
      self->syncing_calendar = FALSE;
    }
  else
    hint = g_strdup (error->message);

  adw_expander_row_set_subtitle (self->move_row, hint);
}

static void
on_due_changed (RegDelayDialog *self)
{
  update_due_hint (self);
  if (self->error_widget == GTK_WIDGET (self->due_row))
    clear_error (self);
}

static void
on_move_enabled (RegDelayDialog *self)
{
  update_due_hint (self);
  if (self->error_widget == GTK_WIDGET (self->due_row))
    clear_error (self);
}

/* A day picked on the calendar keeps the time already typed. */
static void
on_calendar_day_selected (RegDelayDialog *self)
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
                               typed != NULL ? g_date_time_get_hour (typed) : 10,
                               typed != NULL ? g_date_time_get_minute (typed) : 0,
                               0);
  if (due == NULL)
    return;

  text = reg_due_time_to_text (due);
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), text);
  gtk_menu_button_popdown (self->calendar_button);
}

/* What ----------------------------------------------------------------- */

static char *
said_text (RegDelayDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
on_text_changed (RegDelayDialog *self)
{
  if (self->error_widget == GTK_WIDGET (self->text_view))
    clear_error (self);
}

/* Saving --------------------------------------------------------------- */

static void
delay_save_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RegDelayDialog *self = REG_DELAY_DIALOG (widget);
  g_autoptr(RegDelayDialog) keep_alive = NULL;
  g_autoptr(GDateTime) now = reg_due_time_now (self->store);
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(RegVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = said_text (self);
  gint64 new_due = 0;
  gboolean saved;

  if (self->visit != NULL)
    return;

  if (*text == '\0')
    {
      show_error (self, GTK_WIDGET (self->text_view), _("What was said: write down what the customer was told"));
      return;
    }

  if (adw_expander_row_get_enable_expansion (self->move_row))
    {
      if (!(due = typed_due (self, &error)) || !reg_due_time_check_later (due, now, &error))
        {
          adw_expander_row_set_expanded (self->move_row, TRUE);
          show_error (self, GTK_WIDGET (self->due_row), error->message);
          return;
        }
      new_due = g_date_time_to_unix (due);
    }

  visit = reg_visit_new ();
  reg_visit_set_channel (visit, selected_channel (self));
  reg_visit_set_text (visit, text);
  reg_visit_set_author_id (visit, self->staff_id);
  reg_visit_set_happened_at (visit, reg_store_now (self->store));

  if (self->kase != NULL)
    {
      reg_visit_set_customer_id (visit, reg_case_get_customer_id (self->kase));
      saved = reg_store_tell_case_delay (self->store, self->kase, visit, new_due, self->staff_id, &error);
    }
  else
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_local ();

      reg_visit_set_customer_id (visit, reg_follow_up_get_customer_id (self->follow_up));
      saved = reg_store_tell_follow_up_delay (self->store, self->follow_up, visit, new_due,
                                              new_due != 0 ? g_time_zone_get_identifier (zone) : NULL,
                                              &error);
    }

  if (!saved)
    {
      show_error (self, field_for_error (self, error), error->message);
      return;
    }

  clear_error (self);
  self->visit = g_steal_pointer (&visit);

  keep_alive = g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, self->visit);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject -------------------------------------------------------------- */

static void
reg_delay_dialog_constructed (GObject *object)
{
  RegDelayDialog *self = REG_DELAY_DIALOG (object);
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *due_text = NULL;

  G_OBJECT_CLASS (reg_delay_dialog_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_assert ((self->kase != NULL) != (self->follow_up != NULL));

  if (self->kase != NULL)
    {
      adw_window_title_set_subtitle (self->window_title, reg_case_get_title (self->kase));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->move_row), _("Move the Target"));
    }
  else
    adw_window_title_set_subtitle (self->window_title, reg_follow_up_get_promise (self->follow_up));

  due = default_new_due (self);
  due_text = reg_due_time_to_text (due);
  /* Through on_due_changed, which reads it back in words. */
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), due_text);

  if (reg_store_is_read_only (self->store))
    {
      const char *reason = reg_store_get_read_only_reason (self->store);

      show_error (self, NULL,
                  reason != NULL && *reason != '\0' ? reason : _("Nothing can be saved: the database is read-only"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "delay.save", FALSE);
    }

  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->text_view));
}

static void
reg_delay_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RegDelayDialog *self = REG_DELAY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    case PROP_CASE:
      g_set_object (&self->kase, g_value_get_object (value));
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
reg_delay_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RegDelayDialog *self = REG_DELAY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CASE:
      g_value_set_object (value, self->kase);
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
reg_delay_dialog_dispose (GObject *object)
{
  RegDelayDialog *self = REG_DELAY_DIALOG (object);

  self->error_widget = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_DELAY_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->kase);
  g_clear_object (&self->follow_up);
  g_clear_object (&self->visit);

  G_OBJECT_CLASS (reg_delay_dialog_parent_class)->dispose (object);
}

/* Ctrl+Enter saves from anywhere; in the capture phase, so that the
 * text view does not take it as a new line. */
static void
add_save_shortcuts (RegDelayDialog *self)
{
  static const guint keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("delay.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
reg_delay_dialog_class_init (RegDelayDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = reg_delay_dialog_constructed;
  object_class->dispose = reg_delay_dialog_dispose;
  object_class->get_property = reg_delay_dialog_get_property;
  object_class->set_property = reg_delay_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         REG_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* The complaint that takes longer, or NULL for a promise. */
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         REG_TYPE_CASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* The promise that takes longer, or NULL for a complaint. */
  properties[PROP_FOLLOW_UP] =
    g_param_spec_object ("follow-up", NULL, NULL,
                         REG_TYPE_FOLLOW_UP,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Who is at the keyboard: they told the customer; 0 for nobody. */
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RegDelayDialog::saved:
   * @visit: the visit-log entry written
   *
   * The customer was told, and the new time is in the store; the dialog
   * closes right after.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, REG_TYPE_VISIT);

  gtk_widget_class_install_action (widget_class, "delay.save", NULL, delay_save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  for (int i = 0; i < N_CHANNELS; i++)
    gtk_widget_class_add_binding (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                  channel_shortcut, "i", i);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/reg-delay-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RegDelayDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RegDelayDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, RegDelayDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RegDelayDialog, visit_button);
  gtk_widget_class_bind_template_child (widget_class, RegDelayDialog, call_button);
  gtk_widget_class_bind_template_child (widget_class, RegDelayDialog, email_button);
  gtk_widget_class_bind_template_child (widget_class, RegDelayDialog, other_button);
  gtk_widget_class_bind_template_child (widget_class, RegDelayDialog, text_frame);
  gtk_widget_class_bind_template_child (widget_class, RegDelayDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, RegDelayDialog, move_row);
  gtk_widget_class_bind_template_child (widget_class, RegDelayDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, RegDelayDialog, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, RegDelayDialog, calendar);
  gtk_widget_class_bind_template_callback (widget_class, on_due_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_move_enabled);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected);
}

static void
reg_delay_dialog_init (RegDelayDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_save_shortcuts (self);

  self->channel_buttons[REG_CHANNEL_VISIT] = self->visit_button;
  self->channel_buttons[REG_CHANNEL_CALL] = self->call_button;
  self->channel_buttons[REG_CHANNEL_EMAIL] = self->email_button;
  self->channel_buttons[REG_CHANNEL_OTHER] = self->other_button;

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_text_changed), self, G_CONNECT_SWAPPED);
}
