/* reg-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "reg-preferences-window.h"

struct _RegPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  RegStore             *store;

  /* Template widgets */
  AdwComboRow          *style_row;
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

  gtk_widget_dispose_template (GTK_WIDGET (self), REG_TYPE_PREFERENCES_WINDOW);
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
}

static void
reg_preferences_window_init (RegPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
