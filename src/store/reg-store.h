/* reg-store.h: the one owner of the Regulars database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "model/reg-model.h"

G_BEGIN_DECLS

#define REG_STORE_ERROR (reg_store_error_quark ())

typedef enum
{
  REG_STORE_ERROR_FAILED,
  REG_STORE_ERROR_NOT_A_DATABASE,   /* not SQLite, or damaged */
  REG_STORE_ERROR_NOT_REGULARS,     /* SQLite, but someone else's */
  REG_STORE_ERROR_NEWER_SCHEMA,     /* written by a newer Regulars */
  REG_STORE_ERROR_READ_ONLY,        /* a write to a read-only store */
  REG_STORE_ERROR_NOT_FOUND,
  REG_STORE_ERROR_INVALID,          /* a value a person must correct */
  REG_STORE_ERROR_FULL,             /* the disk is full */
} RegStoreError;

typedef enum
{
  REG_CHANGE_CREATED,
  REG_CHANGE_UPDATED,
  REG_CHANGE_TRASHED,
  REG_CHANGE_RESTORED,
  REG_CHANGE_DELETED,
} RegChangeKind;

#define REG_TYPE_CHANGE_KIND (reg_change_kind_get_type ())
GType reg_change_kind_get_type (void);

typedef enum
{
  REG_SORT_NAME,
  REG_SORT_LAST_CONTACT,   /* longest unseen first */
  REG_SORT_NEWEST,         /* most recently created first */
} RegSort;

#define REG_TYPE_SORT (reg_sort_get_type ())
GType reg_sort_get_type (void);

#define REG_STAFF_NOBODY (-1)

/* What the customer list shows. A tri-state field is -1 for "any". */
typedef struct
{
  char    *search;            /* any fragment; NULL or "" for all */
  int      kind;              /* RegCustomerKind or -1 */
  int      vip;               /* 0, 1 or -1 */
  int      internal;          /* 0, 1 or -1 */
  gint64   owner_id;          /* 0 for any */
  char    *tag;               /* NULL for any */
  guint    not_seen_days;     /* 0 for any */
  gboolean has_overdue;
  gboolean has_open_case;
  gboolean trashed;           /* the trash instead of the live customers */
  RegSort  sort;
  /* Behind the Overview's figures. A case filter means "has an open case
   * that is all of these"; any of them implies has_open_case. */
  int      case_severity;     /* RegCaseSeverity or -1 */
  gint64   case_opened_from;  /* opened at or after; 0 for any */
  gint64   case_opened_until; /* opened before; 0 for any */
  gboolean case_past_target;
  gint64   overdue_for;       /* has a promise overdue assigned to this staff member; 0 for any,
                               * REG_STAFF_NOBODY for one assigned to nobody */
  gint64   rated_from;        /* said how satisfied they were in [from, until); 0 for any */
  gint64   rated_until;
} RegCustomerQuery;

#define REG_TYPE_CUSTOMER_QUERY (reg_customer_query_get_type ())
GType             reg_customer_query_get_type (void);
RegCustomerQuery *reg_customer_query_new      (void);
RegCustomerQuery *reg_customer_query_copy     (const RegCustomerQuery *query);
void              reg_customer_query_free     (RegCustomerQuery       *query);
gboolean          reg_customer_query_equal    (const RegCustomerQuery *a,
                                               const RegCustomerQuery *b);
gboolean          reg_customer_query_has_filters (const RegCustomerQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegCustomerQuery, reg_customer_query_free)

#define REG_TYPE_STORE (reg_store_get_type ())

G_DECLARE_FINAL_TYPE (RegStore, reg_store, REG, STORE, GObject)

GQuark        reg_store_error_quark            (void);
char         *reg_store_default_path           (void);
RegStore     *reg_store_open                   (const char        *path,
                                                GError           **error);
const char   *reg_store_get_path               (RegStore          *self);
gboolean      reg_store_is_read_only           (RegStore          *self);
const char   *reg_store_get_read_only_reason   (RegStore          *self);
int           reg_store_get_schema_version     (RegStore          *self);
gint64        reg_store_now                    (RegStore          *self);
void          reg_store_set_now                (RegStore          *self,
                                                gint64             now);

/* Customers */
RegCustomer  *reg_store_get_customer           (RegStore          *self,
                                                gint64             id,
                                                GError           **error);
gboolean      reg_store_save_customer          (RegStore          *self,
                                                RegCustomer       *customer,
                                                GError           **error);
gboolean      reg_store_trash_customer         (RegStore          *self,
                                                RegCustomer       *customer,
                                                GError           **error);
gboolean      reg_store_restore_customer       (RegStore          *self,
                                                RegCustomer       *customer,
                                                GError           **error);
GArray       *reg_store_query_customer_ids     (RegStore          *self,
                                                const RegCustomerQuery *query,
                                                GError           **error);
GPtrArray    *reg_store_load_customers         (RegStore          *self,
                                                const gint64      *ids,
                                                guint              n_ids,
                                                GError           **error);
guint         reg_store_count_customers        (RegStore          *self);
void          reg_store_refresh_customer_flags (RegStore          *self,
                                                gint64             customer_id);
GStrv         reg_store_list_tags              (RegStore          *self);

/* Crib notes, in their order on the card */
GPtrArray    *reg_store_list_crib_notes        (RegStore          *self,
                                                gint64             customer_id,
                                                GError           **error);
gboolean      reg_store_save_crib_note         (RegStore          *self,
                                                RegCribNote       *note,
                                                GError           **error);
gboolean      reg_store_move_crib_note         (RegStore          *self,
                                                RegCribNote       *note,
                                                int                position,
                                                GError           **error);
gboolean      reg_store_trash_crib_note        (RegStore          *self,
                                                RegCribNote       *note,
                                                GError           **error);
gboolean      reg_store_restore_crib_note      (RegStore          *self,
                                                RegCribNote       *note,
                                                GError           **error);

/* The visit log, newest first */
GPtrArray    *reg_store_list_visits            (RegStore          *self,
                                                gint64             customer_id,
                                                GError           **error);
gboolean      reg_store_save_visit             (RegStore          *self,
                                                RegVisit          *visit,
                                                GError           **error);
gboolean      reg_store_save_visit_with_follow_up (RegStore       *self,
                                                RegVisit          *visit,
                                                RegFollowUp       *follow_up,
                                                GError           **error);
gboolean      reg_store_trash_visit            (RegStore          *self,
                                                RegVisit          *visit,
                                                GError           **error);
gboolean      reg_store_restore_visit          (RegStore          *self,
                                                RegVisit          *visit,
                                                GError           **error);

/* Follow-ups */
RegFollowUp  *reg_store_get_follow_up          (RegStore          *self,
                                                gint64             id,
                                                GError           **error);
GPtrArray    *reg_store_list_follow_ups        (RegStore          *self,
                                                gint64             customer_id,
                                                GError           **error);
GPtrArray    *reg_store_list_open_follow_ups   (RegStore          *self,
                                                gint64             due_before,
                                                GError           **error);
gboolean      reg_store_save_follow_up         (RegStore          *self,
                                                RegFollowUp       *follow_up,
                                                GError           **error);
gboolean      reg_store_set_follow_up_status   (RegStore          *self,
                                                RegFollowUp       *follow_up,
                                                RegFollowUpStatus  status,
                                                GError           **error);
gboolean      reg_store_snooze_follow_up       (RegStore          *self,
                                                RegFollowUp       *follow_up,
                                                gint64             until,
                                                GError           **error);
gboolean      reg_store_trash_follow_up        (RegStore          *self,
                                                RegFollowUp       *follow_up,
                                                GError           **error);
gboolean      reg_store_restore_follow_up      (RegStore          *self,
                                                RegFollowUp       *follow_up,
                                                GError           **error);
GPtrArray    *reg_store_list_follow_ups_to_remind (RegStore       *self,
                                                gint64             now,
                                                GError           **error);
gboolean      reg_store_next_follow_up_due     (RegStore          *self,
                                                gint64             after,
                                                gint64            *due,
                                                GError           **error);
gboolean      reg_store_mark_follow_ups_reminded (RegStore        *self,
                                                GPtrArray         *follow_ups,
                                                GError           **error);
gboolean      reg_store_count_overdue_follow_ups (RegStore        *self,
                                                gint64             now,
                                                gint64             assigned_to,
                                                guint             *count,
                                                GError           **error);

/* Staff */
RegStaff     *reg_store_get_staff              (RegStore          *self,
                                                gint64             id,
                                                GError           **error);
GPtrArray    *reg_store_list_staff             (RegStore          *self,
                                                gboolean           active_only,
                                                GError           **error);
gboolean      reg_store_save_staff             (RegStore          *self,
                                                RegStaff          *staff,
                                                GError           **error);

/* Complaint cases */
RegCase      *reg_store_get_case               (RegStore          *self,
                                                gint64             id,
                                                GError           **error);
GPtrArray    *reg_store_list_cases             (RegStore          *self,
                                                gint64             customer_id,
                                                GError           **error);
gboolean      reg_store_open_case              (RegStore          *self,
                                                RegCase           *kase,
                                                gint64             actor_id,
                                                GError           **error);
GPtrArray    *reg_store_list_case_events       (RegStore          *self,
                                                gint64             case_id,
                                                GError           **error);
gboolean      reg_store_set_case_status        (RegStore          *self,
                                                RegCase           *kase,
                                                RegCaseStatus      status,
                                                gint64             actor_id,
                                                const char        *note,
                                                GError           **error);
gboolean      reg_store_escalate_case          (RegStore          *self,
                                                RegCase           *kase,
                                                gint64             to_staff_id,
                                                const char        *team,
                                                const char        *reason,
                                                gint64             actor_id,
                                                GError           **error);
gboolean      reg_store_resolve_case           (RegStore          *self,
                                                RegCase           *kase,
                                                const char        *resolution,
                                                gboolean           customer_told,
                                                gint64             actor_id,
                                                GError           **error);
gboolean      reg_store_hand_over_case         (RegStore          *self,
                                                RegCase           *kase,
                                                gint64             new_owner_id,
                                                const char        *note,
                                                gint64             actor_id,
                                                GError           **error);
gboolean      reg_store_rate_case              (RegStore          *self,
                                                RegCase           *kase,
                                                int                satisfaction,
                                                const char        *comment,
                                                gint64             actor_id,
                                                GError           **error);

/* Open cases, the oldest target first (all customers). */
GPtrArray    *reg_store_list_open_cases        (RegStore          *self,
                                                GError           **error);

/* Telling the customer about a delay: the visit-log entry (@visit: its
 * customer, channel, text, author and time), and the case's target or the
 * follow-up's due time moved to @new_due (0 to leave it), in one
 * transaction. A case also gets a "customer-told" step naming the new time. */
gboolean      reg_store_tell_case_delay        (RegStore          *self,
                                                RegCase           *kase,
                                                RegVisit          *visit,
                                                gint64             new_due,
                                                gint64             actor_id,
                                                GError           **error);
gboolean      reg_store_tell_follow_up_delay   (RegStore          *self,
                                                RegFollowUp       *follow_up,
                                                RegVisit          *visit,
                                                gint64             new_due,
                                                const char        *new_zone,
                                                GError           **error);

/* Reminders for cases past their target: like follow-ups, one reminder
 * per target time. */
GPtrArray    *reg_store_list_cases_to_remind   (RegStore          *self,
                                                gint64             now,
                                                GError           **error);
gboolean      reg_store_next_case_target       (RegStore          *self,
                                                gint64             after,
                                                gint64            *target,
                                                GError           **error);
gboolean      reg_store_mark_cases_reminded    (RegStore          *self,
                                                GPtrArray         *cases,
                                                GError           **error);

/* Shop-wide settings, kept in the database so that every desk and the
 * command line agree: turnaround targets (applied to cases as they are
 * opened) and how long unseen makes a customer one to win back. */
void          reg_store_get_case_targets       (RegStore          *self,
                                                RegCaseTargets    *targets);
gboolean      reg_store_set_case_targets       (RegStore          *self,
                                                const RegCaseTargets *targets,
                                                GError           **error);
guint         reg_store_get_win_back_days      (RegStore          *self);
gboolean      reg_store_set_win_back_days      (RegStore          *self,
                                                guint              days,
                                                GError           **error);
#define REG_WIN_BACK_DAYS_DEFAULT 90

/* The Overview's figures, all as of @now. */
#define REG_CASE_AGE_N 4   /* under a day, 1-3 days, 3-7 days, over a week */

typedef struct
{
  guint  open_cases;
  guint  by_severity_age[4][REG_CASE_AGE_N];  /* [RegCaseSeverity][age] */
  guint  past_target;
  guint  customers_by_kind[3];                /* [RegCustomerKind] */
  guint  win_back;                            /* current customers unseen that long */
  gint64 win_back_ids[5];                     /* the first of them, longest unseen first */
  guint  n_win_back_ids;
  GArray *overdue_by_staff;                   /* RegStaffCount, most first */
} RegOverviewFigures;

typedef struct
{
  gint64 staff_id;   /* 0: assigned to nobody */
  guint  count;
} RegStaffCount;

gboolean      reg_store_get_overview           (RegStore          *self,
                                                gint64             now,
                                                RegOverviewFigures *figures,
                                                GError           **error);
void          reg_overview_figures_clear       (RegOverviewFigures *figures);
/* The bounds [from, until) of age bucket @age as of @now, for a query. */
void          reg_case_age_bounds              (guint              age,
                                                gint64             now,
                                                gint64            *from,
                                                gint64            *until);

/* How satisfied customers said they were, week by week */
typedef struct
{
  gint64 week_start;   /* Monday 00:00, local time */
  guint  count;        /* answers that week, from visit notes and cases */
  double average;      /* 1 to 5; 0 when nobody answered */
} RegSatisfactionWeek;

GArray       *reg_store_satisfaction_by_week   (RegStore          *self,
                                                gint64             now,
                                                guint              n_weeks,
                                                GError           **error);

/* Bulk work on a connection of its own, in one transaction */
typedef gboolean (*RegStoreBulkFunc) (RegStore      *bulk,
                                      gpointer       data,
                                      GCancellable  *cancellable,
                                      GError       **error);

void          reg_store_run_bulk_async         (RegStore            *self,
                                                RegStoreBulkFunc     func,
                                                gpointer             data,
                                                GDestroyNotify       data_free,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean      reg_store_run_bulk_finish        (RegStore            *self,
                                                GAsyncResult        *result,
                                                GError             **error);
gboolean      reg_store_run_bulk               (RegStore            *self,
                                                RegStoreBulkFunc     func,
                                                gpointer             data,
                                                GCancellable        *cancellable,
                                                GError             **error);

/* Reading work (exports, backups) on a connection of its own in a worker
 * thread, outside any transaction: @func may read, copy or begin a
 * snapshot (reg_store_begin_snapshot()) itself. */
void          reg_store_run_worker_async       (RegStore            *self,
                                                RegStoreBulkFunc     func,
                                                gpointer             data,
                                                GDestroyNotify       data_free,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean      reg_store_run_worker_finish      (RegStore            *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Sample data, for trying Regulars and for benchmarks */
gboolean      reg_store_fill_sample_data       (RegStore          *self,
                                                guint              n_customers,
                                                guint              visits_per_customer,
                                                guint32            seed,
                                                GCancellable      *cancellable,
                                                GError           **error);

/* Importing ----------------------------------------------------------- */

/* Calls @func for every phone and email of every live customer, for
 * finding duplicates in memory instead of one query per imported row. */
typedef void (*RegStoreContactFunc) (gint64      customer_id,
                                     gboolean    is_email,
                                     const char *value,
                                     gpointer    user_data);
gboolean      reg_store_foreach_contact        (RegStore          *self,
                                                RegStoreContactFunc func,
                                                gpointer           user_data,
                                                GError           **error);

/* Bulk loads (imports, sample profiles): reg_store_import_begin(), then
 * reg_store_import_customer() for each new customer, without the
 * bookkeeping a card needs (no live object, no change signal: the bulk
 * run ends with "reloaded"), then reg_store_import_end() indexes them for
 * search in one pass; all inside a RegStoreBulkFunc. */
gboolean      reg_store_import_begin           (RegStore            *self,
                                                gint64              *first_id,
                                                GError             **error);
gboolean      reg_store_import_end             (RegStore            *self,
                                                gint64               first_id,
                                                GArray              *merged_ids,
                                                GError             **error);
gint64        reg_store_find_customer_by_contact (RegStore          *self,
                                                gboolean             is_email,
                                                const char          *value,
                                                GError             **error);
gboolean      reg_store_import_customer        (RegStore            *self,
                                                RegCustomer         *customer,
                                                const char * const  *crib_notes,
                                                const char * const  *extra_lines,
                                                GError             **error);
gboolean      reg_store_add_customer_extras    (RegStore            *self,
                                                gint64               customer_id,
                                                const char * const  *crib_notes,
                                                const char * const  *extra_lines,
                                                GError             **error);
gboolean      reg_store_get_customer_extras    (RegStore            *self,
                                                gint64               customer_id,
                                                GStrv               *crib_notes,
                                                GStrv               *extra_lines,
                                                GError             **error);

/* Backups, restoring, privacy export and erasing for good ------------- */

#define REG_STORE_BACKUP_KEEP_DEFAULT 7

gboolean      reg_store_backup                 (RegStore          *self,
                                                const char        *path,
                                                gboolean           replace,
                                                GError           **error);
char         *reg_store_get_backup_dir         (RegStore          *self);
char         *reg_store_get_daily_backup_path  (const char        *dir,
                                                gint64             now);
gboolean      reg_store_backup_daily           (RegStore          *self,
                                                const char        *dir,
                                                guint              keep,
                                                gint64             now,
                                                GError           **error);
gboolean      reg_store_restore                (RegStore          *self,
                                                const char        *from,
                                                const char        *keep_dir,
                                                char             **kept_path,
                                                GError           **error);

/* Everything held about one customer, trashed rows included. */
typedef struct
{
  RegCustomer *customer;
  GPtrArray   *crib_notes;    /* RegCribNote, in card order */
  GPtrArray   *visits;        /* RegVisit, newest first */
  GPtrArray   *follow_ups;    /* RegFollowUp, by due time */
  GPtrArray   *cases;         /* RegCase, oldest first */
  GPtrArray   *case_events;   /* RegCaseEvent of all those cases, by case, then time */
  GPtrArray   *staff;         /* RegStaff named anywhere above, by id */
} RegCustomerRecord;

RegCustomerRecord *reg_store_get_customer_record (RegStore        *self,
                                                gint64             customer_id,
                                                GError           **error);
void          reg_customer_record_free         (RegCustomerRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegCustomerRecord, reg_customer_record_free)

gboolean      reg_store_begin_snapshot         (RegStore          *self,
                                                GError           **error);
void          reg_store_end_snapshot           (RegStore          *self);

gboolean      reg_store_erase_customer         (RegStore          *self,
                                                gint64             customer_id,
                                                GError           **error);
/* End of backups, restoring, privacy export and erasing --------------- */

G_END_DECLS
