/* reg-window.c: the customer files: a list beside the open card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-window"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "model/reg-customer-list.h"
#include "reg-agenda-view.h"
#include "reg-customer-card.h"
#include "reg-customer-row.h"
#include "reg-customer-selection.h"
#include "reg-note-dialog.h"
#include "reg-overview-view.h"
#include "reg-staff-button.h"
#include "reg-window-private.h"

struct _RegWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  RegStore             *store;
  RegCustomerList      *list;
  RegCustomerSelection *selection;
  RegCustomer          *customer;        /* the open card's */
  GBindingGroup        *card_bindings;
  RegCustomerCard      *card;
  RegStaffButton       *staff_button;
  GArray               *owner_ids;       /* gint64 per owner_dropdown item */
  gboolean              show_trash;
  gboolean              updating_filters;
  gboolean              typing;            /* a search is being applied */
  GdkFrameClock        *card_clock;
  gulong                card_paint_handler;
  guint                 card_idle;
  RegAgendaView        *agenda;
  RegOverviewView      *overview;
  RegCustomerQuery     *link_query;      /* followed from the Overview, or NULL */
  guint                 unseen_days;       /* "Not seen for N days" */
  guint                 n_unshown;         /* reminders the banner tells of */
  RegFollowUp          *first_unshown;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  AdwWindowTitle       *sidebar_title;
  AdwBin               *staff_slot;
  GtkSearchEntry       *search_entry;
  GtkMenuButton        *filter_button;
  GtkPopover           *filter_popover;
  GtkWidget            *trash_label;
  GtkStack             *list_stack;
  GtkListView          *customer_view;
  GtkButton            *add_typed_button;
  AdwStatusPage        *welcome_page;
  AdwWindowTitle       *card_title;
  GtkStack             *card_stack;
  AdwBin               *card_slot;
  AdwBin               *agenda_slot;
  AdwBin               *overview_slot;
  GtkButton            *agenda_button;
  GtkRevealer          *link_revealer;
  GtkLabel             *link_label;
  GtkLabel             *overdue_badge;
  GtkWidget            *card_menu_button;
  GtkWidget            *add_note_button;
  GtkRevealer          *reminder_revealer;
  GtkLabel             *reminder_title;
  GtkLabel             *reminder_detail;
  GtkDropDown          *sort_dropdown;
  GtkDropDown          *kind_dropdown;
  GtkDropDown          *internal_dropdown;
  GtkDropDown          *owner_dropdown;
  GtkDropDown          *tag_dropdown;
  GtkCheckButton       *vip_check;
  GtkCheckButton       *unseen_check;
  GtkCheckButton       *overdue_check;
  GtkCheckButton       *open_case_check;
};

G_DEFINE_FINAL_TYPE (RegWindow, reg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_TRASH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void set_up (RegWindow *self);
static void set_show_trash (RegWindow *self, gboolean show_trash);

RegWindow *
reg_window_new (RegApplication *application)
{
  RegWindow *self;

  g_return_val_if_fail (REG_IS_APPLICATION (application), NULL);

  /* "application" is set after construction, so the window takes its
   * store and settings from it here. */
  self = g_object_new (REG_TYPE_WINDOW, "application", application, NULL);
  set_up (self);
  return self;
}

RegCustomerList *
reg_window_get_customer_list (RegWindow *self)
{
  g_return_val_if_fail (REG_IS_WINDOW (self), NULL);
  return self->list;
}

RegCustomer *
reg_window_get_customer (RegWindow *self)
{
  g_return_val_if_fail (REG_IS_WINDOW (self), NULL);
  return self->customer;
}

static void
toast_error (RegWindow    *self,
             const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);   /* stays until read */
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

RegStore *
reg_window_get_store (RegWindow *self)
{
  g_return_val_if_fail (REG_IS_WINDOW (self), NULL);
  return self->store;
}

void
reg_window_add_toast (RegWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (REG_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
reg_window_show_error (RegWindow    *self,
                       const GError *error)
{
  g_return_if_fail (REG_IS_WINDOW (self));
  toast_error (self, error);
}

/* ------------------------------------------------------------------ */
/* The open card                                                        */

static void
update_actions (RegWindow *self)
{
  gboolean have_store = self->store != NULL;
  gboolean writable = have_store && !reg_store_is_read_only (self->store);
  gboolean have = self->customer != NULL;
  gboolean trashed = have && reg_customer_get_trashed (self->customer);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-note", writable && have && !trashed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.trash-customer", writable && have && !trashed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-customer", writable && have && trashed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-customer", writable && !self->show_trash);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-typed-customer", writable && !self->show_trash);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-agenda", have_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-overview", have_store);
  reg_window_files_update_actions (self);
}

static void
on_customer_trashed_changed (RegWindow *self)
{
  update_actions (self);
}

/* Fills the card with the open customer, if it is not yet, and shows
 * it under the customer's name. */
static void
fill_card (RegWindow *self)
{
  g_clear_handle_id (&self->card_idle, g_source_remove);
  if (self->card_clock != NULL)
    g_clear_signal_handler (&self->card_paint_handler, self->card_clock);
  g_clear_object (&self->card_clock);

  if (reg_customer_card_get_customer (self->card) != self->customer)
    reg_customer_card_set_customer (self->card, self->customer);

  g_binding_group_set_source (self->card_bindings, self->customer);
  if (self->customer != NULL)
    gtk_stack_set_visible_child_name (self->card_stack, "card");
  else
    {
      adw_window_title_set_title (self->card_title, "");
      gtk_stack_set_visible_child_name (self->card_stack, "none");
    }
}

static gboolean
fill_card_idle (gpointer data)
{
  RegWindow *self = data;

  self->card_idle = 0;
  fill_card (self);
  return G_SOURCE_REMOVE;
}

static void
on_list_painted (RegWindow     *self,
                 GdkFrameClock *clock)
{
  g_clear_signal_handler (&self->card_paint_handler, self->card_clock);
  g_clear_object (&self->card_clock);
  /* Below the priority of input: if a key was typed meanwhile, it
   * searches again first, and this card is never filled. */
  if (self->card_idle == 0)
    self->card_idle = g_idle_add (fill_card_idle, self);
}

/* While typing, the list comes first: the card of the best match is
 * filled after the frame that shows the new list, not in the same one.
 * Nothing else on that side changes before then either, not even the
 * title: a frame redraws the box around all it changed, and the list
 * with the title above the card is the whole window. The window's
 * customer changes at once, so a key pressed meanwhile, like Ctrl+N,
 * acts on the right customer. */
static void
fill_card_after_paint (RegWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      fill_card (self);
      return;
    }

  g_clear_handle_id (&self->card_idle, g_source_remove);
  if (self->card_clock == NULL)
    {
      self->card_clock = g_object_ref (clock);
      self->card_paint_handler = g_signal_connect_swapped (clock, "after-paint",
                                                           G_CALLBACK (on_list_painted), self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->customer_view));
}

static void
open_customer (RegWindow   *self,
               RegCustomer *customer)
{
  if (self->customer != NULL)
    g_signal_handlers_disconnect_by_func (self->customer, on_customer_trashed_changed, self);

  g_set_object (&self->customer, customer);
  if (self->typing && customer != NULL)
    fill_card_after_paint (self);
  else
    fill_card (self);

  if (customer != NULL)
    g_signal_connect_swapped (customer, "notify::trashed",
                              G_CALLBACK (on_customer_trashed_changed), self);
  update_actions (self);
}

static void
on_selection_changed (RegWindow *self)
{
  gint64 id = reg_customer_selection_get_selected_id (self->selection);
  g_autoptr(RegCustomer) customer = NULL;

  /* A search that no longer lists the open customer leaves the card. */
  if (id == 0 || (self->customer != NULL && reg_customer_get_id (self->customer) == id))
    return;

  if ((customer = reg_store_get_customer (self->store, id, NULL)))
    open_customer (self, customer);
}

static void
on_row_activated (RegWindow   *self,
                  guint        position,
                  GtkListView *view)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  on_selection_changed (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

/* Opens @customer_id, selecting it in the list if it is listed. */
static void
select_customer (RegWindow *self,
                 gint64     customer_id)
{
  guint position = reg_customer_list_find (self->list, customer_id);
  g_autoptr(RegCustomer) customer = NULL;

  reg_customer_selection_set_selected_id (self->selection, customer_id);
  if (position != G_MAXUINT)
    gtk_widget_activate_action (GTK_WIDGET (self->customer_view), "list.scroll-to-item", "u", position);

  customer = reg_store_get_customer (self->store, customer_id, NULL);
  if (customer != NULL)
    open_customer (self, customer);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

/* ------------------------------------------------------------------ */
/* The agenda and reminders                                             */

/* The header bar button shows how many promises are overdue, everyone's,
 * as the Agenda lists them before "Mine Only". */
static void
update_overdue_count (RegWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  guint count = 0;

  if (self->store == NULL)
    return;

  if (!reg_store_count_overdue_follow_ups (self->store, reg_store_now (self->store), 0, &count, &error))
    g_warning ("Could not count the overdue promises: %s", error->message);

  if (count > 0)
    {
      g_autofree char *number = count > 99 ? g_strdup ("99+") : g_strdup_printf ("%u", count);

      gtk_label_set_label (self->overdue_badge, number);
      /* Translators: the Agenda button's tooltip and name for screen readers */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Agenda, %u overdue promise",
                                            "Agenda, %u overdue promises", count), count);
    }
  else
    label = g_strdup (_("Agenda"));

  gtk_widget_set_visible (GTK_WIDGET (self->overdue_badge), count > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->agenda_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->agenda_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_card_page_changed (RegWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->card_stack);
  gboolean card = g_strcmp0 (page, "agenda") != 0 && g_strcmp0 (page, "overview") != 0;

  /* The customer's buttons have no customer to act on there. */
  gtk_widget_set_visible (self->card_menu_button, card);
  gtk_widget_set_visible (self->add_note_button, card);
}

static void
show_agenda (RegWindow *self)
{
  if (self->agenda == NULL)
    return;

  /* The Agenda takes the card's place: leave the card, so that keys
   * like Ctrl+N do not act on a customer no longer shown. */
  open_customer (self, NULL);
  reg_customer_selection_set_selected_id (self->selection, 0);
  gtk_stack_set_visible_child_name (self->card_stack, "agenda");
  adw_window_title_set_title (self->card_title, _("Agenda"));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  reg_agenda_view_scroll_to_start (self->agenda);
}

/**
 * reg_window_show_agenda:
 *
 * Shows the Agenda in place of the card, scrolled to its start, where
 * the overdue promises are. The focus stays where it is: the app calls
 * this at start-up, when typing a name must still search.
 */
void
reg_window_show_agenda (RegWindow *self)
{
  g_return_if_fail (REG_IS_WINDOW (self));

  show_agenda (self);
}

static void
show_overview (RegWindow *self)
{
  if (self->overview == NULL)
    return;

  /* Read again on every visit, as time passing ages complaints: now if
   * it is on screen, otherwise as it comes on. */
  reg_overview_view_refresh (self->overview);
  open_customer (self, NULL);
  reg_customer_selection_set_selected_id (self->selection, 0);
  gtk_stack_set_visible_child_name (self->card_stack, "overview");
  adw_window_title_set_title (self->card_title, _("Overview"));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  reg_overview_view_scroll_to_start (self->overview);
}

/**
 * reg_window_show_overview:
 *
 * Shows the Overview, the shop's figures, in place of the card.
 */
void
reg_window_show_overview (RegWindow *self)
{
  g_return_if_fail (REG_IS_WINDOW (self));

  show_overview (self);
}

/**
 * reg_window_show_customer:
 *
 * Opens the card of @customer_id, selecting it in the list if it is
 * listed, as the Open button of a reminder does.
 */
void
reg_window_show_customer (RegWindow *self,
                          gint64     customer_id)
{
  g_return_if_fail (REG_IS_WINDOW (self));

  if (self->store != NULL && customer_id != 0)
    select_customer (self, customer_id);
}

/**
 * reg_window_show_case:
 *
 * Opens the card of @customer_id and, on it, the window of its
 * complaint @case_id: where a reminder's Open leads.
 */
void
reg_window_show_case (RegWindow *self,
                      gint64     customer_id,
                      gint64     case_id)
{
  g_return_if_fail (REG_IS_WINDOW (self));

  if (self->store == NULL || customer_id == 0)
    return;
  select_customer (self, customer_id);
  if (self->customer != NULL && reg_customer_get_id (self->customer) == customer_id && case_id != 0)
    reg_customer_card_show_case (self->card, case_id);
}

/**
 * reg_window_refresh_reminders:
 *
 * Counts the overdue promises again and brings the Agenda and the
 * Overview up to date.
 * Time passing makes promises overdue without any change in the store,
 * so whoever knows a promise fell due calls this.
 */
void
reg_window_refresh_reminders (RegWindow *self)
{
  g_return_if_fail (REG_IS_WINDOW (self));

  update_overdue_count (self);
  if (self->agenda != NULL)
    reg_agenda_view_refresh (self->agenda);
  if (self->overview != NULL)
    reg_overview_view_refresh (self->overview);
}

static void
update_reminder_banner (RegWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(RegCustomer) customer = NULL;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u reminder could not be shown as a pop-up",
                                        "%u reminders could not be shown as pop-ups",
                                        self->n_unshown),
                           self->n_unshown);
  gtk_label_set_label (self->reminder_title, title);

  if (self->first_unshown != NULL)
    customer = reg_store_get_customer (self->store, reg_follow_up_get_customer_id (self->first_unshown), NULL);
  if (customer != NULL)
    /* Translators: a customer's name, then what was promised to them */
    detail = g_strdup_printf (_("%s: %s"), reg_customer_get_display_name (customer),
                              reg_follow_up_get_promise (self->first_unshown));
  else if (self->first_unshown != NULL)
    detail = g_strdup (reg_follow_up_get_promise (self->first_unshown));
  gtk_label_set_label (self->reminder_detail, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->reminder_detail), detail != NULL);
}

/**
 * reg_window_add_unshown_reminders:
 * @follow_ups: (element-type RegFollowUp): reminders that fell due
 *
 * Tells of reminders that no notification server could show, in a
 * banner above the list, until it is closed. The first one is named;
 * further calls add to the count. Nothing is marked done.
 */
void
reg_window_add_unshown_reminders (RegWindow *self,
                                  GPtrArray *follow_ups)
{
  g_return_if_fail (REG_IS_WINDOW (self));

  if (follow_ups == NULL || follow_ups->len == 0 || self->store == NULL)
    return;

  if (self->first_unshown == NULL)
    self->first_unshown = g_object_ref (g_ptr_array_index (follow_ups, 0));
  self->n_unshown += follow_ups->len;
  update_reminder_banner (self);
  gtk_revealer_set_reveal_child (self->reminder_revealer, TRUE);
}

static void
dismiss_reminders (RegWindow *self)
{
  gtk_revealer_set_reveal_child (self->reminder_revealer, FALSE);
  self->n_unshown = 0;
  g_clear_object (&self->first_unshown);
}

static void
on_agenda_customer_activated (RegWindow     *self,
                              gint64         customer_id,
                              RegAgendaView *agenda)
{
  select_customer (self, customer_id);
}

/* ------------------------------------------------------------------ */
/* The list, the search and the filters                                 */

static void
update_list_state (RegWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  const RegCustomerQuery *query = reg_customer_list_get_query (self->list);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autofree char *subtitle = NULL;

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (self->show_trash)
    gtk_stack_set_visible_child_name (self->list_stack, "empty-trash");
  else if (*text == '\0' && !reg_customer_query_has_filters (query))
    gtk_stack_set_visible_child_name (self->list_stack, "welcome");
  else
    {
      g_autofree char *label = NULL;

      gtk_widget_set_visible (GTK_WIDGET (self->add_typed_button), *text != '\0');
      if (*text != '\0')
        {
          /* Translators: a button offering to make a customer of what was typed */
          label = g_strdup_printf (_("Add “%s”"), text);
          gtk_button_set_label (self->add_typed_button, label);
        }
      gtk_stack_set_visible_child_name (self->list_stack, "no-results");
    }

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers", n), n);
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
}

/* The filter bar tells what a link from the Overview shows, until the
 * filters are cleared. */
static void
clear_link (RegWindow *self)
{
  g_clear_pointer (&self->link_query, reg_customer_query_free);
  gtk_revealer_set_reveal_child (self->link_revealer, FALSE);
}

/* What the filters cannot show of the Overview's link (a complaint's
 * severity and age, whose promises, when they answered) is added to
 * what they do show. Undoing in the filters what the link set there
 * leaves the link. */
static void
add_link_filters (RegWindow        *self,
                  RegCustomerQuery *query)
{
  const RegCustomerQuery *link = self->link_query;

  if (link == NULL)
    return;

  if ((link->kind >= 0 && query->kind != link->kind) ||
      (link->has_overdue && !query->has_overdue) ||
      (link->has_open_case && !query->has_open_case) ||
      (link->not_seen_days > 0 && link->not_seen_days == self->unseen_days && query->not_seen_days == 0))
    {
      clear_link (self);
      return;
    }

  if (link->not_seen_days > 0)
    query->not_seen_days = link->not_seen_days;
  query->case_severity = link->case_severity;
  query->case_opened_from = link->case_opened_from;
  query->case_opened_until = link->case_opened_until;
  query->case_past_target = link->case_past_target;
  query->overdue_for = link->overdue_for;
  query->rated_from = link->rated_from;
  query->rated_until = link->rated_until;
}

static void
apply_query (RegWindow *self)
{
  g_autoptr(RegCustomerQuery) query = reg_customer_query_new ();
  guint owner = gtk_drop_down_get_selected (self->owner_dropdown);
  guint tag = gtk_drop_down_get_selected (self->tag_dropdown);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint internal = gtk_drop_down_get_selected (self->internal_dropdown);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->updating_filters || self->list == NULL)
    return;

  query->search = g_strdup (text);
  query->sort = (RegSort) MIN (gtk_drop_down_get_selected (self->sort_dropdown), 2);
  query->kind = (kind >= 1 && kind <= 3) ? (int) kind - 1 : -1;
  query->internal = internal == 1 ? 0 : internal == 2 ? 1 : -1;
  query->vip = gtk_check_button_get_active (self->vip_check) ? 1 : -1;
  query->not_seen_days = gtk_check_button_get_active (self->unseen_check) ? self->unseen_days : 0;
  query->has_overdue = gtk_check_button_get_active (self->overdue_check);
  query->has_open_case = gtk_check_button_get_active (self->open_case_check);
  query->trashed = self->show_trash;
  add_link_filters (self, query);
  if (owner != GTK_INVALID_LIST_POSITION && owner > 0 && owner < self->owner_ids->len)
    query->owner_id = g_array_index (self->owner_ids, gint64, owner);
  if (tag != GTK_INVALID_LIST_POSITION && tag > 0)
    {
      GListModel *tags = gtk_drop_down_get_model (self->tag_dropdown);
      g_autoptr(GtkStringObject) item = g_list_model_get_item (tags, tag);
      if (item != NULL)
        query->tag = g_strdup (gtk_string_object_get_string (item));
    }

  reg_customer_list_set_query (self->list, query);

  if (reg_customer_query_has_filters (query) || query->sort != REG_SORT_NAME)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");

  /* Typing finds someone: show the best match's card at once. */
  if (text != NULL && *text != '\0' && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      self->typing = TRUE;
      reg_customer_selection_set_selected_id (self->selection, reg_customer_list_get_id (self->list, 0));
      gtk_widget_activate_action (GTK_WIDGET (self->customer_view), "list.scroll-to-item", "u", 0);
      on_selection_changed (self);
      self->typing = FALSE;
    }

  update_list_state (self);
}

/* Every change searches at once rather than after a pause ("changed",
 * not "search-changed"): a search takes less than a frame, and a key
 * pressed right after, like Enter or Ctrl+N, acts on what it found. */
static void
on_search_changed (RegWindow      *self,
                   GtkSearchEntry *entry)
{
  /* Typing into the list goes to the search (key capture); let the keys
   * that follow, like Enter, go there too. */
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && focus != GTK_WIDGET (entry) &&
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)) &&
      gtk_widget_is_ancestor (focus, self->sidebar))
    {
      gtk_widget_grab_focus (GTK_WIDGET (entry));
      gtk_editable_set_position (GTK_EDITABLE (entry), -1);
    }

  apply_query (self);
}

/* Enter in the search field: open the first customer found. */
static void
on_search_activate (RegWindow      *self,
                    GtkSearchEntry *entry)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    on_row_activated (self, 0, self->customer_view);
}

static void
on_search_stop (RegWindow      *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Down from the search field goes into the list. */
static void
on_search_next (RegWindow      *self,
                GtkSearchEntry *entry)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->customer_view));
}

static void
on_filter_changed (RegWindow *self)
{
  apply_query (self);
}

/* Owners and tags change; read them when the popover opens. */
static void
refresh_filter_choices (RegWindow *self)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tag_list = gtk_string_list_new (NULL);
  gint64 owner_id = 0, no_owner = 0;
  g_autofree char *tag = NULL;
  guint owner_pos = 0, tag_pos = 0;
  guint selected;

  if (self->store == NULL)
    return;

  selected = gtk_drop_down_get_selected (self->owner_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected < self->owner_ids->len)
    owner_id = g_array_index (self->owner_ids, gint64, selected);
  selected = gtk_drop_down_get_selected (self->tag_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (gtk_drop_down_get_model (self->tag_dropdown), selected);
      tag = item ? g_strdup (gtk_string_object_get_string (item)) : NULL;
    }

  g_array_set_size (self->owner_ids, 0);
  gtk_string_list_append (owners, _("Any Owner"));
  g_array_append_val (self->owner_ids, no_owner);
  if ((staff = reg_store_list_staff (self->store, FALSE, NULL)))
    for (guint i = 0; i < staff->len; i++)
      {
        RegStaff *member = g_ptr_array_index (staff, i);
        gint64 id = reg_staff_get_id (member);

        gtk_string_list_append (owners, reg_staff_get_name (member));
        g_array_append_val (self->owner_ids, id);
        if (id == owner_id)
          owner_pos = self->owner_ids->len - 1;
      }

  gtk_string_list_append (tag_list, _("Any Tag"));
  tags = reg_store_list_tags (self->store);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      gtk_string_list_append (tag_list, tags[i]);
      if (tag != NULL && g_ascii_strcasecmp (tags[i], tag) == 0)
        tag_pos = i + 1;
    }

  self->updating_filters = TRUE;
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (owners));
  gtk_drop_down_set_selected (self->owner_dropdown, owner_pos);
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (tag_list));
  gtk_drop_down_set_selected (self->tag_dropdown, tag_pos);
  self->updating_filters = FALSE;
}

static void
clear_filters (RegWindow *self)
{
  clear_link (self);
  self->updating_filters = TRUE;
  gtk_drop_down_set_selected (self->sort_dropdown, 0);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->internal_dropdown, 0);
  gtk_drop_down_set_selected (self->owner_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_check_button_set_active (self->vip_check, FALSE);
  gtk_check_button_set_active (self->unseen_check, FALSE);
  gtk_check_button_set_active (self->overdue_check, FALSE);
  gtk_check_button_set_active (self->open_case_check, FALSE);
  self->updating_filters = FALSE;
  apply_query (self);
}

/* "Not seen for 90 days" is as long as the shop counts customers to win
 * back after. */
static void
update_unseen_days (RegWindow *self)
{
  g_autofree char *label = NULL;
  guint days = reg_store_get_win_back_days (self->store);

  if (days == 0)
    days = REG_WIN_BACK_DAYS_DEFAULT;
  if (days == self->unseen_days)
    return;

  self->unseen_days = days;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Not seen for %u day", "_Not seen for %u days", days),
                           days);
  gtk_check_button_set_label (self->unseen_check, label);
  if (gtk_check_button_get_active (self->unseen_check))
    apply_query (self);
}

/**
 * reg_window_show_customers:
 * @query: the customers to list
 * @description: what they are, as the filter bar above the list says
 *
 * Lists the customers @query finds, as a figure of the Overview does:
 * the search is cleared, the filters show what they can of @query, and
 * a bar above the list says what it shows until the filters are
 * cleared. In a narrow window the list comes to the front.
 */
void
reg_window_show_customers (RegWindow              *self,
                           const RegCustomerQuery *query,
                           const char             *description)
{
  const char *page;

  g_return_if_fail (REG_IS_WINDOW (self));
  g_return_if_fail (query != NULL);

  if (self->list == NULL)
    return;

  page = gtk_stack_get_visible_child_name (self->card_stack);
  if (self->show_trash)
    {
      g_autofree char *shown = g_strdup (page);

      set_show_trash (self, FALSE);
      /* Leaving the trash leaves the card; not the Overview. */
      if (g_strcmp0 (shown, "overview") == 0 || g_strcmp0 (shown, "agenda") == 0)
        gtk_stack_set_visible_child_name (self->card_stack, shown);
    }

  clear_link (self);
  self->updating_filters = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->sort_dropdown, query->sort);
  gtk_drop_down_set_selected (self->kind_dropdown, query->kind >= 0 ? (guint) query->kind + 1 : 0);
  gtk_drop_down_set_selected (self->internal_dropdown, query->internal == 0 ? 1 : query->internal == 1 ? 2 : 0);
  gtk_drop_down_set_selected (self->owner_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_check_button_set_active (self->vip_check, query->vip == 1);
  gtk_check_button_set_active (self->unseen_check,
                               query->not_seen_days > 0 && query->not_seen_days == self->unseen_days);
  gtk_check_button_set_active (self->overdue_check, query->has_overdue);
  gtk_check_button_set_active (self->open_case_check, query->has_open_case);
  self->updating_filters = FALSE;

  self->link_query = reg_customer_query_copy (query);
  gtk_label_set_label (self->link_label, description);
  gtk_revealer_set_reveal_child (self->link_revealer, TRUE);
  apply_query (self);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

/**
 * reg_window_get_filter_description:
 *
 * What the filter bar above the list says, or NULL when it is hidden.
 */
const char *
reg_window_get_filter_description (RegWindow *self)
{
  g_return_val_if_fail (REG_IS_WINDOW (self), NULL);

  if (self->link_query == NULL)
    return NULL;
  return gtk_label_get_label (self->link_label);
}

static void
on_overview_link_activated (RegWindow        *self,
                            RegCustomerQuery *query,
                            const char       *description,
                            RegOverviewView  *overview)
{
  reg_window_show_customers (self, query, description);
}

static void
on_overview_customer_activated (RegWindow       *self,
                                gint64           customer_id,
                                RegOverviewView *overview)
{
  select_customer (self, customer_id);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{

  gtk_list_item_set_child (item, GTK_WIDGET (reg_customer_row_new ()));
}

/* A row shows whichever customer is in its slot now (see
 * RegCustomerSelection): a search changes the customer, not the row. */
static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  reg_customer_row_set_slot (REG_CUSTOMER_ROW (gtk_list_item_get_child (item)),
                             gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  reg_customer_row_set_slot (REG_CUSTOMER_ROW (gtk_list_item_get_child (item)), NULL);
}

/* ------------------------------------------------------------------ */
/* Actions                                                              */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Makes a customer called @name and opens the card. */
static void
create_customer (RegWindow  *self,
                 const char *name)
{
  g_autoptr(RegCustomer) customer = reg_customer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (name));
  const char *space = strrchr (trimmed, ' ');

  reg_customer_set_display_name (customer, trimmed);
  if (space != NULL)
    {
      g_autofree char *given = g_strndup (trimmed, strchr (trimmed, ' ') - trimmed);
      reg_customer_set_given_name (customer, given);
      reg_customer_set_family_name (customer, space + 1);
    }

  if (!reg_store_save_customer (self->store, customer, &error))
    {
      toast_error (self, error);
      return;
    }

  /* Show it even when the search would not list it. */
  if (reg_customer_list_find (self->list, reg_customer_get_id (customer)) == G_MAXUINT)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  select_customer (self, reg_customer_get_id (customer));
  fill_card (self);
  reg_customer_card_focus_first_crib_note (self->card);
}

static void
on_new_customer_response (AdwMessageDialog *dialog,
                          const char       *response,
                          RegWindow        *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "name-entry");

  if (g_strcmp0 (response, "create") == 0)
    create_customer (self, gtk_editable_get_text (entry));
}

static void
on_new_customer_name_changed (GtkEditable      *entry,
                              AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "create", *text != '\0');
}

static void
on_new_customer_activate (GtkEntry         *entry,
                          AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "create"))
    adw_message_dialog_response (dialog, "create");
}

static void
new_customer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("New Customer"),
                                                       _("What is their name? Everything else can be added on the card.")));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "create", FALSE);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "name-entry", entry);

  g_signal_connect (entry, "changed", G_CALLBACK (on_new_customer_name_changed), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (on_new_customer_activate), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_new_customer_response), self);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
add_typed_customer_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  if (*text != '\0')
    create_customer (self, text);
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  gint64 author = 0;
  RegNoteDialog *dialog;

  if (self->customer == NULL)
    return;

  if (self->staff_button != NULL)
    author = reg_staff_button_get_staff_id (self->staff_button);
  else if (REG_IS_APPLICATION (app))
    author = reg_application_get_current_staff_id (REG_APPLICATION (app));

  dialog = reg_note_dialog_new (GTK_WINDOW (self), self->store, self->customer, author);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
trash_customer_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);
  g_autoptr(RegCustomer) customer = self->customer ? g_object_ref (self->customer) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (customer == NULL)
    return;

  if (!reg_store_trash_customer (self->store, customer, &error))
    {
      toast_error (self, error);
      return;
    }

  /* Translators: shown after a customer was moved to the trash */
  title = g_strdup_printf (_("“%s” moved to the trash"), reg_customer_get_display_name (customer));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-trash");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (reg_customer_get_id (customer)));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  reg_window_close_card (self);
}

void
reg_window_close_card (RegWindow *self)
{
  g_return_if_fail (REG_IS_WINDOW (self));

  open_customer (self, NULL);
  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

static void
restore (RegWindow *self,
         gint64     customer_id)
{
  g_autoptr(RegCustomer) customer = reg_store_get_customer (self->store, customer_id, NULL);
  g_autoptr(GError) error = NULL;

  if (customer == NULL)
    return;
  if (!reg_store_restore_customer (self->store, customer, &error))
    {
      toast_error (self, error);
      return;
    }

  if (!self->show_trash)
    select_customer (self, customer_id);
  else
    update_actions (self);
}

static void
undo_trash_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  restore (REG_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
restore_customer_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);

  if (self->customer != NULL)
    restore (self, reg_customer_get_id (self->customer));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  clear_filters (REG_WINDOW (widget));
}

static void
set_show_trash (RegWindow *self,
                gboolean   show_trash)
{
  show_trash = !!show_trash;
  if (self->show_trash == show_trash)
    return;

  self->show_trash = show_trash;
  adw_window_title_set_title (self->sidebar_title, show_trash ? _("Trash") : _("Customers"));
  gtk_widget_set_visible (self->trash_label, show_trash);
  /* The trash is not what the Overview linked to. */
  clear_link (self);
  open_customer (self, NULL);
  apply_query (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TRASH]);
}

static void
show_agenda_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);

  show_agenda (self);
  if (self->agenda != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->agenda));
}

static void
show_overview_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);

  show_overview (self);
  if (self->overview != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->overview));
}

static void
dismiss_reminders_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  dismiss_reminders (REG_WINDOW (widget));
}

/* The banner's "Open Agenda": the reminders are seen there, so the
 * banner has said what it had to. */
static void
open_unshown_reminders_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  RegWindow *self = REG_WINDOW (widget);

  dismiss_reminders (self);
  show_agenda_action (widget, action_name, parameter);
}

/* ------------------------------------------------------------------ */

static void
save_window_state (RegWindow *self)
{
  int width, height;
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  /* GTK keeps default-width/height at the unmaximized size, which is the
   * size to come back to. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static gboolean
reg_window_close_request (GtkWindow *window)
{
  save_window_state (REG_WINDOW (window));

  return GTK_WINDOW_CLASS (reg_window_parent_class)->close_request (window);
}

static void
set_up_store (RegWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *shortcuts;

  self->list = reg_customer_list_new (self->store);
  self->selection = reg_customer_selection_new (self->list);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->customer_view, factory);
  gtk_list_view_set_model (self->customer_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->selection, "notify::selected-id", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->list, "items-changed", G_CALLBACK (update_list_state), self);
  g_signal_connect_swapped (self->customer_view, "activate", G_CALLBACK (on_row_activated), self);

  /* Delete in the list moves the selected customer to the trash (not
   * in the whole window: it would take the key from text fields). */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete"),
                                                          gtk_named_action_new ("win.trash-customer")));
  gtk_widget_add_controller (GTK_WIDGET (self->customer_view), shortcuts);

  self->card = reg_customer_card_new (self->store);
  adw_bin_set_child (self->card_slot, GTK_WIDGET (self->card));

  self->staff_button = reg_staff_button_new (self->store, self->settings);
  adw_bin_set_child (self->staff_slot, GTK_WIDGET (self->staff_button));

  self->agenda = reg_agenda_view_new (self->store);
  adw_bin_set_child (self->agenda_slot, GTK_WIDGET (self->agenda));
  g_object_bind_property (self->staff_button, "staff-id", self->agenda, "staff-id",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->agenda, "customer-activated",
                            G_CALLBACK (on_agenda_customer_activated), self);
  g_signal_connect_swapped (self->card_stack, "notify::visible-child-name",
                            G_CALLBACK (on_card_page_changed), self);

  self->overview = reg_overview_view_new (self->store);
  adw_bin_set_child (self->overview_slot, GTK_WIDGET (self->overview));
  g_signal_connect_swapped (self->overview, "link-activated",
                            G_CALLBACK (on_overview_link_activated), self);
  g_signal_connect_swapped (self->overview, "customer-activated",
                            G_CALLBACK (on_overview_customer_activated), self);
  g_signal_connect_object (self->store, "settings-changed",
                           G_CALLBACK (update_unseen_days), self, G_CONNECT_SWAPPED);
  update_unseen_days (self);

  /* Time passing makes promises overdue too: the application calls
   * reg_window_refresh_reminders() when one falls due. */
  g_signal_connect_object (self->store, "follow-up-changed",
                           G_CALLBACK (update_overdue_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reloaded",
                           G_CALLBACK (update_overdue_count), self, G_CONNECT_SWAPPED);
  update_overdue_count (self);

  /* Owners and tags are read when the filters open, not at start-up. */
  g_signal_connect_swapped (self->filter_popover, "show", G_CALLBACK (refresh_filter_choices), self);

  if (reg_store_is_read_only (self->store))
    {
      g_autofree char *message = g_strdup_printf (_("Read-only: %s"), reg_store_get_read_only_reason (self->store));
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  gtk_stack_set_visible_child_name (self->main_stack, "leaflet");
  update_list_state (self);
  update_actions (self);

  /* Someone walks in: start typing their name. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
}

static void
set_up (RegWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (REG_IS_APPLICATION (app))
    {
      self->settings = g_object_ref (reg_application_get_settings (REG_APPLICATION (app)));
      if (reg_application_get_store (REG_APPLICATION (app)) != NULL)
        self->store = g_object_ref (reg_application_get_store (REG_APPLICATION (app)));
      reg_window_files_set_up (self, REG_APPLICATION (app));
    }
  else
    self->settings = g_settings_new (BASE_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (self->store != NULL)
    set_up_store (self);
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      adw_status_page_set_description (self->error_page,
                                       _("Regulars could not open its database. Start it from a terminal to read why."));
      update_actions (self);
    }
}

static void
reg_window_dispose (GObject *object)
{
  RegWindow *self = REG_WINDOW (object);

  g_clear_handle_id (&self->card_idle, g_source_remove);
  if (self->card_clock != NULL)
    g_clear_signal_handler (&self->card_paint_handler, self->card_clock);
  g_clear_object (&self->card_clock);
  if (self->customer != NULL)
    g_signal_handlers_disconnect_by_func (self->customer, on_customer_trashed_changed, self);
  if (self->card_bindings != NULL)
    g_binding_group_set_source (self->card_bindings, NULL);
  if (self->customer_view != NULL)
    gtk_list_view_set_model (self->customer_view, NULL);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, update_overdue_count, self);
      g_signal_handlers_disconnect_by_func (self->store, update_unseen_days, self);
    }
  if (self->card_stack != NULL)
    g_signal_handlers_disconnect_by_func (self->card_stack, on_card_page_changed, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_WINDOW);

  g_clear_object (&self->customer);
  g_clear_object (&self->first_unshown);
  g_clear_pointer (&self->link_query, reg_customer_query_free);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->card_bindings);

  G_OBJECT_CLASS (reg_window_parent_class)->dispose (object);
}

static void
reg_window_finalize (GObject *object)
{
  RegWindow *self = REG_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->owner_ids, g_array_unref);

  G_OBJECT_CLASS (reg_window_parent_class)->finalize (object);
}

static void
reg_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RegWindow *self = REG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_TRASH:
      g_value_set_boolean (value, self->show_trash);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RegWindow *self = REG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_TRASH:
      set_show_trash (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_window_class_init (RegWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = reg_window_dispose;
  object_class->finalize = reg_window_finalize;
  object_class->get_property = reg_window_get_property;
  object_class->set_property = reg_window_set_property;

  window_class->close_request = reg_window_close_request;

  properties[PROP_SHOW_TRASH] =
    g_param_spec_boolean ("show-trash", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.new-customer", NULL, new_customer_action);
  gtk_widget_class_install_action (widget_class, "win.add-typed-customer", NULL, add_typed_customer_action);
  gtk_widget_class_install_action (widget_class, "win.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "win.trash-customer", NULL, trash_customer_action);
  gtk_widget_class_install_action (widget_class, "win.restore-customer", NULL, restore_customer_action);
  gtk_widget_class_install_action (widget_class, "win.undo-trash", "x", undo_trash_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-trash", "show-trash");
  gtk_widget_class_install_action (widget_class, "win.show-agenda", NULL, show_agenda_action);
  gtk_widget_class_install_action (widget_class, "win.show-overview", NULL, show_overview_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-reminders", NULL, dismiss_reminders_action);
  gtk_widget_class_install_action (widget_class, "win.open-unshown-reminders", NULL, open_unshown_reminders_action);
  reg_window_files_class_init (widget_class);

  /* Here rather than among the application's accels: the Overview
   * belongs to the window. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-overview", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/reg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RegWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, staff_slot);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, trash_label);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, customer_view);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, add_typed_button);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, card_title);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, card_stack);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, card_slot);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, agenda_slot);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, overview_slot);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, link_revealer);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, link_label);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, agenda_button);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, overdue_badge);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, card_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, add_note_button);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, reminder_revealer);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, reminder_title);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, reminder_detail);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, internal_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, vip_check);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, unseen_check);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, RegWindow, open_case_check);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
}

static void
reg_window_init (RegWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->owner_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->card_bindings = g_binding_group_new ();
  g_binding_group_bind (self->card_bindings, "display-name", self->card_title, "title",
                        G_BINDING_SYNC_CREATE);

  adw_status_page_set_icon_name (self->welcome_page, BASE_ID "-symbolic");
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->sidebar);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}
