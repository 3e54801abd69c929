/* reg-note-dialog.c: "Add a note after a visit"
 *
 * Built for speed: it opens with the text focused, so that a practised
 * person types what happened and presses Ctrl+Enter. Everything else has
 * a sensible default (the current staff member, a visit, no rating, no
 * promise) and is one click or one shortcut away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-note-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-due-time.h"
#include "reg-note-dialog.h"
#include "reg-staff-choices.h"

#define N_CHANNELS 4
#define N_STARS    5

/* The positions of the due row's choices, as in the template. */
typedef enum
{
  DUE_IN_AN_HOUR,
  DUE_LATER_TODAY,
  DUE_TOMORROW_MORNING,
  DUE_IN_TWO_DAYS,
  DUE_NEXT_WEEK,
  DUE_CUSTOM,
} DueChoice;

/* Which control the error shown is about, so that it goes away once that
 * control changes, and so that it can be focused. */
typedef enum
{
  FIELD_NONE,
  FIELD_TEXT,
  FIELD_PROMISE,
  FIELD_DUE,
  FIELD_OTHER,
} Field;

struct _RegNoteDialog
{
  AdwWindow        parent_instance;

  RegStore        *store;
  RegCustomer     *customer;
  GArray          *author_ids;       /* gint64, one per row of author_names */
  gint64           initial_author_id;
  RegChannel       channel;
  int              satisfaction;
  Field            error_field;
  DueChoice        last_due_choice;   /* the choice before "Custom…" */

  GtkToggleButton *channel_buttons[N_CHANNELS];
  GtkToggleButton *stars[N_STARS];

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkButton       *cancel_button;
  GtkButton       *save_button;
  GtkWidget       *error_box;
  GtkLabel        *error_label;
  AdwComboRow     *author_row;
  GtkStringList   *author_names;
  GtkToggleButton *visit_button;
  GtkToggleButton *call_button;
  GtkToggleButton *email_button;
  GtkToggleButton *other_button;
  GtkTextView     *text_view;
  AdwActionRow    *satisfaction_row;
  GtkToggleButton *star_1;
  GtkToggleButton *star_2;
  GtkToggleButton *star_3;
  GtkToggleButton *star_4;
  GtkToggleButton *star_5;
  AdwExpanderRow  *promise_row;
  AdwEntryRow     *promise_entry;
  AdwComboRow     *due_row;
  AdwEntryRow     *custom_due_entry;
};

G_DEFINE_FINAL_TYPE (RegNoteDialog, reg_note_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER,
  PROP_AUTHOR_ID,
  PROP_CHANNEL,
  PROP_SATISFACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

RegNoteDialog *
reg_note_dialog_new (GtkWindow   *parent,
                     RegStore    *store,
                     RegCustomer *customer,
                     gint64       author_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (REG_IS_STORE (store), NULL);
  g_return_val_if_fail (REG_IS_CUSTOMER (customer), NULL);

  return g_object_new (REG_TYPE_NOTE_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "customer", customer,
                       "author-id", author_id,
                       NULL);
}

RegCustomer *
reg_note_dialog_get_customer (RegNoteDialog *self)
{
  g_return_val_if_fail (REG_IS_NOTE_DIALOG (self), NULL);

  return self->customer;
}

/* Errors --------------------------------------------------------------- */

static GtkWidget *
field_widget (RegNoteDialog *self,
              Field          field)
{
  switch (field)
    {
    case FIELD_TEXT:
      return GTK_WIDGET (self->text_view);

    case FIELD_PROMISE:
      return GTK_WIDGET (self->promise_entry);

    case FIELD_DUE:
      if (adw_combo_row_get_selected (self->due_row) == DUE_CUSTOM)
        return GTK_WIDGET (self->custom_due_entry);
      return GTK_WIDGET (self->due_row);

    case FIELD_NONE:
    case FIELD_OTHER:
    default:
      return NULL;
    }
}

static void
show_error (RegNoteDialog *self,
            Field          field,
            const char    *message)
{
  GtkWidget *widget;

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->error_box, TRUE);
  self->error_field = field;

  if ((widget = field_widget (self, field)) != NULL)
    {
      if (field == FIELD_PROMISE || field == FIELD_DUE)
        adw_expander_row_set_expanded (self->promise_row, TRUE);
      gtk_widget_grab_focus (widget);
    }
}

static void
clear_error (RegNoteDialog *self)
{
  gtk_widget_set_visible (self->error_box, FALSE);
  gtk_label_set_text (self->error_label, "");
  self->error_field = FIELD_NONE;
}

/* Called when @field changes: its error, if any, no longer applies. */
static void
field_changed (RegNoteDialog *self,
               Field          field)
{
  if (self->error_field == field)
    clear_error (self);
}

/* The model's messages start with the field they are about ("Due time:
 * …"); the store passes them on. Our own checks run first, so this only
 * matters when the model learns a new rule. */
static Field
field_for_error (const GError *error)
{
  /* Translators: these must match the start of the messages of the same
   * name in src/model */
  if (g_str_has_prefix (error->message, _("Visit note")))
    return FIELD_TEXT;
  if (g_str_has_prefix (error->message, _("Promise")))
    return FIELD_PROMISE;
  if (g_str_has_prefix (error->message, _("Due time")))
    return FIELD_DUE;
  return FIELD_OTHER;
}

/* Who ------------------------------------------------------------------ */

gint64
reg_note_dialog_get_author_id (RegNoteDialog *self)
{
  g_return_val_if_fail (REG_IS_NOTE_DIALOG (self), 0);

  if (self->author_ids == NULL)
    return self->initial_author_id;

  return reg_staff_choices_id_at (self->author_ids, adw_combo_row_get_selected (self->author_row));
}

void
reg_note_dialog_set_author_id (RegNoteDialog *self,
                               gint64         author_id)
{
  guint position;

  g_return_if_fail (REG_IS_NOTE_DIALOG (self));

  /* Before the staff are loaded, remember whom to select. */
  if (self->author_ids == NULL)
    {
      self->initial_author_id = author_id;
      return;
    }

  if (reg_staff_choices_find (self->author_ids, author_id, &position))
    adw_combo_row_set_selected (self->author_row, position);
  else
    g_warning ("Staff member %" G_GINT64_FORMAT " is not offered as an author", author_id);
}

static void
load_authors (RegNoteDialog *self)
{
  guint position;

  self->author_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  position = reg_staff_choices_fill (self->store, self->initial_author_id,
                                     self->author_names, self->author_ids);
  adw_combo_row_set_selected (self->author_row, position);

  /* Nothing to choose from. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->author_row), self->author_ids->len > 1);
}

static void
on_author_selected (RegNoteDialog *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR_ID]);
}

/* How ------------------------------------------------------------------ */

RegChannel
reg_note_dialog_get_channel (RegNoteDialog *self)
{
  g_return_val_if_fail (REG_IS_NOTE_DIALOG (self), REG_CHANNEL_VISIT);

  return self->channel;
}

void
reg_note_dialog_set_channel (RegNoteDialog *self,
                             RegChannel     channel)
{
  g_return_if_fail (REG_IS_NOTE_DIALOG (self));
  g_return_if_fail (channel < N_CHANNELS);

  /* The buttons are a group: activating one releases the others. */
  gtk_toggle_button_set_active (self->channel_buttons[channel], TRUE);

  if (self->channel == channel)
    return;

  self->channel = channel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

static void
on_channel_toggled (GtkToggleButton *button,
                    RegNoteDialog   *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  for (guint i = 0; i < N_CHANNELS; i++)
    if (self->channel_buttons[i] == button)
      reg_note_dialog_set_channel (self, (RegChannel) i);
}

static gboolean
channel_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  reg_note_dialog_set_channel (REG_NOTE_DIALOG (widget), (RegChannel) g_variant_get_int32 (args));
  return TRUE;
}

/* How satisfied -------------------------------------------------------- */

int
reg_note_dialog_get_satisfaction (RegNoteDialog *self)
{
  g_return_val_if_fail (REG_IS_NOTE_DIALOG (self), 0);

  return self->satisfaction;
}

static const char *
satisfaction_description (int satisfaction)
{
  switch (satisfaction)
    {
    case 1:
      return _("Very unhappy");
    case 2:
      return _("Unhappy");
    case 3:
      return _("Neither happy nor unhappy");
    case 4:
      return _("Happy");
    case 5:
      return _("Very happy");
    default:
      return _("Not recorded");
    }
}

/* Stars are filled up to the rating; the one chosen is the pressed one,
 * which is what a screen reader announces. */
static void
sync_stars (RegNoteDialog *self)
{
  for (int i = 0; i < N_STARS; i++)
    {
      gboolean filled = i < self->satisfaction;

      gtk_button_set_icon_name (GTK_BUTTON (self->stars[i]),
                                filled ? "starred-symbolic" : "non-starred-symbolic");
      gtk_toggle_button_set_active (self->stars[i], i + 1 == self->satisfaction);
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->satisfaction_row),
                               satisfaction_description (self->satisfaction));
}

void
reg_note_dialog_set_satisfaction (RegNoteDialog *self,
                                  int            satisfaction)
{
  g_return_if_fail (REG_IS_NOTE_DIALOG (self));
  g_return_if_fail (satisfaction >= 0 && satisfaction <= N_STARS);

  if (self->satisfaction == satisfaction)
    return;

  self->satisfaction = satisfaction;
  sync_stars (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SATISFACTION]);
}

/* Clicking the chosen star again takes the rating back. */
static void
note_rate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RegNoteDialog *self = REG_NOTE_DIALOG (widget);
  int value = g_variant_get_int32 (param);

  if (value < 0 || value > N_STARS)
    return;

  reg_note_dialog_set_satisfaction (self, value == self->satisfaction ? 0 : value);
}

/* When is the promise due ---------------------------------------------- */

static GDateTime *
due_for_choice (RegNoteDialog  *self,
                DueChoice       choice,
                GError        **error)
{
  g_autoptr(GDateTime) now = reg_due_time_now (self->store);
  g_autoptr(GDateTime) due = NULL;

  switch (choice)
    {
    case DUE_IN_AN_HOUR:
      due = g_date_time_add_hours (now, 1);
      break;

    case DUE_LATER_TODAY:
      due = reg_due_time_day_at (now, 0, 17, 0);
      break;

    case DUE_TOMORROW_MORNING:
      due = reg_due_time_day_at (now, 1, 9, 0);
      break;

    case DUE_IN_TWO_DAYS:
      due = reg_due_time_day_at (now, 2, 9, 0);
      break;

    case DUE_NEXT_WEEK:
      /* Monday is 1: from a Monday that is a week on, from a Sunday tomorrow. */
      due = reg_due_time_day_at (now, 8 - g_date_time_get_day_of_week (now), 9, 0);
      break;

    case DUE_CUSTOM:
    default:
      due = reg_due_time_parse (gtk_editable_get_text (GTK_EDITABLE (self->custom_due_entry)),
                                now, error);
      if (due == NULL)
        return NULL;
      break;
    }

  if (!reg_due_time_check_later (due, now, error))
    return NULL;

  return g_steal_pointer (&due);
}

static void
update_due (RegNoteDialog *self)
{
  DueChoice choice = adw_combo_row_get_selected (self->due_row);
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *entry = GTK_WIDGET (self->custom_due_entry);
  gboolean custom_invalid = FALSE;

  gtk_widget_set_visible (entry, choice == DUE_CUSTOM);

  if ((due = due_for_choice (self, choice, &error)) != NULL)
    subtitle = reg_due_time_describe (due);
  else
    {
      subtitle = g_strdup (error->message);
      /* An empty field is not yet wrong, only unfinished. */
      custom_invalid = choice == DUE_CUSTOM &&
                       *gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0';
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->due_row), subtitle);

  if (custom_invalid)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
}

static void
on_due_selected (RegNoteDialog *self)
{
  DueChoice choice = adw_combo_row_get_selected (self->due_row);

  if (choice == DUE_CUSTOM)
    {
      GtkEditable *entry = GTK_EDITABLE (self->custom_due_entry);

      /* Start from the time that was chosen, ready to be edited. */
      if (*gtk_editable_get_text (entry) == '\0')
        {
          g_autoptr(GDateTime) due = due_for_choice (self, self->last_due_choice, NULL);

          if (due != NULL)
            {
              g_autofree char *text = reg_due_time_to_text (due);

              gtk_editable_set_text (entry, text);
            }
        }

      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (entry));
    }
  else
    self->last_due_choice = choice;

  update_due (self);
  field_changed (self, FIELD_DUE);
}

static void
on_custom_due_changed (RegNoteDialog *self)
{
  update_due (self);
  field_changed (self, FIELD_DUE);
}

static void
on_promise_enabled (RegNoteDialog *self)
{
  if (adw_expander_row_get_enable_expansion (self->promise_row))
    {
      GtkEditable *entry = GTK_EDITABLE (self->promise_entry);

      /* What is promised most of the time. */
      if (*gtk_editable_get_text (entry) == '\0')
        gtk_editable_set_text (entry, _("Call back"));

      /* Relative choices are relative to now, not to when the dialog opened. */
      update_due (self);
    }
  else if (self->error_field == FIELD_PROMISE || self->error_field == FIELD_DUE)
    clear_error (self);
}

static void
on_promise_changed (RegNoteDialog *self)
{
  field_changed (self, FIELD_PROMISE);
}

static void
on_text_changed (RegNoteDialog *self)
{
  field_changed (self, FIELD_TEXT);
}

/* Saving --------------------------------------------------------------- */

static char *
dup_text (RegNoteDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
note_save_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RegNoteDialog *self = REG_NOTE_DIALOG (widget);
  g_autoptr(RegNoteDialog) keep_alive = NULL;
  g_autoptr(RegVisit) visit = NULL;
  g_autoptr(RegFollowUp) follow_up = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dup_text (self);
  gint64 author_id = reg_note_dialog_get_author_id (self);

  if (*text == '\0')
    {
      show_error (self, FIELD_TEXT, _("Write what happened before saving"));
      return;
    }

  if (adw_expander_row_get_enable_expansion (self->promise_row))
    {
      g_autofree char *promise = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->promise_entry))));
      g_autoptr(GDateTime) due = NULL;

      if (*promise == '\0')
        {
          show_error (self, FIELD_PROMISE, _("Write down what was promised, or switch the promise off"));
          return;
        }

      if (!(due = due_for_choice (self, adw_combo_row_get_selected (self->due_row), &error)))
        {
          show_error (self, FIELD_DUE, error->message);
          return;
        }

      follow_up = reg_follow_up_new ();
      reg_follow_up_set_promise (follow_up, promise);
      reg_due_time_apply (due, follow_up);
      reg_follow_up_set_assigned_to (follow_up, author_id);
      reg_follow_up_set_created_by (follow_up, author_id);
    }

  visit = reg_visit_new ();
  reg_visit_set_customer_id (visit, reg_customer_get_id (self->customer));
  reg_visit_set_author_id (visit, author_id);
  reg_visit_set_channel (visit, self->channel);
  reg_visit_set_text (visit, text);
  reg_visit_set_satisfaction (visit, self->satisfaction);

  if (!reg_store_save_visit_with_follow_up (self->store, visit, follow_up, &error))
    {
      /* Keep everything as typed, so that it can be corrected and saved. */
      show_error (self, field_for_error (error), error->message);
      return;
    }

  clear_error (self);

  keep_alive = g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, visit);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject -------------------------------------------------------------- */

static void
reg_note_dialog_constructed (GObject *object)
{
  RegNoteDialog *self = REG_NOTE_DIALOG (object);

  G_OBJECT_CLASS (reg_note_dialog_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_assert (self->customer != NULL);

  g_object_bind_property (self->customer, "display-name",
                          self->window_title, "subtitle",
                          G_BINDING_SYNC_CREATE);

  load_authors (self);
  g_signal_connect_object (self->author_row, "notify::selected",
                           G_CALLBACK (on_author_selected), self, G_CONNECT_SWAPPED);

  update_due (self);

  if (reg_store_is_read_only (self->store))
    {
      const char *reason = reg_store_get_read_only_reason (self->store);

      show_error (self, FIELD_NONE,
                  reason != NULL && *reason != '\0' ? reason : _("Notes cannot be saved: the database is read-only"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "note.save", FALSE);
    }

  /* Typing is the first thing, and most of the time the only thing. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->text_view));
}

static void
reg_note_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RegNoteDialog *self = REG_NOTE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    case PROP_CUSTOMER:
      g_set_object (&self->customer, g_value_get_object (value));
      break;

    case PROP_AUTHOR_ID:
      reg_note_dialog_set_author_id (self, g_value_get_int64 (value));
      break;

    case PROP_CHANNEL:
      reg_note_dialog_set_channel (self, g_value_get_enum (value));
      break;

    case PROP_SATISFACTION:
      reg_note_dialog_set_satisfaction (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_note_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RegNoteDialog *self = REG_NOTE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    case PROP_AUTHOR_ID:
      g_value_set_int64 (value, reg_note_dialog_get_author_id (self));
      break;

    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    case PROP_SATISFACTION:
      g_value_set_int (value, self->satisfaction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_note_dialog_dispose (GObject *object)
{
  RegNoteDialog *self = REG_NOTE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_NOTE_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->customer);

  G_OBJECT_CLASS (reg_note_dialog_parent_class)->dispose (object);
}

static void
reg_note_dialog_finalize (GObject *object)
{
  RegNoteDialog *self = REG_NOTE_DIALOG (object);

  g_clear_pointer (&self->author_ids, g_array_unref);

  G_OBJECT_CLASS (reg_note_dialog_parent_class)->finalize (object);
}

static void
add_save_shortcuts (RegNoteDialog *self)
{
  static const guint keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* In the capture phase, so that Ctrl+Enter saves even from the text
   * view, which would otherwise take it as a new line. */
  gtk_event_controller_set_name (controller, "note-save-shortcuts");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("note.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
reg_note_dialog_class_init (RegNoteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = reg_note_dialog_constructed;
  object_class->dispose = reg_note_dialog_dispose;
  object_class->finalize = reg_note_dialog_finalize;
  object_class->get_property = reg_note_dialog_get_property;
  object_class->set_property = reg_note_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         REG_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         REG_TYPE_CUSTOMER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Who writes the note, and is given the promise; 0 for nobody. */
  properties[PROP_AUTHOR_ID] =
    g_param_spec_int64 ("author-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       REG_TYPE_CHANNEL, REG_CHANNEL_VISIT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* 1 to 5, or 0 when not recorded */
  properties[PROP_SATISFACTION] =
    g_param_spec_int ("satisfaction", NULL, NULL,
                      0, N_STARS, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RegNoteDialog::saved:
   * @visit: the note, as saved
   *
   * The note (and its promise, if one was made) is in the store; the
   * dialog closes right after.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, REG_TYPE_VISIT);

  gtk_widget_class_install_action (widget_class, "note.save", NULL, note_save_action);
  gtk_widget_class_install_action (widget_class, "note.rate", "i", note_rate_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  for (int i = 0; i < N_CHANNELS; i++)
    gtk_widget_class_add_binding (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                  channel_shortcut, "i", i);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/reg-note-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, author_row);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, author_names);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, visit_button);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, call_button);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, email_button);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, other_button);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, satisfaction_row);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, star_1);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, star_2);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, star_3);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, star_4);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, star_5);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, promise_row);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, promise_entry);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, RegNoteDialog, custom_due_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_due_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_due_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_promise_enabled);
  gtk_widget_class_bind_template_callback (widget_class, on_promise_changed);
}

static void
reg_note_dialog_init (RegNoteDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->channel = REG_CHANNEL_VISIT;
  self->last_due_choice = DUE_TOMORROW_MORNING;

  self->channel_buttons[REG_CHANNEL_VISIT] = self->visit_button;
  self->channel_buttons[REG_CHANNEL_CALL] = self->call_button;
  self->channel_buttons[REG_CHANNEL_EMAIL] = self->email_button;
  self->channel_buttons[REG_CHANNEL_OTHER] = self->other_button;
  for (guint i = 0; i < N_CHANNELS; i++)
    g_signal_connect (self->channel_buttons[i], "toggled", G_CALLBACK (on_channel_toggled), self);

  self->stars[0] = self->star_1;
  self->stars[1] = self->star_2;
  self->stars[2] = self->star_3;
  self->stars[3] = self->star_4;
  self->stars[4] = self->star_5;
  sync_stars (self);

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (on_text_changed), self);

  add_save_shortcuts (self);
}
