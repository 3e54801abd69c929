/* reg-store.c: the one owner of the Regulars database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include "reg-fold.h"
#include "reg-store.h"
#include "reg-store-private.h"

#define REG_APPLICATION_ID 1380271955   /* "REGS" */

static const char * const migrations[] = {
  RESOURCE_PATH "/schema/001-initial.sql",
  RESOURCE_PATH "/schema/002-reminders.sql",
  RESOURCE_PATH "/schema/003-cases.sql",
  RESOURCE_PATH "/schema/004-vcard-extras.sql",
};
#define LATEST_VERSION ((int) G_N_ELEMENTS (migrations))

typedef struct
{
  GObject    *object;
  GHashTable *map;
  gint64      id;
} MapEntry;

struct _RegStore
{
  GObject      parent_instance;

  sqlite3     *db;
  char        *path;
  gboolean     read_only;
  char        *read_only_reason;
  int          lock_fd;
  int          schema_version;
  gboolean     is_worker;
  guint        tx_depth;
  gint64       now;

  GHashTable  *statements;      /* SQL (static string) → sqlite3_stmt */

  /* Each live customer's place in name order and in last-contact order,
   * indexed by id; G_MAXUINT32 for none. Read again after any change. */
  guint32     *name_rank;
  guint32     *contact_rank;
  GArray      *name_order;      /* gint64 ids of live customers, by name */
  GArray      *contact_order;   /* the same, longest unseen first */
  gint64       n_ranks;

  /* Identity maps: id → MapEntry, one live object per row */
  GHashTable  *customers;
  GHashTable  *crib_notes;
  GHashTable  *visits;
  GHashTable  *follow_ups;
  GHashTable  *staff;
  GHashTable  *cases;
  GHashTable  *case_events;
};

G_DEFINE_FINAL_TYPE (RegStore, reg_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (reg-store-error-quark, reg_store_error)

G_DEFINE_ENUM_TYPE (RegChangeKind, reg_change_kind,
  G_DEFINE_ENUM_VALUE (REG_CHANGE_CREATED, "created"),
  G_DEFINE_ENUM_VALUE (REG_CHANGE_UPDATED, "updated"),
  G_DEFINE_ENUM_VALUE (REG_CHANGE_TRASHED, "trashed"),
  G_DEFINE_ENUM_VALUE (REG_CHANGE_RESTORED, "restored"),
  G_DEFINE_ENUM_VALUE (REG_CHANGE_DELETED, "deleted"))

G_DEFINE_ENUM_TYPE (RegSort, reg_sort,
  G_DEFINE_ENUM_VALUE (REG_SORT_NAME, "name"),
  G_DEFINE_ENUM_VALUE (REG_SORT_LAST_CONTACT, "last-contact"),
  G_DEFINE_ENUM_VALUE (REG_SORT_NEWEST, "newest"))

enum {
  CUSTOMER_CHANGED,
  CRIB_NOTES_CHANGED,
  VISITS_CHANGED,
  FOLLOW_UP_CHANGED,
  CASE_CHANGED,
  STAFF_CHANGED,
  RELOADED,
  SETTINGS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_str (char       **ptr,
         const char  *value)
{
  g_free (*ptr);
  *ptr = g_strdup (value);
}

/* ------------------------------------------------------------------ */
/* Errors                                                               */

static void
set_sqlite_error (RegStore   *self,
                  GError    **error,
                  int         rc,
                  const char *what)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_FULL,
                   _("Could not %s: the disk holding “%s” is full. Nothing was changed."),
                   what, self->path);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_READ_ONLY,
                   _("Could not %s: “%s” can only be read. Nothing was changed."),
                   what, self->path);
      break;

    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_A_DATABASE,
                   _("Could not %s: “%s” is damaged or is not a database (%s)."),
                   what, self->path, detail);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                   _("Could not %s: a value is not allowed (%s)."), what, detail);
      break;

    default:
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_FAILED,
                   _("Could not %s in “%s”: %s."), what, self->path, detail);
      break;
    }
}

static gboolean
check_writable (RegStore  *self,
                GError   **error)
{
  if (!self->read_only)
    return TRUE;

  g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_READ_ONLY,
               _("Nothing can be changed: %s"), self->read_only_reason);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Statements and transactions                                          */

/* Every statement is a constant string, prepared once and kept. */
sqlite3_stmt *
reg_store_prepare (RegStore    *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc, _("read the database"));
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
reg_store_exec (RegStore    *self,
                const char  *sql,
                const char  *what,
                GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc, what);
      return FALSE;
    }
  return TRUE;
}

/* Runs a prepared statement to its end; TRUE when it succeeded. */
static gboolean
step_done (RegStore     *self,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error, rc, what);
      return FALSE;
    }
  return TRUE;
}

gboolean
reg_store_begin (RegStore  *self,
                 GError   **error)
{
  if (self->tx_depth++ > 0)
    return TRUE;

  if (!reg_store_exec (self, "BEGIN IMMEDIATE", _("start saving"), error))
    {
      self->tx_depth = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
reg_store_commit (RegStore  *self,
                  GError   **error)
{
  g_assert (self->tx_depth > 0);

  if (--self->tx_depth > 0)
    return TRUE;

  if (!reg_store_exec (self, "COMMIT", _("save"), error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

void
reg_store_rollback (RegStore *self)
{
  g_assert (self->tx_depth > 0);

  /* An inner failure makes the outermost level roll back too: it sees
   * the error that its callee returned. */
  if (--self->tx_depth > 0)
    return;

  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gint64
reg_store_now (RegStore *self)
{
  if (self->now != 0)
    return self->now;

  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Tests move the clock; 0 returns to real time. */
void
reg_store_set_now (RegStore *self,
                   gint64    now)
{
  self->now = now;
}

/* ------------------------------------------------------------------ */
/* Objects to and from rows                                              */

static gboolean
int_zero_is_null (const char *prop)
{
  return g_str_equal (prop, "satisfaction");
}

/* Binds the properties named in @props to parameters ?1, ?2, ... */
static void
bind_object (sqlite3_stmt       *stmt,
             GObject            *object,
             const char * const *props,
             guint               n_props)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);

  for (guint i = 0; i < n_props; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, props[i]);
      g_auto(GValue) value = G_VALUE_INIT;
      int index = (int) i + 1;

      g_assert (pspec != NULL);
      g_value_init (&value, pspec->value_type);
      g_object_get_property (object, props[i], &value);

      if (pspec->value_type == G_TYPE_STRING)
        {
          const char *s = g_value_get_string (&value);
          sqlite3_bind_text (stmt, index, s ? s : "", -1, SQLITE_TRANSIENT);
        }
      else if (pspec->value_type == G_TYPE_INT64)
        {
          gint64 v = g_value_get_int64 (&value);
          if (v == 0)
            sqlite3_bind_null (stmt, index);
          else
            sqlite3_bind_int64 (stmt, index, v);
        }
      else if (pspec->value_type == G_TYPE_INT)
        {
          int v = g_value_get_int (&value);
          if (v == 0 && int_zero_is_null (props[i]))
            sqlite3_bind_null (stmt, index);
          else
            sqlite3_bind_int (stmt, index, v);
        }
      else if (pspec->value_type == G_TYPE_BOOLEAN)
        sqlite3_bind_int (stmt, index, g_value_get_boolean (&value) ? 1 : 0);
      else if (G_TYPE_IS_ENUM (pspec->value_type))
        sqlite3_bind_text (stmt, index,
                           reg_enum_to_nick (pspec->value_type, g_value_get_enum (&value)),
                           -1, SQLITE_STATIC);
      else
        g_assert_not_reached ();
    }
}

/* Sets the properties named in @props from columns 0, 1, ... */
static void
object_from_row (GObject            *object,
                 sqlite3_stmt       *stmt,
                 const char * const *props,
                 guint               n_props)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);

  g_object_freeze_notify (object);
  for (guint i = 0; i < n_props; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, props[i]);
      g_auto(GValue) value = G_VALUE_INIT;
      int col = (int) i;

      g_assert (pspec != NULL);
      g_value_init (&value, pspec->value_type);

      if (pspec->value_type == G_TYPE_STRING)
        {
          const char *s = (const char *) sqlite3_column_text (stmt, col);
          g_value_set_string (&value, s ? s : "");
        }
      else if (pspec->value_type == G_TYPE_INT64)
        g_value_set_int64 (&value, sqlite3_column_int64 (stmt, col));
      else if (pspec->value_type == G_TYPE_INT)
        g_value_set_int (&value, sqlite3_column_int (stmt, col));
      else if (pspec->value_type == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, sqlite3_column_int (stmt, col) != 0);
      else if (G_TYPE_IS_ENUM (pspec->value_type))
        {
          int v = 0;
          reg_enum_from_nick (pspec->value_type,
                              (const char *) sqlite3_column_text (stmt, col), &v);
          g_value_set_enum (&value, v);
        }
      else
        g_assert_not_reached ();

      g_object_set_property (object, props[i], &value);
    }
  g_object_thaw_notify (object);
}

/* ------------------------------------------------------------------ */
/* Identity maps                                                        */

static void
map_entry_free (gpointer data)
{
  g_free (data);
}

static void
map_entry_finalized (gpointer  data,
                     GObject  *where_the_object_was)
{
  MapEntry *entry = data;

  g_hash_table_remove (entry->map, &entry->id);
}

static GHashTable *
map_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, map_entry_free);
}

static void
map_clear (GHashTable *map)
{
  GHashTableIter iter;
  MapEntry *entry;

  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    g_object_weak_unref (entry->object, map_entry_finalized, entry);
  g_hash_table_unref (map);
}

static gpointer
map_lookup (GHashTable *map,
            gint64      id)
{
  MapEntry *entry = g_hash_table_lookup (map, &id);

  return entry ? g_object_ref (entry->object) : NULL;
}

static void
map_insert (GHashTable *map,
            gint64      id,
            gpointer    object)
{
  MapEntry *entry;

  g_assert (id != 0);
  if (g_hash_table_contains (map, &id))
    return;

  entry = g_new0 (MapEntry, 1);
  entry->object = object;
  entry->map = map;
  entry->id = id;
  g_object_weak_ref (object, map_entry_finalized, entry);
  g_hash_table_insert (map, &entry->id, entry);
}

/* ------------------------------------------------------------------ */
/* Opening                                                              */

static void
sql_fold (sqlite3_context  *ctx,
          int               argc,
          sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *folded = reg_fold (text);

  sqlite3_result_text (ctx, folded, -1, g_free);
}

static void
sql_digits (sqlite3_context  *ctx,
            int               argc,
            sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *digits = reg_digits (text);

  sqlite3_result_text (ctx, digits, -1, g_free);
}

char *
reg_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "regulars", "regulars.db", NULL);
}

static gboolean
take_lock (RegStore  *self,
           GError   **error)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);

  self->lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd < 0)
    {
      self->read_only = TRUE;
      set_str (&self->read_only_reason,
               _("the folder that holds the database can only be read"));
      return TRUE;
    }

  if (flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (self->lock_fd);
      self->lock_fd = -1;
      self->read_only = TRUE;
      set_str (&self->read_only_reason,
               _("another Regulars session is using this database"));
    }

  return TRUE;
}

static gboolean
query_int (RegStore    *self,
           const char  *sql,
           int         *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc, _("open the database"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (RegStore  *self,
         GError   **error)
{
  for (int version = self->schema_version + 1; version <= LATEST_VERSION; version++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *set_version = NULL;

      bytes = g_resources_lookup_data (migrations[version - 1], 0, error);
      if (bytes == NULL)
        return FALSE;
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

      if (!reg_store_begin (self, error))
        return FALSE;
      if (!reg_store_exec (self, sql, _("upgrade the database"), error) ||
          !reg_store_exec (self, set_version, _("upgrade the database"), error))
        {
          reg_store_rollback (self);
          return FALSE;
        }
      if (!reg_store_commit (self, error))
        return FALSE;

      self->schema_version = version;
    }

  return TRUE;
}

static gboolean
open_connection (RegStore  *self,
                 gboolean   immutable,
                 GError   **error)
{
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  int rc;

  /* "file://" and an empty authority: an absolute path may start with "//". */
  uri = g_strdup_printf ("file://%s%s", self->path, immutable ? "?immutable=1" : "");
  /* A path with '?' or '#' must not be read as URI parameters. */
  if (strpbrk (self->path, "?#%") != NULL)
    {
      g_free (uri);
      uri = NULL;
      flags &= ~SQLITE_OPEN_URI;
    }

  flags |= self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  rc = sqlite3_open_v2 (uri ? uri : self->path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc, _("open the database"));
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_create_function (self->db, "reg_fold", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, sql_fold, NULL, NULL);
  sqlite3_create_function (self->db, "reg_digits", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, sql_digits, NULL, NULL);
  return TRUE;
}

/* Checks that the file is a Regulars database this version understands,
 * before anything is written to it. */
static gboolean
check_identity (RegStore  *self,
                GError   **error)
{
  int application_id = 0, n_objects = 0;

  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &self->schema_version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if ((application_id != 0 && application_id != REG_APPLICATION_ID) ||
      (application_id == 0 && n_objects > 0))
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_REGULARS,
                   _("“%s” is a database, but not one of Regulars. It was left as it is."),
                   self->path);
      return FALSE;
    }

  if (self->schema_version > LATEST_VERSION)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Regulars (database version %d; "
                     "this version reads up to %d). Update Regulars to open it. It was left as it is."),
                   self->path, self->schema_version, LATEST_VERSION);
      return FALSE;
    }

  if (self->schema_version < LATEST_VERSION && self->read_only)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_READ_ONLY,
                   _("“%s” needs to be upgraded to this version of Regulars, but %s."),
                   self->path, self->read_only_reason);
      return FALSE;
    }

  return TRUE;
}

static gboolean
configure (RegStore  *self,
           GError   **error)
{
  if (!self->read_only &&
      !reg_store_exec (self, "PRAGMA journal_mode = WAL", _("open the database"), error))
    return FALSE;

  return reg_store_exec (self,
                         "PRAGMA synchronous = FULL;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA secure_delete = ON;"
                         "PRAGMA temp_store = MEMORY;"
                         /* 4 MiB: the list reads customers in name order,
                          * which is not table order, so a larger cache is
                          * filled by scrolling and memory grows with the
                          * shop; searches run as fast in this one. Bulk
                          * work on a worker connection sets its own. */
                         "PRAGMA cache_size = -4096;",
                         _("open the database"), error);
}

static RegStore *
store_new (const char *path)
{
  RegStore *self = g_object_new (REG_TYPE_STORE, NULL);

  self->path = g_strdup (path);
  return self;
}

RegStore *
reg_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(RegStore) self = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *dir = NULL;
  gboolean immutable = FALSE;

  if (path == NULL)
    default_path = reg_store_default_path ();
  /* Absolute and without "//" or "..", which SQLite's URIs would misread. */
  canonical = g_canonicalize_filename (path ? path : default_path, NULL);
  path = canonical;

  self = store_new (path);
  dir = g_path_get_dirname (path);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      int fd;

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not create the folder “%s” for the database: %s"),
                       dir, g_strerror (saved_errno));
          return NULL;
        }

      /* Private by default: created 0600 before SQLite ever sees it. */
      fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 && errno != EEXIST)
        {
          int saved_errno = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not create the database “%s”: %s"),
                       path, g_strerror (saved_errno));
          return NULL;
        }
      if (fd >= 0)
        close (fd);
    }
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a folder, not a database."), path);
      return NULL;
    }

  if (access (path, W_OK) != 0)
    {
      self->read_only = TRUE;
      self->read_only_reason = g_strdup (_("the database file can only be read"));
    }
  if (access (dir, W_OK) != 0)
    {
      /* No -wal or -shm file can be made: read the file as it is. */
      self->read_only = TRUE;
      immutable = TRUE;
      set_str (&self->read_only_reason,
               _("the folder that holds the database can only be read"));
    }
  else if (!take_lock (self, error))
    return NULL;

  if (!open_connection (self, immutable, error) ||
      !check_identity (self, error) ||
      !configure (self, error) ||
      !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* A second connection to the same file, for bulk work on another thread.
 * It shares the owner's lock rather than taking its own. */
static RegStore *
open_worker (RegStore  *owner,
             GError   **error)
{
  g_autoptr(RegStore) self = store_new (owner->path);

  self->is_worker = TRUE;
  if (!open_connection (self, FALSE, error) ||
      !check_identity (self, error) ||
      !configure (self, error))
    return NULL;

  /* Bulk work touches many pages at once: give it room (256 MiB at most,
   * allocated only as used). */
  if (!reg_store_exec (self, "PRAGMA cache_size = -262144", _("open the database"), error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
reg_store_get_path (RegStore *self)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return self->path;
}

gboolean
reg_store_is_read_only (RegStore *self)
{
  g_return_val_if_fail (REG_IS_STORE (self), TRUE);
  return self->read_only;
}

const char *
reg_store_get_read_only_reason (RegStore *self)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return self->read_only_reason;
}

int
reg_store_get_schema_version (RegStore *self)
{
  g_return_val_if_fail (REG_IS_STORE (self), 0);
  return self->schema_version;
}

sqlite3 *
reg_store_get_db (RegStore *self)
{
  return self->db;
}

static void
forget_ranks (RegStore *self)
{
  g_clear_pointer (&self->name_rank, g_free);
  g_clear_pointer (&self->contact_rank, g_free);
  g_clear_pointer (&self->name_order, g_array_unref);
  g_clear_pointer (&self->contact_order, g_array_unref);
  self->n_ranks = 0;
}

static void
emit (RegStore *self,
      guint     signal_id,
      ...)
{
  va_list args;

  /* Workers change rows in bulk; their owner announces it when done. */
  if (self->is_worker)
    return;

  if (signal_id == CUSTOMER_CHANGED || signal_id == RELOADED)
    forget_ranks (self);

  va_start (args, signal_id);
  g_signal_emit_valist (self, signals[signal_id], 0, args);
  va_end (args);
}

/* ------------------------------------------------------------------ */
/* Customers                                                            */

static const char * const customer_props[] = {
  "id", "display-name", "given-name", "family-name", "company",
  "street", "locality", "region", "postal-code", "country", "birthday",
  "kind", "internal", "vip", "owner-id", "consent", "consent-at",
  "created-at", "updated-at", "last-contact-at", "deleted-at",
};

#define CUSTOMER_COLUMNS \
  "id, display_name, given_name, family_name, company, " \
  "street, locality, region, postal_code, country, birthday, " \
  "kind, internal, vip, owner_id, consent, consent_at, " \
  "created_at, updated_at, last_contact_at, deleted_at"

static const char SQL_CUSTOMER_GET[] =
  "SELECT " CUSTOMER_COLUMNS " FROM customers WHERE id = ?1";

static const char SQL_CUSTOMER_INSERT[] =
  "INSERT INTO customers (display_name, given_name, family_name, company, "
  "  street, locality, region, postal_code, country, birthday, "
  "  kind, internal, vip, owner_id, consent, consent_at, "
  "  created_at, updated_at, last_contact_at, deleted_at, name_key, family_key) "
  "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
  "  ?18, ?19, ?20, ?21, reg_fold (?2), ?22)";

static const char SQL_CUSTOMER_UPDATE[] =
  "UPDATE customers SET display_name = ?2, given_name = ?3, family_name = ?4, "
  "  company = ?5, street = ?6, locality = ?7, region = ?8, postal_code = ?9, "
  "  country = ?10, birthday = ?11, kind = ?12, internal = ?13, vip = ?14, "
  "  owner_id = ?15, consent = ?16, consent_at = ?17, updated_at = ?19, "
  "  last_contact_at = ?20, deleted_at = ?21, "
  "  name_key = reg_fold (?2), family_key = ?22 "
  "WHERE id = ?1";

static const char SQL_CONTACTS_DELETE[] =
  "DELETE FROM customer_contacts WHERE customer_id = ?1";

static const char SQL_CONTACT_INSERT[] =
  "INSERT INTO customer_contacts (customer_id, kind, position, label, value) "
  "VALUES (?1, ?2, ?3, ?4, ?5)";

static const char SQL_TAGS_DELETE[] =
  "DELETE FROM customer_tags WHERE customer_id = ?1";

static const char SQL_TAG_ENSURE[] =
  "INSERT INTO tags (name) VALUES (trim (?1)) ON CONFLICT (name) DO NOTHING";

static const char SQL_TAG_LINK[] =
  "INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) "
  "SELECT ?1, id FROM tags WHERE name = trim (?2)";

static const char SQL_TAGS_ALL[] =
  "SELECT name FROM tags ORDER BY name COLLATE NOCASE";

static const char SQL_CUSTOMER_SET_DELETED[] =
  "UPDATE customers SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1";

static const char SQL_CUSTOMER_COUNT[] =
  "SELECT count(*) FROM customers WHERE deleted_at IS NULL";

static const char SQL_CUSTOMER_LAST_CONTACT[] =
  "SELECT last_contact_at FROM customers WHERE id = ?1";

#define PAGE_PARAMS \
  "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, " \
  "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32"
#define PAGE_SIZE 32

static const char SQL_CUSTOMER_PAGE[] =
  "SELECT " CUSTOMER_COLUMNS " FROM customers WHERE id IN (" PAGE_PARAMS ")";

static const char SQL_CONTACTS_PAGE[] =
  "SELECT customer_id, kind, label, value FROM customer_contacts "
  "WHERE customer_id IN (" PAGE_PARAMS ") ORDER BY customer_id, kind, position";

static const char SQL_TAGS_PAGE[] =
  "SELECT ct.customer_id, t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id "
  "WHERE ct.customer_id IN (" PAGE_PARAMS ") ORDER BY ct.customer_id, t.name COLLATE NOCASE";

static const char SQL_FLAGS_PAGE[] =
  "SELECT c.id,"
  "  EXISTS (SELECT 1 FROM follow_ups f WHERE f.customer_id = c.id AND f.status = 'open'"
  "          AND f.deleted_at IS NULL AND max (f.due_at, ifnull (f.snoozed_until, 0)) <= ?33),"
  "  EXISTS (SELECT 1 FROM cases k WHERE k.customer_id = c.id"
  "          AND k.status NOT IN ('resolved', 'closed') AND k.deleted_at IS NULL),"
  "  EXISTS (SELECT 1 FROM cases k WHERE k.customer_id = c.id"
  "          AND k.status NOT IN ('resolved', 'closed') AND k.deleted_at IS NULL"
  "          AND k.target_at <= ?33) "
  "FROM customers c WHERE c.id IN (" PAGE_PARAMS ")";

typedef struct
{
  GPtrArray   *phones;
  GPtrArray   *emails;
  GStrvBuilder *tags;
} PageDetails;

static void
page_details_free (PageDetails *details)
{
  g_ptr_array_unref (details->phones);
  g_ptr_array_unref (details->emails);
  g_strv_builder_unref (details->tags);
  g_free (details);
}

static PageDetails *
page_details_for (GHashTable *details,
                  gint64      id)
{
  PageDetails *d = g_hash_table_lookup (details, &id);

  if (d == NULL)
    {
      d = g_new0 (PageDetails, 1);
      d->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_labeled_value_free);
      d->emails = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_labeled_value_free);
      d->tags = g_strv_builder_new ();
      g_hash_table_insert (details, g_memdup2 (&id, sizeof id), d);
    }
  return d;
}

static sqlite3_stmt *
prepare_page (RegStore      *self,
              const char    *sql,
              const gint64  *ids,
              guint          n_ids,
              GError       **error)
{
  sqlite3_stmt *stmt = reg_store_prepare (self, sql, error);

  if (stmt != NULL)
    for (guint i = 0; i < n_ids; i++)
      sqlite3_bind_int64 (stmt, (int) i + 1, ids[i]);
  return stmt;
}

/* The phones, emails and tags of the customers in @loaded (id → object),
 * in two queries rather than two per customer. */
static gboolean
load_page_details (RegStore    *self,
                   GHashTable  *loaded,
                   GError     **error)
{
  g_autoptr(GHashTable) details = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) page_details_free);
  gint64 ids[PAGE_SIZE];
  guint n_ids = 0;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;
  int rc;

  g_hash_table_iter_init (&iter, loaded);
  while (g_hash_table_iter_next (&iter, &key, NULL) && n_ids < PAGE_SIZE)
    ids[n_ids++] = *(gint64 *) key;

  if (!(stmt = prepare_page (self, SQL_CONTACTS_PAGE, ids, n_ids, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PageDetails *d = page_details_for (details, sqlite3_column_int64 (stmt, 0));
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);

      g_ptr_array_add (g_str_equal (kind, "phone") ? d->phones : d->emails,
                       reg_labeled_value_new ((const char *) sqlite3_column_text (stmt, 2),
                                              (const char *) sqlite3_column_text (stmt, 3)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  if (!(stmt = prepare_page (self, SQL_TAGS_PAGE, ids, n_ids, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (page_details_for (details, sqlite3_column_int64 (stmt, 0))->tags,
                        (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  g_hash_table_iter_init (&iter, loaded);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PageDetails *d = page_details_for (details, *(gint64 *) key);
      g_auto(GStrv) tags = g_strv_builder_end (d->tags);

      reg_customer_set_phones (value, d->phones);
      reg_customer_set_emails (value, d->emails);
      reg_customer_set_tags (value, (const char * const *) tags);
    }
  return TRUE;

failed:
  set_sqlite_error (self, error, rc, _("read customers"));
  return FALSE;
}

/* Whether the customers in @loaded have an overdue promise or an open
 * complaint, as the list's badges show; worked out again when either
 * changes. */
static gboolean
load_page_flags (RegStore    *self,
                 GHashTable  *loaded,
                 GError     **error)
{
  gint64 ids[PAGE_SIZE];
  guint n_ids = 0;
  GHashTableIter iter;
  gpointer key;
  sqlite3_stmt *stmt;
  int rc;

  g_hash_table_iter_init (&iter, loaded);
  while (g_hash_table_iter_next (&iter, &key, NULL) && n_ids < PAGE_SIZE)
    ids[n_ids++] = *(gint64 *) key;

  if (!(stmt = prepare_page (self, SQL_FLAGS_PAGE, ids, n_ids, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 33, reg_store_now (self));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      RegCustomer *customer = g_hash_table_lookup (loaded, &id);

      if (customer != NULL)
        reg_customer_set_flags (customer, sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 2),
                                sqlite3_column_int (stmt, 3));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("read customers"));
      return FALSE;
    }
  return TRUE;
}

/* One customer is a page of one. */
static GHashTable *
single_page (RegCustomer *customer,
             gint64      *id)
{
  GHashTable *loaded = g_hash_table_new (g_int64_hash, g_int64_equal);

  *id = reg_customer_get_id (customer);
  g_hash_table_insert (loaded, id, customer);
  return loaded;
}

/* Brings a live customer's badges up to date; for the reminder service
 * when a promise falls due. */
void
reg_store_refresh_customer_flags (RegStore *self,
                                  gint64    customer_id)
{
  g_autoptr(RegCustomer) customer = NULL;
  g_autoptr(GHashTable) loaded = NULL;
  gint64 id;

  g_return_if_fail (REG_IS_STORE (self));

  if ((customer = map_lookup (self->customers, customer_id)))
    {
      loaded = single_page (customer, &id);
      load_page_flags (self, loaded, NULL);
    }
}

static gboolean
load_customer_details (RegStore     *self,
                       RegCustomer  *customer,
                       GError      **error)
{
  gint64 id;
  g_autoptr(GHashTable) loaded = single_page (customer, &id);

  return load_page_details (self, loaded, error) &&
         load_page_flags (self, loaded, error);
}

/* Reads the row into @customer; FALSE with NOT_FOUND when it is gone. */
static gboolean
reload_customer (RegStore     *self,
                 RegCustomer  *customer,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = reg_store_prepare (self, SQL_CUSTOMER_GET, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, reg_customer_get_id (customer));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    object_from_row (G_OBJECT (customer), stmt, customer_props, G_N_ELEMENTS (customer_props));
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                   _("There is no customer number %" G_GINT64_FORMAT "."),
                   reg_customer_get_id (customer));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error, rc, _("read a customer"));
      return FALSE;
    }

  return load_customer_details (self, customer, error);
}

RegCustomer *
reg_store_get_customer (RegStore  *self,
                        gint64     id,
                        GError   **error)
{
  g_autoptr(RegCustomer) customer = NULL;

  g_return_val_if_fail (REG_IS_STORE (self), NULL);

  if ((customer = map_lookup (self->customers, id)))
    return g_steal_pointer (&customer);

  customer = reg_customer_new ();
  reg_customer_set_id (customer, id);
  if (!reload_customer (self, customer, error))
    return NULL;

  map_insert (self->customers, id, customer);
  return g_steal_pointer (&customer);
}

static gboolean
contacts_equal (RegStore    *self,
                RegCustomer *customer)
{
  g_autoptr(RegCustomer) stored = reg_customer_new ();

  reg_customer_set_id (stored, reg_customer_get_id (customer));
  if (!load_customer_details (self, stored, NULL))
    return FALSE;

  return reg_labeled_values_equal (reg_customer_get_phones (stored), reg_customer_get_phones (customer)) &&
         reg_labeled_values_equal (reg_customer_get_emails (stored), reg_customer_get_emails (customer)) &&
         g_strv_equal ((const char * const *) reg_customer_get_tags (stored),
                       (const char * const *) reg_customer_get_tags (customer));
}

static gboolean
write_contact_list (RegStore    *self,
                    gint64       id,
                    const char  *kind,
                    GPtrArray   *values,
                    GError     **error)
{
  for (guint i = 0; i < values->len; i++)
    {
      RegLabeledValue *value = g_ptr_array_index (values, i);
      sqlite3_stmt *stmt;

      if (!(stmt = reg_store_prepare (self, SQL_CONTACT_INSERT, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, (int) i);
      sqlite3_bind_text (stmt, 4, value->label ? value->label : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, value->value ? value->value : "", -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, _("save a customer"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
write_customer_details (RegStore     *self,
                        RegCustomer  *customer,
                        GError      **error)
{
  gint64 id = reg_customer_get_id (customer);
  const char * const *tags = (const char * const *) reg_customer_get_tags (customer);
  sqlite3_stmt *stmt;

  /* Each row written re-indexes the customer for search: write only
   * what really changed. */
  if (contacts_equal (self, customer))
    return TRUE;

  if (!(stmt = reg_store_prepare (self, SQL_CONTACTS_DELETE, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, _("save a customer"), error) ||
      !write_contact_list (self, id, "phone", reg_customer_get_phones (customer), error) ||
      !write_contact_list (self, id, "email", reg_customer_get_emails (customer), error))
    return FALSE;

  if (!(stmt = reg_store_prepare (self, SQL_TAGS_DELETE, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, _("save a customer"), error))
    return FALSE;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (is_blank (tags[i]))
        continue;

      if (!(stmt = reg_store_prepare (self, SQL_TAG_ENSURE, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, tags[i], -1, SQLITE_STATIC);
      if (!step_done (self, stmt, _("save a customer"), error))
        return FALSE;

      if (!(stmt = reg_store_prepare (self, SQL_TAG_LINK, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, tags[i], -1, SQLITE_STATIC);
      if (!step_done (self, stmt, _("save a customer"), error))
        return FALSE;
    }

  return TRUE;
}

/* What one or two typed letters are matched against besides the start
 * of the name: the family name, or failing that the name's last word. */
static char *
family_key (RegCustomer *customer)
{
  const char *family = reg_customer_get_family_name (customer);
  const char *name = reg_customer_get_display_name (customer);
  const char *last_space;

  if (family != NULL && *family != '\0')
    return reg_fold (family);

  last_space = strrchr (name, ' ');
  return reg_fold (last_space ? last_space + 1 : "");
}

static void
invalid_to_store_error (GError **error)
{
  /* Model validation already says which field; keep its message. */
  if (error != NULL && *error != NULL && (*error)->domain != REG_STORE_ERROR)
    {
      (*error)->domain = REG_STORE_ERROR;
      (*error)->code = REG_STORE_ERROR_INVALID;
    }
}

gboolean
reg_store_save_customer (RegStore     *self,
                         RegCustomer  *customer,
                         GError      **error)
{
  gint64 id, now;
  gboolean is_new;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_CUSTOMER (customer), FALSE);

  if (!reg_customer_validate (customer, error))
    {
      invalid_to_store_error (error);
      return FALSE;
    }
  if (!check_writable (self, error))
    return FALSE;

  id = reg_customer_get_id (customer);
  is_new = (id == 0);
  now = reg_store_now (self);

  if (!reg_store_begin (self, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (customer));
  if (is_new)
    reg_customer_set_created_at (customer, now);
  reg_customer_set_updated_at (customer, now);
  if (reg_customer_get_consent (customer) && reg_customer_get_consent_at (customer) == 0)
    reg_customer_set_consent_at (customer, now);
  else if (!reg_customer_get_consent (customer))
    reg_customer_set_consent_at (customer, 0);

  if (!(stmt = reg_store_prepare (self, is_new ? SQL_CUSTOMER_INSERT : SQL_CUSTOMER_UPDATE, error)))
    goto failed;
  bind_object (stmt, G_OBJECT (customer), customer_props, G_N_ELEMENTS (customer_props));
  sqlite3_bind_text (stmt, G_N_ELEMENTS (customer_props) + 1, family_key (customer), -1, g_free);
  if (!step_done (self, stmt, _("save a customer"), error))
    goto failed;

  if (is_new)
    reg_customer_set_id (customer, sqlite3_last_insert_rowid (self->db));
  else if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                   _("Customer number %" G_GINT64_FORMAT " no longer exists."), id);
      goto failed;
    }

  if (!write_customer_details (self, customer, error) ||
      !reg_store_commit (self, error))
    goto failed;

  g_object_thaw_notify (G_OBJECT (customer));
  id = reg_customer_get_id (customer);
  if (is_new)
    map_insert (self->customers, id, customer);
  emit (self, CUSTOMER_CHANGED, id, is_new ? REG_CHANGE_CREATED : REG_CHANGE_UPDATED);
  return TRUE;

failed:
  if (self->tx_depth > 0)
    reg_store_rollback (self);
  /* What is in memory goes back to what the database holds. */
  if (is_new)
    {
      reg_customer_set_id (customer, 0);
      reg_customer_set_created_at (customer, 0);
      reg_customer_set_updated_at (customer, 0);
    }
  else
    reload_customer (self, customer, NULL);
  g_object_thaw_notify (G_OBJECT (customer));
  return FALSE;
}

static gboolean
set_customer_deleted (RegStore     *self,
                      RegCustomer  *customer,
                      gint64        deleted_at,
                      GError      **error)
{
  gint64 id = reg_customer_get_id (customer);
  sqlite3_stmt *stmt;

  if (!check_writable (self, error))
    return FALSE;
  if (!(stmt = reg_store_prepare (self, SQL_CUSTOMER_SET_DELETED, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (deleted_at != 0)
    sqlite3_bind_int64 (stmt, 2, deleted_at);
  sqlite3_bind_int64 (stmt, 3, reg_store_now (self));
  if (!step_done (self, stmt, _("move a customer to the trash"), error))
    return FALSE;

  reg_customer_set_deleted_at (customer, deleted_at);
  emit (self, CUSTOMER_CHANGED, id, deleted_at ? REG_CHANGE_TRASHED : REG_CHANGE_RESTORED);
  return TRUE;
}

gboolean
reg_store_trash_customer (RegStore     *self,
                          RegCustomer  *customer,
                          GError      **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  return set_customer_deleted (self, customer, reg_store_now (self), error);
}

gboolean
reg_store_restore_customer (RegStore     *self,
                            RegCustomer  *customer,
                            GError      **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  return set_customer_deleted (self, customer, 0, error);
}

guint
reg_store_count_customers (RegStore *self)
{
  sqlite3_stmt *stmt = reg_store_prepare (self, SQL_CUSTOMER_COUNT, NULL);
  guint count = 0;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint) sqlite3_column_int (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  return count;
}

GStrv
reg_store_list_tags (RegStore *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = reg_store_prepare (self, SQL_TAGS_ALL, NULL);

  while (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (stmt)
    sqlite3_reset (stmt);
  return g_strv_builder_end (builder);
}

/* A visit moved the customer's last contact: show it on the live object. */
static void
refresh_last_contact (RegStore *self,
                      gint64    customer_id)
{
  g_autoptr(RegCustomer) customer = map_lookup (self->customers, customer_id);
  sqlite3_stmt *stmt;

  if (customer == NULL)
    return;
  if (!(stmt = reg_store_prepare (self, SQL_CUSTOMER_LAST_CONTACT, NULL)))
    return;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    reg_customer_set_last_contact_at (customer, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
}

/* ------------------------------------------------------------------ */
/* The customer list: ordered ids for a query                           */

/* Parameters: ?2 kind, ?3 vip, ?4 internal, ?5 owner, ?6 tag, ?7 not seen
 * since, ?8 overdue before, ?9 has open case, ?10 and ?11 short words
 * that must start a word of the name, ?12/?13 a name prefix range,
 * ?14 the search in the card's own fields, ?15 the search anywhere;
 * for the Overview's figures, the open case's ?16 severity, ?17/?18
 * opening time range and ?19 target passed by, ?20 whom the overdue
 * promise is assigned to, and ?21/?22 when a satisfaction was recorded.
 * The subqueries run once each, down their partial indexes. */
#define FILTERS \
  " AND (?2 IS NULL OR c.kind = ?2)" \
  " AND (?3 IS NULL OR c.vip = ?3)" \
  " AND (?4 IS NULL OR c.internal = ?4)" \
  " AND (?5 IS NULL OR c.owner_id = ?5)" \
  " AND (?6 IS NULL OR EXISTS (SELECT 1 FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id" \
  "      WHERE ct.customer_id = c.id AND t.name = ?6))" \
  " AND (?7 IS NULL OR ifnull (c.last_contact_at, c.created_at) < ?7)" \
  " AND (?8 IS NULL OR c.id IN (SELECT f.customer_id FROM follow_ups f" \
  "      WHERE f.status = 'open' AND f.deleted_at IS NULL" \
  "      AND max (f.due_at, ifnull (f.snoozed_until, 0)) <= ?8" \
  "      AND (?20 IS NULL OR ifnull (f.assigned_to, -1) = ?20)))" \
  " AND (?9 IS NULL OR c.id IN (SELECT k.customer_id FROM cases k" \
  "      WHERE k.status NOT IN ('resolved', 'closed') AND k.deleted_at IS NULL" \
  "      AND (?16 IS NULL OR k.severity = ?16)" \
  "      AND (?17 IS NULL OR k.opened_at >= ?17) AND (?18 IS NULL OR k.opened_at < ?18)" \
  "      AND (?19 IS NULL OR k.target_at <= ?19)))" \
  " AND (?21 IS NULL OR c.id IN (SELECT v.customer_id FROM visits v" \
  "      WHERE v.satisfaction IS NOT NULL AND v.deleted_at IS NULL" \
  "      AND v.happened_at >= ?21 AND v.happened_at < ?22" \
  "      UNION ALL SELECT r.customer_id FROM cases r" \
  "      WHERE r.satisfaction IS NOT NULL AND r.deleted_at IS NULL" \
  "      AND r.resolved_at >= ?21 AND r.resolved_at < ?22))" \
  " AND (?10 IS NULL OR instr (' ' || c.name_key, ' ' || ?10) > 0)" \
  " AND (?11 IS NULL OR instr (' ' || c.name_key, ' ' || ?11) > 0)"

/* Without filters the statement reads only the ordering index. */
#define NO_FILTERS \
  " AND ?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL" \
  " AND ?7 IS NULL AND ?8 IS NULL AND ?9 IS NULL AND ?10 IS NULL AND ?11 IS NULL" \
  " AND ?16 IS NULL AND ?17 IS NULL AND ?18 IS NULL AND ?19 IS NULL AND ?20 IS NULL" \
  " AND ?21 IS NULL AND ?22 IS NULL"

#define ALL_LIVE     "SELECT c.id FROM customers c WHERE c.deleted_at IS NULL"
#define NAME_PREFIX  " AND c.name_key >= ?12 AND c.name_key < ?13"
#define FAMILY_PREFIX " AND c.family_key >= ?12 AND c.family_key < ?13" \
                     " AND NOT (c.name_key >= ?12 AND c.name_key < ?13)"
#define IN_FIELDS    " AND c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?14)"
#define ELSEWHERE    " AND c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?15)"

#define ORDER_NAME         " ORDER BY c.name_key, c.id"
#define ORDER_LAST_CONTACT " ORDER BY c.last_contact_at, c.id"
#define ORDER_NEWEST       " ORDER BY c.id DESC"

#define QUERY_VARIANTS(mode) \
  { { ALL_LIVE mode NO_FILTERS ORDER_NAME, ALL_LIVE mode FILTERS ORDER_NAME }, \
    { ALL_LIVE mode NO_FILTERS ORDER_LAST_CONTACT, ALL_LIVE mode FILTERS ORDER_LAST_CONTACT }, \
    { ALL_LIVE mode NO_FILTERS ORDER_NEWEST, ALL_LIVE mode FILTERS ORDER_NEWEST } }

/* A search runs in two steps, whose results are listed one after the
 * other: first the customers whose name starts with the letters, or
 * whose card has the words; then those whose family name starts with
 * them, or whose notes and visits have them. */
enum { MODE_ALL, MODE_NAME_PREFIX, MODE_FAMILY_PREFIX, MODE_FIELDS, MODE_ELSEWHERE, N_MODES };

/* [mode][sort][with filters] */
static const char * const query_sql[N_MODES][3][2] = {
  QUERY_VARIANTS (""),
  QUERY_VARIANTS (NAME_PREFIX),
  QUERY_VARIANTS (FAMILY_PREFIX),
  QUERY_VARIANTS (IN_FIELDS),
  QUERY_VARIANTS (ELSEWHERE),
};

static const char SQL_TRASH[] =
  "SELECT c.id FROM customers c WHERE c.deleted_at IS NOT NULL"
  " AND (?1 IS NULL OR instr (c.name_key, ?1) > 0)"
  " ORDER BY c.deleted_at DESC, c.id DESC";

G_DEFINE_BOXED_TYPE (RegCustomerQuery, reg_customer_query,
                     reg_customer_query_copy, reg_customer_query_free)

RegCustomerQuery *
reg_customer_query_new (void)
{
  RegCustomerQuery *query = g_new0 (RegCustomerQuery, 1);

  query->kind = -1;
  query->vip = -1;
  query->internal = -1;
  query->sort = REG_SORT_NAME;
  query->case_severity = -1;
  return query;
}

RegCustomerQuery *
reg_customer_query_copy (const RegCustomerQuery *query)
{
  RegCustomerQuery *copy = g_memdup2 (query, sizeof *query);

  copy->search = g_strdup (query->search);
  copy->tag = g_strdup (query->tag);
  return copy;
}

void
reg_customer_query_free (RegCustomerQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->search);
  g_free (query->tag);
  g_free (query);
}

gboolean
reg_customer_query_equal (const RegCustomerQuery *a,
                          const RegCustomerQuery *b)
{
  return g_strcmp0 (a->search, b->search) == 0 &&
         g_strcmp0 (a->tag, b->tag) == 0 &&
         a->kind == b->kind && a->vip == b->vip && a->internal == b->internal &&
         a->owner_id == b->owner_id && a->not_seen_days == b->not_seen_days &&
         a->has_overdue == b->has_overdue && a->has_open_case == b->has_open_case &&
         a->trashed == b->trashed && a->sort == b->sort &&
         a->case_severity == b->case_severity && a->case_opened_from == b->case_opened_from &&
         a->case_opened_until == b->case_opened_until && a->case_past_target == b->case_past_target &&
         a->overdue_for == b->overdue_for && a->rated_from == b->rated_from &&
         a->rated_until == b->rated_until;
}

/* Whether @q narrows the list by anything but its search text. */
gboolean
reg_customer_query_has_filters (const RegCustomerQuery *q)
{
  return q->kind >= 0 || q->vip >= 0 || q->internal >= 0 || q->owner_id != 0 ||
         (q->tag != NULL && *q->tag != '\0') || q->not_seen_days > 0 ||
         q->has_overdue || q->has_open_case || q->case_severity >= 0 ||
         q->case_opened_from != 0 || q->case_opened_until != 0 || q->case_past_target ||
         q->overdue_for != 0 || q->rated_from != 0 || q->rated_until != 0;
}

/* An FTS5 phrase for each word: "word" with quotes doubled. */
static void
append_phrase (GString    *expr,
               const char *word)
{
  if (expr->len > 0)
    g_string_append (expr, " AND ");
  g_string_append_c (expr, '"');
  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (expr, '"');
      g_string_append_c (expr, *p);
    }
  g_string_append_c (expr, '"');
}

/* Appends the ids the statement yields, leaving out those in @seen (the
 * first step's, for the second step) and adding its own to it. */
static gboolean
run_id_query (RegStore      *self,
              sqlite3_stmt  *stmt,
              GArray        *ids,
              GHashTable    *seen,
              GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (seen != NULL)
        {
          if (g_hash_table_contains (seen, &id))
            continue;
          g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
        }
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("search the customers"));
      return FALSE;
    }
  return TRUE;
}

static const char SQL_MAX_CUSTOMER_ID[] =
  "SELECT ifnull (max (id), 0) FROM customers";
static const char SQL_RANK_BY_NAME[] =
  "SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY name_key, id";
static const char SQL_RANK_BY_LAST_CONTACT[] =
  "SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY last_contact_at, id";
static const char SQL_SEARCH_ROWIDS[] =
  "SELECT rowid FROM customer_search WHERE customer_search MATCH ?1";

static gboolean
read_ranks (RegStore    *self,
            const char  *sql,
            guint32     *rank,
            GArray      *order,
            GError     **error)
{
  sqlite3_stmt *stmt = reg_store_prepare (self, sql, error);
  guint32 position = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      if (id > 0 && id < self->n_ranks)
        {
          rank[id] = position++;
          g_array_append_val (order, id);
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("search the customers"));
      return FALSE;
    }
  return TRUE;
}

/* Sorting a search's hits in SQL means reading every hit's row for its
 * name; with 100,000 customers a three-letter search can hit most of
 * them. Instead the store keeps each customer's place in the two orders
 * (two small arrays, read in one pass of each index, again after any
 * change) and sorts the hits by that. */
static gboolean
ensure_ranks (RegStore  *self,
              RegSort    sort,
              GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 max_id = 0;

  if (self->name_rank == NULL)
    {
      if (!(stmt = reg_store_prepare (self, SQL_MAX_CUSTOMER_ID, error)))
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        max_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      self->n_ranks = max_id + 1;
      self->name_rank = g_new (guint32, self->n_ranks);
      memset (self->name_rank, 0xff, self->n_ranks * sizeof (guint32));
      self->name_order = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!read_ranks (self, SQL_RANK_BY_NAME, self->name_rank, self->name_order, error))
        {
          forget_ranks (self);
          return FALSE;
        }
    }

  /* The order of last contact is read the first time it is asked for. */
  if (sort == REG_SORT_LAST_CONTACT && self->contact_rank == NULL)
    {
      self->contact_rank = g_new (guint32, self->n_ranks);
      memset (self->contact_rank, 0xff, self->n_ranks * sizeof (guint32));
      self->contact_order = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!read_ranks (self, SQL_RANK_BY_LAST_CONTACT, self->contact_rank, self->contact_order, error))
        {
          forget_ranks (self);
          return FALSE;
        }
    }
  return TRUE;
}

typedef struct
{
  guint32 rank;
  gint64  id;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  return (ra->rank > rb->rank) - (ra->rank < rb->rank);
}

/* Appends the live customers whose search document matches @expr, in
 * @sort order, leaving out those already in @seen. */
static gboolean
search_ranked (RegStore    *self,
               const char  *expr,
               RegSort      sort,
               guint8      *seen,
               GArray      *ids,
               GError     **error)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (Ranked));
  sqlite3_stmt *stmt = reg_store_prepare (self, SQL_SEARCH_ROWIDS, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, expr, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      Ranked hit;

      /* Trashed, or added since the ranks were read: not listed. */
      if (id <= 0 || id >= self->n_ranks || self->name_rank[id] == G_MAXUINT32 || seen[id])
        continue;
      seen[id] = 1;

      hit.id = id;
      if (sort == REG_SORT_LAST_CONTACT)
        hit.rank = self->contact_rank[id];
      else if (sort == REG_SORT_NEWEST)
        hit.rank = (guint32) (self->n_ranks - id);
      else
        hit.rank = self->name_rank[id];
      g_array_append_val (hits, hit);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("search the customers"));
      return FALSE;
    }

  g_array_sort (hits, compare_ranked);
  for (guint i = 0; i < hits->len; i++)
    g_array_append_val (ids, g_array_index (hits, Ranked, i).id);
  return TRUE;
}

GArray *
reg_store_query_customer_ids (RegStore                *self,
                              const RegCustomerQuery  *query,
                              GError                 **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) long_words = g_string_new (NULL);
  g_autofree char *fields_expr = NULL;
  const char *short_words[2] = { NULL, NULL };
  guint n_short = 0;
  const char *prefix = NULL;
  g_autofree char *prefix_upper = NULL;
  int first_mode = MODE_ALL, last_mode = MODE_ALL;
  g_autoptr(GHashTable) seen_ids = NULL;
  gboolean filters;
  int sort;
  sqlite3_stmt *stmt;
  gint64 now;

  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  folded = reg_fold (query->search ? query->search : "");
  words = g_strsplit_set (g_strstrip (folded), " \t\n", -1);

  if (query->trashed)
    {
      if (!(stmt = reg_store_prepare (self, SQL_TRASH, error)))
        return NULL;
      if (*folded != '\0')
        sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_STATIC);
      if (!run_id_query (self, stmt, ids, NULL, error))
        return NULL;
      return g_steal_pointer (&ids);
    }

  /* Words of three letters or more go to the trigram index; shorter
   * ones must start a word of the name. */
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (g_utf8_strlen (words[i], -1) >= 3)
        append_phrase (long_words, words[i]);
      else if (n_short < G_N_ELEMENTS (short_words))
        short_words[n_short++] = words[i];
    }

  sort = CLAMP ((int) query->sort, 0, 2);
  filters = reg_customer_query_has_filters (query);
  now = reg_store_now (self);

  if (long_words->len > 0)
    {
      first_mode = MODE_FIELDS;
      last_mode = MODE_ELSEWHERE;
      fields_expr = g_strdup_printf ("fields : (%s)", long_words->str);
    }
  else if (n_short == 1)
    {
      /* One or two letters: range scans of the name indexes. */
      first_mode = MODE_NAME_PREFIX;
      last_mode = MODE_FAMILY_PREFIX;
      prefix = short_words[0];
      n_short = 0;
      prefix_upper = g_strconcat (prefix, "\xf4\x8f\xbf\xbf", NULL);
    }

  if (n_short > 0)
    filters = TRUE;

  /* Everyone, as after clearing the search: the orders are at hand. */
  if (long_words->len == 0 && prefix == NULL && !filters)
    {
      if (!ensure_ranks (self, (RegSort) sort, error))
        return NULL;
      if (sort == REG_SORT_NAME)
        g_array_append_vals (ids, self->name_order->data, self->name_order->len);
      else if (sort == REG_SORT_LAST_CONTACT)
        g_array_append_vals (ids, self->contact_order->data, self->contact_order->len);
      else
        for (gint64 id = self->n_ranks - 1; id > 0; id--)
          if (self->name_rank[id] != G_MAXUINT32)
            g_array_append_val (ids, id);
      return g_steal_pointer (&ids);
    }

  /* Words alone, the usual case while typing: the index and the ranks. */
  if (fields_expr != NULL && !filters)
    {
      g_autofree guint8 *seen = NULL;

      if (!ensure_ranks (self, (RegSort) sort, error))
        return NULL;
      seen = g_malloc0 (self->n_ranks);
      if (!search_ranked (self, fields_expr, (RegSort) sort, seen, ids, error) ||
          !search_ranked (self, long_words->str, (RegSort) sort, seen, ids, error))
        return NULL;
      return g_steal_pointer (&ids);
    }

  if (fields_expr != NULL)
    seen_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (int mode = first_mode; mode <= last_mode; mode++)
    {
      if (!(stmt = reg_store_prepare (self, query_sql[mode][sort][filters ? 1 : 0], error)))
        return NULL;

      if (query->kind >= 0)
        sqlite3_bind_text (stmt, 2, reg_enum_to_nick (REG_TYPE_CUSTOMER_KIND, query->kind), -1, SQLITE_STATIC);
      if (query->vip >= 0)
        sqlite3_bind_int (stmt, 3, query->vip ? 1 : 0);
      if (query->internal >= 0)
        sqlite3_bind_int (stmt, 4, query->internal ? 1 : 0);
      if (query->owner_id != 0)
        sqlite3_bind_int64 (stmt, 5, query->owner_id);
      if (query->tag != NULL && *query->tag != '\0')
        sqlite3_bind_text (stmt, 6, query->tag, -1, SQLITE_STATIC);
      if (query->not_seen_days > 0)
        sqlite3_bind_int64 (stmt, 7, now - (gint64) query->not_seen_days * 86400);
      if (query->has_overdue || query->overdue_for != 0)
        sqlite3_bind_int64 (stmt, 8, now);
      if (query->overdue_for != 0)
        sqlite3_bind_int64 (stmt, 20, query->overdue_for);
      if (query->has_open_case || query->case_severity >= 0 || query->case_opened_from != 0 ||
          query->case_opened_until != 0 || query->case_past_target)
        sqlite3_bind_int (stmt, 9, 1);
      if (query->case_severity >= 0)
        sqlite3_bind_text (stmt, 16, reg_enum_to_nick (REG_TYPE_CASE_SEVERITY, query->case_severity), -1, SQLITE_STATIC);
      if (query->case_opened_from != 0)
        sqlite3_bind_int64 (stmt, 17, query->case_opened_from);
      if (query->case_opened_until != 0)
        sqlite3_bind_int64 (stmt, 18, query->case_opened_until);
      if (query->case_past_target)
        sqlite3_bind_int64 (stmt, 19, now);
      if (query->rated_from != 0 || query->rated_until != 0)
        {
          sqlite3_bind_int64 (stmt, 21, query->rated_from);
          sqlite3_bind_int64 (stmt, 22, query->rated_until != 0 ? query->rated_until : G_MAXINT64);
        }
      if (n_short > 0)
        sqlite3_bind_text (stmt, 10, short_words[0], -1, SQLITE_STATIC);
      if (n_short > 1)
        sqlite3_bind_text (stmt, 11, short_words[1], -1, SQLITE_STATIC);
      if (prefix != NULL)
        {
          sqlite3_bind_text (stmt, 12, prefix, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 13, prefix_upper, -1, SQLITE_STATIC);
        }
      if (fields_expr != NULL)
        {
          sqlite3_bind_text (stmt, 14, fields_expr, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 15, long_words->str, -1, SQLITE_STATIC);
        }

      if (!run_id_query (self, stmt, ids, fields_expr != NULL ? seen_ids : NULL, error))
        return NULL;
    }

  return g_steal_pointer (&ids);
}

/* The customers with @ids, in that order, read a page of rows at a time
 * by key. Rows already alive are not read again. */
GPtrArray *
reg_store_load_customers (RegStore      *self,
                          const gint64  *ids,
                          guint          n_ids,
                          GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_full (n_ids, g_object_unref);

  g_return_val_if_fail (REG_IS_STORE (self), NULL);

  for (guint start = 0; start < n_ids; start += PAGE_SIZE)
    {
      guint n = MIN (PAGE_SIZE, n_ids - start);
      g_autoptr(GHashTable) loaded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
      sqlite3_stmt *stmt;
      gint64 missing[PAGE_SIZE];
      guint n_missing = 0;
      int rc = SQLITE_DONE;

      for (guint i = 0; i < n; i++)
        if (!g_hash_table_contains (self->customers, &ids[start + i]))
          missing[n_missing++] = ids[start + i];

      if (!(stmt = prepare_page (self, SQL_CUSTOMER_PAGE, missing, n_missing, error)))
        return NULL;

      while (n_missing > 0 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          RegCustomer *customer = reg_customer_new ();

          object_from_row (G_OBJECT (customer), stmt, customer_props, G_N_ELEMENTS (customer_props));
          g_hash_table_insert (loaded, g_memdup2 (&(gint64) { reg_customer_get_id (customer) }, sizeof (gint64)),
                               customer);
        }
      sqlite3_reset (stmt);
      if (n_missing > 0 && rc != SQLITE_DONE)
        {
          set_sqlite_error (self, error, rc, _("read customers"));
          return NULL;
        }
      if (n_missing > 0 &&
          (!load_page_details (self, loaded, error) || !load_page_flags (self, loaded, error)))
        return NULL;

      for (guint i = 0; i < n; i++)
        {
          gint64 id = ids[start + i];
          RegCustomer *customer = map_lookup (self->customers, id);

          if (customer == NULL)
            {
              customer = g_hash_table_lookup (loaded, &id);
              if (customer == NULL)
                {
                  g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                               _("There is no customer number %" G_GINT64_FORMAT "."), id);
                  return NULL;
                }
              g_object_ref (customer);
              map_insert (self->customers, id, customer);
            }
          g_ptr_array_add (result, customer);
        }
    }

  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------------ */
/* The other entities share one way in and out of the database          */

typedef struct
{
  const char          *noun;         /* for messages, translated at use */
  GType              (*get_type) (void);
  gboolean           (*validate) (gpointer object, GError **error);
  gsize                map_offset;   /* of the identity map in RegStore */
  const char * const  *props;        /* column order of every SELECT */
  guint                n_props;
  const char          *sql_get;
  const char          *sql_insert;
  const char          *sql_update;
  const char          *sql_set_deleted;
} EntityInfo;

#define ENTITY_MAP(self, info) (*(GHashTable **) G_STRUCT_MEMBER_P ((self), (info)->map_offset))

static gint64
object_get_int64 (gpointer    object,
                  const char *prop)
{
  gint64 value = 0;

  g_object_get (object, prop, &value, NULL);
  return value;
}

static gboolean
object_has_prop (gpointer    object,
                 const char *prop)
{
  return g_object_class_find_property (G_OBJECT_GET_CLASS (object), prop) != NULL;
}

static gboolean
entity_reload (RegStore          *self,
               const EntityInfo  *info,
               gpointer           object,
               GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = reg_store_prepare (self, info->sql_get, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, object_get_int64 (object, "id"));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    object_from_row (object, stmt, info->props, info->n_props);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                   _("There is no %s number %" G_GINT64_FORMAT "."),
                   _(info->noun), object_get_int64 (object, "id"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error, rc, _("read the database"));
      return FALSE;
    }
  return TRUE;
}

static gpointer
entity_get (RegStore          *self,
            const EntityInfo  *info,
            gint64             id,
            GError           **error)
{
  GHashTable *map = ENTITY_MAP (self, info);
  g_autoptr(GObject) object = map_lookup (map, id);

  if (object != NULL)
    return g_steal_pointer (&object);

  object = g_object_new (info->get_type (), "id", id, NULL);
  if (!entity_reload (self, info, object, error))
    return NULL;

  map_insert (map, id, object);
  return g_steal_pointer (&object);
}

/* Runs @sql, bound to @key, and returns its rows as live objects. */
static GPtrArray *
entity_list (RegStore          *self,
             const EntityInfo  *info,
             const char        *sql,
             gint64             key,
             GError           **error)
{
  GHashTable *map = ENTITY_MAP (self, info);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = reg_store_prepare (self, sql, error)))
    return NULL;
  if (key != 0)
    sqlite3_bind_int64 (stmt, 1, key);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GObject *object = map_lookup (map, id);

      if (object == NULL)
        {
          object = g_object_new (info->get_type (), NULL);
          object_from_row (object, stmt, info->props, info->n_props);
          map_insert (map, id, object);
        }
      g_ptr_array_add (list, object);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("read the database"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Inserts (id 0) or updates the row of @object, in the caller's
 * transaction if there is one. On failure the object returns to what the
 * database holds. */
static gboolean
entity_save (RegStore          *self,
             const EntityInfo  *info,
             gpointer           object,
             gboolean          *created,
             GError           **error)
{
  gint64 id = object_get_int64 (object, "id");
  gboolean is_new = (id == 0);
  gint64 now = reg_store_now (self);
  sqlite3_stmt *stmt;

  if (info->validate != NULL && !info->validate (object, error))
    {
      invalid_to_store_error (error);
      return FALSE;
    }
  if (!check_writable (self, error))
    return FALSE;

  g_object_freeze_notify (object);
  if (is_new && object_has_prop (object, "created-at") &&
      object_get_int64 (object, "created-at") == 0)
    g_object_set (object, "created-at", now, NULL);
  if (object_has_prop (object, "updated-at"))
    g_object_set (object, "updated-at", now, NULL);

  if (!(stmt = reg_store_prepare (self, is_new ? info->sql_insert : info->sql_update, error)))
    goto failed;
  bind_object (stmt, object, info->props, info->n_props);
  if (!step_done (self, stmt, _("save"), error))
    goto failed;

  if (is_new)
    {
      g_object_set (object, "id", (gint64) sqlite3_last_insert_rowid (self->db), NULL);
      map_insert (ENTITY_MAP (self, info), object_get_int64 (object, "id"), object);
    }
  else if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                   _("There is no %s number %" G_GINT64_FORMAT "."), _(info->noun), id);
      goto failed;
    }

  g_object_thaw_notify (object);
  if (created != NULL)
    *created = is_new;
  return TRUE;

failed:
  if (is_new)
    g_object_set (object, "id", (gint64) 0, NULL);
  else
    entity_reload (self, info, object, NULL);
  g_object_thaw_notify (object);
  return FALSE;
}

/* entity_save in a transaction of its own. */
static gboolean
entity_save_one (RegStore          *self,
                 const EntityInfo  *info,
                 gpointer           object,
                 gboolean          *created,
                 GError           **error)
{
  if (!check_writable (self, error) || !reg_store_begin (self, error))
    return FALSE;

  if (!entity_save (self, info, object, created, error))
    {
      reg_store_rollback (self);
      return FALSE;
    }
  if (!reg_store_commit (self, error))
    {
      gint64 id = object_get_int64 (object, "id");
      if (created != NULL && *created)
        {
          g_hash_table_remove (ENTITY_MAP (self, info), &id);
          g_object_set (object, "id", (gint64) 0, NULL);
        }
      else
        entity_reload (self, info, object, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
entity_set_deleted (RegStore          *self,
                    const EntityInfo  *info,
                    gpointer           object,
                    gboolean           deleted,
                    GError           **error)
{
  gint64 deleted_at = deleted ? reg_store_now (self) : 0;
  sqlite3_stmt *stmt;

  if (!check_writable (self, error))
    return FALSE;
  if (!(stmt = reg_store_prepare (self, info->sql_set_deleted, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, object_get_int64 (object, "id"));
  if (deleted_at != 0)
    sqlite3_bind_int64 (stmt, 2, deleted_at);
  if (!step_done (self, stmt, deleted ? _("move to the trash") : _("restore from the trash"), error))
    return FALSE;

  g_object_set (object, "deleted-at", deleted_at, NULL);
  return TRUE;
}

#define PROPS(array) array, G_N_ELEMENTS (array)

/* Crib notes ------------------------------------------------------------ */

static const char * const crib_note_props[] = {
  "id", "customer-id", "position", "text", "created-at", "updated-at", "deleted-at",
};

static const EntityInfo crib_note_info = {
  N_("crib note"), reg_crib_note_get_type, (gpointer) reg_crib_note_validate,
  G_STRUCT_OFFSET (RegStore, crib_notes), PROPS (crib_note_props),
  "SELECT id, customer_id, position, text, created_at, updated_at, deleted_at "
  "FROM crib_notes WHERE id = ?1",
  "INSERT INTO crib_notes (customer_id, position, text, created_at, updated_at, deleted_at) "
  "VALUES (?2, (SELECT ifnull (max (position) + 1, 0) FROM crib_notes WHERE customer_id = ?2), "
  "  ?4, ?5, ?6, ?7)",
  "UPDATE crib_notes SET text = ?4, updated_at = ?6 WHERE id = ?1",
  "UPDATE crib_notes SET deleted_at = ?2 WHERE id = ?1",
};

static const char SQL_CRIB_NOTES_LIST[] =
  "SELECT id, customer_id, position, text, created_at, updated_at, deleted_at "
  "FROM crib_notes WHERE customer_id = ?1 AND deleted_at IS NULL ORDER BY position, id";

static const char SQL_CRIB_NOTE_POSITION[] =
  "UPDATE crib_notes SET position = ?2 WHERE id = ?1";

GPtrArray *
reg_store_list_crib_notes (RegStore  *self,
                           gint64     customer_id,
                           GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return entity_list (self, &crib_note_info, SQL_CRIB_NOTES_LIST, customer_id, error);
}

gboolean
reg_store_save_crib_note (RegStore     *self,
                          RegCribNote  *note,
                          GError      **error)
{
  gboolean created = FALSE;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_CRIB_NOTE (note), FALSE);

  if (!entity_save_one (self, &crib_note_info, note, &created, error))
    return FALSE;
  if (created)
    entity_reload (self, &crib_note_info, note, NULL);   /* its position */

  emit (self, CRIB_NOTES_CHANGED, reg_crib_note_get_customer_id (note));
  return TRUE;
}

/* Moves @note to @position among its customer's notes, renumbering the
 * others, in one transaction. */
gboolean
reg_store_move_crib_note (RegStore     *self,
                          RegCribNote  *note,
                          int           position,
                          GError      **error)
{
  gint64 customer_id = reg_crib_note_get_customer_id (note);
  g_autoptr(GPtrArray) notes = NULL;
  int index = 0;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (!(notes = reg_store_list_crib_notes (self, customer_id, error)))
    return FALSE;

  g_ptr_array_remove (notes, note);
  position = CLAMP (position, 0, (int) notes->len);
  g_ptr_array_insert (notes, position, g_object_ref (note));

  if (!reg_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < notes->len; i++)
    {
      sqlite3_stmt *stmt = reg_store_prepare (self, SQL_CRIB_NOTE_POSITION, error);

      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, reg_crib_note_get_id (g_ptr_array_index (notes, i)));
      sqlite3_bind_int (stmt, 2, index++);
      if (!step_done (self, stmt, _("move a crib note"), error))
        goto failed;
    }
  if (!reg_store_commit (self, error))
    return FALSE;

  for (guint i = 0; i < notes->len; i++)
    reg_crib_note_set_position (g_ptr_array_index (notes, i), (int) i);
  emit (self, CRIB_NOTES_CHANGED, customer_id);
  return TRUE;

failed:
  reg_store_rollback (self);
  return FALSE;
}

gboolean
reg_store_trash_crib_note (RegStore     *self,
                           RegCribNote  *note,
                           GError      **error)
{
  if (!entity_set_deleted (self, &crib_note_info, note, TRUE, error))
    return FALSE;
  emit (self, CRIB_NOTES_CHANGED, reg_crib_note_get_customer_id (note));
  return TRUE;
}

gboolean
reg_store_restore_crib_note (RegStore     *self,
                             RegCribNote  *note,
                             GError      **error)
{
  if (!entity_set_deleted (self, &crib_note_info, note, FALSE, error))
    return FALSE;
  emit (self, CRIB_NOTES_CHANGED, reg_crib_note_get_customer_id (note));
  return TRUE;
}

/* Visits ---------------------------------------------------------------- */

static const char * const visit_props[] = {
  "id", "customer-id", "author-id", "channel", "happened-at", "text",
  "satisfaction", "created-at", "deleted-at",
};

static const EntityInfo visit_info = {
  N_("visit note"), reg_visit_get_type, (gpointer) reg_visit_validate,
  G_STRUCT_OFFSET (RegStore, visits), PROPS (visit_props),
  "SELECT id, customer_id, author_id, channel, happened_at, text, satisfaction, "
  "  created_at, deleted_at FROM visits WHERE id = ?1",
  "INSERT INTO visits (customer_id, author_id, channel, happened_at, text, satisfaction, "
  "  created_at, deleted_at) VALUES (?2, ?3, ?4, ifnull (?5, ?8), ?6, ?7, ?8, ?9)",
  "UPDATE visits SET author_id = ?3, channel = ?4, happened_at = ?5, text = ?6, "
  "  satisfaction = ?7 WHERE id = ?1",
  "UPDATE visits SET deleted_at = ?2 WHERE id = ?1",
};

static const char SQL_VISITS_LIST[] =
  "SELECT id, customer_id, author_id, channel, happened_at, text, satisfaction, "
  "  created_at, deleted_at FROM visits "
  "WHERE customer_id = ?1 AND deleted_at IS NULL ORDER BY happened_at DESC, id DESC";

GPtrArray *
reg_store_list_visits (RegStore  *self,
                       gint64     customer_id,
                       GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return entity_list (self, &visit_info, SQL_VISITS_LIST, customer_id, error);
}

static void
visits_changed (RegStore *self,
                gint64    customer_id)
{
  refresh_last_contact (self, customer_id);
  emit (self, VISITS_CHANGED, customer_id);
  emit (self, CUSTOMER_CHANGED, customer_id, REG_CHANGE_UPDATED);
}

gboolean
reg_store_save_visit (RegStore  *self,
                      RegVisit  *visit,
                      GError   **error)
{
  return reg_store_save_visit_with_follow_up (self, visit, NULL, error);
}

gboolean
reg_store_trash_visit (RegStore  *self,
                       RegVisit  *visit,
                       GError   **error)
{
  if (!entity_set_deleted (self, &visit_info, visit, TRUE, error))
    return FALSE;
  visits_changed (self, reg_visit_get_customer_id (visit));
  return TRUE;
}

gboolean
reg_store_restore_visit (RegStore  *self,
                         RegVisit  *visit,
                         GError   **error)
{
  if (!entity_set_deleted (self, &visit_info, visit, FALSE, error))
    return FALSE;
  visits_changed (self, reg_visit_get_customer_id (visit));
  return TRUE;
}

/* Follow-ups ------------------------------------------------------------ */

static const char * const follow_up_props[] = {
  "id", "customer-id", "visit-id", "promise", "due-at", "due-zone", "assigned-to",
  "created-by", "status", "snoozed-until", "done-at", "created-at", "updated-at",
  "deleted-at",
};

#define FOLLOW_UP_COLUMNS \
  "id, customer_id, visit_id, promise, due_at, due_zone, assigned_to, created_by, " \
  "status, snoozed_until, done_at, created_at, updated_at, deleted_at"

static const EntityInfo follow_up_info = {
  N_("follow-up"), reg_follow_up_get_type, (gpointer) reg_follow_up_validate,
  G_STRUCT_OFFSET (RegStore, follow_ups), PROPS (follow_up_props),
  "SELECT " FOLLOW_UP_COLUMNS " FROM follow_ups WHERE id = ?1",
  "INSERT INTO follow_ups (customer_id, visit_id, promise, due_at, due_zone, assigned_to, "
  "  created_by, status, snoozed_until, done_at, created_at, updated_at, deleted_at) "
  "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
  "UPDATE follow_ups SET visit_id = ?3, promise = ?4, due_at = ?5, due_zone = ?6, "
  "  assigned_to = ?7, status = ?9, snoozed_until = ?10, done_at = ?11, updated_at = ?13 "
  "WHERE id = ?1",
  "UPDATE follow_ups SET deleted_at = ?2 WHERE id = ?1",
};

static const char SQL_FOLLOW_UPS_LIST[] =
  "SELECT " FOLLOW_UP_COLUMNS " FROM follow_ups "
  "WHERE customer_id = ?1 AND deleted_at IS NULL "
  "ORDER BY status = 'open' DESC, max (due_at, ifnull (snoozed_until, 0)), id";

static const char SQL_FOLLOW_UPS_OPEN[] =
  "SELECT " FOLLOW_UP_COLUMNS " FROM follow_ups "
  "WHERE status = 'open' AND deleted_at IS NULL "
  "  AND (?1 IS NULL OR max (due_at, ifnull (snoozed_until, 0)) <= ?1) "
  "ORDER BY max (due_at, ifnull (snoozed_until, 0)), id";

RegFollowUp *
reg_store_get_follow_up (RegStore  *self,
                         gint64     id,
                         GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return entity_get (self, &follow_up_info, id, error);
}

GPtrArray *
reg_store_list_follow_ups (RegStore  *self,
                           gint64     customer_id,
                           GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return entity_list (self, &follow_up_info, SQL_FOLLOW_UPS_LIST, customer_id, error);
}

/* Every open follow-up by when it falls due; @due_before 0 for all. */
GPtrArray *
reg_store_list_open_follow_ups (RegStore  *self,
                                gint64     due_before,
                                GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return entity_list (self, &follow_up_info, SQL_FOLLOW_UPS_OPEN, due_before, error);
}

#define EFFECTIVE_DUE "max (due_at, ifnull (snoozed_until, 0))"

static const char SQL_FOLLOW_UPS_TO_REMIND[] =
  "SELECT " FOLLOW_UP_COLUMNS " FROM follow_ups "
  "WHERE status = 'open' AND deleted_at IS NULL AND " EFFECTIVE_DUE " <= ?1 "
  "  AND (reminded_for IS NULL OR reminded_for < " EFFECTIVE_DUE ") "
  "ORDER BY " EFFECTIVE_DUE ", id";

static const char SQL_FOLLOW_UP_NEXT_DUE[] =
  "SELECT " EFFECTIVE_DUE " FROM follow_ups "
  "WHERE status = 'open' AND deleted_at IS NULL AND " EFFECTIVE_DUE " > ?1 "
  "ORDER BY " EFFECTIVE_DUE " LIMIT 1";

static const char SQL_FOLLOW_UP_REMINDED[] =
  "UPDATE follow_ups SET reminded_for = " EFFECTIVE_DUE " WHERE id = ?1";

static const char SQL_FOLLOW_UPS_OVERDUE_COUNT[] =
  "SELECT count(*) FROM follow_ups "
  "WHERE status = 'open' AND deleted_at IS NULL AND " EFFECTIVE_DUE " <= ?1 "
  "  AND (?2 = 0 OR assigned_to = ?2)";

/* The first column of @sql's first row, bound to @after, into *@out;
 * 0 when it has none. For "when is the next one": one index step. */
static gboolean
next_time (RegStore    *self,
           const char  *sql,
           gint64       after,
           gint64      *out,
           const char  *what,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out = 0;
  if (!(stmt = reg_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, what);
      return FALSE;
    }
  return TRUE;
}

/* Runs @sql once for each of @objects, bound to its "id", all or none:
 * the bookkeeping of which reminders were shown. */
static gboolean
mark_reminded (RegStore    *self,
               const char  *sql,
               GPtrArray   *objects,
               const char  *what,
               GError     **error)
{
  sqlite3_stmt *stmt;

  if (objects->len == 0)
    return TRUE;
  if (!check_writable (self, error) || !reg_store_begin (self, error))
    return FALSE;
  if (!(stmt = reg_store_prepare (self, sql, error)))
    goto failed;
  for (guint i = 0; i < objects->len; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, object_get_int64 (g_ptr_array_index (objects, i), "id"));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          set_sqlite_error (self, error, rc, what);
          goto failed;
        }
    }
  return reg_store_commit (self, error);

failed:
  reg_store_rollback (self);
  return FALSE;
}

/* The open follow-ups due at @now or earlier that have not been shown as
 * reminders for their present due time, by due time. */
GPtrArray *
reg_store_list_follow_ups_to_remind (RegStore  *self,
                                     gint64     now,
                                     GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return entity_list (self, &follow_up_info, SQL_FOLLOW_UPS_TO_REMIND, now, error);
}

/* When the next open follow-up falls due after @after; 0 when none
 * does. One step down an index: cheap with any number of follow-ups. */
gboolean
reg_store_next_follow_up_due (RegStore  *self,
                              gint64     after,
                              gint64    *due,
                              GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (due != NULL, FALSE);

  return next_time (self, SQL_FOLLOW_UP_NEXT_DUE, after, due, _("read the follow-ups"), error);
}

/* Remembers that @follow_ups were shown as reminders for their present
 * due times, all or none. Bookkeeping: no change signal. */
gboolean
reg_store_mark_follow_ups_reminded (RegStore   *self,
                                    GPtrArray  *follow_ups,
                                    GError    **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (follow_ups != NULL, FALSE);

  return mark_reminded (self, SQL_FOLLOW_UP_REMINDED, follow_ups, _("save the follow-ups"), error);
}

/* How many open follow-ups are due at @now or earlier; @assigned_to 0
 * counts everyone's. */
gboolean
reg_store_count_overdue_follow_ups (RegStore  *self,
                                    gint64     now,
                                    gint64     assigned_to,
                                    guint     *count,
                                    GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  *count = 0;
  if (!(stmt = reg_store_prepare (self, SQL_FOLLOW_UPS_OVERDUE_COUNT, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, assigned_to);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error, rc, _("read the follow-ups"));
      return FALSE;
    }
  return TRUE;
}

static void
follow_up_changed (RegStore    *self,
                   RegFollowUp *follow_up)
{
  gint64 customer_id = reg_follow_up_get_customer_id (follow_up);

  reg_store_refresh_customer_flags (self, customer_id);
  emit (self, FOLLOW_UP_CHANGED, reg_follow_up_get_id (follow_up), customer_id);
  /* "Has an overdue promise" shows in the customer list. */
  emit (self, CUSTOMER_CHANGED, customer_id, REG_CHANGE_UPDATED);
}

gboolean
reg_store_save_follow_up (RegStore     *self,
                          RegFollowUp  *follow_up,
                          GError      **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_FOLLOW_UP (follow_up), FALSE);

  if (!entity_save_one (self, &follow_up_info, follow_up, NULL, error))
    return FALSE;
  follow_up_changed (self, follow_up);
  return TRUE;
}

gboolean
reg_store_set_follow_up_status (RegStore           *self,
                                RegFollowUp        *follow_up,
                                RegFollowUpStatus   status,
                                GError            **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);

  g_object_freeze_notify (G_OBJECT (follow_up));
  reg_follow_up_set_status (follow_up, status);
  reg_follow_up_set_done_at (follow_up, status == REG_FOLLOW_UP_STATUS_OPEN ? 0 : reg_store_now (self));
  g_object_thaw_notify (G_OBJECT (follow_up));

  return reg_store_save_follow_up (self, follow_up, error);
}

gboolean
reg_store_snooze_follow_up (RegStore     *self,
                            RegFollowUp  *follow_up,
                            gint64        until,
                            GError      **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);

  reg_follow_up_set_snoozed_until (follow_up, until);
  return reg_store_save_follow_up (self, follow_up, error);
}

gboolean
reg_store_trash_follow_up (RegStore     *self,
                           RegFollowUp  *follow_up,
                           GError      **error)
{
  if (!entity_set_deleted (self, &follow_up_info, follow_up, TRUE, error))
    return FALSE;
  follow_up_changed (self, follow_up);
  return TRUE;
}

gboolean
reg_store_restore_follow_up (RegStore     *self,
                             RegFollowUp  *follow_up,
                             GError      **error)
{
  if (!entity_set_deleted (self, &follow_up_info, follow_up, FALSE, error))
    return FALSE;
  follow_up_changed (self, follow_up);
  return TRUE;
}

/* The note after a visit and the promise made in it, both or neither. */
gboolean
reg_store_save_visit_with_follow_up (RegStore     *self,
                                     RegVisit     *visit,
                                     RegFollowUp  *follow_up,
                                     GError      **error)
{
  gboolean visit_created = FALSE, follow_up_created = FALSE;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_VISIT (visit), FALSE);

  /* Check both before writing either. */
  if (!reg_visit_validate (visit, error) ||
      (follow_up != NULL && !reg_follow_up_validate (follow_up, error)))
    {
      invalid_to_store_error (error);
      return FALSE;
    }
  if (!check_writable (self, error) || !reg_store_begin (self, error))
    return FALSE;

  if (reg_visit_get_happened_at (visit) == 0)
    reg_visit_set_happened_at (visit, reg_store_now (self));
  if (!entity_save (self, &visit_info, visit, &visit_created, error))
    goto failed;

  if (follow_up != NULL)
    {
      reg_follow_up_set_customer_id (follow_up, reg_visit_get_customer_id (visit));
      reg_follow_up_set_visit_id (follow_up, reg_visit_get_id (visit));
      if (!entity_save (self, &follow_up_info, follow_up, &follow_up_created, error))
        goto failed;
    }

  if (!reg_store_commit (self, error))
    goto failed_after_commit;

  visits_changed (self, reg_visit_get_customer_id (visit));
  if (follow_up != NULL)
    follow_up_changed (self, follow_up);
  return TRUE;

failed:
  reg_store_rollback (self);
failed_after_commit:
  if (follow_up != NULL && follow_up_created == FALSE)
    reg_follow_up_set_visit_id (follow_up, 0);
  if (visit_created)
    {
      gint64 id = reg_visit_get_id (visit);
      g_hash_table_remove (self->visits, &id);
      reg_visit_set_id (visit, 0);
    }
  if (follow_up_created)
    {
      gint64 id = reg_follow_up_get_id (follow_up);
      g_hash_table_remove (self->follow_ups, &id);
      reg_follow_up_set_id (follow_up, 0);
    }
  return FALSE;
}

/* Staff ----------------------------------------------------------------- */

static const char * const staff_props[] = {
  "id", "name", "team", "active", "created-at",
};

static const EntityInfo staff_info = {
  N_("staff member"), reg_staff_get_type, (gpointer) reg_staff_validate,
  G_STRUCT_OFFSET (RegStore, staff), PROPS (staff_props),
  "SELECT id, name, team, active, created_at FROM staff WHERE id = ?1",
  "INSERT INTO staff (name, team, active, created_at) VALUES (trim (?2), trim (?3), ?4, ?5)",
  "UPDATE staff SET name = trim (?2), team = trim (?3), active = ?4 WHERE id = ?1",
  NULL,
};

static const char SQL_STAFF_LIST[] =
  "SELECT id, name, team, active, created_at FROM staff "
  "WHERE ?1 IS NULL OR active = 1 ORDER BY name COLLATE NOCASE, id";

RegStaff *
reg_store_get_staff (RegStore  *self,
                     gint64     id,
                     GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return entity_get (self, &staff_info, id, error);
}

GPtrArray *
reg_store_list_staff (RegStore  *self,
                      gboolean   active_only,
                      GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return entity_list (self, &staff_info, SQL_STAFF_LIST, active_only ? 1 : 0, error);
}

gboolean
reg_store_save_staff (RegStore  *self,
                      RegStaff  *staff,
                      GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_STAFF (staff), FALSE);

  if (!entity_save_one (self, &staff_info, staff, NULL, error))
    return FALSE;
  emit (self, STAFF_CHANGED, reg_staff_get_id (staff));
  return TRUE;
}

/* Cases ----------------------------------------------------------------- */

static const char * const case_props[] = {
  "id", "customer-id", "title", "description", "severity", "status", "owner-id",
  "escalated-to-id", "escalated-team", "opened-at", "resolved-at", "closed-at",
  "resolution", "customer-told", "satisfaction", "satisfaction-comment",
  "updated-at", "deleted-at", "target-at",
};

#define CASE_COLUMNS \
  "id, customer_id, title, description, severity, status, owner_id, escalated_to_id, " \
  "escalated_team, opened_at, resolved_at, closed_at, resolution, customer_told, " \
  "satisfaction, satisfaction_comment, updated_at, deleted_at, target_at"

static const EntityInfo case_info = {
  N_("case"), reg_case_get_type, (gpointer) reg_case_validate,
  G_STRUCT_OFFSET (RegStore, cases), PROPS (case_props),
  "SELECT " CASE_COLUMNS " FROM cases WHERE id = ?1",
  "INSERT INTO cases (customer_id, title, description, severity, status, owner_id, "
  "  escalated_to_id, escalated_team, opened_at, resolved_at, closed_at, resolution, "
  "  customer_told, satisfaction, satisfaction_comment, updated_at, deleted_at, target_at) "
  "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
  "UPDATE cases SET title = ?3, description = ?4, severity = ?5, status = ?6, "
  "  owner_id = ?7, escalated_to_id = ?8, escalated_team = ?9, resolved_at = ?11, "
  "  closed_at = ?12, resolution = ?13, customer_told = ?14, satisfaction = ?15, "
  "  satisfaction_comment = ?16, updated_at = ?17, target_at = ?19 WHERE id = ?1",
  "UPDATE cases SET deleted_at = ?2 WHERE id = ?1",
};

static const char SQL_CASES_LIST[] =
  "SELECT " CASE_COLUMNS " FROM cases WHERE customer_id = ?1 AND deleted_at IS NULL "
  "ORDER BY status IN ('resolved', 'closed'), opened_at DESC, id DESC";

static const char * const case_event_props[] = {
  "id", "case-id", "at", "actor-id", "kind", "from-status", "to-status", "staff-id", "text",
  "visit-id", "channel", "due-at", "team", "customer-told", "satisfaction",
};

#define CASE_EVENT_COLUMNS \
  "id, case_id, at, actor_id, kind, from_status, to_status, staff_id, text, visit_id, channel, due_at, " \
  "team, customer_told, satisfaction"

static const EntityInfo case_event_info = {
  N_("case step"), reg_case_event_get_type, NULL,
  G_STRUCT_OFFSET (RegStore, case_events), PROPS (case_event_props),
  "SELECT " CASE_EVENT_COLUMNS " FROM case_events WHERE id = ?1",
  "INSERT INTO case_events (case_id, at, actor_id, kind, from_status, to_status, staff_id, text, "
  "  visit_id, channel, due_at, team, customer_told, satisfaction) "
  "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, nullif (?15, 0))",
  NULL,
  NULL,
};

static const char SQL_CASE_EVENTS_LIST[] =
  "SELECT " CASE_EVENT_COLUMNS " FROM case_events WHERE case_id = ?1 ORDER BY at, id";

RegCase *
reg_store_get_case (RegStore  *self,
                    gint64     id,
                    GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return entity_get (self, &case_info, id, error);
}

GPtrArray *
reg_store_list_cases (RegStore  *self,
                      gint64     customer_id,
                      GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return entity_list (self, &case_info, SQL_CASES_LIST, customer_id, error);
}

GPtrArray *
reg_store_list_case_events (RegStore  *self,
                            gint64     case_id,
                            GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return entity_list (self, &case_event_info, SQL_CASE_EVENTS_LIST, case_id, error);
}

/* Opens a complaint: the case and its first step, together. */
gboolean
reg_store_open_case (RegStore  *self,
                     RegCase   *kase,
                     gint64     actor_id,
                     GError   **error)
{
  g_autoptr(RegCaseEvent) event = reg_case_event_new ();

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_CASE (kase) && reg_case_get_id (kase) == 0, FALSE);

  if (!check_writable (self, error) || !reg_store_begin (self, error))
    return FALSE;

  if (reg_case_get_opened_at (kase) == 0)
    reg_case_set_opened_at (kase, reg_store_now (self));
  if (reg_case_get_owner_id (kase) == 0)
    reg_case_set_owner_id (kase, actor_id);
  if (reg_case_get_target_at (kase) == 0)
    {
      RegCaseTargets targets;

      reg_store_get_case_targets (self, &targets);
      reg_case_set_target_at (kase, reg_case_targets_due (&targets, reg_case_get_severity (kase),
                                                          reg_case_get_opened_at (kase), NULL));
    }
  if (!entity_save (self, &case_info, kase, NULL, error))
    goto failed;

  reg_case_event_set_case_id (event, reg_case_get_id (kase));
  reg_case_event_set_at (event, reg_case_get_opened_at (kase));
  reg_case_event_set_actor_id (event, actor_id);
  reg_case_event_set_kind (event, REG_CASE_EVENT_KIND_OPENED);
  reg_case_event_set_to_status (event, reg_enum_to_nick (REG_TYPE_CASE_STATUS, reg_case_get_status (kase)));
  reg_case_event_set_text (event, reg_case_get_description (kase));
  if (!entity_save (self, &case_event_info, event, NULL, error))
    goto failed;

  if (!reg_store_commit (self, error))
    goto failed_after_commit;

  reg_store_refresh_customer_flags (self, reg_case_get_customer_id (kase));
  emit (self, CASE_CHANGED, reg_case_get_id (kase), reg_case_get_customer_id (kase));
  emit (self, CUSTOMER_CHANGED, reg_case_get_customer_id (kase), REG_CHANGE_UPDATED);
  return TRUE;

failed:
  reg_store_rollback (self);
failed_after_commit:
  if (reg_case_get_id (kase) != 0)
    {
      gint64 id = reg_case_get_id (kase);
      g_hash_table_remove (self->cases, &id);
      reg_case_set_id (kase, 0);
    }
  return FALSE;
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* One step of a case: the case as @step leaves it and the step itself,
 * together or not at all. On failure the case in memory is read back as
 * the database has it. */
static gboolean
case_step (RegStore     *self,
           RegCase      *kase,
           RegCaseEvent *event,
           GError      **error)
{
  gint64 id = reg_case_get_id (kase);

  if (!reg_case_validate (kase, error))
    {
      invalid_to_store_error (error);
      goto revert;
    }
  if (!check_writable (self, error) || !reg_store_begin (self, error))
    goto revert;

  reg_case_set_updated_at (kase, reg_case_event_get_at (event));
  reg_case_event_set_case_id (event, id);
  if (!entity_save (self, &case_info, kase, NULL, error) ||
      !entity_save (self, &case_event_info, event, NULL, error))
    {
      reg_store_rollback (self);
      goto revert;
    }
  if (!reg_store_commit (self, error))
    goto revert;

  reg_store_refresh_customer_flags (self, reg_case_get_customer_id (kase));
  emit (self, CASE_CHANGED, id, reg_case_get_customer_id (kase));
  emit (self, CUSTOMER_CHANGED, reg_case_get_customer_id (kase), REG_CHANGE_UPDATED);
  return TRUE;

revert:
  {
    sqlite3_stmt *stmt = reg_store_prepare (self, case_info.sql_get, NULL);

    if (stmt != NULL)
      {
        sqlite3_bind_int64 (stmt, 1, id);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          object_from_row (G_OBJECT (kase), stmt, case_info.props, case_info.n_props);
        sqlite3_reset (stmt);
      }
  }
  return FALSE;
}

static RegCaseEvent *
case_event_new (RegStore      *self,
                RegCase       *kase,
                const char    *kind,
                gint64         actor_id,
                RegCaseStatus  to,
                const char    *text)
{
  RegCaseEvent *event = reg_case_event_new ();

  reg_case_event_set_at (event, reg_store_now (self));
  reg_case_event_set_actor_id (event, actor_id);
  reg_case_event_set_kind (event, kind);
  reg_case_event_set_from_status (event, reg_enum_to_nick (REG_TYPE_CASE_STATUS, reg_case_get_status (kase)));
  reg_case_event_set_to_status (event, reg_enum_to_nick (REG_TYPE_CASE_STATUS, to));
  reg_case_event_set_text (event, text != NULL ? text : "");
  return event;
}

static gboolean
check_case_step (RegCase        *kase,
                 RegCaseStatus   to,
                 GError        **error)
{
  RegCaseStatus from = reg_case_get_status (kase);

  if (reg_case_get_id (kase) == 0)
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                           _("The case has not been opened yet."));
      return FALSE;
    }
  if (from == REG_CASE_STATUS_CLOSED)
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("The case is closed: it cannot change any more."));
      return FALSE;
    }
  if (!reg_case_status_can_change (from, to))
    {
      /* Translators: two case statuses, such as "open" and "closed" */
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                   _("A case that is %s cannot become %s."),
                   reg_case_status_describe (from), reg_case_status_describe (to));
      return FALSE;
    }
  return TRUE;
}

/* In progress, waiting on the customer, closed, or reopened. Escalating
 * and resolving say more, and have their own calls. */
gboolean
reg_store_set_case_status (RegStore       *self,
                           RegCase        *kase,
                           RegCaseStatus   status,
                           gint64          actor_id,
                           const char     *note,
                           GError        **error)
{
  g_autoptr(RegCaseEvent) event = NULL;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_CASE (kase), FALSE);

  if (status == REG_CASE_STATUS_ESCALATED || status == REG_CASE_STATUS_RESOLVED)
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           status == REG_CASE_STATUS_ESCALATED
                           ? _("Escalating a case says to whom and why.")
                           : _("Resolving a case says how it was resolved."));
      return FALSE;
    }
  if (!check_case_step (kase, status, error))
    return FALSE;

  event = case_event_new (self, kase, REG_CASE_EVENT_KIND_STATUS, actor_id, status, note);
  g_object_freeze_notify (G_OBJECT (kase));
  if (status == REG_CASE_STATUS_CLOSED)
    reg_case_set_closed_at (kase, reg_case_event_get_at (event));
  if (reg_case_get_status (kase) == REG_CASE_STATUS_RESOLVED && status == REG_CASE_STATUS_IN_PROGRESS)
    reg_case_set_resolved_at (kase, 0);
  reg_case_set_status (kase, status);
  g_object_thaw_notify (G_OBJECT (kase));
  return case_step (self, kase, event, error);
}

/* Escalated to a staff member, or a team, or both, with the reason. */
gboolean
reg_store_escalate_case (RegStore    *self,
                         RegCase     *kase,
                         gint64       to_staff_id,
                         const char  *team,
                         const char  *reason,
                         gint64       actor_id,
                         GError     **error)
{
  g_autoptr(RegCaseEvent) event = NULL;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_CASE (kase), FALSE);

  if (to_staff_id == 0 && text_is_blank (team))
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("Escalated to: choose a staff member or a team"));
      return FALSE;
    }
  if (text_is_blank (reason))
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("Reason: say why the case is escalated"));
      return FALSE;
    }
  if (!check_case_step (kase, REG_CASE_STATUS_ESCALATED, error))
    return FALSE;

  event = case_event_new (self, kase, REG_CASE_EVENT_KIND_ESCALATED, actor_id, REG_CASE_STATUS_ESCALATED, reason);
  reg_case_event_set_staff_id (event, to_staff_id);
  reg_case_event_set_team (event, team != NULL ? team : "");
  g_object_freeze_notify (G_OBJECT (kase));
  reg_case_set_escalated_to_id (kase, to_staff_id);
  reg_case_set_escalated_team (kase, team != NULL ? team : "");
  reg_case_set_status (kase, REG_CASE_STATUS_ESCALATED);
  g_object_thaw_notify (G_OBJECT (kase));
  return case_step (self, kase, event, error);
}

/* Resolved: how, and whether the customer was told. */
gboolean
reg_store_resolve_case (RegStore    *self,
                        RegCase     *kase,
                        const char  *resolution,
                        gboolean     customer_told,
                        gint64       actor_id,
                        GError     **error)
{
  g_autoptr(RegCaseEvent) event = NULL;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_CASE (kase), FALSE);

  if (text_is_blank (resolution))
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("Resolution: say how the case was resolved"));
      return FALSE;
    }
  if (!check_case_step (kase, REG_CASE_STATUS_RESOLVED, error))
    return FALSE;

  event = case_event_new (self, kase, REG_CASE_EVENT_KIND_RESOLVED, actor_id, REG_CASE_STATUS_RESOLVED, resolution);
  reg_case_event_set_customer_told (event, customer_told);
  g_object_freeze_notify (G_OBJECT (kase));
  reg_case_set_resolution (kase, resolution);
  reg_case_set_customer_told (kase, customer_told);
  reg_case_set_resolved_at (kase, reg_case_event_get_at (event));
  reg_case_set_status (kase, REG_CASE_STATUS_RESOLVED);
  g_object_thaw_notify (G_OBJECT (kase));
  return case_step (self, kase, event, error);
}

/* Another staff member owns the case from now on. */
gboolean
reg_store_hand_over_case (RegStore    *self,
                          RegCase     *kase,
                          gint64       new_owner_id,
                          const char  *note,
                          gint64       actor_id,
                          GError     **error)
{
  g_autoptr(RegCaseEvent) event = NULL;
  RegCaseStatus status;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_CASE (kase), FALSE);

  status = reg_case_get_status (kase);
  if (status == REG_CASE_STATUS_CLOSED)
    return check_case_step (kase, status, error);
  if (new_owner_id == 0 || new_owner_id == reg_case_get_owner_id (kase))
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("New owner: choose someone other than the present owner"));
      return FALSE;
    }

  event = case_event_new (self, kase, REG_CASE_EVENT_KIND_HANDED_OVER, actor_id, status, note);
  reg_case_event_set_staff_id (event, new_owner_id);
  reg_case_set_owner_id (kase, new_owner_id);
  return case_step (self, kase, event, error);
}

/* How satisfied the customer said they were, 1 to 5, after resolving. */
gboolean
reg_store_rate_case (RegStore    *self,
                     RegCase     *kase,
                     int          satisfaction,
                     const char  *comment,
                     gint64       actor_id,
                     GError     **error)
{
  g_autoptr(RegCaseEvent) event = NULL;
  RegCaseStatus status;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_CASE (kase), FALSE);

  status = reg_case_get_status (kase);
  if (status != REG_CASE_STATUS_RESOLVED && status != REG_CASE_STATUS_CLOSED)
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("Satisfaction is asked for once the case is resolved."));
      return FALSE;
    }
  if (satisfaction < 1 || satisfaction > 5)
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("Satisfaction: choose 1 to 5"));
      return FALSE;
    }

  event = case_event_new (self, kase, REG_CASE_EVENT_KIND_RATED, actor_id, status, comment);
  reg_case_event_set_satisfaction (event, satisfaction);
  g_object_freeze_notify (G_OBJECT (kase));
  reg_case_set_satisfaction (kase, satisfaction);
  reg_case_set_satisfaction_comment (kase, comment != NULL ? comment : "");
  g_object_thaw_notify (G_OBJECT (kase));
  return case_step (self, kase, event, error);
}

/* Open cases of every customer ---------------------------------------- */

static const char SQL_CASES_OPEN[] =
  "SELECT " CASE_COLUMNS " FROM cases "
  "WHERE status NOT IN ('resolved', 'closed') AND deleted_at IS NULL "
  "ORDER BY target_at, id";

GPtrArray *
reg_store_list_open_cases (RegStore  *self,
                           GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return entity_list (self, &case_info, SQL_CASES_OPEN, 0, error);
}

/* Telling the customer about a delay ------------------------------------ */

/* Saves @visit, which tells of a delay, as part of the caller's
 * transaction. */
static gboolean
save_delay_visit (RegStore  *self,
                  RegVisit  *visit,
                  gint64     customer_id,
                  gboolean  *created,
                  GError   **error)
{
  reg_visit_set_customer_id (visit, customer_id);
  if (reg_visit_get_happened_at (visit) == 0)
    reg_visit_set_happened_at (visit, reg_store_now (self));
  return entity_save (self, &visit_info, visit, created, error);
}

static void
forget_new_visit (RegStore *self,
                  RegVisit *visit)
{
  gint64 id = reg_visit_get_id (visit);

  g_hash_table_remove (self->visits, &id);
  reg_visit_set_id (visit, 0);
}

static gboolean
check_new_due (gint64   new_due,
               gint64   now,
               GError **error)
{
  if (new_due != 0 && new_due <= now)
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("New due time: choose a time that is still to come"));
      return FALSE;
    }
  return TRUE;
}

/* The customer was told that their complaint takes longer: the visit log
 * says how and what, the case's history says so too, and the target moves
 * to @new_due (0: it stays), so that the owner is reminded again then. */
gboolean
reg_store_tell_case_delay (RegStore  *self,
                           RegCase   *kase,
                           RegVisit  *visit,
                           gint64     new_due,
                           gint64     actor_id,
                           GError   **error)
{
  g_autoptr(RegCaseEvent) event = NULL;
  gboolean visit_created = FALSE;
  gint64 old_target = 0;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_CASE (kase), FALSE);
  g_return_val_if_fail (REG_IS_VISIT (visit) && reg_visit_get_id (visit) == 0, FALSE);

  if (reg_case_get_id (kase) == 0 || !reg_case_is_open (kase))
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("Only an open case can be delayed."));
      return FALSE;
    }
  reg_visit_set_customer_id (visit, reg_case_get_customer_id (kase));
  if (!reg_visit_validate (visit, error))
    {
      invalid_to_store_error (error);
      return FALSE;
    }
  if (!check_new_due (new_due, reg_store_now (self), error))
    return FALSE;
  if (!check_writable (self, error) || !reg_store_begin (self, error))
    return FALSE;

  old_target = reg_case_get_target_at (kase);
  if (!save_delay_visit (self, visit, reg_case_get_customer_id (kase), &visit_created, error))
    goto failed;

  event = case_event_new (self, kase, REG_CASE_EVENT_KIND_CUSTOMER_TOLD, actor_id,
                          reg_case_get_status (kase), reg_visit_get_text (visit));
  reg_case_event_set_case_id (event, reg_case_get_id (kase));
  reg_case_event_set_visit_id (event, reg_visit_get_id (visit));
  reg_case_event_set_channel (event, reg_enum_to_nick (REG_TYPE_CHANNEL, reg_visit_get_channel (visit)));
  reg_case_event_set_due_at (event, new_due);

  if (new_due != 0)
    reg_case_set_target_at (kase, new_due);
  reg_case_set_updated_at (kase, reg_case_event_get_at (event));
  if (!entity_save (self, &case_info, kase, NULL, error) ||
      !entity_save (self, &case_event_info, event, NULL, error))
    goto failed;

  if (!reg_store_commit (self, error))
    goto failed_after_commit;

  visits_changed (self, reg_case_get_customer_id (kase));
  reg_store_refresh_customer_flags (self, reg_case_get_customer_id (kase));
  emit (self, CASE_CHANGED, reg_case_get_id (kase), reg_case_get_customer_id (kase));
  return TRUE;

failed:
  reg_store_rollback (self);
failed_after_commit:
  reg_case_set_target_at (kase, old_target);
  entity_reload (self, &case_info, kase, NULL);
  if (visit_created)
    forget_new_visit (self, visit);
  return FALSE;
}

/* The same for a promise: the visit log, and the due time moved to
 * @new_due in @new_zone (0: it stays). Moving it clears a snooze. */
gboolean
reg_store_tell_follow_up_delay (RegStore     *self,
                                RegFollowUp  *follow_up,
                                RegVisit     *visit,
                                gint64        new_due,
                                const char   *new_zone,
                                GError      **error)
{
  gboolean visit_created = FALSE;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_FOLLOW_UP (follow_up), FALSE);
  g_return_val_if_fail (REG_IS_VISIT (visit) && reg_visit_get_id (visit) == 0, FALSE);

  if (reg_follow_up_get_id (follow_up) == 0 ||
      reg_follow_up_get_status (follow_up) != REG_FOLLOW_UP_STATUS_OPEN)
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("Only an open promise can be delayed."));
      return FALSE;
    }
  reg_visit_set_customer_id (visit, reg_follow_up_get_customer_id (follow_up));
  if (!reg_visit_validate (visit, error))
    {
      invalid_to_store_error (error);
      return FALSE;
    }
  if (!check_new_due (new_due, reg_store_now (self), error))
    return FALSE;
  if (!check_writable (self, error) || !reg_store_begin (self, error))
    return FALSE;

  if (!save_delay_visit (self, visit, reg_follow_up_get_customer_id (follow_up), &visit_created, error))
    goto failed;
  if (new_due != 0)
    {
      g_object_freeze_notify (G_OBJECT (follow_up));
      reg_follow_up_set_due_at (follow_up, new_due);
      if (new_zone != NULL)
        reg_follow_up_set_due_zone (follow_up, new_zone);
      reg_follow_up_set_snoozed_until (follow_up, 0);
      g_object_thaw_notify (G_OBJECT (follow_up));
      if (!entity_save (self, &follow_up_info, follow_up, NULL, error))
        goto failed;
    }
  if (!reg_store_commit (self, error))
    goto failed_after_commit;

  visits_changed (self, reg_follow_up_get_customer_id (follow_up));
  if (new_due != 0)
    follow_up_changed (self, follow_up);
  return TRUE;

failed:
  reg_store_rollback (self);
failed_after_commit:
  entity_reload (self, &follow_up_info, follow_up, NULL);
  if (visit_created)
    forget_new_visit (self, visit);
  return FALSE;
}

/* Reminders for cases past their target ---------------------------------- */

#define CASE_IS_OPEN "status NOT IN ('resolved', 'closed') AND deleted_at IS NULL"

static const char SQL_CASES_TO_REMIND[] =
  "SELECT " CASE_COLUMNS " FROM cases "
  "WHERE " CASE_IS_OPEN " AND target_at <= ?1 "
  "  AND (reminded_for IS NULL OR reminded_for <> target_at) "
  "ORDER BY target_at, id";

static const char SQL_CASE_NEXT_TARGET[] =
  "SELECT target_at FROM cases WHERE " CASE_IS_OPEN " AND target_at > ?1 "
  "ORDER BY target_at LIMIT 1";

static const char SQL_CASE_REMINDED[] =
  "UPDATE cases SET reminded_for = target_at WHERE id = ?1";

/* The open cases whose target has come by @now and whose owner has not
 * yet been reminded of that target, oldest target first. */
GPtrArray *
reg_store_list_cases_to_remind (RegStore  *self,
                                gint64     now,
                                GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), NULL);
  return entity_list (self, &case_info, SQL_CASES_TO_REMIND, now, error);
}

/* When the next open case reaches its target after @after; 0 when none
 * will. One step down an index. */
gboolean
reg_store_next_case_target (RegStore  *self,
                            gint64     after,
                            gint64    *target,
                            GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  return next_time (self, SQL_CASE_NEXT_TARGET, after, target, _("read the cases"), error);
}

/* Remembers that the owners of @cases were reminded of their present
 * targets, all or none. The customers' "past target" flags change now,
 * so they are told. */
gboolean
reg_store_mark_cases_reminded (RegStore   *self,
                               GPtrArray  *cases,
                               GError    **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (cases != NULL, FALSE);

  if (!mark_reminded (self, SQL_CASE_REMINDED, cases, _("save the cases"), error))
    return FALSE;

  for (guint i = 0; i < cases->len; i++)
    {
      gint64 customer_id = reg_case_get_customer_id (g_ptr_array_index (cases, i));

      reg_store_refresh_customer_flags (self, customer_id);
      emit (self, CUSTOMER_CHANGED, customer_id, REG_CHANGE_UPDATED);
    }
  return TRUE;
}

/* Shop-wide settings ----------------------------------------------------- */

static const char SQL_SETTING_GET[] = "SELECT value FROM settings WHERE key = ?1";
static const char SQL_SETTING_SET[] =
  "INSERT INTO settings (key, value) VALUES (?1, ?2) "
  "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

static const char * const target_keys[] = {
  "case-target-hours-low", "case-target-hours-normal",
  "case-target-hours-high", "case-target-hours-urgent",
};

static gint64
get_setting (RegStore   *self,
             const char *key,
             gint64      fallback)
{
  sqlite3_stmt *stmt = reg_store_prepare (self, SQL_SETTING_GET, NULL);
  gint64 value = fallback;

  if (stmt == NULL)
    return fallback;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
set_setting (RegStore    *self,
             const char  *key,
             gint64       value,
             GError     **error)
{
  sqlite3_stmt *stmt = reg_store_prepare (self, SQL_SETTING_SET, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);
  return step_done (self, stmt, _("save the settings"), error);
}

/* The turnaround targets; the defaults where none were set, or where a
 * value is out of range. */
void
reg_store_get_case_targets (RegStore       *self,
                            RegCaseTargets *targets)
{
  RegCaseTargets defaults;

  g_return_if_fail (REG_IS_STORE (self));
  g_return_if_fail (targets != NULL);

  reg_case_targets_init_default (&defaults);
  for (guint i = 0; i < G_N_ELEMENTS (target_keys); i++)
    {
      gint64 hours = get_setting (self, target_keys[i], defaults.hours[i]);

      targets->hours[i] = (hours >= 1 && hours <= REG_CASE_TARGET_MAX_HOURS)
                          ? (guint) hours : defaults.hours[i];
    }
  targets->working_days_only = get_setting (self, "case-target-working-days", 0) != 0;
}

gboolean
reg_store_set_case_targets (RegStore              *self,
                            const RegCaseTargets  *targets,
                            GError               **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (targets != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (target_keys); i++)
    if (targets->hours[i] < 1 || targets->hours[i] > REG_CASE_TARGET_MAX_HOURS)
      {
        g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                     _("Turnaround target: choose between 1 hour and %d days"),
                     REG_CASE_TARGET_MAX_HOURS / 24);
        return FALSE;
      }
  if (!check_writable (self, error) || !reg_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (target_keys); i++)
    if (!set_setting (self, target_keys[i], targets->hours[i], error))
      goto failed;
  if (!set_setting (self, "case-target-working-days", targets->working_days_only ? 1 : 0, error) ||
      !reg_store_commit (self, error))
    goto failed;
  emit (self, SETTINGS_CHANGED);
  return TRUE;

failed:
  reg_store_rollback (self);
  return FALSE;
}

guint
reg_store_get_win_back_days (RegStore *self)
{
  gint64 days;

  g_return_val_if_fail (REG_IS_STORE (self), REG_WIN_BACK_DAYS_DEFAULT);

  days = get_setting (self, "win-back-days", REG_WIN_BACK_DAYS_DEFAULT);
  return days >= 1 && days <= 3650 ? (guint) days : REG_WIN_BACK_DAYS_DEFAULT;
}

gboolean
reg_store_set_win_back_days (RegStore  *self,
                             guint      days,
                             GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);

  if (days < 1 || days > 3650)
    {
      g_set_error_literal (error, REG_STORE_ERROR, REG_STORE_ERROR_INVALID,
                           _("Win back after: choose between 1 and 3650 days"));
      return FALSE;
    }
  if (!check_writable (self, error) || !reg_store_begin (self, error))
    return FALSE;
  if (!set_setting (self, "win-back-days", days, error) || !reg_store_commit (self, error))
    {
      reg_store_rollback (self);
      return FALSE;
    }
  emit (self, SETTINGS_CHANGED);
  return TRUE;
}

/* The Overview ----------------------------------------------------------- */

/* Ages are counted in elapsed time from @now: under a day, one to three
 * days, three to seven, more than a week. */
static const gint64 age_limits[REG_CASE_AGE_N + 1] = {
  0, 86400, 3 * 86400, 7 * 86400, G_MAXINT64,
};

void
reg_case_age_bounds (guint    age,
                     gint64   now,
                     gint64  *from,
                     gint64  *until)
{
  g_return_if_fail (age < REG_CASE_AGE_N);

  /* Opened in (now - upper, now - lower]: from is inclusive. */
  *from = age_limits[age + 1] == G_MAXINT64 ? 0 : now - age_limits[age + 1] + 1;
  *until = now - age_limits[age] + 1;
}

static const char SQL_OVERVIEW_CASES[] =
  "SELECT severity, opened_at, target_at <= ?1 FROM cases WHERE " CASE_IS_OPEN;

static const char SQL_OVERVIEW_KINDS[] =
  "SELECT kind, count (*) FROM customers WHERE deleted_at IS NULL GROUP BY kind";

static const char SQL_OVERVIEW_OVERDUE[] =
  "SELECT ifnull (assigned_to, 0), count (*) FROM follow_ups "
  "WHERE status = 'open' AND deleted_at IS NULL AND " EFFECTIVE_DUE " <= ?1 "
  "GROUP BY 1 ORDER BY 2 DESC, 1";

/* Both read the index customers_by_kind_seen only. */
static const char SQL_OVERVIEW_WIN_BACK[] =
  "SELECT count (*) FROM customers WHERE deleted_at IS NULL AND kind = 'current' "
  "  AND ifnull (last_contact_at, created_at) < ?1";

static const char SQL_OVERVIEW_WIN_BACK_FIRST[] =
  "SELECT id FROM customers WHERE deleted_at IS NULL AND kind = 'current' "
  "  AND ifnull (last_contact_at, created_at) < ?1 "
  "ORDER BY ifnull (last_contact_at, created_at), id LIMIT ?2";

void
reg_overview_figures_clear (RegOverviewFigures *figures)
{
  g_clear_pointer (&figures->overdue_by_staff, g_array_unref);
  memset (figures, 0, sizeof *figures);
}

gboolean
reg_store_get_overview (RegStore            *self,
                        gint64               now,
                        RegOverviewFigures  *figures,
                        GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (figures != NULL, FALSE);

  memset (figures, 0, sizeof *figures);
  figures->overdue_by_staff = g_array_new (FALSE, FALSE, sizeof (RegStaffCount));

  if (!(stmt = reg_store_prepare (self, SQL_OVERVIEW_CASES, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int severity = REG_CASE_SEVERITY_NORMAL;
      gint64 age = now - sqlite3_column_int64 (stmt, 1);
      guint bucket = 0;

      reg_enum_from_nick (REG_TYPE_CASE_SEVERITY, (const char *) sqlite3_column_text (stmt, 0), &severity);
      while (bucket + 1 < REG_CASE_AGE_N && age >= age_limits[bucket + 1])
        bucket++;
      figures->open_cases++;
      figures->by_severity_age[severity][bucket]++;
      if (sqlite3_column_int (stmt, 2))
        figures->past_target++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sqlite_failed;

  if (!(stmt = reg_store_prepare (self, SQL_OVERVIEW_KINDS, error)))
    goto failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int kind = -1;

      if (reg_enum_from_nick (REG_TYPE_CUSTOMER_KIND, (const char *) sqlite3_column_text (stmt, 0), &kind) &&
          kind >= 0 && kind < (int) G_N_ELEMENTS (figures->customers_by_kind))
        figures->customers_by_kind[kind] = (guint) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sqlite_failed;

  if (!(stmt = reg_store_prepare (self, SQL_OVERVIEW_OVERDUE, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RegStaffCount count = { sqlite3_column_int64 (stmt, 0), (guint) sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (figures->overdue_by_staff, count);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sqlite_failed;

  if (!(stmt = reg_store_prepare (self, SQL_OVERVIEW_WIN_BACK, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, now - (gint64) reg_store_get_win_back_days (self) * 86400);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    figures->win_back = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    goto sqlite_failed;

  if (!(stmt = reg_store_prepare (self, SQL_OVERVIEW_WIN_BACK_FIRST, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, now - (gint64) reg_store_get_win_back_days (self) * 86400);
  sqlite3_bind_int (stmt, 2, G_N_ELEMENTS (figures->win_back_ids));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    figures->win_back_ids[figures->n_win_back_ids++] = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sqlite_failed;

  return TRUE;

sqlite_failed:
  set_sqlite_error (self, error, rc, _("count for the overview"));
failed:
  reg_overview_figures_clear (figures);
  return FALSE;
}

static const char SQL_SATISFACTION_BETWEEN[] =
  "SELECT total (s), count (*) FROM ("
  "  SELECT satisfaction AS s FROM visits WHERE satisfaction IS NOT NULL AND deleted_at IS NULL"
  "    AND happened_at >= ?1 AND happened_at < ?2"
  "  UNION ALL"
  "  SELECT satisfaction FROM cases WHERE satisfaction IS NOT NULL AND deleted_at IS NULL"
  "    AND resolved_at >= ?1 AND resolved_at < ?2)";

/* Satisfaction in each of the @n_weeks local calendar weeks (Monday to
 * Sunday) up to the one holding @now, oldest first: what visit notes and
 * resolved cases recorded. Weeks are counted on the wall clock, so the
 * one with a daylight-saving change is an hour longer or shorter. */
GArray *
reg_store_satisfaction_by_week (RegStore  *self,
                                gint64     now,
                                guint      n_weeks,
                                GError   **error)
{
  g_autoptr(GArray) weeks = g_array_sized_new (FALSE, TRUE, sizeof (RegSatisfactionWeek), n_weeks);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) this_week = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (REG_IS_STORE (self), NULL);

  {
    g_autoptr(GDateTime) monday = g_date_time_add_days (local, 1 - g_date_time_get_day_of_week (local));

    this_week = g_date_time_new (zone, g_date_time_get_year (monday), g_date_time_get_month (monday),
                                 g_date_time_get_day_of_month (monday), 0, 0, 0);
  }

  if (!(stmt = reg_store_prepare (self, SQL_SATISFACTION_BETWEEN, error)))
    return NULL;

  for (guint i = 0; i < n_weeks; i++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_weeks (this_week, -(int) (n_weeks - 1 - i));
      g_autoptr(GDateTime) end = g_date_time_add_weeks (start, 1);
      RegSatisfactionWeek week = { g_date_time_to_unix (start), 0, 0 };
      int rc;

      sqlite3_bind_int64 (stmt, 1, week.week_start);
      sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (end));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          week.count = (guint) sqlite3_column_int64 (stmt, 1);
          week.average = week.count > 0 ? sqlite3_column_double (stmt, 0) / week.count : 0;
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          set_sqlite_error (self, error, rc, _("read the satisfaction figures"));
          return NULL;
        }
      g_array_append_val (weeks, week);
    }

  return g_steal_pointer (&weeks);
}

/* ------------------------------------------------------------------ */
/* Bulk work                                                            */

static const char SQL_SEARCH_TRIGGERS[] =
  "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'";

/* Bulk loads would re-index a customer once per row they add; instead
 * the search triggers (and the last-contact one) are dropped inside the
 * bulk transaction, and put back, with one pass over the new customers,
 * before it commits. */
gboolean
reg_store_suspend_search_index (RegStore  *self,
                                GError   **error)
{
  g_autoptr(GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  GString *saved = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (!(stmt = reg_store_prepare (self, SQL_SEARCH_TRIGGERS, error)))
    {
      g_string_free (saved, TRUE);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Names come from our own schema, never from input. */
      g_ptr_array_add (drops, g_strdup_printf ("DROP TRIGGER \"%s\"", sqlite3_column_text (stmt, 0)));
      g_string_append_printf (saved, "%s;\n", sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  g_object_set_data_full (G_OBJECT (self), "reg-saved-triggers",
                          g_string_free (saved, FALSE), g_free);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("prepare the search index"));
      return FALSE;
    }

  for (guint i = 0; i < drops->len; i++)
    if (!reg_store_exec (self, g_ptr_array_index (drops, i), _("prepare the search index"), error))
      return FALSE;
  return TRUE;
}

static const char SQL_REINDEX_FROM[] =
  "INSERT INTO customer_search (rowid, fields, notes, visits) "
  "SELECT id, fields, notes, visits FROM customer_search_source WHERE id >= ?1";

static const char SQL_UNINDEX_FROM[] =
  "DELETE FROM customer_search WHERE rowid >= ?1";

static const char SQL_LAST_CONTACT_FROM[] =
  "UPDATE customers SET last_contact_at = max (ifnull (last_contact_at, 0), "
  "  ifnull ((SELECT max (happened_at) FROM visits v "
  "           WHERE v.customer_id = customers.id AND v.deleted_at IS NULL), 0)) "
  "WHERE id >= ?1 AND EXISTS (SELECT 1 FROM visits v WHERE v.customer_id = customers.id)";

/* Indexes every customer from @first_customer_id on, brings their last
 * contact up to date, then restores the triggers. */
gboolean
reg_store_resume_search_index (RegStore  *self,
                               gint64     first_customer_id,
                               GError   **error)
{
  const char *saved = g_object_get_data (G_OBJECT (self), "reg-saved-triggers");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (saved != NULL, FALSE);

  if (!(stmt = reg_store_prepare (self, SQL_UNINDEX_FROM, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first_customer_id);
  if (!step_done (self, stmt, _("build the search index"), error))
    return FALSE;

  if (!(stmt = reg_store_prepare (self, SQL_REINDEX_FROM, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first_customer_id);
  if (!step_done (self, stmt, _("build the search index"), error))
    return FALSE;

  if (!(stmt = reg_store_prepare (self, SQL_LAST_CONTACT_FROM, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first_customer_id);
  if (!step_done (self, stmt, _("build the search index"), error))
    return FALSE;

  if (!reg_store_exec (self, saved, _("build the search index"), error))
    return FALSE;

  g_object_set_data (G_OBJECT (self), "reg-saved-triggers", NULL);
  return TRUE;
}

typedef struct
{
  RegStoreBulkFunc func;
  gpointer         data;
  GDestroyNotify   data_free;
} BulkJob;

static void
bulk_job_free (BulkJob *job)
{
  if (job->data_free)
    job->data_free (job->data);
  g_free (job);
}

static gboolean
run_bulk_on_worker (RegStore          *self,
                    RegStoreBulkFunc   func,
                    gpointer           data,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(RegStore) worker = NULL;

  if (!check_writable (self, error))
    return FALSE;
  if (!(worker = open_worker (self, error)))
    return FALSE;
  if (!reg_store_begin (worker, error))
    return FALSE;

  if (!func (worker, data, cancellable, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      reg_store_rollback (worker);
      return FALSE;
    }

  return reg_store_commit (worker, error);
}

static void
bulk_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BulkJob *job = task_data;
  GError *error = NULL;

  if (run_bulk_on_worker (source_object, job->func, job->data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Runs @func on a connection of its own in a worker thread, in one
 * transaction: all of it is saved, or none. */
void
reg_store_run_bulk_async (RegStore            *self,
                          RegStoreBulkFunc     func,
                          gpointer             data,
                          GDestroyNotify       data_free,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  BulkJob *job = g_new0 (BulkJob, 1);

  job->func = func;
  job->data = data;
  job->data_free = data_free;
  g_task_set_source_tag (task, reg_store_run_bulk_async);
  g_task_set_task_data (task, job, (GDestroyNotify) bulk_job_free);
  g_task_run_in_thread (task, bulk_thread);
}

static void
after_bulk (RegStore *self)
{
  /* Rows changed under live objects; bring them up to date. */
  GHashTableIter iter;
  MapEntry *entry;
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_object_unref);

  g_hash_table_iter_init (&iter, self->customers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    g_ptr_array_add (live, g_object_ref (entry->object));
  for (guint i = 0; i < live->len; i++)
    reload_customer (self, g_ptr_array_index (live, i), NULL);

  emit (self, RELOADED);
}

gboolean
reg_store_run_bulk_finish (RegStore      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  after_bulk (self);
  return TRUE;
}

static void
worker_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BulkJob *job = task_data;
  g_autoptr(RegStore) worker = NULL;
  GError *error = NULL;

  if ((worker = open_worker (source_object, &error)) != NULL &&
      job->func (worker, job->data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
reg_store_run_worker_async (RegStore            *self,
                            RegStoreBulkFunc     func,
                            gpointer             data,
                            GDestroyNotify       data_free,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  BulkJob *job = g_new0 (BulkJob, 1);

  job->func = func;
  job->data = data;
  job->data_free = data_free;
  g_task_set_source_tag (task, reg_store_run_worker_async);
  g_task_set_task_data (task, job, (GDestroyNotify) bulk_job_free);
  g_task_run_in_thread (task, worker_thread);
}

gboolean
reg_store_run_worker_finish (RegStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The same on the calling thread, for the command line and tests. */
gboolean
reg_store_run_bulk (RegStore          *self,
                    RegStoreBulkFunc   func,
                    gpointer           data,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);

  if (!run_bulk_on_worker (self, func, data, cancellable, error))
    return FALSE;

  after_bulk (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */

static void
statement_free (gpointer data)
{
  sqlite3_finalize (data);
}

static void
reg_store_finalize (GObject *object)
{
  RegStore *self = REG_STORE (object);

  map_clear (self->customers);
  map_clear (self->crib_notes);
  map_clear (self->visits);
  map_clear (self->follow_ups);
  map_clear (self->staff);
  map_clear (self->cases);
  map_clear (self->case_events);
  forget_ranks (self);
  g_hash_table_unref (self->statements);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  if (self->lock_fd >= 0)
    close (self->lock_fd);   /* also releases the flock */

  g_free (self->path);
  g_free (self->read_only_reason);

  G_OBJECT_CLASS (reg_store_parent_class)->finalize (object);
}

static void
reg_store_class_init (RegStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_store_finalize;

  /**
   * RegStore::customer-changed:
   * @id: the customer
   * @kind: a #RegChangeKind
   *
   * A customer's card changed, or something that shows in the customer
   * list (a visit, a follow-up, a case).
   */
  signals[CUSTOMER_CHANGED] =
    g_signal_new ("customer-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, REG_TYPE_CHANGE_KIND);
  signals[CRIB_NOTES_CHANGED] =
    g_signal_new ("crib-notes-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[VISITS_CHANGED] =
    g_signal_new ("visits-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[FOLLOW_UP_CHANGED] =
    g_signal_new ("follow-up-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[CASE_CHANGED] =
    g_signal_new ("case-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  signals[STAFF_CHANGED] =
    g_signal_new ("staff-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * RegStore::reloaded:
   *
   * Bulk work changed many rows at once: everything shown must be read again.
   */
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RegStore::settings-changed:
   *
   * A shop-wide setting changed: turnaround targets or the win-back time.
   */
  signals[SETTINGS_CHANGED] =
    g_signal_new ("settings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
reg_store_init (RegStore *self)
{
  self->lock_fd = -1;
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, statement_free);
  self->customers = map_new ();
  self->crib_notes = map_new ();
  self->visits = map_new ();
  self->follow_ups = map_new ();
  self->staff = map_new ();
  self->cases = map_new ();
  self->case_events = map_new ();
}

/* ------------------------------------------------------------------ */
/* Importing (CSV)                                                      */

static const char SQL_IMPORT_CONTACTS[] =
  "SELECT cc.customer_id, cc.kind, cc.value FROM customer_contacts cc "
  "JOIN customers c ON c.id = cc.customer_id WHERE c.deleted_at IS NULL";

gboolean
reg_store_foreach_contact (RegStore            *self,
                           RegStoreContactFunc  func,
                           gpointer             user_data,
                           GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);

  if (!(stmt = reg_store_prepare (self, SQL_IMPORT_CONTACTS, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0),
          g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "email") == 0,
          (const char *) sqlite3_column_text (stmt, 2),
          user_data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("read the database"));
      return FALSE;
    }
  return TRUE;
}


/* ------------------------------------------------------------------ */
/* Importing from other address books (src/exchange/reg-vcard.c)        */

static const char SQL_IMPORT_NEXT_ID[] =
  "SELECT ifnull (max (id), 0) + 1 FROM customers";

static const char SQL_IMPORT_REINDEX[] =
  "INSERT INTO search_reindex (id) VALUES (?1)";

static const char SQL_FIND_BY_EMAIL[] =
  "SELECT cc.customer_id FROM customer_contacts cc JOIN customers c ON c.id = cc.customer_id "
  "WHERE cc.kind = 'email' AND cc.value IN (?1, ?2) AND c.deleted_at IS NULL "
  "ORDER BY cc.customer_id LIMIT 1";

static const char SQL_FIND_BY_PHONE[] =
  "SELECT cc.customer_id FROM customer_contacts cc JOIN customers c ON c.id = cc.customer_id "
  "WHERE cc.kind = 'phone' AND cc.value = ?1 AND c.deleted_at IS NULL "
  "ORDER BY cc.customer_id LIMIT 1";

static const char SQL_IMPORT_CUSTOMER[] =
  "INSERT INTO customers (display_name, given_name, family_name, company, "
  "  street, locality, region, postal_code, country, birthday, "
  "  kind, internal, vip, consent, consent_at, created_at, updated_at, "
  "  name_key, family_key, owner_id) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, "
  "  reg_fold (?1), ?17, nullif (?18, 0))";

static const char SQL_IMPORT_CRIB_NOTE[] =
  "INSERT INTO crib_notes (customer_id, position, text, created_at, updated_at) "
  "SELECT ?1, ifnull ((SELECT max (position) + 1 FROM crib_notes WHERE customer_id = ?1), 0), ?2, ?3, ?3 "
  "WHERE NOT EXISTS (SELECT 1 FROM crib_notes WHERE customer_id = ?1 AND text = ?2 AND deleted_at IS NULL)";

static const char SQL_IMPORT_NEW_CRIB_NOTE[] =
  "INSERT INTO crib_notes (customer_id, position, text, created_at, updated_at) "
  "VALUES (?1, ?2, ?3, ?4, ?4)";

static const char SQL_IMPORT_EXTRA[] =
  "INSERT INTO customer_vcard_extras (customer_id, position, line) "
  "SELECT ?1, ifnull ((SELECT max (position) + 1 FROM customer_vcard_extras WHERE customer_id = ?1), 0), ?2 "
  "WHERE NOT EXISTS (SELECT 1 FROM customer_vcard_extras WHERE customer_id = ?1 AND line = ?2)";

static const char SQL_IMPORT_NEW_EXTRA[] =
  "INSERT INTO customer_vcard_extras (customer_id, position, line) VALUES (?1, ?2, ?3)";

static const char SQL_EXTRAS_LIST[] =
  "SELECT line FROM customer_vcard_extras WHERE customer_id = ?1 ORDER BY position, id";

static const char SQL_CRIB_NOTE_TEXTS[] =
  "SELECT text FROM crib_notes WHERE customer_id = ?1 AND deleted_at IS NULL ORDER BY position, id";

/* Starts an import inside reg_store_run_bulk(): the search index is
 * filled in one pass at the end (reg_store_import_end()), not row by row.
 * @first_id is the id the first imported customer will get. */
gboolean
reg_store_import_begin (RegStore  *self,
                        gint64    *first_id,
                        GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (!(stmt = reg_store_prepare (self, SQL_IMPORT_NEXT_ID, error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *first_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error, rc, _("start the import"));
      return FALSE;
    }

  g_object_set_data (G_OBJECT (self), "reg-import-tag-ids", NULL);
  return reg_store_suspend_search_index (self, error);
}

/* Indexes the customers imported since reg_store_import_begin() and the
 * existing ones in @merged_ids (gint64) that the import changed. */
gboolean
reg_store_import_end (RegStore  *self,
                      gint64     first_id,
                      GArray    *merged_ids,
                      GError   **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);

  g_object_set_data (G_OBJECT (self), "reg-import-tag-ids", NULL);
  if (!reg_store_resume_search_index (self, first_id, error))
    return FALSE;

  for (guint i = 0; merged_ids != NULL && i < merged_ids->len; i++)
    {
      sqlite3_stmt *stmt;

      if (!(stmt = reg_store_prepare (self, SQL_IMPORT_REINDEX, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (merged_ids, gint64, i));
      if (!step_done (self, stmt, _("build the search index"), error))
        return FALSE;
    }
  return TRUE;
}

/* The first live customer with this email address (as written, or in
 * lower case) or this phone number (as written); 0 for none, -1 on error. */
gint64
reg_store_find_customer_by_contact (RegStore    *self,
                                    gboolean     is_email,
                                    const char  *value,
                                    GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (REG_IS_STORE (self), -1);
  g_return_val_if_fail (value != NULL, -1);

  if (!(stmt = reg_store_prepare (self, is_email ? SQL_FIND_BY_EMAIL : SQL_FIND_BY_PHONE, error)))
    return -1;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  if (is_email)
    sqlite3_bind_text (stmt, 2, g_ascii_strdown (value, -1), -1, g_free);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("look for a customer"));
      return -1;
    }
  return id;
}

static const char * const import_kind_nicks[] = { "prospect", "current", "former" };

static const char SQL_IMPORT_TAG_ID[] =
  "SELECT id FROM tags WHERE name = trim (?1)";

static const char SQL_IMPORT_TAG_LINK[] =
  "INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) VALUES (?1, ?2)";

/* A shop has a few dozen tags and an import names them over and over:
 * their ids are kept for the length of the import. 0 on error. */
static gint64
import_tag_id (RegStore    *self,
               const char  *tag,
               GError     **error)
{
  GHashTable *ids = g_object_get_data (G_OBJECT (self), "reg-import-tag-ids");
  g_autofree char *key = g_strstrip (g_ascii_strdown (tag, -1));
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (ids == NULL)
    {
      ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_object_set_data_full (G_OBJECT (self), "reg-import-tag-ids", ids,
                              (GDestroyNotify) g_hash_table_unref);
    }
  else if (g_hash_table_contains (ids, key))
    return *(gint64 *) g_hash_table_lookup (ids, key);

  if (!(stmt = reg_store_prepare (self, SQL_TAG_ENSURE, error)))
    return 0;
  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, _("save a customer"), error))
    return 0;
  if (!(stmt = reg_store_prepare (self, SQL_IMPORT_TAG_ID, error)))
    return 0;
  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    {
      set_sqlite_error (self, error, rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_ERROR : rc,
                        _("save a customer"));
      return 0;
    }

  g_hash_table_insert (ids, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
  return id;
}

static void
bind_text_or_empty (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_STATIC);
}

static gboolean
import_add_lines (RegStore           *self,
                  gint64              id,
                  const char         *sql,
                  gboolean            is_note,
                  const char * const *lines,
                  gboolean            append,
                  GError            **error)
{
  gint64 now = reg_store_now (self);

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      sqlite3_stmt *stmt;

      if (is_blank (lines[i]))
        continue;
      if (!(stmt = reg_store_prepare (self, sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (append)
        {
          /* Merging: added after what is there, once. */
          sqlite3_bind_text (stmt, 2, lines[i], -1, SQLITE_STATIC);
          if (is_note)
            sqlite3_bind_int64 (stmt, 3, now);
        }
      else
        {
          sqlite3_bind_int (stmt, 2, (int) i);
          sqlite3_bind_text (stmt, 3, lines[i], -1, SQLITE_STATIC);
          if (is_note)
            sqlite3_bind_int64 (stmt, 4, now);
        }
      if (!step_done (self, stmt, _("save a customer"), error))
        return FALSE;
    }
  return TRUE;
}

/* Adds a new customer from an import, with its crib notes and the vCard
 * lines it has no field for, without the identity map or change signals:
 * inside reg_store_run_bulk(), after reg_store_import_begin(). */
gboolean
reg_store_import_customer (RegStore            *self,
                           RegCustomer         *customer,
                           const char * const  *crib_notes,
                           const char * const  *extra_lines,
                           GError             **error)
{
  const char * const *tags;
  RegCustomerKind kind;
  sqlite3_stmt *stmt;
  gint64 id, now;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (REG_IS_CUSTOMER (customer), FALSE);
  g_return_val_if_fail (reg_customer_get_id (customer) == 0, FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (!reg_customer_validate (customer, error))
    {
      invalid_to_store_error (error);
      return FALSE;
    }

  now = reg_store_now (self);
  kind = reg_customer_get_kind (customer);
  if (!(stmt = reg_store_prepare (self, SQL_IMPORT_CUSTOMER, error)))
    return FALSE;
  bind_text_or_empty (stmt, 1, reg_customer_get_display_name (customer));
  bind_text_or_empty (stmt, 2, reg_customer_get_given_name (customer));
  bind_text_or_empty (stmt, 3, reg_customer_get_family_name (customer));
  bind_text_or_empty (stmt, 4, reg_customer_get_company (customer));
  bind_text_or_empty (stmt, 5, reg_customer_get_street (customer));
  bind_text_or_empty (stmt, 6, reg_customer_get_locality (customer));
  bind_text_or_empty (stmt, 7, reg_customer_get_region (customer));
  bind_text_or_empty (stmt, 8, reg_customer_get_postal_code (customer));
  bind_text_or_empty (stmt, 9, reg_customer_get_country (customer));
  bind_text_or_empty (stmt, 10, reg_customer_get_birthday (customer));
  sqlite3_bind_text (stmt, 11, import_kind_nicks[CLAMP ((int) kind, 0, 2)], -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 12, reg_customer_get_internal (customer) ? 1 : 0);
  sqlite3_bind_int (stmt, 13, reg_customer_get_vip (customer) ? 1 : 0);
  sqlite3_bind_int (stmt, 14, reg_customer_get_consent (customer) ? 1 : 0);
  if (reg_customer_get_consent (customer))
    sqlite3_bind_int64 (stmt, 15, now);
  sqlite3_bind_int64 (stmt, 16, now);
  sqlite3_bind_text (stmt, 17, family_key (customer), -1, g_free);
  sqlite3_bind_int64 (stmt, 18, reg_customer_get_owner_id (customer));
  if (!step_done (self, stmt, _("save a customer"), error))
    return FALSE;

  id = sqlite3_last_insert_rowid (self->db);
  if (!write_contact_list (self, id, "phone", reg_customer_get_phones (customer), error) ||
      !write_contact_list (self, id, "email", reg_customer_get_emails (customer), error))
    return FALSE;

  tags = reg_customer_get_tags (customer);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      gint64 tag_id;

      if (is_blank (tags[i]))
        continue;
      if (!(tag_id = import_tag_id (self, tags[i], error)))
        return FALSE;
      if (!(stmt = reg_store_prepare (self, SQL_IMPORT_TAG_LINK, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, tag_id);
      if (!step_done (self, stmt, _("save a customer"), error))
        return FALSE;
    }

  if (!import_add_lines (self, id, SQL_IMPORT_NEW_CRIB_NOTE, TRUE, crib_notes, FALSE, error) ||
      !import_add_lines (self, id, SQL_IMPORT_NEW_EXTRA, FALSE, extra_lines, FALSE, error))
    return FALSE;

  reg_customer_set_id (customer, id);
  reg_customer_set_created_at (customer, now);
  reg_customer_set_updated_at (customer, now);
  return TRUE;
}

/* Merging into an existing customer: adds the crib notes and the extra
 * vCard lines it does not have yet. */
gboolean
reg_store_add_customer_extras (RegStore            *self,
                               gint64               customer_id,
                               const char * const  *crib_notes,
                               const char * const  *extra_lines,
                               GError             **error)
{
  g_return_val_if_fail (REG_IS_STORE (self), FALSE);

  if (!check_writable (self, error) || !reg_store_begin (self, error))
    return FALSE;
  if (!import_add_lines (self, customer_id, SQL_IMPORT_CRIB_NOTE, TRUE, crib_notes, TRUE, error) ||
      !import_add_lines (self, customer_id, SQL_IMPORT_EXTRA, FALSE, extra_lines, TRUE, error))
    {
      reg_store_rollback (self);
      return FALSE;
    }
  return reg_store_commit (self, error);
}

static GStrv
list_texts (RegStore    *self,
            const char  *sql,
            gint64       customer_id,
            GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = reg_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("read a customer"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* For exporting: the texts of a customer's crib notes, in their order,
 * and the vCard lines kept from an import. */
gboolean
reg_store_get_customer_extras (RegStore   *self,
                               gint64      customer_id,
                               GStrv      *crib_notes,
                               GStrv      *extra_lines,
                               GError    **error)
{
  g_auto(GStrv) notes = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);

  if (!(notes = list_texts (self, SQL_CRIB_NOTE_TEXTS, customer_id, error)) ||
      !(lines = list_texts (self, SQL_EXTRAS_LIST, customer_id, error)))
    return FALSE;

  if (crib_notes)
    *crib_notes = g_steal_pointer (&notes);
  if (extra_lines)
    *extra_lines = g_steal_pointer (&lines);
  return TRUE;
}

/* Backups, restoring, privacy export and erasing for good ------------- */

/* Runs "PRAGMA integrity_check" on @self's file. */
static gboolean
check_integrity (RegStore  *self,
                 GError   **error)
{
  g_autofree char *problem = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *first = (const char *) sqlite3_column_text (stmt, 0);

          if (g_strcmp0 (first, "ok") != 0)
            problem = g_strdup (first ? first : "?");
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error, rc, _("check the database"));
      return FALSE;
    }
  if (problem != NULL)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is damaged: %s."), self->path, problem);
      return FALSE;
    }
  return TRUE;
}

/* Opens the copy at @path read-only, after checking that it is a whole
 * Regulars database this version can read (an older one is fine). */
static RegStore *
open_checked_copy (const char  *path,
                   GError     **error)
{
  g_autoptr(RegStore) copy = store_new (path);
  int application_id = 0;

  copy->is_worker = TRUE;   /* it announces nothing */
  copy->read_only = TRUE;
  if (!open_connection (copy, FALSE, error))
    return NULL;

  /* check_identity() refuses an older schema in a store that cannot be
   * written; this one is only read here, and upgraded as a copy. */
  copy->read_only = FALSE;
  if (!check_identity (copy, error) ||
      !check_integrity (copy, error) ||
      !query_int (copy, "PRAGMA application_id", &application_id, error))
    return NULL;
  copy->read_only = TRUE;

  if (application_id != REG_APPLICATION_ID || copy->schema_version < 1)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_REGULARS,
                   _("“%s” holds no Regulars data."), path);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

static void G_GNUC_PRINTF (3, 4)
set_file_error (GError     **error,
                int          saved_errno,
                const char  *format,
                ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "%s: %s.", what, g_strerror (saved_errno));
}

/* A new, empty, private file beside @path, for a copy to be written
 * into before it takes @path's place. */
static char *
make_temp_beside (const char  *path,
                  GError     **error)
{
  char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      set_file_error (error, errno, _("Could not create a file in the folder of “%s”"), path);
      g_free (tmp);
      return NULL;
    }
  close (fd);
  return tmp;
}

static gboolean
sync_path (const char  *path,
           gboolean     is_dir,
           GError     **error)
{
  int fd = g_open (path, (is_dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      /* Some file systems cannot sync a folder; the file itself was. */
      if (is_dir)
        return TRUE;
      set_file_error (error, saved_errno, _("Could not write “%s” to disk"), path);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* A copy of @self's database, as one consistent moment, into the empty
 * file @tmp. VACUUM INTO rather than the backup API: it reads in one
 * read transaction, so the copy is consistent without holding writers
 * off (WAL), and it writes a compact file that leaves out free pages, so
 * nothing erased for good lingers in a backup. */
static gboolean
vacuum_into (RegStore    *self,
             const char  *tmp,
             const char  *target,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "VACUUM INTO ?1", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, tmp, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_OK)
    return TRUE;

  if ((rc & 0xff) == SQLITE_FULL)
    g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_FULL,
                 _("Could not write the copy “%s”: the disk is full."), target);
  else
    g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_FAILED,
                 _("Could not copy “%s” to “%s”: %s."), self->path, target, sqlite3_errmsg (self->db));
  return FALSE;
}

/* Puts the finished copy @tmp at @target: atomically replacing what is
 * there when @replace, otherwise only if nothing is. */
static gboolean
put_in_place (const char  *tmp,
              const char  *target,
              gboolean     replace,
              GError     **error)
{
  if (!replace)
    {
      if (link (tmp, target) == 0)
        {
          g_unlink (tmp);
          return TRUE;
        }
      if (errno == EEXIST)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("“%s” already exists; it was left as it is. Choose another name."), target);
          return FALSE;
        }
      /* File systems without hard links (a FAT memory stick): check, then
       * rename. */
      if (g_file_test (target, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("“%s” already exists; it was left as it is. Choose another name."), target);
          return FALSE;
        }
    }

  if (g_rename (tmp, target) != 0)
    {
      set_file_error (error, errno, _("Could not save “%s”"), target);
      return FALSE;
    }
  return TRUE;
}

/**
 * reg_store_backup:
 * @replace: whether an existing file at @path may be replaced; when
 *   FALSE, an existing file is refused with %G_IO_ERROR_EXISTS
 *
 * Writes a consistent copy of the database to @path (0600, its folder
 * made 0700 if it has to be made), checks that the copy is whole and is
 * a Regulars database of this schema, and only then puts it at @path. On
 * any failure nothing is left behind at @path.
 */
gboolean
reg_store_backup (RegStore    *self,
                  const char  *path,
                  gboolean     replace,
                  GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(RegStore) copy = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  target = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (target);

  if (g_str_equal (target, self->path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is the database itself; a backup must go into another file."), target);
      return FALSE;
    }
  if (self->tx_depth > 0)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_FAILED,
                   _("Could not back up “%s” while a change is being saved."), self->path);
      return FALSE;
    }
  if (!replace && g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists; it was left as it is. Choose another name."), target);
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_file_error (error, errno, _("Could not create the folder “%s”"), dir);
      return FALSE;
    }

  if (!(tmp = make_temp_beside (target, error)))
    return FALSE;

  if (!vacuum_into (self, tmp, target, &local_error) ||
      !sync_path (tmp, FALSE, &local_error))
    goto failed;

  if (!(copy = open_checked_copy (tmp, &local_error)))
    {
      g_prefix_error (&local_error, _("The copy “%s” did not check out: "), target);
      goto failed;
    }
  if (copy->schema_version != self->schema_version)
    {
      g_set_error (&local_error, REG_STORE_ERROR, REG_STORE_ERROR_FAILED,
                   _("The copy “%s” did not check out: it has database version %d instead of %d."),
                   target, copy->schema_version, self->schema_version);
      goto failed;
    }
  g_clear_object (&copy);

  if (!put_in_place (tmp, target, replace, &local_error))
    goto failed;
  sync_path (dir, TRUE, NULL);
  return TRUE;

failed:
  g_clear_object (&copy);
  g_unlink (tmp);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The folder for backups beside the database: "backups". */
char *
reg_store_get_backup_dir (RegStore *self)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (REG_IS_STORE (self), NULL);

  dir = g_path_get_dirname (self->path);
  return g_build_filename (dir, "backups", NULL);
}

/* Where the daily backup of @now's local date goes in @dir. */
char *
reg_store_get_daily_backup_path (const char *dir,
                                 gint64      now)
{
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);
  g_autofree char *name = g_date_time_format (today, "regulars-%Y-%m-%d.db");

  return g_build_filename (dir, name, NULL);
}

/* "regulars-YYYY-MM-DD.db", and nothing else. */
static gboolean
is_daily_backup_name (const char *name)
{
  static const char pattern[] = "regulars-0000-00-00.db";

  if (strlen (name) != sizeof pattern - 1)
    return FALSE;
  for (guint i = 0; pattern[i]; i++)
    if (pattern[i] == '0' ? !g_ascii_isdigit (name[i]) : name[i] != pattern[i])
      return FALSE;
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * reg_store_backup_daily:
 * @dir: the folder for the backups (made 0700 if missing)
 * @keep: how many daily backups to keep; 0 for %REG_STORE_BACKUP_KEEP_DEFAULT
 * @now: the time it is (UTC seconds); 0 for reg_store_now()
 *
 * Writes today's (local date) regulars-YYYY-MM-DD.db into @dir unless it
 * is there already, then deletes the oldest of those beyond @keep. No
 * other file in @dir is touched.
 */
gboolean
reg_store_backup_daily (RegStore    *self,
                        const char  *dir,
                        guint        keep,
                        gint64       now,
                        GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;
  const char *entry;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (keep == 0)
    keep = REG_STORE_BACKUP_KEEP_DEFAULT;
  if (now == 0)
    now = reg_store_now (self);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_file_error (error, errno, _("Could not create the folder “%s” for backups"), dir);
      return FALSE;
    }

  path = reg_store_get_daily_backup_path (dir, now);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) &&
      !reg_store_backup (self, path, FALSE, error))
    return FALSE;

  if (!(listing = g_dir_open (dir, 0, error)))
    return FALSE;
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (is_daily_backup_name (entry))
      g_ptr_array_add (found, g_strdup (entry));
  g_ptr_array_sort (found, compare_names);

  /* Dates sort as names do: the oldest come first. */
  for (guint i = 0; i + keep < found->len; i++)
    {
      g_autofree char *old = g_build_filename (dir, g_ptr_array_index (found, i), NULL);
      GStatBuf st;

      if (g_lstat (old, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if (g_unlink (old) != 0)
        {
          set_file_error (error, errno, _("Could not delete the old backup “%s”"), old);
          return FALSE;
        }
    }
  return TRUE;
}

/* Removes @id from @map; its object, if any still lives, is no longer
 * the store's. */
static void
map_forget (GHashTable *map,
            gint64      id)
{
  MapEntry *entry = g_hash_table_lookup (map, &id);

  if (entry == NULL)
    return;
  g_object_weak_unref (entry->object, map_entry_finalized, entry);
  g_hash_table_remove (map, &id);
}

static GPtrArray *
map_objects (GHashTable *map)
{
  GPtrArray *objects = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  MapEntry *entry;

  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    g_ptr_array_add (objects, g_object_ref (entry->object));
  return objects;
}

/* After the whole database changed under them: live objects whose row
 * is still there read it again; the others are let go. */
static void
reload_identity_maps (RegStore *self)
{
  const EntityInfo *infos[] = {
    &crib_note_info, &visit_info, &follow_up_info, &staff_info, &case_info, &case_event_info,
  };
  g_autoptr(GPtrArray) customers = map_objects (self->customers);

  for (guint i = 0; i < customers->len; i++)
    {
      RegCustomer *customer = g_ptr_array_index (customers, i);

      if (!reload_customer (self, customer, NULL))
        map_forget (self->customers, reg_customer_get_id (customer));
    }

  for (guint n = 0; n < G_N_ELEMENTS (infos); n++)
    {
      GHashTable *map = ENTITY_MAP (self, infos[n]);
      g_autoptr(GPtrArray) objects = map_objects (map);

      for (guint i = 0; i < objects->len; i++)
        {
          GObject *object = g_ptr_array_index (objects, i);

          if (!entity_reload (self, infos[n], object, NULL))
            map_forget (map, object_get_int64 (object, "id"));
        }
    }
}

/* A name for the database as it was before a restore, new in @dir. */
static char *
kept_backup_path (RegStore   *self,
                  const char *dir)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (reg_store_now (self));
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");

  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1
        ? g_strdup_printf ("regulars-before-restore-%s.db", stamp)
        : g_strdup_printf ("regulars-before-restore-%s-%u.db", stamp, n);
      char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
}

/**
 * reg_store_restore:
 * @from: a Regulars database file, such as a backup
 * @keep_dir: where the database as it is now is backed up first; NULL
 *   for reg_store_get_backup_dir()
 * @kept_path: (out) (optional): the file that backup went into
 *
 * Replaces everything in the database with what @from holds. @from is
 * checked first (SQLite, whole, Regulars, not newer than this version),
 * copied and brought up to this version's schema on the side, and the
 * database is backed up into @keep_dir; only then is the live database
 * overwritten, in one step. When anything fails the database is as it
 * was. Live objects read their rows again, and ::reloaded is emitted.
 */
gboolean
reg_store_restore (RegStore    *self,
                   const char  *from,
                   const char  *keep_dir,
                   char       **kept_path,
                   GError     **error)
{
  g_autofree char *source = NULL;
  g_autofree char *default_dir = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(RegStore) candidate = NULL;
  g_autoptr(RegStore) staged = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);
  g_return_val_if_fail (from != NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (self->tx_depth > 0)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_FAILED,
                   _("Could not restore into “%s” while a change is being saved."), self->path);
      return FALSE;
    }

  source = g_canonicalize_filename (from, NULL);
  if (g_str_equal (source, self->path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is the database in use; restore from a backup of it instead."), source);
      return FALSE;
    }
  if (!g_file_test (source, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("“%s” does not exist. Nothing was restored."), source);
      return FALSE;
    }
  if (g_file_test (source, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is a folder, not a database. Nothing was restored."), source);
      return FALSE;
    }

  /* 1. The file: whole, and ours. */
  if (!(candidate = open_checked_copy (source, &local_error)))
    goto failed;

  /* 2. A copy of it on the side, upgraded to this version's schema. */
  if (!(tmp = make_temp_beside (self->path, &local_error)) ||
      !vacuum_into (candidate, tmp, tmp, &local_error))
    goto failed;
  g_clear_object (&candidate);

  staged = store_new (tmp);
  staged->is_worker = TRUE;
  if (!open_connection (staged, FALSE, &local_error) ||
      !check_identity (staged, &local_error) ||
      !reg_store_exec (staged, "PRAGMA foreign_keys = ON", _("open the database"), &local_error) ||
      !migrate (staged, &local_error) ||
      !check_integrity (staged, &local_error))
    goto failed;

  /* 3. The database as it is now, kept. */
  if (keep_dir == NULL)
    keep_dir = default_dir = reg_store_get_backup_dir (self);
  if (g_mkdir_with_parents (keep_dir, 0700) != 0)
    {
      set_file_error (&local_error, errno, _("Could not create the folder “%s” for backups"), keep_dir);
      goto failed;
    }
  kept = kept_backup_path (self, keep_dir);
  if (!reg_store_backup (self, kept, FALSE, &local_error))
    goto failed;

  /* 4. Every page of the live database from the staged copy, in one
   * write transaction: all of it or, on failure, none. Statements are
   * prepared again against the new schema. */
  g_hash_table_remove_all (self->statements);
  backup = sqlite3_backup_init (self->db, "main", staged->db, "main");
  if (backup == NULL)
    {
      set_sqlite_error (self, &local_error, sqlite3_errcode (self->db), _("restore the database"));
      goto failed;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, &local_error, rc, _("restore the database"));
      goto failed;
    }

  g_clear_object (&staged);
  g_unlink (tmp);

  if (!query_int (self, "PRAGMA user_version", &self->schema_version, error))
    return FALSE;
  forget_ranks (self);
  reload_identity_maps (self);
  emit (self, RELOADED);
  emit (self, SETTINGS_CHANGED);

  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;

failed:
  g_clear_object (&candidate);
  g_clear_object (&staged);
  if (tmp != NULL)
    g_unlink (tmp);
  g_prefix_error (&local_error, _("Nothing was restored. "));
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Everything held about one customer ---------------------------------- */

static const char SQL_RECORD_CRIB_NOTES[] =
  "SELECT id, customer_id, position, text, created_at, updated_at, deleted_at "
  "FROM crib_notes WHERE customer_id = ?1 ORDER BY position, id";

static const char SQL_RECORD_VISITS[] =
  "SELECT id, customer_id, author_id, channel, happened_at, text, satisfaction, "
  "  created_at, deleted_at FROM visits "
  "WHERE customer_id = ?1 ORDER BY happened_at DESC, id DESC";

static const char SQL_RECORD_FOLLOW_UPS[] =
  "SELECT " FOLLOW_UP_COLUMNS " FROM follow_ups WHERE customer_id = ?1 ORDER BY due_at, id";

static const char SQL_RECORD_CASES[] =
  "SELECT " CASE_COLUMNS " FROM cases WHERE customer_id = ?1 ORDER BY opened_at, id";

static const char SQL_RECORD_CASE_EVENTS[] =
  "SELECT " CASE_EVENT_COLUMNS " FROM case_events "
  "WHERE case_id IN (SELECT id FROM cases WHERE customer_id = ?1) ORDER BY case_id, at, id";

void
reg_customer_record_free (RegCustomerRecord *record)
{
  if (record == NULL)
    return;
  g_clear_object (&record->customer);
  g_clear_pointer (&record->crib_notes, g_ptr_array_unref);
  g_clear_pointer (&record->visits, g_ptr_array_unref);
  g_clear_pointer (&record->follow_ups, g_ptr_array_unref);
  g_clear_pointer (&record->cases, g_ptr_array_unref);
  g_clear_pointer (&record->case_events, g_ptr_array_unref);
  g_clear_pointer (&record->staff, g_ptr_array_unref);
  g_free (record);
}

static void
note_staff (GHashTable *ids,
            gint64      id)
{
  if (id > 0)
    g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
}

static void
note_staff_of (GHashTable *ids,
               GPtrArray  *objects,
               const char *prop)
{
  for (guint i = 0; i < objects->len; i++)
    note_staff (ids, object_get_int64 (g_ptr_array_index (objects, i), prop));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/**
 * reg_store_get_customer_record:
 *
 * Everything the database holds about customer @customer_id, trashed
 * notes, visits, follow-ups and cases included, and the staff members it
 * names: what a privacy export writes out.
 */
RegCustomerRecord *
reg_store_get_customer_record (RegStore  *self,
                               gint64     customer_id,
                               GError   **error)
{
  g_autoptr(RegCustomerRecord) record = g_new0 (RegCustomerRecord, 1);
  g_autoptr(GHashTable) staff_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (REG_IS_STORE (self), NULL);

  if (!(record->customer = reg_store_get_customer (self, customer_id, error)) ||
      !(record->crib_notes = entity_list (self, &crib_note_info, SQL_RECORD_CRIB_NOTES, customer_id, error)) ||
      !(record->visits = entity_list (self, &visit_info, SQL_RECORD_VISITS, customer_id, error)) ||
      !(record->follow_ups = entity_list (self, &follow_up_info, SQL_RECORD_FOLLOW_UPS, customer_id, error)) ||
      !(record->cases = entity_list (self, &case_info, SQL_RECORD_CASES, customer_id, error)) ||
      !(record->case_events = entity_list (self, &case_event_info, SQL_RECORD_CASE_EVENTS, customer_id, error)))
    return NULL;

  note_staff (staff_ids, reg_customer_get_owner_id (record->customer));
  note_staff_of (staff_ids, record->visits, "author-id");
  note_staff_of (staff_ids, record->follow_ups, "assigned-to");
  note_staff_of (staff_ids, record->follow_ups, "created-by");
  note_staff_of (staff_ids, record->cases, "owner-id");
  note_staff_of (staff_ids, record->cases, "escalated-to-id");
  note_staff_of (staff_ids, record->case_events, "actor-id");
  note_staff_of (staff_ids, record->case_events, "staff-id");

  g_hash_table_iter_init (&iter, staff_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (sorted, *(gint64 *) key);
  g_array_sort (sorted, compare_ids);

  record->staff = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < sorted->len; i++)
    {
      RegStaff *staff = reg_store_get_staff (self, g_array_index (sorted, gint64, i), NULL);

      /* A staff id whose row is gone was set to NULL by the schema; none
       * should be missing, but a missing one is no reason to fail. */
      if (staff != NULL)
        g_ptr_array_add (record->staff, staff);
    }

  return g_steal_pointer (&record);
}

/**
 * reg_store_begin_snapshot:
 *
 * Reads from here to reg_store_end_snapshot() see the database as it is
 * now, whatever other connections write meanwhile: for an export of many
 * customers. Nothing may be written on @self in between. Inside a
 * transaction (a bulk job's) reads are consistent already, and this does
 * nothing.
 */
gboolean
reg_store_begin_snapshot (RegStore  *self,
                          GError   **error)
{
  int version = 0;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);

  if (self->tx_depth > 0 || sqlite3_get_autocommit (self->db) == 0)
    return TRUE;

  /* A deferred transaction takes its snapshot at its first read. */
  if (!reg_store_exec (self, "BEGIN DEFERRED", _("read the database"), error))
    return FALSE;
  if (!query_int (self, "PRAGMA user_version", &version, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  g_object_set_data (G_OBJECT (self), "reg-snapshot", GINT_TO_POINTER (TRUE));
  return TRUE;
}

void
reg_store_end_snapshot (RegStore *self)
{
  g_return_if_fail (REG_IS_STORE (self));

  if (g_object_get_data (G_OBJECT (self), "reg-snapshot") == NULL)
    return;
  g_object_set_data (G_OBJECT (self), "reg-snapshot", NULL);
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Erasing for good ------------------------------------------------------ */

static const char SQL_ERASE_CUSTOMER_EXISTS[] =
  "SELECT 1 FROM customers WHERE id = ?1";

/* The ids of the customer's rows, to let go of their live objects. */
static const char SQL_ERASE_IDS[] =
  "SELECT 0, id FROM crib_notes WHERE customer_id = ?1 "
  "UNION ALL SELECT 1, id FROM visits WHERE customer_id = ?1 "
  "UNION ALL SELECT 2, id FROM follow_ups WHERE customer_id = ?1 "
  "UNION ALL SELECT 3, id FROM cases WHERE customer_id = ?1 "
  "UNION ALL SELECT 4, id FROM case_events "
  "  WHERE case_id IN (SELECT id FROM cases WHERE customer_id = ?1)";

/* Every row about the customer, trashed ones too. Tags only this
 * customer had go as well: they may name them ("Smith family"). Deleting
 * the customer first lets the schema's ON DELETE CASCADEs take the rest
 * in one go, without the search triggers indexing the customer again for
 * each child row; the DELETEs after it find nothing then, and are there
 * so that the erase stays complete whatever a later schema forgets. */
static const char * const SQL_ERASE[] = {
  "DELETE FROM tags WHERE id IN (SELECT tag_id FROM customer_tags WHERE customer_id = ?1) "
  "  AND NOT EXISTS (SELECT 1 FROM customer_tags ct WHERE ct.tag_id = tags.id AND ct.customer_id != ?1)",
  "DELETE FROM customers WHERE id = ?1",
  "DELETE FROM case_events WHERE case_id IN (SELECT id FROM cases WHERE customer_id = ?1)",
  "DELETE FROM cases WHERE customer_id = ?1",
  "DELETE FROM follow_ups WHERE customer_id = ?1",
  "DELETE FROM visits WHERE customer_id = ?1",
  "DELETE FROM crib_notes WHERE customer_id = ?1",
  "DELETE FROM customer_tags WHERE customer_id = ?1",
  "DELETE FROM customer_contacts WHERE customer_id = ?1",
  "DELETE FROM customer_search WHERE rowid = ?1",
};

/* Afterwards: FTS5 keeps deleted entries in its older index segments
 * until they are merged, and SQLite 3.40's FTS5 has no 'secure-delete'
 * option; 'optimize' merges every segment into one, so the old ones are
 * freed, and secure_delete = ON zeroes freed pages and cells. The
 * checkpoint then copies the WAL into the database and truncates it, so
 * no older page image holding the rows is left in the -wal file. */
static const char SQL_ERASE_OPTIMIZE[] =
  "INSERT INTO customer_search (customer_search) VALUES ('optimize')";

/* Copies the whole WAL into the database and empties it. Another
 * session reading an older snapshot keeps its pages in the WAL; that is
 * reported, as those pages may hold what was erased. */
static gboolean
checkpoint_truncate (RegStore  *self,
                     GError   **error)
{
  int busy = 0;

  if (!query_int (self, "PRAGMA wal_checkpoint(TRUNCATE)", &busy, error))
    return FALSE;
  if (busy != 0)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_FAILED,
                   _("another program is reading “%s”; close it, and its write-ahead log "
                     "will be emptied the next time Regulars starts."), self->path);
      return FALSE;
    }
  return TRUE;
}

/**
 * reg_store_erase_customer:
 *
 * Deletes every row about customer @customer_id (live or in the trash),
 * removes it from the search index and from the database file and its
 * write-ahead log, so that none of it can be read back from the disk.
 * Emits ::customer-changed with %REG_CHANGE_DELETED, then ::reloaded.
 */
gboolean
reg_store_erase_customer (RegStore  *self,
                          gint64     customer_id,
                          GError   **error)
{
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTable *maps[5];
  sqlite3_stmt *stmt;
  gboolean found, scrubbed;
  int rc;

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);

  maps[0] = self->crib_notes;
  maps[1] = self->visits;
  maps[2] = self->follow_ups;
  maps[3] = self->cases;
  maps[4] = self->case_events;

  if (!check_writable (self, error) || !reg_store_begin (self, error))
    return FALSE;

  if (!(stmt = reg_store_prepare (self, SQL_ERASE_CUSTOMER_EXISTS, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  found = (rc == SQLITE_ROW);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("erase a customer"));
      goto failed;
    }
  if (!found)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_NOT_FOUND,
                   _("There is no customer number %" G_GINT64_FORMAT "."), customer_id);
      goto failed;
    }

  if (!(stmt = reg_store_prepare (self, SQL_ERASE_IDS, error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int kind = sqlite3_column_int (stmt, 0);
      gint64 id = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (kinds, kind);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error, rc, _("erase a customer"));
      goto failed;
    }

  for (guint i = 0; i < G_N_ELEMENTS (SQL_ERASE); i++)
    {
      if (!(stmt = reg_store_prepare (self, SQL_ERASE[i], error)))
        goto failed;
      if (sqlite3_bind_parameter_count (stmt) > 0)
        sqlite3_bind_int64 (stmt, 1, customer_id);
      if (!step_done (self, stmt, _("erase a customer"), error))
        goto failed;
    }

  if (!reg_store_commit (self, error))
    return FALSE;

  /* The rows are gone; what follows scrubs what is left of them on disk.
   * A failure there leaves the erase done, so it is reported, not undone. */
  scrubbed = reg_store_exec (self, SQL_ERASE_OPTIMIZE, _("erase a customer from the search index"), error) &&
             checkpoint_truncate (self, error);
  if (!scrubbed)
    g_prefix_error (error, _("Customer %" G_GINT64_FORMAT " was erased, but traces may be left in the file: "),
                    customer_id);

  map_forget (self->customers, customer_id);
  for (guint i = 0; i < ids->len; i++)
    map_forget (maps[g_array_index (kinds, int, i)], g_array_index (ids, gint64, i));

  emit (self, CUSTOMER_CHANGED, customer_id, REG_CHANGE_DELETED);
  emit (self, RELOADED);
  return scrubbed;

failed:
  reg_store_rollback (self);
  return FALSE;
}
