/* reg-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-window.h"

struct _RegWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwStatusPage        *empty_page;
};

G_DEFINE_FINAL_TYPE (RegWindow, reg_window, ADW_TYPE_APPLICATION_WINDOW)

RegWindow *
reg_window_new (RegApplication *application)
{
  g_return_val_if_fail (REG_IS_APPLICATION (application), NULL);

  return g_object_new (REG_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

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
reg_window_constructed (GObject *object)
{
  RegWindow *self = REG_WINDOW (object);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  G_OBJECT_CLASS (reg_window_parent_class)->constructed (object);

  if (REG_IS_APPLICATION (app))
    self->settings = g_object_ref (reg_application_get_settings (REG_APPLICATION (app)));
  else
    self->settings = g_settings_new (BASE_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
reg_window_dispose (GObject *object)
{
  RegWindow *self = REG_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_WINDOW);

  G_OBJECT_CLASS (reg_window_parent_class)->dispose (object);
}

static void
reg_window_finalize (GObject *object)
{
  RegWindow *self = REG_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (reg_window_parent_class)->finalize (object);
}

static void
reg_window_class_init (RegWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = reg_window_constructed;
  object_class->dispose = reg_window_dispose;
  object_class->finalize = reg_window_finalize;

  window_class->close_request = reg_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/reg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RegWindow, empty_page);
}

static void
reg_window_init (RegWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->empty_page, BASE_ID "-symbolic");

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}
