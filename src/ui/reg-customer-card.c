/* reg-customer-card.c: one customer's card — crib notes first, then
 * contact details, the relationship, open promises and the visit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-customer-card"

#include "config.h"

#include <glib/gi18n.h>

#include "model/reg-record-list.h"
#include "reg-application.h"
#include "reg-case-dialog.h"
#include "reg-case-window.h"
#include "reg-customer-card.h"
#include "reg-delay-dialog.h"
#include "reg-due-time.h"
#include "reg-follow-up-dialog.h"
#include "reg-tooltip.h"

/* A card with thousands of visits must still open at once: only the
 * newest are built, and older ones on request. */
#define VISITS_FIRST_PAGE 20
#define VISITS_MORE_PAGE  50

/* What an entry row on the card edits. */
typedef enum
{
  ROW_FIELD = 1,   /* a string property of the customer */
  ROW_TAGS,
  ROW_PHONE,
  ROW_EMAIL,
  ROW_CRIB_NOTE,
} RowRole;

struct _RegCustomerCard
{
  GtkWidget            parent_instance;

  RegStore            *store;
  RegCustomer         *customer;

  RegRecordList       *crib_notes;
  GListStore          *new_crib_notes;    /* the note being written, not saved yet */
  GListModel          *crib_model;        /* both of the above */
  RegRecordList       *follow_ups;
  GtkCustomFilter     *open_filter;
  GtkFilterListModel  *open_follow_ups;
  RegRecordList       *cases;
  guint                case_timer_id;     /* when the next open case passes its target */
  RegRecordList       *timeline;
  GtkSliceListModel   *timeline_slice;
  RegRecordList       *staff;
  GArray              *owner_ids;         /* the staff id at each position of owner_row */

  guint                updating : 1;      /* the card is writing to its own widgets */
  guint                saving : 1;        /* the card is saving its customer */
  guint                committing : 1;    /* the card is saving what a row holds */

  /* Template widgets */
  GtkScrolledWindow   *scroller;
  GtkWidget           *content;
  GtkWidget           *trash_banner;
  GtkLabel            *name_label;
  GtkLabel            *subtitle_label;
  GtkWidget           *vip_badge;
  GtkWidget           *overdue_badge;
  GtkWidget           *case_badge;
  GtkWidget           *add_crib_button;
  GtkListBox          *crib_list;
  GtkWidget           *crib_empty_label;
  AdwEntryRow         *display_name_row;
  AdwEntryRow         *given_name_row;
  AdwEntryRow         *family_name_row;
  AdwEntryRow         *company_row;
  GtkListBox          *reach_list;
  GtkWidget           *add_phone_row;
  GtkWidget           *add_email_row;
  AdwEntryRow         *street_row;
  AdwEntryRow         *postal_code_row;
  AdwEntryRow         *locality_row;
  AdwEntryRow         *region_row;
  AdwEntryRow         *country_row;
  AdwEntryRow         *birthday_row;
  GtkWidget           *birthday_hint;
  AdwComboRow         *kind_row;
  GtkWidget           *vip_row;
  GtkSwitch           *vip_switch;
  GtkWidget           *internal_row;
  GtkSwitch           *internal_switch;
  AdwComboRow         *owner_row;
  AdwActionRow        *consent_row;
  GtkSwitch           *consent_switch;
  AdwEntryRow         *tags_row;
  GtkWidget           *tags_hint;
  GtkListBox          *follow_up_list;
  GtkWidget           *follow_up_empty_label;
  GtkListBox          *case_list;
  GtkWidget           *case_empty_label;
  GtkListBox          *visit_list;
  GtkWidget           *visit_empty_label;
  GtkWidget           *older_visits_button;
};

G_DEFINE_FINAL_TYPE (RegCustomerCard, reg_customer_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The customer's string properties, each edited in one entry row. */
static const struct {
  const char  *property;
  gsize        offset;
  const char *(*get) (RegCustomer *customer);
} text_fields[] = {
  { "display-name", G_STRUCT_OFFSET (RegCustomerCard, display_name_row), reg_customer_get_display_name },
  { "given-name",   G_STRUCT_OFFSET (RegCustomerCard, given_name_row),   reg_customer_get_given_name },
  { "family-name",  G_STRUCT_OFFSET (RegCustomerCard, family_name_row),  reg_customer_get_family_name },
  { "company",      G_STRUCT_OFFSET (RegCustomerCard, company_row),      reg_customer_get_company },
  { "street",       G_STRUCT_OFFSET (RegCustomerCard, street_row),       reg_customer_get_street },
  { "postal-code",  G_STRUCT_OFFSET (RegCustomerCard, postal_code_row),  reg_customer_get_postal_code },
  { "locality",     G_STRUCT_OFFSET (RegCustomerCard, locality_row),     reg_customer_get_locality },
  { "region",       G_STRUCT_OFFSET (RegCustomerCard, region_row),       reg_customer_get_region },
  { "country",      G_STRUCT_OFFSET (RegCustomerCard, country_row),      reg_customer_get_country },
  { "birthday",     G_STRUCT_OFFSET (RegCustomerCard, birthday_row),     reg_customer_get_birthday },
};

#define TEXT_FIELD_ROW(self, i) \
  (*(AdwEntryRow **) G_STRUCT_MEMBER_P ((self), text_fields[i].offset))

static void update_from_customer (RegCustomerCard *self,
                                  gboolean         force);
static void move_crib_note       (RegCustomerCard *self,
                                  GtkWidget       *row,
                                  int              delta,
                                  const char      *focus_button);

/* ------------------------------------------------------------------ */
/* Rows that wrap                                                       */

/* A visit note, a promise or a complaint is shown whole, over as many
 * lines as it takes, as the title of an AdwActionRow. GTK 4.8 measures
 * such a row slowly: the row's header box asks its title box what width
 * it needs at each of a series of trial heights, and for each of those
 * the title box asks its labels their heights at a series of trial
 * widths, each answer a new Pango layout of the whole text; and a
 * wrapping label measures its minimum width by breaking its text after
 * every character. Twenty visit notes took some 150 ms to measure before
 * the card was first drawn; the rest of the card, about 30 ms.
 *
 * RegWrapLayout takes the place of the title box's own GtkBoxLayout and
 * hands every request on to it, except that it asks for the width of the
 * title and subtitle as such, not for a given height: a column of wrapped
 * lines is laid out for the width it is given, and the header gives it
 * all the width there is. The rows look the same, to the pixel.
 *
 * The title box stays a GtkBox, but with another layout manager its
 * gtk_box_ and orientation accessors must not be called; neither
 * Regulars nor AdwActionRow calls them after the row is built. */

/* The least a visit note may be narrowed to, in characters: enough that
 * measuring it breaks a long note into a few dozen lines instead of one
 * line per character, and, with the icon before it, far narrower than
 * the card's other rows need, so the card is as narrow as it was. (Rows
 * with buttons after the text keep their labels' own minimum.) */
#define VISIT_MIN_CHARS 12

#define REG_TYPE_WRAP_LAYOUT (reg_wrap_layout_get_type ())

G_DECLARE_FINAL_TYPE (RegWrapLayout, reg_wrap_layout, REG, WRAP_LAYOUT, GtkLayoutManager)

struct _RegWrapLayout
{
  GtkLayoutManager  parent_instance;

  GtkLayoutManager *box_layout;   /* the title box's own */
};

G_DEFINE_FINAL_TYPE (RegWrapLayout, reg_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
reg_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                  GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
reg_wrap_layout_measure (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         GtkOrientation    orientation,
                         int               for_size,
                         int              *minimum,
                         int              *natural,
                         int              *minimum_baseline,
                         int              *natural_baseline)
{
  RegWrapLayout *self = REG_WRAP_LAYOUT (manager);

  /* Height for width only: the width does not depend on the height. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;
  gtk_layout_manager_measure (self->box_layout, widget, orientation, for_size,
                              minimum, natural, minimum_baseline, natural_baseline);
}

static void
reg_wrap_layout_allocate (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          int               width,
                          int               height,
                          int               baseline)
{
  RegWrapLayout *self = REG_WRAP_LAYOUT (manager);

  gtk_layout_manager_allocate (self->box_layout, widget, width, height, baseline);
}

static void
reg_wrap_layout_finalize (GObject *object)
{
  RegWrapLayout *self = REG_WRAP_LAYOUT (object);

  g_clear_object (&self->box_layout);

  G_OBJECT_CLASS (reg_wrap_layout_parent_class)->finalize (object);
}

static void
reg_wrap_layout_class_init (RegWrapLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->finalize = reg_wrap_layout_finalize;
  layout_class->get_request_mode = reg_wrap_layout_get_request_mode;
  layout_class->measure = reg_wrap_layout_measure;
  layout_class->allocate = reg_wrap_layout_allocate;
}

static void
reg_wrap_layout_init (RegWrapLayout *self)
{
}

/* The box holding an AdwActionRow's title and subtitle labels. */
static GtkWidget *
find_title_box (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BOX (child) && gtk_widget_has_css_class (child, "title"))
        return child;
      if ((found = find_title_box (child)) != NULL)
        return found;
    }
  return NULL;
}

/* An action row whose title, and subtitle, wrap over as many lines as
 * they take, quick to measure (see RegWrapLayout); @min_chars, if not 0,
 * is the least width of each, in characters. */
static GtkWidget *
wrapping_row_new (int min_chars)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *title_box;
  RegWrapLayout *layout;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  /* Should libadwaita build its rows differently, they are only slower. */
  title_box = find_title_box (row);
  if (title_box == NULL || !GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (title_box)))
    return row;

  for (GtkWidget *label = gtk_widget_get_first_child (title_box);
       label != NULL && min_chars > 0;
       label = gtk_widget_get_next_sibling (label))
    if (GTK_IS_LABEL (label) && gtk_label_get_width_chars (GTK_LABEL (label)) < 0)
      gtk_label_set_width_chars (GTK_LABEL (label), min_chars);

  layout = g_object_new (REG_TYPE_WRAP_LAYOUT, NULL);
  layout->box_layout = g_object_ref (gtk_widget_get_layout_manager (title_box));
  gtk_widget_set_layout_manager (title_box, GTK_LAYOUT_MANAGER (layout));   /* takes it */
  return row;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

static void
set_row_role (GtkWidget *row,
              RowRole    role)
{
  g_object_set_data (G_OBJECT (row), "reg-row-role", GINT_TO_POINTER (role));
}

static RowRole
get_row_role (GtkWidget *row)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "reg-row-role"));
}

/* Position of a phone or email row in the customer's list; -1 for one
 * being added. */
static void
set_contact_index (GtkWidget *row,
                   int        index)
{
  g_object_set_data (G_OBJECT (row), "reg-contact-index", GINT_TO_POINTER (index + 1));
}

static int
get_contact_index (GtkWidget *row)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "reg-contact-index")) - 1;
}

static gboolean
focus_is_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  reg_set_tooltip (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
prefix_icon_new (const char *icon_name)
{
  return g_object_new (GTK_TYPE_IMAGE,
                       "icon-name", icon_name,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
}

static GPtrArray *
copy_labeled_values (GPtrArray *values)
{
  GPtrArray *copy = g_ptr_array_new_full (values->len + 1, (GDestroyNotify) reg_labeled_value_free);

  for (guint i = 0; i < values->len; i++)
    g_ptr_array_add (copy, reg_labeled_value_copy (g_ptr_array_index (values, i)));
  return copy;
}

/* "vip, nuts allergy , ,vip" → { "vip", "nuts allergy" } */
static GStrv
parse_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);
      gboolean seen = FALSE;

      if (*tag == '\0')
        continue;
      for (guint j = 0; j < tags->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (tags, j), tag);
      if (!seen)
        g_ptr_array_add (tags, g_strdup (tag));
    }
  g_ptr_array_add (tags, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
}

static char *
format_local (gint64      unix_time,
              const char *format)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);

  return time != NULL ? g_date_time_format (time, format) : g_strdup ("");
}

static int
days_between (GDateTime *from,
              GDateTime *to)
{
  GDate a, b;
  int y, m, d;

  g_date_time_get_ymd (from, &y, &m, &d);
  g_date_clear (&a, 1);
  g_date_set_dmy (&a, d, m, y);
  g_date_time_get_ymd (to, &y, &m, &d);
  g_date_clear (&b, 1);
  g_date_set_dmy (&b, d, m, y);
  return g_date_days_between (&a, &b);
}

/* A moment as the card says it, beside today. */
typedef struct
{
  int   days;      /* local calendar days after today; negative before */
  char *time;      /* "14:00" */
  char *weekday;   /* "Thursday" */
  char *day;       /* "3 Nov", or "3 Nov 2027" in another year */
} Moment;

static gboolean
moment_init (Moment *moment,
             gint64  at,
             gint64  now)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (at);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);

  *moment = (Moment) { 0, };
  if (when == NULL || today == NULL)
    return FALSE;

  moment->days = days_between (today, when);
  moment->time = g_date_time_format (when, "%H:%M");
  moment->weekday = g_date_time_format (when, "%A");
  if (g_date_time_get_year (when) == g_date_time_get_year (today))
    /* Translators: a day in the current year, as in "3 Nov"; see strftime */
    moment->day = g_date_time_format (when, _("%-d %b"));
  else
    /* Translators: a day in another year, as in "3 Nov 2027"; see strftime */
    moment->day = g_date_time_format (when, _("%-d %b %Y"));
  return TRUE;
}

static void
moment_clear (Moment *moment)
{
  g_clear_pointer (&moment->time, g_free);
  g_clear_pointer (&moment->weekday, g_free);
  g_clear_pointer (&moment->day, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Moment, moment_clear)

/* When a promise falls due, as someone at the counter would say it. */
static char *
format_due (gint64 due_at,
            gint64 now)
{
  g_auto(Moment) due = { 0, };

  if (!moment_init (&due, due_at, now))
    return g_strdup ("");

  if (due_at <= now)
    {
      if (due.days == 0)
        /* Translators: %s is a time, as in "14:00" */
        return g_strdup_printf (_("Overdue since %s"), due.time);
      /* Translators: %s is a day, then a time: "Overdue since 3 Nov, 14:00" */
      return g_strdup_printf (_("Overdue since %s, %s"), due.day, due.time);
    }

  if (due.days == 0)
    return g_strdup_printf (_("Due today at %s"), due.time);
  if (due.days == 1)
    return g_strdup_printf (_("Due tomorrow at %s"), due.time);
  if (due.days < 7)
    /* Translators: a weekday, then a time: "Due Thursday at 10:00" */
    return g_strdup_printf (_("Due %s at %s"), due.weekday, due.time);
  /* Translators: a day, then a time: "Due 12 Dec, 10:00" */
  return g_strdup_printf (_("Due %s, %s"), due.day, due.time);
}

/* Until when a reminder was put off, said the same way. */
static char *
format_snoozed (gint64 until,
                gint64 now)
{
  g_auto(Moment) moment = { 0, };

  if (!moment_init (&moment, until, now))
    return g_strdup ("");

  if (moment.days <= 0)
    /* Translators: %s is a time, as in "Snoozed until 14:00" */
    return g_strdup_printf (_("Snoozed until %s"), moment.time);
  if (moment.days == 1)
    /* Translators: %s is a time, as in "Snoozed until 09:00 tomorrow" */
    return g_strdup_printf (_("Snoozed until %s tomorrow"), moment.time);
  if (moment.days < 7)
    /* Translators: a weekday, then a time: "Snoozed until Thursday 09:00" */
    return g_strdup_printf (_("Snoozed until %s %s"), moment.weekday, moment.time);
  /* Translators: a day, then a time: "Snoozed until 12 Dec, 09:00" */
  return g_strdup_printf (_("Snoozed until %s, %s"), moment.day, moment.time);
}

static char *
staff_name (RegCustomerCard *self,
            gint64           id)
{
  g_autoptr(RegStaff) staff = NULL;

  if (id != 0)
    staff = reg_store_get_staff (self->store, id, NULL);
  if (staff == NULL)
    return g_strdup (_("Unknown"));
  return g_strdup (reg_staff_get_name (staff));
}

static const char *
channel_name (RegChannel channel)
{
  switch (channel)
    {
    case REG_CHANNEL_VISIT: return _("Visit");
    case REG_CHANNEL_CALL: return _("Call");
    case REG_CHANNEL_EMAIL: return _("Email");
    case REG_CHANNEL_OTHER:
    default: return _("Other");
    }
}

static const char *
channel_icon_name (RegChannel channel)
{
  switch (channel)
    {
    case REG_CHANNEL_VISIT: return "emoji-people-symbolic";
    case REG_CHANNEL_CALL: return "call-start-symbolic";
    case REG_CHANNEL_EMAIL: return "mail-unread-symbolic";
    case REG_CHANNEL_OTHER:
    default: return "document-edit-symbolic";
    }
}

/* Labels come from vCards as "mobile", "work"…: show the usual ones
 * translated, anything else as it was written. */
static const char *
contact_title (RowRole     role,
               const char *label)
{
  static const struct {
    const char *label;
    const char *title;
  } known[] = {
    { "mobile", N_("Mobile") },
    { "cell",   N_("Mobile") },
    { "home",   N_("Home") },
    { "work",   N_("Work") },
    { "other",  N_("Other") },
  };

  if (label == NULL || *label == '\0')
    return role == ROW_PHONE ? _("Phone") : _("Email");

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (label, known[i].label) == 0)
      return _(known[i].title);

  return label;
}

/* ------------------------------------------------------------------ */
/* Toasts and undo                                                      */

/* The card does not own the toast overlay; the window around it does. */
static void
show_toast (RegCustomerCard *self,
            AdwToast        *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL && gtk_widget_get_mapped (overlay) &&
      !gtk_widget_in_destruction (overlay))
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static void
show_error_toast (RegCustomerCard *self,
                  const char      *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  show_toast (self, toast);
}

typedef struct _Undo Undo;
typedef gboolean (*UndoFunc) (Undo    *undo,
                              GError **error);

struct _Undo
{
  GWeakRef   card;
  RegStore  *store;
  GObject   *object;
  char      *property;
  GValue     value;
  UndoFunc   func;
};

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_weak_ref_clear (&undo->card);
  g_clear_object (&undo->store);
  g_clear_object (&undo->object);
  g_clear_pointer (&undo->property, g_free);
  if (G_IS_VALUE (&undo->value))
    g_value_unset (&undo->value);
  g_free (undo);
}

static void
on_undo_clicked (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(GError) error = NULL;

  if (!undo->func (undo, &error))
    {
      g_autoptr(RegCustomerCard) card = g_weak_ref_get (&undo->card);

      if (card != NULL)
        show_error_toast (card, error->message);
      else
        g_warning ("Could not undo: %s", error->message);
    }
}

static void
show_undo_toast (RegCustomerCard *self,
                 const char      *title,
                 UndoFunc         func,
                 gpointer         object,
                 const char      *property,
                 const GValue    *value)
{
  AdwToast *toast = adw_toast_new (title);
  Undo *undo = g_new0 (Undo, 1);

  g_weak_ref_init (&undo->card, self);
  undo->store = g_object_ref (self->store);
  undo->object = g_object_ref (object);
  undo->property = g_strdup (property);
  undo->func = func;
  if (value != NULL)
    {
      g_value_init (&undo->value, G_VALUE_TYPE (value));
      g_value_copy (value, &undo->value);
    }

  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked),
                         undo, undo_free, 0);
  show_toast (self, toast);
}

static gboolean
undo_trash_crib_note (Undo    *undo,
                      GError **error)
{
  return reg_store_restore_crib_note (undo->store, REG_CRIB_NOTE (undo->object), error);
}

/* Kept or cancelled, the promise is open again. */
static gboolean
undo_follow_up_status (Undo    *undo,
                       GError **error)
{
  return reg_store_set_follow_up_status (undo->store, REG_FOLLOW_UP (undo->object),
                                         REG_FOLLOW_UP_STATUS_OPEN, error);
}

static gboolean
undo_follow_up_snooze (Undo    *undo,
                       GError **error)
{
  return reg_store_snooze_follow_up (undo->store, REG_FOLLOW_UP (undo->object),
                                     g_value_get_int64 (&undo->value), error);
}

static gboolean
undo_customer_change (Undo    *undo,
                      GError **error)
{
  g_auto(GValue) current = G_VALUE_INIT;

  g_value_init (&current, G_VALUE_TYPE (&undo->value));
  g_object_get_property (undo->object, undo->property, &current);
  g_object_set_property (undo->object, undo->property, &undo->value);

  if (!reg_store_save_customer (undo->store, REG_CUSTOMER (undo->object), error))
    {
      g_object_set_property (undo->object, undo->property, &current);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Saving, and saying what went wrong                                   */

static void
set_row_error (RegCustomerCard *self,
               GtkWidget       *row,
               const char      *failed_text,
               const GError    *error)
{
  gtk_widget_add_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, error->message);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  /* Leaving the row again should not repeat what was just said. */
  g_object_set_data_full (G_OBJECT (row), "reg-failed-text", g_strdup (failed_text), g_free);
  show_error_toast (self, error->message);
}

static void update_crib_note_tooltip (GtkWidget *row);

static void
clear_row_error (GtkWidget *row)
{
  if (!gtk_widget_has_css_class (row, "error"))
    return;

  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, NULL);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
  g_object_set_data (G_OBJECT (row), "reg-failed-text", NULL);
  update_crib_note_tooltip (row);
}

/* Sets @property of the customer to @value and saves. When the store
 * refuses, the customer gets its old value back, so that the object and
 * the database agree, while the widget keeps what the person did. */
static gboolean
save_customer_value (RegCustomerCard *self,
                     GtkWidget       *row,
                     const char      *failed_text,
                     const char      *property,
                     const GValue    *value)
{
  g_autoptr(RegCustomer) customer = g_object_ref (self->customer);
  g_autoptr(GError) error = NULL;
  g_auto(GValue) old_value = G_VALUE_INIT;
  GParamSpec *pspec;
  gboolean saved;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (customer), property);
  g_return_val_if_fail (pspec != NULL, FALSE);

  g_value_init (&old_value, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_object_get_property (G_OBJECT (customer), property, &old_value);

  self->saving = TRUE;
  g_object_set_property (G_OBJECT (customer), property, value);
  saved = reg_store_save_customer (self->store, customer, &error);
  if (!saved)
    g_object_set_property (G_OBJECT (customer), property, &old_value);
  self->saving = FALSE;

  if (saved)
    clear_row_error (row);
  else
    set_row_error (self, row, failed_text, error);

  return saved;
}

/* ------------------------------------------------------------------ */
/* Entry rows: what they hold, whether it changed, saving it            */

/* Which of text_fields a ROW_FIELD row edits. */
static guint
row_text_field (GtkWidget *row)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "reg-text-field"));
}

static GPtrArray *
contact_values (RegCustomer *customer,
                RowRole      role)
{
  return role == ROW_PHONE ? reg_customer_get_phones (customer) : reg_customer_get_emails (customer);
}

/* Whether the row shows something other than what is saved. */
static gboolean
row_is_changed (RegCustomerCard *self,
                GtkWidget       *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  RowRole role = get_row_role (row);

  switch (role)
    {
    case ROW_FIELD:
      return self->customer != NULL &&
             g_strcmp0 (text, text_fields[row_text_field (row)].get (self->customer)) != 0;

    case ROW_TAGS:
      {
        g_auto(GStrv) tags = parse_tags (text);

        return self->customer != NULL &&
               !g_strv_equal ((const char * const *) tags, reg_customer_get_tags (self->customer));
      }

    case ROW_PHONE:
    case ROW_EMAIL:
      {
        int index = get_contact_index (row);
        GPtrArray *values;

        if (self->customer == NULL)
          return FALSE;
        if (index < 0)
          return !is_blank (text);
        values = contact_values (self->customer, role);
        return (guint) index >= values->len ||
               g_strcmp0 (text, ((RegLabeledValue *) g_ptr_array_index (values, index))->value) != 0;
      }

    case ROW_CRIB_NOTE:
      {
        RegCribNote *note = g_object_get_data (G_OBJECT (row), "reg-crib-note");

        if (reg_crib_note_get_id (note) == 0)
          return !is_blank (text);
        return g_strcmp0 (text, reg_crib_note_get_text (note)) != 0;
      }

    default:
      return FALSE;
    }
}

/* Shows @text in @row, unless the person is typing there or what they
 * typed could not be saved: what someone typed is never thrown away. */
static void
update_entry (AdwEntryRow *row,
              const char  *text,
              gboolean     force)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) == 0)
    return;

  if (!force &&
      (focus_is_within (GTK_WIDGET (row)) || gtk_widget_has_css_class (GTK_WIDGET (row), "error")))
    return;

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void remove_contact (RegCustomerCard *self,
                            GtkWidget       *row);

static gboolean
commit_field (RegCustomerCard *self,
              GtkWidget       *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  return save_customer_value (self, row, text, text_fields[row_text_field (row)].property, &value);
}

static gboolean
commit_tags (RegCustomerCard *self,
             GtkWidget       *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRV);
  g_value_take_boxed (&value, parse_tags (text));
  return save_customer_value (self, row, text, "tags", &value);
}

static gboolean
commit_contact (RegCustomerCard *self,
                GtkWidget       *row)
{
  RowRole role = get_row_role (row);
  const char *property = role == ROW_PHONE ? "phones" : "emails";
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  int index = get_contact_index (row);
  g_autoptr(GPtrArray) values = copy_labeled_values (contact_values (self->customer, role));
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean saved;

  if (index < 0)
    {
      if (is_blank (text))
        return TRUE;
      g_ptr_array_add (values, reg_labeled_value_new ("", text));
      /* Counted as the new last entry from now on, so that the rows
       * and the customer's list keep matching. */
      set_contact_index (row, values->len - 1);
    }
  else if (is_blank (text))
    {
      /* Emptying a number takes it off the card. */
      remove_contact (self, row);
      return TRUE;
    }
  else if ((guint) index < values->len)
    {
      RegLabeledValue *item = g_ptr_array_index (values, index);

      g_free (item->value);
      item->value = g_strdup (text);
    }

  g_value_init (&value, G_TYPE_PTR_ARRAY);
  g_value_set_boxed (&value, values);
  saved = save_customer_value (self, row, text, property, &value);
  if (!saved && index < 0)
    set_contact_index (row, -1);
  return saved;
}

static void
focus_crib_note_row (RegCustomerCard *self,
                     RegCribNote     *note,
                     const char      *button)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->crib_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *target;

      if (g_object_get_data (G_OBJECT (row), "reg-crib-note") != note)
        continue;

      target = button != NULL ? g_object_get_data (G_OBJECT (row), button) : NULL;
      if (target != NULL && gtk_widget_get_sensitive (target))
        gtk_widget_grab_focus (target);
      else
        gtk_widget_grab_focus (row);
      return;
    }
}

static gboolean
commit_crib_note (RegCustomerCard *self,
                  GtkWidget       *row)
{
  g_autoptr(RegCribNote) note = g_object_ref (g_object_get_data (G_OBJECT (row), "reg-crib-note"));
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  g_autofree char *old_text = g_strdup (reg_crib_note_get_text (note));
  g_autoptr(GError) error = NULL;
  gboolean is_new = reg_crib_note_get_id (note) == 0;
  gboolean had_focus = focus_is_within (row);
  guint position;

  reg_crib_note_set_text (note, text);
  if (!reg_store_save_crib_note (self->store, note, &error))
    {
      /* Marked first, so that putting the old text back leaves the row alone. */
      set_row_error (self, row, text, error);
      if (!is_new)
        reg_crib_note_set_text (note, old_text);
      return FALSE;
    }

  clear_row_error (row);

  /* Saved, the note is in the customer's list now: the row that was
   * being written gives way to it. */
  if (is_new && g_list_store_find (self->new_crib_notes, note, &position))
    {
      g_list_store_remove (self->new_crib_notes, position);
      if (had_focus)
        focus_crib_note_row (self, note, NULL);
    }
  return TRUE;
}

/* @applied: the person pressed Enter or the apply button, rather than
 * just leaving the row. */
static gboolean
commit_row (RegCustomerCard *self,
            GtkWidget       *row,
            gboolean         applied)
{
  g_autoptr(GtkWidget) keep = g_object_ref (row);
  gboolean saved = TRUE;

  if (self->customer == NULL || self->store == NULL)
    return FALSE;

  /* Applying an empty new note says why it cannot be saved. */
  if (!row_is_changed (self, row) &&
      !(applied && get_row_role (row) == ROW_CRIB_NOTE &&
        reg_crib_note_get_id (g_object_get_data (G_OBJECT (row), "reg-crib-note")) == 0))
    {
      clear_row_error (row);
      return TRUE;
    }

  self->committing = TRUE;
  switch (get_row_role (row))
    {
    case ROW_FIELD:
      saved = commit_field (self, row);
      break;
    case ROW_TAGS:
      saved = commit_tags (self, row);
      break;
    case ROW_PHONE:
    case ROW_EMAIL:
      saved = commit_contact (self, row);
      break;
    case ROW_CRIB_NOTE:
      saved = commit_crib_note (self, row);
      break;
    default:
      g_assert_not_reached ();
    }
  self->committing = FALSE;

  update_from_customer (self, FALSE);
  return saved;
}

static void
on_entry_row_apply (AdwEntryRow     *row,
                    RegCustomerCard *self)
{
  commit_row (self, GTK_WIDGET (row), TRUE);
}

/* Saved as you go: leaving a changed row saves it too. */
static void
on_entry_row_leave (GtkEventControllerFocus *controller,
                    RegCustomerCard         *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  const char *failed_text = g_object_get_data (G_OBJECT (row), "reg-failed-text");

  if (self->committing || gtk_widget_in_destruction (GTK_WIDGET (self)) ||
      gtk_widget_in_destruction (row))
    return;

  if (failed_text != NULL &&
      g_strcmp0 (failed_text, gtk_editable_get_text (GTK_EDITABLE (row))) == 0)
    return;

  if (row_is_changed (self, row))
    commit_row (self, row, FALSE);
}

static void
setup_entry_row (RegCustomerCard *self,
                 GtkWidget       *row,
                 RowRole          role)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  set_row_role (row, role);
  g_signal_connect_object (row, "apply", G_CALLBACK (on_entry_row_apply), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_entry_row_leave), self, 0);
  gtk_widget_add_controller (row, focus);
}

/* Saves whatever the row with the focus holds: before the card shows
 * another customer, nothing typed is lost. */
static void
commit_focused_row (RegCustomerCard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return;

  row = gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW);
  if (row != NULL && get_row_role (row) != 0 && row_is_changed (self, row))
    commit_row (self, row, FALSE);
}

/* ------------------------------------------------------------------ */
/* Phones and emails                                                    */

static void
on_contact_remove_clicked (GtkButton *button,
                           GtkWidget *row)
{
  GtkWidget *card = gtk_widget_get_ancestor (row, REG_TYPE_CUSTOMER_CARD);

  if (card != NULL)
    remove_contact (REG_CUSTOMER_CARD (card), row);
}

static GtkWidget *
create_contact_row (RegCustomerCard       *self,
                    RowRole                role,
                    int                    index,
                    const RegLabeledValue *value)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 contact_title (role, value != NULL ? value->label : NULL));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  adw_entry_row_set_input_hints (ADW_ENTRY_ROW (row), GTK_INPUT_HINT_NO_SPELLCHECK);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row),
                                   role == ROW_PHONE ? GTK_INPUT_PURPOSE_PHONE : GTK_INPUT_PURPOSE_EMAIL);
  if (value != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), value->value);

  remove = icon_button_new ("user-trash-symbolic",
                            role == ROW_PHONE ? _("Remove Phone Number") : _("Remove Email Address"));
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_contact_remove_clicked), row, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  setup_entry_row (self, row, role);
  set_contact_index (row, index);
  return row;
}

/* The rows of saved phones (or emails), in order; rows being added
 * only when @with_new. */
static GPtrArray *
contact_rows (RegCustomerCard *self,
              RowRole          role,
              gboolean         with_new)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->reach_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (get_row_role (row) == role && (with_new || get_contact_index (row) >= 0))
      g_ptr_array_add (rows, row);

  return rows;
}

static void
sync_contact_rows (RegCustomerCard *self,
                   RowRole          role,
                   gboolean         force)
{
  GPtrArray *values = contact_values (self->customer, role);
  g_autoptr(GPtrArray) rows = contact_rows (self, role, FALSE);
  int position;

  if (rows->len == values->len)
    {
      for (guint i = 0; i < rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (rows, i);
          const RegLabeledValue *value = g_ptr_array_index (values, i);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), contact_title (role, value->label));
          update_entry (ADW_ENTRY_ROW (row), value->value, force);
        }
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_remove (self->reach_list, g_ptr_array_index (rows, i));

  position = role == ROW_PHONE ? 0 : gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->add_phone_row)) + 1;
  for (guint i = 0; i < values->len; i++)
    gtk_list_box_insert (self->reach_list,
                         create_contact_row (self, role, i, g_ptr_array_index (values, i)),
                         position + i);
}

static void
remove_all_contact_rows (RegCustomerCard *self)
{
  g_autoptr(GPtrArray) phones = contact_rows (self, ROW_PHONE, TRUE);
  g_autoptr(GPtrArray) emails = contact_rows (self, ROW_EMAIL, TRUE);

  for (guint i = 0; i < phones->len; i++)
    gtk_list_box_remove (self->reach_list, g_ptr_array_index (phones, i));
  for (guint i = 0; i < emails->len; i++)
    gtk_list_box_remove (self->reach_list, g_ptr_array_index (emails, i));
}

static void
remove_contact (RegCustomerCard *self,
                GtkWidget       *row)
{
  RowRole role = get_row_role (row);
  int index = get_contact_index (row);
  const char *property = role == ROW_PHONE ? "phones" : "emails";
  g_autoptr(GPtrArray) old_values = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) old_value = G_VALUE_INIT;

  if (self->customer == NULL)
    return;

  /* One being added was never saved: it just goes. */
  if (index < 0)
    {
      gtk_list_box_remove (self->reach_list, row);
      return;
    }

  old_values = copy_labeled_values (contact_values (self->customer, role));
  values = copy_labeled_values (old_values);
  if ((guint) index < values->len)
    g_ptr_array_remove_index (values, index);

  g_value_init (&value, G_TYPE_PTR_ARRAY);
  g_value_set_boxed (&value, values);
  if (save_customer_value (self, row, gtk_editable_get_text (GTK_EDITABLE (row)), property, &value))
    {
      g_value_init (&old_value, G_TYPE_PTR_ARRAY);
      g_value_set_boxed (&old_value, old_values);
      show_undo_toast (self,
                       role == ROW_PHONE ? _("Phone number removed") : _("Email address removed"),
                       undo_customer_change, self->customer, property, &old_value);
    }

  update_from_customer (self, FALSE);
}

static void
add_contact (RegCustomerCard *self,
             RowRole          role)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *row = NULL;
  GtkWidget *before = role == ROW_PHONE ? self->add_phone_row : self->add_email_row;

  if (self->customer == NULL)
    return;

  /* One new number at a time. */
  rows = contact_rows (self, role, TRUE);
  for (guint i = 0; i < rows->len && row == NULL; i++)
    if (get_contact_index (g_ptr_array_index (rows, i)) < 0)
      row = g_ptr_array_index (rows, i);

  if (row == NULL)
    {
      row = create_contact_row (self, role, -1, NULL);
      gtk_list_box_insert (self->reach_list, row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (before)));
    }

  gtk_widget_grab_focus (row);
}

static void
on_add_phone_activated (RegCustomerCard *self)
{
  add_contact (self, ROW_PHONE);
}

static void
on_add_email_activated (RegCustomerCard *self)
{
  add_contact (self, ROW_EMAIL);
}

/* ------------------------------------------------------------------ */
/* Crib notes                                                           */

static RegCribNote *
row_crib_note (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "reg-crib-note");
}

static RegCustomerCard *
row_card (GtkWidget *row)
{
  GtkWidget *card = gtk_widget_get_ancestor (row, REG_TYPE_CUSTOMER_CARD);

  return card != NULL ? REG_CUSTOMER_CARD (card) : NULL;
}

static void
on_crib_up_clicked (GtkButton *button,
                    GtkWidget *row)
{
  RegCustomerCard *self = row_card (row);

  if (self != NULL)
    move_crib_note (self, row, -1, "reg-up-button");
}

static void
on_crib_down_clicked (GtkButton *button,
                      GtkWidget *row)
{
  RegCustomerCard *self = row_card (row);

  if (self != NULL)
    move_crib_note (self, row, 1, "reg-down-button");
}

static void
on_crib_remove_clicked (GtkButton *button,
                        GtkWidget *row)
{
  RegCustomerCard *self = row_card (row);
  g_autoptr(RegCribNote) note = NULL;
  g_autoptr(GError) error = NULL;
  gboolean had_focus;
  int index;

  if (self == NULL)
    return;

  note = g_object_ref (row_crib_note (row));
  had_focus = focus_is_within (row);
  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (!reg_store_trash_crib_note (self->store, note, &error))
    {
      show_error_toast (self, error->message);
      return;
    }

  show_undo_toast (self, _("Crib note removed"), undo_trash_crib_note, note, NULL, NULL);

  /* The row is gone; keep the focus nearby. */
  if (had_focus)
    {
      GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->crib_list, index);

      if (next == NULL && index > 0)
        next = gtk_list_box_get_row_at_index (self->crib_list, index - 1);
      gtk_widget_grab_focus (next != NULL ? GTK_WIDGET (next) : self->add_crib_button);
    }
}

static void
on_crib_discard_clicked (GtkButton *button,
                         GtkWidget *row)
{
  RegCustomerCard *self = row_card (row);
  guint position;

  if (self != NULL && g_list_store_find (self->new_crib_notes, row_crib_note (row), &position))
    {
      g_list_store_remove (self->new_crib_notes, position);
      gtk_widget_grab_focus (self->add_crib_button);
    }
}

/* A one-line row cuts a long note short; the whole of it is a hover
 * away. The tooltip says what is wrong instead while the row is in error. */
static void
update_crib_note_tooltip (GtkWidget *row)
{
  RegCribNote *note;
  const char *text;

  if (get_row_role (row) != ROW_CRIB_NOTE || gtk_widget_has_css_class (row, "error"))
    return;

  note = row_crib_note (row);
  text = reg_crib_note_get_text (note);
  reg_set_tooltip (row, g_utf8_strlen (text, -1) > 40 ? text : NULL);
}

static void
on_crib_note_text_notify (RegCribNote *note,
                          GParamSpec  *pspec,
                          GtkWidget   *row)
{
  if (reg_crib_note_get_id (note) != 0)
    update_entry (ADW_ENTRY_ROW (row), reg_crib_note_get_text (note), FALSE);
  update_crib_note_tooltip (row);
}

static GtkWidget *
create_crib_note_row (gpointer item,
                      gpointer user_data)
{
  RegCustomerCard *self = user_data;
  RegCribNote *note = item;
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Crib note"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "crib-note");
  gtk_editable_set_text (GTK_EDITABLE (row), reg_crib_note_get_text (note));
  g_object_set_data_full (G_OBJECT (row), "reg-crib-note", g_object_ref (note), g_object_unref);

  if (reg_crib_note_get_id (note) != 0)
    {
      GtkWidget *up = icon_button_new ("go-up-symbolic", _("Move Up"));
      GtkWidget *down = icon_button_new ("go-down-symbolic", _("Move Down"));
      GtkWidget *remove = icon_button_new ("user-trash-symbolic", _("Remove"));

      g_signal_connect_object (up, "clicked", G_CALLBACK (on_crib_up_clicked), row, 0);
      g_signal_connect_object (down, "clicked", G_CALLBACK (on_crib_down_clicked), row, 0);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_crib_remove_clicked), row, 0);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), up);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), down);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
      g_object_set_data (G_OBJECT (row), "reg-up-button", up);
      g_object_set_data (G_OBJECT (row), "reg-down-button", down);
    }
  else
    {
      GtkWidget *discard = icon_button_new ("user-trash-symbolic", _("Discard"));

      g_signal_connect_object (discard, "clicked", G_CALLBACK (on_crib_discard_clicked), row, 0);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), discard);
    }

  setup_entry_row (self, row, ROW_CRIB_NOTE);
  update_crib_note_tooltip (row);
  g_signal_connect_object (note, "notify::text", G_CALLBACK (on_crib_note_text_notify), row, 0);
  return row;
}

static void
on_crib_model_items_changed (RegCustomerCard *self)
{
  guint n_saved = g_list_model_get_n_items (G_LIST_MODEL (self->crib_notes));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->crib_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
      GtkWidget *up = g_object_get_data (G_OBJECT (row), "reg-up-button");
      GtkWidget *down = g_object_get_data (G_OBJECT (row), "reg-down-button");

      if (up != NULL)
        gtk_widget_set_sensitive (up, index > 0);
      if (down != NULL)
        gtk_widget_set_sensitive (down, index + 1 < (int) n_saved);
    }

  gtk_widget_set_visible (self->crib_empty_label,
                          g_list_model_get_n_items (self->crib_model) == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->crib_list),
                          g_list_model_get_n_items (self->crib_model) > 0);
}

static void
move_crib_note (RegCustomerCard *self,
                GtkWidget       *row,
                int              delta,
                const char      *focus_button)
{
  g_autoptr(RegCribNote) note = g_object_ref (row_crib_note (row));
  g_autoptr(GError) error = NULL;
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  int n_saved = (int) g_list_model_get_n_items (G_LIST_MODEL (self->crib_notes));
  gboolean had_focus = focus_is_within (row);

  if (reg_crib_note_get_id (note) == 0 || index + delta < 0 || index + delta >= n_saved)
    return;

  /* The row is built anew in its new place: save what it holds first. */
  if (row_is_changed (self, row) && !commit_row (self, row, FALSE))
    return;

  if (!reg_store_move_crib_note (self->store, note, index + delta, &error))
    {
      show_error_toast (self, error->message);
      return;
    }

  if (had_focus)
    focus_crib_note_row (self, note, focus_button);
}

/* Alt+Up and Alt+Down on a crib note move it. */
static gboolean
move_focused_crib_note (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   user_data)
{
  RegCustomerCard *self = REG_CUSTOMER_CARD (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->crib_list) ||
      reg_crib_note_get_id (row_crib_note (row)) == 0)
    return FALSE;

  move_crib_note (self, row, g_variant_get_int32 (args), NULL);
  return TRUE;
}

static void
on_add_crib_clicked (RegCustomerCard *self)
{
  GtkListBoxRow *row;

  if (self->customer == NULL)
    return;

  /* One new note at a time: a second click goes back to it. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->new_crib_notes)) == 0)
    {
      g_autoptr(RegCribNote) note = reg_crib_note_new ();

      reg_crib_note_set_customer_id (note, reg_customer_get_id (self->customer));
      g_list_store_append (self->new_crib_notes, note);
    }

  row = gtk_list_box_get_row_at_index (self->crib_list,
                                       g_list_model_get_n_items (self->crib_model) - 1);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* ------------------------------------------------------------------ */
/* Promises                                                             */

static RegFollowUp *
row_follow_up (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "reg-follow-up");
}

/* Put off to later than it was due, and not yet over. */
static gboolean
is_snoozed (RegFollowUp *follow_up,
            gint64       now)
{
  gint64 until = reg_follow_up_get_snoozed_until (follow_up);

  return until > reg_follow_up_get_due_at (follow_up) && until > now;
}

static void
update_follow_up_row (RegCustomerCard *self,
                      GtkWidget       *row)
{
  RegFollowUp *follow_up = row_follow_up (row);
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "reg-icon");
  gint64 due_at = reg_follow_up_get_effective_due_at (follow_up);
  gint64 now = reg_store_now (self->store);
  g_autofree char *due = NULL;
  g_autofree char *who = staff_name (self, reg_follow_up_get_assigned_to (follow_up));
  g_autofree char *subtitle = NULL;

  if (is_snoozed (follow_up, now))
    due = format_snoozed (due_at, now);
  else
    due = format_due (due_at, now);

  if (reg_follow_up_get_assigned_to (follow_up) != 0)
    /* Translators: when a promise is due, then who made it */
    subtitle = g_strdup_printf (_("%s · %s"), due, who);
  else
    subtitle = g_steal_pointer (&due);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reg_follow_up_get_promise (follow_up));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (due_at <= now)
    {
      gtk_image_set_from_icon_name (icon, "task-past-due-symbolic");
      gtk_widget_add_css_class (row, "overdue");
    }
  else
    {
      gtk_image_set_from_icon_name (icon, "alarm-symbolic");
      gtk_widget_remove_css_class (row, "overdue");
    }
}

static void
on_follow_up_notify (GtkWidget   *row,
                     GParamSpec  *pspec,
                     RegFollowUp *follow_up)
{
  RegCustomerCard *self = row_card (row);

  if (self != NULL)
    update_follow_up_row (self, row);
}

/* The promise an action names, if it is one of this customer's. */
static RegFollowUp *
action_follow_up (RegCustomerCard *self,
                  GVariant        *param)
{
  g_autoptr(RegFollowUp) follow_up = NULL;
  g_autoptr(GError) error = NULL;

  if (self->customer == NULL || self->store == NULL)
    return NULL;

  if (!(follow_up = reg_store_get_follow_up (self->store, g_variant_get_int64 (param), &error)))
    {
      show_error_toast (self, error->message);
      return NULL;
    }

  if (reg_follow_up_get_customer_id (follow_up) != reg_customer_get_id (self->customer))
    return NULL;

  return g_steal_pointer (&follow_up);
}

/* Who is at the keyboard, as the application knows it; 0 outside one. */
static gint64
current_staff_id (RegCustomerCard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return REG_IS_APPLICATION (app) ? reg_application_get_current_staff_id (REG_APPLICATION (app)) : 0;
}

static void
open_follow_up_dialog (RegCustomerCard *self,
                       RegFollowUp     *follow_up)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RegFollowUpDialog *dialog;

  if (self->customer == NULL || self->store == NULL)
    return;

  dialog = reg_follow_up_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->store, self->customer, follow_up,
                                     current_staff_id (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_follow_up_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  open_follow_up_dialog (REG_CUSTOMER_CARD (widget), NULL);
}

static void
edit_follow_up_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RegCustomerCard *self = REG_CUSTOMER_CARD (widget);
  g_autoptr(RegFollowUp) follow_up = action_follow_up (self, param);

  if (follow_up != NULL)
    open_follow_up_dialog (self, follow_up);
}

static void
set_follow_up_status (RegCustomerCard   *self,
                      GVariant          *param,
                      RegFollowUpStatus  status,
                      const char        *done_title)
{
  g_autoptr(RegFollowUp) follow_up = action_follow_up (self, param);
  g_autoptr(GError) error = NULL;

  if (follow_up == NULL)
    return;

  if (!reg_store_set_follow_up_status (self->store, follow_up, status, &error))
    {
      show_error_toast (self, error->message);
      return;
    }

  show_undo_toast (self, done_title, undo_follow_up_status, follow_up, NULL, NULL);
}

static void
complete_follow_up_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  set_follow_up_status (REG_CUSTOMER_CARD (widget), param,
                        REG_FOLLOW_UP_STATUS_DONE, _("Promise kept"));
}

static void
cancel_follow_up_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  set_follow_up_status (REG_CUSTOMER_CARD (widget), param,
                        REG_FOLLOW_UP_STATUS_CANCELLED, _("Promise cancelled"));
}

/* Puts off the reminder, not the promise: the due time stays what was
 * promised, and an Undo puts the old snooze back. */
static void
snooze_follow_up (RegCustomerCard *self,
                  GVariant        *param,
                  gint64           until)
{
  g_autoptr(RegFollowUp) follow_up = action_follow_up (self, param);
  g_autoptr(GError) error = NULL;
  g_auto(GValue) old_until = G_VALUE_INIT;
  g_autofree char *title = NULL;

  if (follow_up == NULL)
    return;

  g_value_init (&old_until, G_TYPE_INT64);
  g_value_set_int64 (&old_until, reg_follow_up_get_snoozed_until (follow_up));

  if (!reg_store_snooze_follow_up (self->store, follow_up, until, &error))
    {
      show_error_toast (self, error->message);
      return;
    }

  title = format_snoozed (until, reg_store_now (self->store));
  show_undo_toast (self, title, undo_follow_up_snooze, follow_up, NULL, &old_until);
}

static void
snooze_hour_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RegCustomerCard *self = REG_CUSTOMER_CARD (widget);

  if (self->store != NULL)
    snooze_follow_up (self, param, reg_store_now (self->store) + 60 * 60);
}

/* 09:00 local time the next day, as the reminder pop-up has it. */
static void
snooze_morning_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RegCustomerCard *self = REG_CUSTOMER_CARD (widget);

  if (self->store == NULL)
    return;

  snooze_follow_up (self, param, reg_follow_up_tomorrow_morning (reg_store_now (self->store)));
}

/* Edit, snooze, cancel: each names the promise, so that one action
 * serves every row and the menu is reached from the keyboard. */
static GMenuModel *
follow_up_menu_new (gint64 id)
{
  static const struct {
    guint       section;
    const char *label;
    const char *action;
  } items[] = {
    { 0, N_("_Edit…"), "card.edit-follow-up" },
    { 0, N_("_Tell Customer About Delay…"), "card.tell-follow-up-delay" },
    { 1, N_("1 _Hour"), "card.snooze-follow-up-hour" },
    { 1, N_("Tomorrow _Morning"), "card.snooze-follow-up-morning" },
    { 2, N_("_Cancel Promise"), "card.cancel-follow-up" },
  };
  const char *section_labels[] = { NULL, _("Snooze"), NULL };
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (section_labels); i++)
    {
      g_autoptr(GMenu) section = g_menu_new ();

      for (guint j = 0; j < G_N_ELEMENTS (items); j++)
        {
          g_autoptr(GMenuItem) item = NULL;

          if (items[j].section != i)
            continue;
          item = g_menu_item_new (_(items[j].label), NULL);
          g_menu_item_set_action_and_target_value (item, items[j].action, g_variant_new_int64 (id));
          g_menu_append_item (section, item);
        }
      g_menu_append_section (menu, section_labels[i], G_MENU_MODEL (section));
    }

  return G_MENU_MODEL (menu);
}

static GtkWidget *
create_follow_up_row (gpointer item,
                      gpointer user_data)
{
  RegCustomerCard *self = user_data;
  RegFollowUp *follow_up = item;
  gint64 id = reg_follow_up_get_id (follow_up);
  g_autoptr(GMenuModel) menu = follow_up_menu_new (id);
  GtkWidget *row = wrapping_row_new (0);
  GtkWidget *icon = prefix_icon_new ("alarm-symbolic");
  GtkWidget *done = icon_button_new ("object-select-symbolic", _("Mark as Done"));
  GtkWidget *more = gtk_menu_button_new ();

  gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "card.complete-follow-up");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (done), g_variant_new_int64 (id));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), menu);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (more), FALSE);
  gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
  reg_set_tooltip (more, _("More Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("More Actions"),
                                  -1);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), more);
  gtk_widget_add_css_class (row, "follow-up");
  gtk_widget_add_css_class (icon, "follow-up-icon");
  g_object_set_data_full (G_OBJECT (row), "reg-follow-up", g_object_ref (follow_up), g_object_unref);
  g_object_set_data (G_OBJECT (row), "reg-icon", icon);

  g_signal_connect_object (follow_up, "notify", G_CALLBACK (on_follow_up_notify), row, G_CONNECT_SWAPPED);

  update_follow_up_row (self, row);
  return row;
}

static gboolean
follow_up_is_open (gpointer item,
                   gpointer user_data)
{
  return reg_follow_up_get_status (REG_FOLLOW_UP (item)) == REG_FOLLOW_UP_STATUS_OPEN;
}

static void
on_open_follow_ups_changed (RegCustomerCard *self)
{
  gtk_widget_set_visible (self->follow_up_empty_label,
                          g_list_model_get_n_items (G_LIST_MODEL (self->open_follow_ups)) == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->follow_up_list),
                          g_list_model_get_n_items (G_LIST_MODEL (self->open_follow_ups)) > 0);
}

/* A promise kept changes in place: what shows is worked out again. */
static void
on_store_follow_up_changed (RegCustomerCard *self,
                            gint64           id,
                            gint64           customer_id,
                            RegStore        *store)
{
  if (self->customer != NULL && self->open_filter != NULL &&
      customer_id == reg_customer_get_id (self->customer))
    gtk_filter_changed (GTK_FILTER (self->open_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Telling the customer the promise will take longer. */
static void
tell_follow_up_delay_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  RegCustomerCard *self = REG_CUSTOMER_CARD (widget);
  g_autoptr(RegFollowUp) follow_up = action_follow_up (self, param);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RegDelayDialog *dialog;

  if (follow_up == NULL)
    return;

  dialog = reg_delay_dialog_new_for_follow_up (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               self->store, follow_up, current_staff_id (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Complaints                                                           */

static RegCase *
row_case (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "reg-case");
}

/* "Urgent · Escalated · Priya Sharma · opened 2 days ago"; a case that
 * is over says when it was resolved and how satisfied the customer was. */
static char *
case_subtitle (RegCustomerCard *self,
               RegCase         *kase,
               gint64           now)
{
  GString *subtitle = g_string_new (NULL);
  gint64 owner_id = reg_case_get_owner_id (kase);

  /* Translators: the parts of a complaint's line are joined with " · " */
  g_string_append_printf (subtitle, _("%s · %s"),
                          reg_case_text_severity (reg_case_get_severity (kase)),
                          reg_case_text_status (reg_case_get_status (kase)));
  if (owner_id != 0)
    {
      g_autofree char *owner = staff_name (self, owner_id);

      g_string_append_printf (subtitle, " · %s", owner);
    }

  if (reg_case_is_open (kase))
    {
      g_autofree char *age = reg_case_text_age (reg_case_get_opened_at (kase), now);

      g_string_append (subtitle, " · ");
      /* Translators: %s is how long ago, as in "2 days ago" */
      g_string_append_printf (subtitle, _("opened %s"), age);
    }
  else
    {
      int satisfaction = reg_case_get_satisfaction (kase);

      if (reg_case_get_resolved_at (kase) > 0)
        {
          g_autofree char *resolved = reg_case_text_time (reg_case_get_resolved_at (kase), now);

          g_string_append (subtitle, " · ");
          /* Translators: %s is a day and time, as in "Mon 23 Nov, 14:00" */
          g_string_append_printf (subtitle, _("resolved %s"), resolved);
        }
      if (satisfaction > 0)
        {
          g_autofree char *stars = reg_case_text_stars (satisfaction);

          g_string_append_printf (subtitle, " · %s", stars);
        }
    }

  return g_string_free (subtitle, FALSE);
}

static void
update_case_row (RegCustomerCard *self,
                 GtkWidget       *row)
{
  RegCase *kase = row_case (row);
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "reg-icon");
  GtkLabel *flag = g_object_get_data (G_OBJECT (row), "reg-flag");
  gint64 now = reg_store_now (self->store);
  gint64 target_at = reg_case_get_target_at (kase);
  gboolean open = reg_case_is_open (kase);
  gboolean past_target = reg_case_is_past_target (kase, now);
  g_autofree char *subtitle = case_subtitle (self, kase, now);
  g_autofree char *target = reg_case_text_time (target_at, now);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reg_case_get_title (kase));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (past_target)
    {
      /* Translators: %s is a day and time, as in "Mon 23 Nov, 14:00" */
      g_autofree char *tooltip = g_strdup_printf (_("Should have been resolved by %s"), target);

      gtk_label_set_text (flag, _("Past Target"));
      gtk_widget_remove_css_class (GTK_WIDGET (flag), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (flag), "error");
      gtk_widget_add_css_class (GTK_WIDGET (flag), "caption-heading");
      reg_set_tooltip (GTK_WIDGET (flag), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                      -1);
      gtk_image_set_from_icon_name (icon, "task-past-due-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (icon), "error");
    }
  else if (open && target_at > 0)
    {
      /* Translators: %s is a day and time, as in "Thu 26 Nov, 14:00" */
      g_autofree char *due = g_strdup_printf (_("Due by %s"), target);

      gtk_label_set_text (flag, due);
      gtk_widget_remove_css_class (GTK_WIDGET (flag), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (flag), "caption-heading");
      gtk_widget_add_css_class (GTK_WIDGET (flag), "dim-label");
      reg_set_tooltip (GTK_WIDGET (flag), NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_image_set_from_icon_name (icon, "dialog-warning-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (icon), "error");
    }
  else
    {
      reg_set_tooltip (GTK_WIDGET (flag), NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_image_set_from_icon_name (icon, open ? "dialog-warning-symbolic" : "object-select-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (icon), "error");
    }
  gtk_widget_set_visible (GTK_WIDGET (flag), past_target || (open && target_at > 0));

  /* Cases that are over step back. */
  if (open)
    gtk_widget_remove_css_class (row, "dim-label");
  else
    gtk_widget_add_css_class (row, "dim-label");
}

static void
on_case_notify (GtkWidget  *row,
                GParamSpec *pspec,
                RegCase    *kase)
{
  RegCustomerCard *self = row_card (row);

  if (self != NULL)
    update_case_row (self, row);
}

static GtkWidget *
create_case_row (gpointer item,
                 gpointer user_data)
{
  RegCustomerCard *self = user_data;
  RegCase *kase = item;
  GtkWidget *row = wrapping_row_new (0);
  GtkWidget *icon = prefix_icon_new ("dialog-warning-symbolic");
  GtkWidget *flag = gtk_label_new (NULL);
  GtkWidget *chevron = prefix_icon_new ("go-next-symbolic");

  gtk_widget_add_css_class (flag, "caption");
  gtk_widget_set_valign (flag, GTK_ALIGN_CENTER);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), flag);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), chevron);
  gtk_widget_add_css_class (row, "case");
  g_object_set_data_full (G_OBJECT (row), "reg-case", g_object_ref (kase), g_object_unref);
  g_object_set_data (G_OBJECT (row), "reg-icon", icon);
  g_object_set_data (G_OBJECT (row), "reg-flag", flag);

  g_signal_connect_object (kase, "notify", G_CALLBACK (on_case_notify), row, G_CONNECT_SWAPPED);

  update_case_row (self, row);
  return row;
}

static void arm_case_timer (RegCustomerCard *self);

static void
on_cases_changed (RegCustomerCard *self)
{
  guint n_cases = g_list_model_get_n_items (G_LIST_MODEL (self->cases));

  gtk_widget_set_visible (self->case_empty_label, n_cases == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->case_list), n_cases > 0);
  arm_case_timer (self);
}

static void
update_case_rows (RegCustomerCard *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->case_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (row_case (row) != NULL)
      update_case_row (self, row);
  arm_case_timer (self);
}

static gboolean
on_case_timer (gpointer data)
{
  RegCustomerCard *self = data;

  self->case_timer_id = 0;
  update_case_rows (self);
  return G_SOURCE_REMOVE;
}

/* A case that passes its target while the card is shown is flagged
 * then: one timer, for the nearest target still to come (looked at
 * again after a day at most, should the clock have moved). */
static void
arm_case_timer (RegCustomerCard *self)
{
  gint64 now, next = 0;

  g_clear_handle_id (&self->case_timer_id, g_source_remove);
  if (self->cases == NULL || self->store == NULL)
    return;

  now = reg_store_now (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->cases)); i++)
    {
      g_autoptr(RegCase) kase = g_list_model_get_item (G_LIST_MODEL (self->cases), i);
      gint64 target_at = reg_case_get_target_at (kase);

      if (reg_case_is_open (kase) && target_at > now && (next == 0 || target_at < next))
        next = target_at;
    }

  if (next != 0)
    self->case_timer_id = g_timeout_add_seconds ((guint) MIN (next - now + 1, 24 * 60 * 60),
                                                 on_case_timer, self);
}

/* A step taken elsewhere (the case window, the command line) shows here. */
static void
on_store_case_changed (RegCustomerCard *self,
                       gint64           id,
                       gint64           customer_id,
                       RegStore        *store)
{
  if (self->customer != NULL && customer_id == reg_customer_get_id (self->customer))
    update_case_rows (self);
}

static void
on_case_row_activated (RegCustomerCard *self,
                       GtkListBoxRow   *row,
                       GtkListBox      *list)
{
  RegCase *kase = row_case (GTK_WIDGET (row));

  if (kase != NULL)
    reg_customer_card_show_case (self, reg_case_get_id (kase));
}

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RegCustomerCard *self = REG_CUSTOMER_CARD (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  RegCaseDialog *dialog;

  if (self->customer == NULL || self->store == NULL)
    return;

  dialog = reg_case_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                self->store, self->customer, current_staff_id (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Visits                                                               */

static void
update_visit_row (RegCustomerCard *self,
                  GtkWidget       *row)
{
  RegVisit *visit = g_object_get_data (G_OBJECT (row), "reg-visit");
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "reg-icon");
  RegChannel channel = reg_visit_get_channel (visit);
  int satisfaction = reg_visit_get_satisfaction (visit);
  g_autofree char *author = staff_name (self, reg_visit_get_author_id (visit));
  /* Translators: a visit's date and time, as in "12 Nov 2026, 14:05"; see strftime */
  g_autofree char *when = format_local (reg_visit_get_happened_at (visit), _("%-d %b %Y, %H:%M"));
  g_autoptr(GString) subtitle = g_string_new (NULL);

  /* Translators: the parts of a visit's line are joined with this */
  g_string_append_printf (subtitle, _("%s · %s · %s"), channel_name (channel), author, when);
  if (satisfaction > 0 && satisfaction <= 5)
    {
      g_string_append (subtitle, " · ");
      for (int i = 1; i <= 5; i++)
        g_string_append (subtitle, i <= satisfaction ? "★" : "☆");
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reg_visit_get_text (visit));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_image_set_from_icon_name (icon, channel_icon_name (channel));
  reg_set_tooltip (GTK_WIDGET (icon), channel_name (channel));
}

static void
on_visit_notify (GtkWidget  *row,
                 GParamSpec *pspec,
                 RegVisit   *visit)
{
  RegCustomerCard *self = row_card (row);

  if (self != NULL)
    update_visit_row (self, row);
}

static GtkWidget *
create_visit_row (gpointer item,
                  gpointer user_data)
{
  RegCustomerCard *self = user_data;
  RegVisit *visit = item;
  GtkWidget *row = wrapping_row_new (VISIT_MIN_CHARS);
  GtkWidget *icon = prefix_icon_new (channel_icon_name (reg_visit_get_channel (visit)));

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "visit");
  g_object_set_data_full (G_OBJECT (row), "reg-visit", g_object_ref (visit), g_object_unref);
  g_object_set_data (G_OBJECT (row), "reg-icon", icon);

  g_signal_connect_object (visit, "notify", G_CALLBACK (on_visit_notify), row, G_CONNECT_SWAPPED);

  update_visit_row (self, row);
  return row;
}

static void
on_timeline_changed (RegCustomerCard *self)
{
  guint n_visits = g_list_model_get_n_items (G_LIST_MODEL (self->timeline));

  gtk_widget_set_visible (self->visit_empty_label, n_visits == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->visit_list), n_visits > 0);
  gtk_widget_set_visible (self->older_visits_button,
                          n_visits > gtk_slice_list_model_get_size (self->timeline_slice));
}

static void
on_older_visits_clicked (RegCustomerCard *self)
{
  if (self->timeline_slice == NULL)
    return;

  gtk_slice_list_model_set_size (self->timeline_slice,
                                 gtk_slice_list_model_get_size (self->timeline_slice) + VISITS_MORE_PAGE);
  on_timeline_changed (self);
}

/* ------------------------------------------------------------------ */
/* Owner                                                                */

static void
select_owner (RegCustomerCard *self)
{
  gint64 owner_id = self->customer != NULL ? reg_customer_get_owner_id (self->customer) : 0;

  for (guint i = 0; i < self->owner_ids->len; i++)
    if (g_array_index (self->owner_ids, gint64, i) == owner_id)
      {
        adw_combo_row_set_selected (self->owner_row, i);
        return;
      }
}

static gboolean
owner_is_listed (RegCustomerCard *self)
{
  gint64 owner_id = self->customer != NULL ? reg_customer_get_owner_id (self->customer) : 0;

  for (guint i = 0; i < self->owner_ids->len; i++)
    if (g_array_index (self->owner_ids, gint64, i) == owner_id)
      return TRUE;
  return FALSE;
}

/* Nobody, then the people working here now; someone who has left shows
 * only while they still own this customer. */
static void
rebuild_owner_model (RegCustomerCard *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 owner_id = self->customer != NULL ? reg_customer_get_owner_id (self->customer) : 0;
  gint64 nobody = 0;
  gboolean updating = self->updating;

  g_array_set_size (self->owner_ids, 0);
  gtk_string_list_append (names, _("Nobody"));
  g_array_append_val (self->owner_ids, nobody);

  for (guint i = 0; self->staff != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->staff)); i++)
    {
      g_autoptr(RegStaff) staff = g_list_model_get_item (G_LIST_MODEL (self->staff), i);
      gint64 id = reg_staff_get_id (staff);

      if (!reg_staff_get_active (staff) && id != owner_id)
        continue;

      if (reg_staff_get_active (staff))
        gtk_string_list_append (names, reg_staff_get_name (staff));
      else
        {
          /* Translators: a staff member who no longer works here */
          g_autofree char *name = g_strdup_printf (_("%s (left)"), reg_staff_get_name (staff));

          gtk_string_list_append (names, name);
        }
      g_array_append_val (self->owner_ids, id);
    }

  if (!owner_is_listed (self))
    {
      gtk_string_list_append (names, _("Unknown"));
      g_array_append_val (self->owner_ids, owner_id);
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (names));
  select_owner (self);
  self->updating = updating;
}

/* ------------------------------------------------------------------ */
/* The relationship: kind, VIP, internal, owner, consent                */

static void
save_switch (RegCustomerCard *self,
             GtkSwitch       *sw,
             GtkWidget       *row,
             const char      *property)
{
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean active = gtk_switch_get_active (sw);
  gboolean current = FALSE;

  if (self->updating || self->customer == NULL)
    return;

  g_object_get (self->customer, property, &current, NULL);
  if (!current == !active)
    {
      clear_row_error (row);
      return;
    }

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, active);
  save_customer_value (self, row, NULL, property, &value);
  update_from_customer (self, FALSE);
}

static void
on_vip_active (RegCustomerCard *self)
{
  save_switch (self, self->vip_switch, self->vip_row, "vip");
}

static void
on_internal_active (RegCustomerCard *self)
{
  save_switch (self, self->internal_switch, self->internal_row, "internal");
}

static void
on_consent_active (RegCustomerCard *self)
{
  save_switch (self, self->consent_switch, GTK_WIDGET (self->consent_row), "consent");
}

static void
on_kind_selected (RegCustomerCard *self)
{
  g_auto(GValue) value = G_VALUE_INIT;
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (self->updating || self->customer == NULL || selected > REG_CUSTOMER_KIND_FORMER)
    return;

  if (selected == (guint) reg_customer_get_kind (self->customer))
    {
      clear_row_error (GTK_WIDGET (self->kind_row));
      return;
    }

  g_value_init (&value, REG_TYPE_CUSTOMER_KIND);
  g_value_set_enum (&value, (int) selected);
  save_customer_value (self, GTK_WIDGET (self->kind_row), NULL, "kind", &value);
  update_from_customer (self, FALSE);
}

static void
on_owner_selected (RegCustomerCard *self)
{
  g_auto(GValue) value = G_VALUE_INIT;
  guint selected = adw_combo_row_get_selected (self->owner_row);
  gint64 owner_id;

  if (self->updating || self->customer == NULL || selected >= self->owner_ids->len)
    return;

  owner_id = g_array_index (self->owner_ids, gint64, selected);
  if (owner_id == reg_customer_get_owner_id (self->customer))
    {
      clear_row_error (GTK_WIDGET (self->owner_row));
      return;
    }

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, owner_id);
  save_customer_value (self, GTK_WIDGET (self->owner_row), NULL, "owner-id", &value);
  update_from_customer (self, FALSE);
}

static void
update_switch (GtkSwitch *sw,
               GtkWidget *row,
               gboolean   active,
               gboolean   force)
{
  if (force || !gtk_widget_has_css_class (row, "error"))
    gtk_switch_set_active (sw, active);
}

static void
on_restore_clicked (RegCustomerCard *self)
{
  g_autoptr(GError) error = NULL;

  if (self->customer != NULL &&
      !reg_store_restore_customer (self->store, self->customer, &error))
    show_error_toast (self, error->message);
}

/* ------------------------------------------------------------------ */
/* Showing the customer                                                 */

static void
update_header (RegCustomerCard *self)
{
  RegCustomer *customer = self->customer;
  const char *company = reg_customer_get_company (customer);
  gint64 created_at = reg_customer_get_created_at (customer);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  gtk_label_set_text (self->name_label, reg_customer_get_display_name (customer));

  if (company != NULL && *company != '\0')
    g_string_append (subtitle, company);
  if (created_at != 0)
    {
      /* Translators: a month and year, as in "November 2024"; see strftime */
      g_autofree char *since = format_local (created_at, _("%OB %Y"));

      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      /* Translators: %s is a month and year, as in "November 2024" */
      g_string_append_printf (subtitle, _("Customer since %s"), since);
    }
  gtk_label_set_text (self->subtitle_label, subtitle->str);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle->len > 0);

  gtk_widget_set_visible (self->vip_badge, reg_customer_get_vip (customer));
  gtk_widget_set_visible (self->overdue_badge, reg_customer_get_has_overdue (customer));
  gtk_widget_set_visible (self->case_badge, reg_customer_get_has_open_case (customer));
  gtk_widget_set_visible (self->trash_banner, reg_customer_get_trashed (customer));
}

/* How to type a birthday or tags shows while the row is empty. */
static void
update_hints (RegCustomerCard *self)
{
  gtk_widget_set_visible (self->birthday_hint,
                          *gtk_editable_get_text (GTK_EDITABLE (self->birthday_row)) == '\0');
  gtk_widget_set_visible (self->tags_hint,
                          *gtk_editable_get_text (GTK_EDITABLE (self->tags_row)) == '\0');
}

static void
update_from_customer (RegCustomerCard *self,
                      gboolean         force)
{
  RegCustomer *customer = self->customer;
  g_autofree char *tags = NULL;
  gint64 consent_at;
  gboolean updating = self->updating;

  gtk_widget_set_visible (self->content, customer != NULL);
  if (customer == NULL)
    return;

  update_header (self);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    update_entry (TEXT_FIELD_ROW (self, i), text_fields[i].get (customer), force);

  sync_contact_rows (self, ROW_PHONE, force);
  sync_contact_rows (self, ROW_EMAIL, force);

  tags = g_strjoinv (", ", (char **) reg_customer_get_tags (customer));
  update_entry (self->tags_row, tags, force);
  update_hints (self);

  self->updating = TRUE;

  if (force || !gtk_widget_has_css_class (GTK_WIDGET (self->kind_row), "error"))
    adw_combo_row_set_selected (self->kind_row, reg_customer_get_kind (customer));
  update_switch (self->vip_switch, self->vip_row, reg_customer_get_vip (customer), force);
  update_switch (self->internal_switch, self->internal_row, reg_customer_get_internal (customer), force);
  update_switch (self->consent_switch, GTK_WIDGET (self->consent_row),
                 reg_customer_get_consent (customer), force);
  if (force || !gtk_widget_has_css_class (GTK_WIDGET (self->owner_row), "error"))
    {
      if (!owner_is_listed (self))
        rebuild_owner_model (self);
      select_owner (self);
    }

  consent_at = reg_customer_get_consent_at (customer);
  if (reg_customer_get_consent (customer) && consent_at != 0)
    {
      /* Translators: a date, as in "3 November 2026"; see strftime */
      g_autofree char *date = format_local (consent_at, _("%-d %B %Y"));
      g_autofree char *subtitle = g_strdup_printf (_("Given on %s"), date);

      adw_action_row_set_subtitle (self->consent_row, subtitle);
    }
  else if (reg_customer_get_consent (customer))
    adw_action_row_set_subtitle (self->consent_row, _("Given"));
  else
    adw_action_row_set_subtitle (self->consent_row, _("Not given"));

  self->updating = updating;
}

/* Edits made elsewhere show at once. */
static void
on_customer_notify (RegCustomerCard *self,
                    GParamSpec      *pspec,
                    RegCustomer     *customer)
{
  if (self->saving)
    return;

  update_from_customer (self, FALSE);
}

static void
clear_errors (RegCustomerCard *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    clear_row_error (GTK_WIDGET (TEXT_FIELD_ROW (self, i)));
  clear_row_error (GTK_WIDGET (self->tags_row));
  clear_row_error (GTK_WIDGET (self->kind_row));
  clear_row_error (self->vip_row);
  clear_row_error (self->internal_row);
  clear_row_error (GTK_WIDGET (self->owner_row));
  clear_row_error (GTK_WIDGET (self->consent_row));
}

static void
clear_record_lists (RegCustomerCard *self)
{
  gtk_list_box_bind_model (self->crib_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->follow_up_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->case_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->visit_list, NULL, NULL, NULL, NULL);

  g_clear_object (&self->crib_model);
  g_clear_object (&self->crib_notes);
  g_clear_object (&self->new_crib_notes);
  g_clear_object (&self->open_follow_ups);
  g_clear_object (&self->open_filter);
  g_clear_object (&self->follow_ups);
  g_clear_object (&self->cases);
  g_clear_handle_id (&self->case_timer_id, g_source_remove);
  g_clear_object (&self->timeline_slice);
  g_clear_object (&self->timeline);
}

static void
rebuild_record_lists (RegCustomerCard *self)
{
  GListStore *parts;
  gint64 id;

  clear_record_lists (self);

  if (self->customer == NULL)
    return;

  id = reg_customer_get_id (self->customer);

  /* Saved notes, then the one being written. */
  self->crib_notes = reg_record_list_new (self->store, REG_RECORD_CRIB_NOTES, id);
  self->new_crib_notes = g_list_store_new (REG_TYPE_CRIB_NOTE);
  parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (parts, self->crib_notes);
  g_list_store_append (parts, self->new_crib_notes);
  self->crib_model = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts)));
  gtk_list_box_bind_model (self->crib_list, self->crib_model,
                           create_crib_note_row, self, NULL);
  g_signal_connect_object (self->crib_model, "items-changed",
                           G_CALLBACK (on_crib_model_items_changed), self, G_CONNECT_SWAPPED);
  on_crib_model_items_changed (self);

  /* The list is a customer's own, and small: filtering it here is fine. */
  self->follow_ups = reg_record_list_new (self->store, REG_RECORD_FOLLOW_UPS, id);
  self->open_filter = gtk_custom_filter_new (follow_up_is_open, NULL, NULL);
  self->open_follow_ups = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->follow_ups)),
                                                     g_object_ref (GTK_FILTER (self->open_filter)));
  gtk_list_box_bind_model (self->follow_up_list, G_LIST_MODEL (self->open_follow_ups),
                           create_follow_up_row, self, NULL);
  g_signal_connect_object (self->open_follow_ups, "items-changed",
                           G_CALLBACK (on_open_follow_ups_changed), self, G_CONNECT_SWAPPED);
  on_open_follow_ups_changed (self);

  /* Open ones first, as the store orders them. */
  self->cases = reg_record_list_new (self->store, REG_RECORD_CASES, id);
  gtk_list_box_bind_model (self->case_list, G_LIST_MODEL (self->cases),
                           create_case_row, self, NULL);
  g_signal_connect_object (self->cases, "items-changed",
                           G_CALLBACK (on_cases_changed), self, G_CONNECT_SWAPPED);
  on_cases_changed (self);

  self->timeline = reg_record_list_new (self->store, REG_RECORD_TIMELINE, id);
  self->timeline_slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->timeline)),
                                                   0, VISITS_FIRST_PAGE);
  gtk_list_box_bind_model (self->visit_list, G_LIST_MODEL (self->timeline_slice),
                           create_visit_row, self, NULL);
  g_signal_connect_object (self->timeline, "items-changed",
                           G_CALLBACK (on_timeline_changed), self, G_CONNECT_SWAPPED);
  on_timeline_changed (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

RegCustomerCard *
reg_customer_card_new (RegStore *store)
{
  g_return_val_if_fail (REG_IS_STORE (store), NULL);

  return g_object_new (REG_TYPE_CUSTOMER_CARD,
                       "store", store,
                       NULL);
}

RegStore *
reg_customer_card_get_store (RegCustomerCard *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_CARD (self), NULL);

  return self->store;
}

RegCustomer *
reg_customer_card_get_customer (RegCustomerCard *self)
{
  g_return_val_if_fail (REG_IS_CUSTOMER_CARD (self), NULL);

  return self->customer;
}

void
reg_customer_card_set_customer (RegCustomerCard *self,
                                RegCustomer     *customer)
{
  g_return_if_fail (REG_IS_CUSTOMER_CARD (self));
  g_return_if_fail (customer == NULL || REG_IS_CUSTOMER (customer));
  g_return_if_fail (customer == NULL || self->store != NULL);

  if (self->customer == customer)
    return;

  if (self->customer != NULL)
    {
      commit_focused_row (self);
      g_signal_handlers_disconnect_by_data (self->customer, self);
    }

  g_set_object (&self->customer, customer);

  if (customer != NULL)
    g_signal_connect_object (customer, "notify",
                             G_CALLBACK (on_customer_notify), self, G_CONNECT_SWAPPED);

  clear_errors (self);
  remove_all_contact_rows (self);
  rebuild_record_lists (self);
  rebuild_owner_model (self);
  update_from_customer (self, TRUE);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

/* Puts the focus where someone about to greet the customer looks first. */
void
reg_customer_card_focus_first_crib_note (RegCustomerCard *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (REG_IS_CUSTOMER_CARD (self));

  row = gtk_list_box_get_row_at_index (self->crib_list, 0);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  else
    gtk_widget_grab_focus (self->add_crib_button);
}

/**
 * reg_customer_card_show_case:
 * @self: a card
 * @case_id: the complaint to show
 *
 * Opens the window of a complaint, or brings it forward when it is
 * open already.
 */
void
reg_customer_card_show_case (RegCustomerCard *self,
                             gint64           case_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(RegCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  RegCaseWindow *window;

  g_return_if_fail (REG_IS_CUSTOMER_CARD (self));

  if (self->store == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i);

      if (REG_IS_CASE_WINDOW (other) &&
          reg_case_get_id (reg_case_window_get_case (REG_CASE_WINDOW (other))) == case_id)
        {
          gtk_window_present (other);
          return;
        }
    }

  if (!(kase = reg_store_get_case (self->store, case_id, &error)))
    {
      show_error_toast (self, error->message);
      return;
    }

  window = reg_case_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                self->store, kase, current_staff_id (self));
  gtk_window_present (GTK_WINDOW (window));
}

static void
reg_customer_card_constructed (GObject *object)
{
  RegCustomerCard *self = REG_CUSTOMER_CARD (object);

  G_OBJECT_CLASS (reg_customer_card_parent_class)->constructed (object);

  if (self->store != NULL)
    {
      self->staff = reg_record_list_new (self->store, REG_RECORD_STAFF, 0);
      g_signal_connect_object (self->staff, "items-changed",
                               G_CALLBACK (rebuild_owner_model), self, G_CONNECT_SWAPPED);
      /* A renamed or departed colleague stays the same item of the list. */
      g_signal_connect_object (self->store, "staff-changed",
                               G_CALLBACK (rebuild_owner_model), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (self->store, "follow-up-changed",
                               G_CALLBACK (on_store_follow_up_changed), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (self->store, "case-changed",
                               G_CALLBACK (on_store_case_changed), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (self->store, "staff-changed",
                               G_CALLBACK (update_case_rows), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }

  rebuild_owner_model (self);
  update_from_customer (self, TRUE);
}

static void
reg_customer_card_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RegCustomerCard *self = REG_CUSTOMER_CARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customer_card_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RegCustomerCard *self = REG_CUSTOMER_CARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    case PROP_CUSTOMER:
      reg_customer_card_set_customer (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_customer_card_dispose (GObject *object)
{
  RegCustomerCard *self = REG_CUSTOMER_CARD (object);

  if (self->customer != NULL)
    g_signal_handlers_disconnect_by_data (self->customer, self);
  g_clear_object (&self->customer);

  clear_record_lists (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_CUSTOMER_CARD);

  g_clear_object (&self->staff);
  g_clear_object (&self->store);
  g_clear_pointer (&self->owner_ids, g_array_unref);

  G_OBJECT_CLASS (reg_customer_card_parent_class)->dispose (object);
}

static void
reg_customer_card_class_init (RegCustomerCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = reg_customer_card_constructed;
  object_class->dispose = reg_customer_card_dispose;
  object_class->get_property = reg_customer_card_get_property;
  object_class->set_property = reg_customer_card_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         REG_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         REG_TYPE_CUSTOMER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "customercard");

  gtk_widget_class_install_action (widget_class, "card.add-follow-up", NULL, add_follow_up_action);
  gtk_widget_class_install_action (widget_class, "card.edit-follow-up", "x", edit_follow_up_action);
  gtk_widget_class_install_action (widget_class, "card.complete-follow-up", "x", complete_follow_up_action);
  gtk_widget_class_install_action (widget_class, "card.cancel-follow-up", "x", cancel_follow_up_action);
  gtk_widget_class_install_action (widget_class, "card.snooze-follow-up-hour", "x", snooze_hour_action);
  gtk_widget_class_install_action (widget_class, "card.snooze-follow-up-morning", "x", snooze_morning_action);
  gtk_widget_class_install_action (widget_class, "card.tell-follow-up-delay", "x", tell_follow_up_delay_action);
  gtk_widget_class_install_action (widget_class, "card.open-case", NULL, open_case_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                move_focused_crib_note, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK,
                                move_focused_crib_note, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                move_focused_crib_note, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK,
                                move_focused_crib_note, "i", 1);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/reg-customer-card.ui");
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, scroller);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, content);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, trash_banner);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, vip_badge);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, overdue_badge);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, case_badge);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, add_crib_button);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, crib_list);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, crib_empty_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, given_name_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, company_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, reach_list);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, add_phone_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, add_email_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, street_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, locality_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, region_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, country_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, birthday_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, birthday_hint);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, vip_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, vip_switch);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, internal_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, internal_switch);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, owner_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, consent_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, tags_hint);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, follow_up_list);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, follow_up_empty_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, case_list);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, case_empty_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, visit_list);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, visit_empty_label);
  gtk_widget_class_bind_template_child (widget_class, RegCustomerCard, older_visits_button);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_crib_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_phone_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_add_email_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_vip_active);
  gtk_widget_class_bind_template_callback (widget_class, on_internal_active);
  gtk_widget_class_bind_template_callback (widget_class, on_owner_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_consent_active);
  gtk_widget_class_bind_template_callback (widget_class, on_older_visits_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_case_row_activated);
}

static void
reg_customer_card_init (RegCustomerCard *self)
{
  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkWidget *row = GTK_WIDGET (TEXT_FIELD_ROW (self, i));

      g_object_set_data (G_OBJECT (row), "reg-text-field", GUINT_TO_POINTER (i));
      setup_entry_row (self, row, ROW_FIELD);
    }
  setup_entry_row (self, GTK_WIDGET (self->tags_row), ROW_TAGS);

  g_signal_connect_object (self->birthday_row, "changed",
                           G_CALLBACK (update_hints), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tags_row, "changed",
                           G_CALLBACK (update_hints), self, G_CONNECT_SWAPPED);
}
