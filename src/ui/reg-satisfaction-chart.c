/* reg-satisfaction-chart.c: how satisfied customers were, week by week
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-satisfaction-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-satisfaction-chart.h"

/* A bar per week for the average answer (1 to 5), drawn in snapshot()
 * rather than made of widgets: twelve bars, their gridlines and labels
 * are one widget. A week nobody answered in has no bar. The pointer or
 * the keyboard picks a week; activating it asks for the customers who
 * answered that week ("week-activated"). */

#define SCALE_MAX     5
#define PAD_TOP       10
#define AXIS_GAP      8
#define LABEL_GAP     6
#define VALUE_GAP     2
#define BAR_MAX_WIDTH 28
#define BAR_RADIUS    3
#define CHART_HEIGHT  180
#define MIN_COLUMN    14
#define NAT_COLUMN    44

struct _RegSatisfactionChart
{
  GtkWidget  parent_instance;

  GArray    *weeks;        /* RegSatisfactionWeek */
  char      *summary;
  int        hover;        /* the week under the pointer, or -1 */
  int        focus;        /* the week the keyboard is on, or -1 */
};

G_DEFINE_FINAL_TYPE (RegSatisfactionChart, reg_satisfaction_chart, GTK_TYPE_WIDGET)

enum {
  WEEK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

RegSatisfactionChart *
reg_satisfaction_chart_new (void)
{
  return g_object_new (REG_TYPE_SATISFACTION_CHART, NULL);
}

/* ------------------------------------------------------------------ */
/* The words                                                            */

/* "16 Nov", the Monday a week starts on */
static char *
format_week (gint64 week_start)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (week_start);

  if (start == NULL)
    return g_strdup ("");
  /* Translators: a short date for the week that starts on it, as in "16 Nov"; see strftime */
  return g_date_time_format (start, _("%-d %b"));
}

const RegSatisfactionWeek *
reg_satisfaction_chart_get_week (RegSatisfactionChart *self,
                                 guint                 index)
{
  g_return_val_if_fail (REG_IS_SATISFACTION_CHART (self), NULL);

  if (index >= self->weeks->len)
    return NULL;
  return &g_array_index (self->weeks, RegSatisfactionWeek, index);
}

/**
 * reg_satisfaction_chart_describe_week:
 *
 * What week @index shows, in words: "Week of 16 Nov: 4.2 from 7 answers".
 */
char *
reg_satisfaction_chart_describe_week (RegSatisfactionChart *self,
                                      guint                 index)
{
  const RegSatisfactionWeek *week = reg_satisfaction_chart_get_week (self, index);
  g_autofree char *day = NULL;

  if (week == NULL)
    return NULL;

  day = format_week (week->week_start);
  if (week->count == 0)
    /* Translators: %s is a short date, as in "Week of 16 Nov: no answers" */
    return g_strdup_printf (_("Week of %s: no answers"), day);
  /* Translators: a short date, the average satisfaction (1 to 5) and how
   * many customers said how satisfied they were: "Week of 16 Nov: 4.2 from 7 answers" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Week of %s: %.1f from %u answer",
                                       "Week of %s: %.1f from %u answers", week->count),
                          day, week->average, week->count);
}

const char *
reg_satisfaction_chart_get_summary (RegSatisfactionChart *self)
{
  g_return_val_if_fail (REG_IS_SATISFACTION_CHART (self), NULL);

  return self->summary;
}

/* For screen readers, which cannot see the bars: every figure. */
static void
update_summary (RegSatisfactionChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double sum = 0;
  guint count = 0;

  for (guint i = 0; i < self->weeks->len; i++)
    {
      const RegSatisfactionWeek *week = &g_array_index (self->weeks, RegSatisfactionWeek, i);

      sum += week->average * week->count;
      count += week->count;
    }

  if (count == 0)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Satisfaction: no answers in the last week",
                                         "Satisfaction: no answers in the last %u weeks",
                                         self->weeks->len),
                            self->weeks->len);
  else
    {
      /* Translators: the number of weeks, the average satisfaction (1 to 5), the number of answers */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "Satisfaction in the last %u weeks: %.1f on average from %u answer.",
                                                 "Satisfaction in the last %u weeks: %.1f on average from %u answers.",
                                                 count),
                              self->weeks->len, sum / count, count);
      for (guint i = 0; i < self->weeks->len; i++)
        if (g_array_index (self->weeks, RegSatisfactionWeek, i).count > 0)
          {
            g_autofree char *week = reg_satisfaction_chart_describe_week (self, i);

            g_string_append_printf (text, " %s.", week);
          }
    }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary,
                                  -1);
}

/**
 * reg_satisfaction_chart_set_weeks:
 * @weeks: (element-type RegSatisfactionWeek): oldest first
 *
 * Shows @weeks; the chart keeps a copy.
 */
void
reg_satisfaction_chart_set_weeks (RegSatisfactionChart *self,
                                  GArray               *weeks)
{
  g_return_if_fail (REG_IS_SATISFACTION_CHART (self));

  g_array_set_size (self->weeks, 0);
  if (weeks != NULL)
    g_array_append_vals (self->weeks, weeks->data, weeks->len);

  if (self->hover >= (int) self->weeks->len)
    self->hover = -1;
  if (self->focus >= (int) self->weeks->len)
    self->focus = -1;

  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
reg_satisfaction_chart_get_n_weeks (RegSatisfactionChart *self)
{
  g_return_val_if_fail (REG_IS_SATISFACTION_CHART (self), 0);

  return self->weeks->len;
}

static gboolean
week_has_answers (RegSatisfactionChart *self,
                  int                   index)
{
  return index >= 0 && index < (int) self->weeks->len &&
         g_array_index (self->weeks, RegSatisfactionWeek, index).count > 0;
}

/**
 * reg_satisfaction_chart_activate_week:
 *
 * As a click on week @index's bar: asks for the customers who answered
 * then. A week without answers has nobody to show.
 */
void
reg_satisfaction_chart_activate_week (RegSatisfactionChart *self,
                                      guint                 index)
{
  g_return_if_fail (REG_IS_SATISFACTION_CHART (self));

  if (week_has_answers (self, index))
    g_signal_emit (self, signals[WEEK_ACTIVATED], 0, index);
}

/* ------------------------------------------------------------------ */
/* Where things are                                                     */

typedef struct
{
  float  left, right;     /* the plot, without the axis labels */
  float  top, bottom;     /* the value 0 is at the bottom */
  float  column;          /* the width of a week */
  int    axis_width;
  int    label_height;
} Geometry;

/* To whole pixels, for crisp lines (without libm) */
static float
round_px (float value)
{
  return value >= 0 ? (float) (int) (value + 0.5f) : -(float) (int) (-value + 0.5f);
}

static PangoLayout *
make_label (RegSatisfactionChart *self,
            const char           *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* As libadwaita's "caption" style, in figures of one width. */
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
get_geometry (RegSatisfactionChart *self,
              Geometry             *g)
{
  g_autoptr(PangoLayout) label = make_label (self, "5");
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int label_width;

  pango_layout_get_pixel_size (label, &label_width, &g->label_height);
  g->axis_width = label_width + AXIS_GAP;
  g->left = rtl ? 0 : g->axis_width;
  g->right = rtl ? width - g->axis_width : width;
  g->top = PAD_TOP + g->label_height;   /* room for the value over a full bar */
  g->bottom = MAX (g->top + 1, height - g->label_height - LABEL_GAP);
  g->column = self->weeks->len > 0 ? MAX (1.f, (g->right - g->left) / self->weeks->len) : 1.f;
}

/* The left edge of week @index's column; time runs with the text. */
static float
column_x (RegSatisfactionChart *self,
          const Geometry       *g,
          guint                 index)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return g->right - (index + 1) * g->column;
  return g->left + index * g->column;
}

static float
value_y (const Geometry *g,
         double          value)
{
  return g->bottom - (g->bottom - g->top) * CLAMP (value, 0, SCALE_MAX) / SCALE_MAX;
}

/**
 * reg_satisfaction_chart_get_week_at:
 *
 * The week whose column is at @x, or G_MAXUINT.
 */
guint
reg_satisfaction_chart_get_week_at (RegSatisfactionChart *self,
                                    double                x)
{
  Geometry g;

  g_return_val_if_fail (REG_IS_SATISFACTION_CHART (self), G_MAXUINT);

  get_geometry (self, &g);
  for (guint i = 0; i < self->weeks->len; i++)
    {
      float left = column_x (self, &g, i);

      if (x >= left && x < left + g.column)
        return i;
    }
  return G_MAXUINT;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                              */

static void
reg_satisfaction_chart_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  RegSatisfactionChart *self = REG_SATISFACTION_CHART (widget);
  guint n = MAX (self->weeks->len, 1);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 32 + n * MIN_COLUMN;
      *natural = 32 + n * NAT_COLUMN;
    }
  else
    *minimum = *natural = CHART_HEIGHT;
}

static void
append_layout (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               float          x,
               float          y,
               const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
append_line (GtkSnapshot   *snapshot,
             float          x,
             float          y,
             float          width,
             const GdkRGBA *color)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, 1));
}

static void
reg_satisfaction_chart_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  RegSatisfactionChart *self = REG_SATISFACTION_CHART (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GdkRGBA color, dim, grid, axis, accent, highlight;
  Geometry g;
  float bar_width;
  int label_width = 0;
  guint step = 1;

  get_geometry (self, &g);

  gtk_style_context_get_color (style, &color);
  dim = grid = axis = highlight = color;
  dim.alpha *= 0.55;
  grid.alpha *= 0.12;
  axis.alpha *= 0.3;
  highlight.alpha *= 0.07;
  if (!gtk_style_context_lookup_color (style, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");

  /* Gridlines at 1 to 5, the scale's whole answers, and their labels */
  for (int value = 1; value <= SCALE_MAX; value++)
    {
      g_autofree char *number = g_strdup_printf ("%d", value);
      g_autoptr(PangoLayout) label = make_label (self, number);
      float y = round_px (value_y (&g, value));
      int w, h;

      pango_layout_get_pixel_size (label, &w, &h);
      append_line (snapshot, g.left, y, g.right - g.left, &grid);
      append_layout (snapshot, label, rtl ? g.right + AXIS_GAP : g.left - AXIS_GAP - w, y - h / 2.f, &dim);
    }
  append_line (snapshot, g.left, round_px (g.bottom), g.right - g.left, &axis);

  if (self->weeks->len == 0)
    return;

  bar_width = MIN (BAR_MAX_WIDTH, MAX (4.f, round_px (g.column * 0.6f)));

  /* Week labels: as many as fit, counted back from this week's. */
  for (guint i = 0; i < self->weeks->len; i++)
    {
      g_autofree char *day = format_week (g_array_index (self->weeks, RegSatisfactionWeek, i).week_start);
      g_autoptr(PangoLayout) label = make_label (self, day);
      int w;

      pango_layout_get_pixel_size (label, &w, NULL);
      label_width = MAX (label_width, w);
    }
  while (step < self->weeks->len && step * g.column < label_width + 8)
    step++;

  for (guint i = 0; i < self->weeks->len; i++)
    {
      const RegSatisfactionWeek *week = &g_array_index (self->weeks, RegSatisfactionWeek, i);
      float left = column_x (self, &g, i);
      float centre = left + g.column / 2;

      if ((int) i == self->hover || ((int) i == self->focus && gtk_widget_has_visible_focus (widget)))
        gtk_snapshot_append_color (snapshot, &highlight,
                                   &GRAPHENE_RECT_INIT (left, g.top - g.label_height, g.column,
                                                        g.bottom - g.top + g.label_height));

      if ((int) i == self->focus && gtk_widget_has_visible_focus (widget))
        {
          GskRoundedRect outline;
          GdkRGBA ring = accent;
          float widths[4] = { 2, 2, 2, 2 };
          GdkRGBA rings[4];

          ring.alpha = 0.5;
          for (guint k = 0; k < 4; k++)
            rings[k] = ring;
          gsk_rounded_rect_init_from_rect (&outline,
                                           &GRAPHENE_RECT_INIT (left + 1, g.top - g.label_height,
                                                                g.column - 2,
                                                                g.bottom - g.top + g.label_height),
                                           4);
          gtk_snapshot_append_border (snapshot, &outline, widths, rings);
        }

      if (week->count > 0)
        {
          float top = round_px (value_y (&g, week->average));
          GskRoundedRect bar;
          graphene_size_t corner = GRAPHENE_SIZE_INIT (BAR_RADIUS, BAR_RADIUS);
          graphene_size_t square = GRAPHENE_SIZE_INIT (0, 0);

          gsk_rounded_rect_init (&bar,
                                 &GRAPHENE_RECT_INIT (round_px (centre - bar_width / 2), top,
                                                      bar_width, MAX (1, round_px (g.bottom) - top)),
                                 &corner, &corner, &square, &square);
          gtk_snapshot_push_rounded_clip (snapshot, &bar);
          gtk_snapshot_append_color (snapshot, &accent, &bar.bounds);
          gtk_snapshot_pop (snapshot);

          /* The figure over the bar, where there is room for it. */
          if (g.column >= 26)
            {
              g_autofree char *figure = g_strdup_printf ("%.1f", week->average);
              g_autoptr(PangoLayout) label = make_label (self, figure);
              int w, h;

              pango_layout_get_pixel_size (label, &w, &h);
              append_layout (snapshot, label, centre - w / 2.f, top - h - VALUE_GAP, &dim);
            }
        }

      if ((self->weeks->len - 1 - i) % step == 0)
        {
          g_autofree char *day = format_week (week->week_start);
          g_autoptr(PangoLayout) label = make_label (self, day);
          int w;

          pango_layout_get_pixel_size (label, &w, NULL);
          append_layout (snapshot, label, CLAMP (centre - w / 2.f, 0, gtk_widget_get_width (widget) - w),
                         g.bottom + LABEL_GAP / 2.f, &dim);
        }
    }
}

/* ------------------------------------------------------------------ */
/* The pointer and the keyboard                                         */

static void
set_hover (RegSatisfactionChart *self,
           int                   hover)
{
  if (self->hover == hover)
    return;

  self->hover = hover;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), week_has_answers (self, hover) ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (RegSatisfactionChart     *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  guint week = reg_satisfaction_chart_get_week_at (self, x);

  set_hover (self, week == G_MAXUINT ? -1 : (int) week);
}

static void
on_leave (RegSatisfactionChart     *self,
          GtkEventControllerMotion *controller)
{
  set_hover (self, -1);
}

static void
on_released (RegSatisfactionChart *self,
             int                   n_press,
             double                x,
             double                y,
             GtkGestureClick      *gesture)
{
  guint week = reg_satisfaction_chart_get_week_at (self, x);

  if (week == G_MAXUINT)
    return;

  self->focus = week;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  reg_satisfaction_chart_activate_week (self, week);
}

/* The last week anyone answered in, where the keyboard starts. */
static int
latest_answered (RegSatisfactionChart *self)
{
  for (int i = self->weeks->len - 1; i >= 0; i--)
    if (week_has_answers (self, i))
      return i;
  return self->weeks->len > 0 ? (int) self->weeks->len - 1 : -1;
}

static void
move_focus (RegSatisfactionChart *self,
            int                   to)
{
  if (self->weeks->len == 0)
    return;

  self->focus = CLAMP (to, 0, (int) self->weeks->len - 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* Say which week the keyboard is on now. */
  {
    g_autofree char *text = reg_satisfaction_chart_describe_week (self, self->focus);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);
  }
}

static gboolean
on_key_pressed (RegSatisfactionChart  *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int focus = self->focus >= 0 ? self->focus : latest_answered (self);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_focus (self, self->focus < 0 ? focus : focus + (rtl ? 1 : -1));
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_focus (self, self->focus < 0 ? focus : focus + (rtl ? -1 : 1));
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      move_focus (self, 0);
      return TRUE;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      move_focus (self, self->weeks->len - 1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (focus >= 0)
        reg_satisfaction_chart_activate_week (self, focus);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
on_focus_enter (RegSatisfactionChart *self)
{
  if (self->focus < 0)
    move_focus (self, latest_answered (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
reg_satisfaction_chart_query_tooltip (GtkWidget  *widget,
                                      int         x,
                                      int         y,
                                      gboolean    keyboard_mode,
                                      GtkTooltip *tooltip)
{
  RegSatisfactionChart *self = REG_SATISFACTION_CHART (widget);
  guint week = keyboard_mode ? (guint) self->focus : reg_satisfaction_chart_get_week_at (self, x);
  g_autofree char *text = NULL;

  if (week >= self->weeks->len)
    return FALSE;

  text = reg_satisfaction_chart_describe_week (self, week);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
reg_satisfaction_chart_direction_changed (GtkWidget        *widget,
                                          GtkTextDirection  previous)
{
  gtk_widget_queue_draw (widget);
}

static void
reg_satisfaction_chart_finalize (GObject *object)
{
  RegSatisfactionChart *self = REG_SATISFACTION_CHART (object);

  g_clear_pointer (&self->weeks, g_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (reg_satisfaction_chart_parent_class)->finalize (object);
}

static void
reg_satisfaction_chart_class_init (RegSatisfactionChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = reg_satisfaction_chart_finalize;

  widget_class->measure = reg_satisfaction_chart_measure;
  widget_class->snapshot = reg_satisfaction_chart_snapshot;
  widget_class->query_tooltip = reg_satisfaction_chart_query_tooltip;
  widget_class->direction_changed = reg_satisfaction_chart_direction_changed;

  /**
   * RegSatisfactionChart::week-activated:
   * @index: the week, counted from the oldest shown
   *
   * A week with answers was clicked, or chosen from the keyboard.
   */
  signals[WEEK_ACTIVATED] =
    g_signal_new ("week-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "satisfactionchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
reg_satisfaction_chart_init (RegSatisfactionChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->weeks = g_array_new (FALSE, TRUE, sizeof (RegSatisfactionWeek));
  self->hover = -1;
  self->focus = -1;

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update_summary (self);
}
