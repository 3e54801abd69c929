/* reg-sample-data.c: a realistic shop's customers, for trying Regulars
 * and for measuring it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "reg-sample-data"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "reg-fold.h"
#include "reg-store-private.h"

static const char * const given_names[] = {
  "Anna", "James", "Olivia", "Mohammed", "Sofía", "Mateo", "Zoë", "Liam", "Amara",
  "Chloé", "Lukas", "Łukasz", "Agnieszka", "Hiroshi", "Yuki", "Wei", "Mei", "Priya",
  "Arjun", "Aisha", "Omar", "Fatima", "Kwame", "Chiamaka", "Ngozi", "Thanh", "Minh",
  "Siobhán", "Niamh", "Björn", "Ingrid", "Søren", "José", "Inês", "João", "Giulia",
  "Marco", "Elif", "Mehmet", "Dmitri", "Olga", "Nadia", "Hamid", "Leila", "Tomás",
  "Carmen", "Pierre", "Élodie", "Hannah", "Jonas", "Emma", "Noah", "Grace", "Samuel",
  "Ravi", "Ananya", "Kenji", "Sakura", "Ji-woo", "Min-jun", "Ama", "Kofi", "Rosa",
  "Mia", "Ethan", "Isabella", "Lucía", "Hugo", "Maja", "Erik",
};

static const char * const family_names[] = {
  "Smith", "Jones", "Müller", "Schmidt", "García", "Fernández", "Rossi", "Bianchi",
  "Dubois", "Lefèvre", "Kowalski", "Nowak", "Wiśniewska", "Sato", "Suzuki", "Tanaka",
  "Wang", "Li", "Zhang", "Chen", "Sharma", "Patel", "Gupta", "Khan", "Haddad", "Mansour",
  "Okafor", "Mensah", "Adeyemi", "Nguyễn", "Trần", "Lê", "O'Brien", "Murphy", "Ní Bhriain",
  "Andersson", "Johansson", "Hansen", "Sørensen", "Silva", "Santos", "Pereira", "Costa",
  "Yılmaz", "Kaya", "Çelik", "Ivanov", "Petrova", "Kuznetsova", "Cohen", "Levi",
  "Kim", "Park", "Choi", "Taylor", "Brown", "Wilson", "Martin", "Thompson", "White",
  "Novák", "Horváth", "Papadopoulos", "Dimitriou", "Jensen", "Berg",
};

static const char * const companies[] = {
  "Harbour Bakery", "Greenleaf Florists", "Northside Dental", "Bright Sparks Electrical",
  "Café Lumière", "Müller & Söhne", "Atlas Logistics", "Pennywise Accounting",
  "The Corner Bookshop", "Riverside Primary School", "Blue Door Architects",
  "Sunrise Yoga Studio", "Oak & Iron Furniture", "Kowalski Builders", "Sakura Sushi Bar",
  "Mensah Imports", "Lighthouse Veterinary", "Patel Pharmacy", "Nordic Knitwear",
  "Città Pizzeria", "Haddad Tailoring", "Evergreen Landscaping", "Copperpot Kitchen",
  "Studio Nguyễn", "St Anne's Care Home", "Velo Repairs", "Paper & Ink Printers",
};

static const char * const streets[] = {
  "High Street", "Station Road", "Church Lane", "Mill Road", "Park Avenue",
  "Rue des Lilas", "Hauptstraße", "Calle Mayor", "Via Roma", "Queen's Road",
  "Market Square", "Riverside Walk", "Orchard Close", "Harbour View",
};

static const char * const localities[] = {
  "Bristol", "Leeds", "Brighton", "Norwich", "York", "Cardiff", "Glasgow", "Belfast",
  "Dublin", "Lyon", "Köln", "Kraków", "Porto", "Bologna",
};

static const char * const tags[] = {
  "wholesale", "newsletter", "loyalty card", "gluten-free", "trade account",
  "delivery", "weekend", "corporate", "gift orders", "student", "neighbour", "events",
};

static const char * const crib_notes[] = {
  "Daughter %s starts school in September",
  "Hates being called before 10",
  "Allergic to nuts",
  "Prefers email to phone",
  "Always pays cash",
  "Dog called %s, usually waiting outside",
  "Hard of hearing: speak up, face them",
  "Ask about the allotment",
  "Vegetarian; partner is vegan",
  "Likes the window table",
  "Runner: training for the %s marathon",
  "Son %s works at the hospital",
  "Orders for the whole office on Fridays",
  "Brings their own bags",
  "Moved here from %s last year",
  "Birthday cake order every March",
  "Do not mention the football",
  "Cat called %s",
};

static const char * const visit_texts[] = {
  "Came in for the usual order, asked after %s.",
  "Called about the delivery date; confirmed Thursday.",
  "Picked up the special order. Very happy with it.",
  "Asked for a quote for %s; sent it the same day.",
  "Complained the last batch was late; apologised and gave a discount.",
  "Emailed to change the address for deliveries.",
  "Tried the new range, bought two. Wants to hear when it is back in stock.",
  "Quick visit, paid the outstanding invoice.",
  "Long chat about the renovation. Will come back with measurements.",
  "Phoned to book the room for %s's party.",
  "Returned an item (wrong size); exchanged.",
  "Brought a friend, %s, who may become a customer.",
  "Asked whether we deliver to %s. Said yes, on Tuesdays.",
  "Email: thanks for the quick turnaround on the repair.",
  "Card declined; will pay by transfer next week.",
  "Wanted advice on gifts for %s; suggested the hamper.",
  "Placed a standing order for every other Friday.",
  "Called back as promised; all sorted.",
  "Mentioned the prices went up; explained why.",
  "Dropped off samples for the new catalogue.",
};

static const char * const promises[] = {
  "Call back about the part", "Send the quote", "Confirm the delivery date",
  "Check stock of the blue one", "Email the invoice copy", "Ring when the order arrives",
  "Book the fitting", "Follow up on the complaint", "Send the catalogue",
  "Arrange the refund",
};

static const char * const case_titles[] = {
  "Late delivery", "Damaged on arrival", "Charged twice", "Wrong item sent",
  "Rude on the phone", "Repair not fixed", "Missing from the order",
};

static const struct { const char *name, *team; } staff[] = {
  { "Alex Martin", "Front desk" },
  { "Priya Sharma", "Sales" },
  { "Jonas Weber", "Service" },
  { "Fatima Haddad", "Service" },
  { "Kenji Sato", "Sales" },
  { "Chloé Dubois", "Management" },
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

typedef struct
{
  guint   n_customers;
  guint   visits_per_customer;
  guint32 seed;
} SampleJob;

static const char SQL_STAFF[] =
  "INSERT INTO staff (name, team, active, created_at) VALUES (?1, ?2, 1, ?3)";
static const char SQL_CUSTOMER[] =
  "INSERT INTO customers (display_name, given_name, family_name, company, street, locality, "
  "  postal_code, country, birthday, kind, internal, vip, owner_id, consent, consent_at, "
  "  created_at, updated_at, last_contact_at, name_key, family_key) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17, ?18, ?19)";
static const char SQL_CONTACT[] =
  "INSERT INTO customer_contacts (customer_id, kind, position, label, value) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_TAG[] =
  "INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO UPDATE SET name = name RETURNING id";
static const char SQL_CUSTOMER_TAG[] =
  "INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) VALUES (?1, ?2)";
static const char SQL_CRIB_NOTE[] =
  "INSERT INTO crib_notes (customer_id, position, text, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";
static const char SQL_VISIT[] =
  "INSERT INTO visits (customer_id, author_id, channel, happened_at, text, satisfaction, created_at) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?4)";
static const char SQL_FOLLOW_UP[] =
  "INSERT INTO follow_ups (customer_id, promise, due_at, assigned_to, created_by, status, done_at, "
  "  created_at, updated_at, reminded_for) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?7, ?8)";
static const char SQL_CASE[] =
  "INSERT INTO cases (customer_id, title, description, severity, status, owner_id, opened_at, "
  "  resolved_at, resolution, customer_told, satisfaction, updated_at, target_at, reminded_for, "
  "  escalated_to_id, escalated_team, closed_at) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?7, ?12, ?13, ?14, ifnull (?15, ''), ?16)";
static const char SQL_CASE_EVENT[] =
  "INSERT INTO case_events (case_id, at, actor_id, kind, from_status, to_status, text, staff_id, "
  "  team, customer_told, satisfaction) "
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ifnull (?9, ''), ifnull (?10, 0), ?11)";
static const char SQL_MAX_CUSTOMER[] =
  "SELECT ifnull (max (id), 0) FROM customers";

static gboolean
step (RegStore      *store,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, REG_STORE_ERROR, REG_STORE_ERROR_FAILED,
                   _("Could not make sample data: %s"), sqlite3_errmsg (reg_store_get_db (store)));
      return FALSE;
    }
  return TRUE;
}

static char *
fill_template (GRand      *rand,
               const char *template)
{
  const char *word = g_rand_boolean (rand) ? PICK (rand, given_names) : PICK (rand, localities);

  const char *slot = strstr (template, "%s");

  /* Every template has at most one slot, for a name or a place. */
  if (slot == NULL)
    return g_strdup (template);
  return g_strdup_printf ("%.*s%s%s", (int) (slot - template), template, word, slot + 2);
}

/* An email address made of the name, without accents or spaces. */
static char *
make_email (const char *given,
            const char *family,
            guint       n)
{
  g_autofree char *g = reg_fold (given);
  g_autofree char *f = reg_fold (family);
  g_autofree char *local = g_strdup_printf ("%s.%s%u", g, f, n % 100);
  GString *out = g_string_new (NULL);
  static const char * const domains[] = { "example.com", "example.org", "example.net" };

  for (const char *p = local; *p; p++)
    if (g_ascii_isalnum (*p) || *p == '.')
      g_string_append_c (out, *p);
  g_string_append_printf (out, "@%s", domains[n % G_N_ELEMENTS (domains)]);
  return g_string_free (out, FALSE);
}

static gboolean
fill (RegStore      *store,
      gpointer       data,
      GCancellable  *cancellable,
      GError       **error)
{
  SampleJob *job = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (job->seed);
  gint64 now = reg_store_now (store);
  gint64 staff_ids[G_N_ELEMENTS (staff)];
  gint64 tag_ids[G_N_ELEMENTS (tags)];
  gint64 first_customer = 1;
  sqlite3 *db = reg_store_get_db (store);
  sqlite3_stmt *s;

#define PREPARE(sql) G_STMT_START { if (!(s = reg_store_prepare (store, (sql), error))) return FALSE; } G_STMT_END
#define TEXT(i, v) sqlite3_bind_text (s, (i), (v), -1, SQLITE_TRANSIENT)
#define INT(i, v) sqlite3_bind_int64 (s, (i), (v))

  PREPARE (SQL_MAX_CUSTOMER);
  if (sqlite3_step (s) == SQLITE_ROW)
    first_customer = sqlite3_column_int64 (s, 0) + 1;
  sqlite3_reset (s);

  if (!reg_store_suspend_search_index (store, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      PREPARE (SQL_STAFF);
      TEXT (1, staff[i].name);
      TEXT (2, staff[i].team);
      INT (3, now - 3 * 365 * 86400);
      if (!step (store, s, error))
        return FALSE;
      staff_ids[i] = sqlite3_last_insert_rowid (db);
    }

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      PREPARE (SQL_TAG);
      TEXT (1, tags[i]);
      if (sqlite3_step (s) == SQLITE_ROW)
        tag_ids[i] = sqlite3_column_int64 (s, 0);
      else
        tag_ids[i] = 0;
      sqlite3_reset (s);
    }

  for (guint n = 0; n < job->n_customers; n++)
    {
      const char *given = PICK (rand, given_names);
      const char *family = PICK (rand, family_names);
      g_autofree char *display = g_strdup_printf ("%s %s", given, family);
      g_autofree char *name_key = reg_fold (display);
      g_autofree char *family_key = reg_fold (family);
      gint64 created = now - g_rand_int_range (rand, 30, 3 * 365) * (gint64) 86400;
      guint n_visits = job->visits_per_customer ? g_rand_int_range (rand, 0, 2 * job->visits_per_customer + 1) : 0;
      g_autofree gint64 *visit_times = g_new (gint64, MAX (n_visits, 1));
      int kind_roll = g_rand_int_range (rand, 0, 100);
      gint64 customer_id;

      if (n % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      /* Visits happen between creation and now, in order. */
      for (guint v = 0; v < n_visits; v++)
        visit_times[v] = created + (gint64) g_rand_double_range (rand, 0, (double) (now - created));
      for (guint a = 1; a < n_visits; a++)
        for (guint b = a; b > 0 && visit_times[b - 1] > visit_times[b]; b--)
          {
            gint64 t = visit_times[b];
            visit_times[b] = visit_times[b - 1];
            visit_times[b - 1] = t;
          }

      PREPARE (SQL_CUSTOMER);
      TEXT (1, display);
      TEXT (2, given);
      TEXT (3, family);
      TEXT (4, g_rand_int_range (rand, 0, 10) < 3 ? PICK (rand, companies) : "");
      {
        g_autofree char *street = g_strdup_printf ("%d %s", g_rand_int_range (rand, 1, 200), PICK (rand, streets));
        g_autofree char *postcode = g_strdup_printf ("%05d", g_rand_int_range (rand, 1000, 99999));
        TEXT (5, street);
        TEXT (6, PICK (rand, localities));
        TEXT (7, postcode);
        TEXT (8, "");
      }
      if (g_rand_int_range (rand, 0, 10) < 4)
        {
          g_autofree char *birthday = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1940, 2006),
                                                       g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
          TEXT (9, birthday);
        }
      else
        TEXT (9, "");
      TEXT (10, kind_roll < 15 ? "prospect" : kind_roll < 90 ? "current" : "former");
      INT (11, g_rand_int_range (rand, 0, 100) < 3);
      INT (12, g_rand_int_range (rand, 0, 100) < 5);
      if (g_rand_int_range (rand, 0, 10) < 7)
        INT (13, staff_ids[g_rand_int_range (rand, 0, G_N_ELEMENTS (staff))]);
      if (g_rand_int_range (rand, 0, 10) < 6)
        {
          INT (14, 1);
          INT (15, created);
        }
      else
        INT (14, 0);
      INT (16, created);
      if (n_visits > 0)
        INT (17, visit_times[n_visits - 1]);
      TEXT (18, name_key);
      TEXT (19, family_key);
      if (!step (store, s, error))
        return FALSE;
      customer_id = sqlite3_last_insert_rowid (db);

      /* Phones and emails */
      for (int p = 0, n_phones = g_rand_int_range (rand, 0, 3); p < n_phones; p++)
        {
          g_autofree char *phone = g_strdup_printf ("+44 %d %04d %04d", g_rand_int_range (rand, 20, 80),
                                                    g_rand_int_range (rand, 0, 10000), g_rand_int_range (rand, 0, 10000));
          PREPARE (SQL_CONTACT);
          INT (1, customer_id);
          TEXT (2, "phone");
          INT (3, p);
          TEXT (4, p == 0 ? "mobile" : "work");
          TEXT (5, phone);
          if (!step (store, s, error))
            return FALSE;
        }
      if (g_rand_int_range (rand, 0, 10) < 8)
        {
          g_autofree char *email = make_email (given, family, n);
          PREPARE (SQL_CONTACT);
          INT (1, customer_id);
          TEXT (2, "email");
          INT (3, 0);
          TEXT (4, "home");
          TEXT (5, email);
          if (!step (store, s, error))
            return FALSE;
        }

      for (int t = 0, n_tags = g_rand_int_range (rand, 0, 4); t < n_tags; t++)
        {
          PREPARE (SQL_CUSTOMER_TAG);
          INT (1, customer_id);
          INT (2, tag_ids[g_rand_int_range (rand, 0, G_N_ELEMENTS (tags))]);
          if (!step (store, s, error))
            return FALSE;
        }

      for (int c = 0, n_notes = g_rand_int_range (rand, 0, 4); c < n_notes; c++)
        {
          g_autofree char *text = fill_template (rand, PICK (rand, crib_notes));
          PREPARE (SQL_CRIB_NOTE);
          INT (1, customer_id);
          INT (2, c);
          TEXT (3, text);
          INT (4, created);
          if (!step (store, s, error))
            return FALSE;
        }

      for (guint v = 0; v < n_visits; v++)
        {
          static const char * const channels[] = { "visit", "visit", "visit", "call", "call", "email", "other" };
          g_autofree char *text = fill_template (rand, PICK (rand, visit_texts));
          PREPARE (SQL_VISIT);
          INT (1, customer_id);
          INT (2, staff_ids[g_rand_int_range (rand, 0, G_N_ELEMENTS (staff))]);
          TEXT (3, PICK (rand, channels));
          INT (4, visit_times[v]);
          TEXT (5, text);
          if (g_rand_int_range (rand, 0, 3) == 0)
            INT (6, g_rand_int_range (rand, 2, 6));
          if (!step (store, s, error))
            return FALSE;
        }

      if (g_rand_int_range (rand, 0, 5) == 0)
        {
          gboolean open = g_rand_int_range (rand, 0, 3) == 0;
          gint64 due = open ? now + g_rand_int_range (rand, -10 * 86400, 30 * 86400)
                            : created + g_rand_int_range (rand, 86400, 30 * 86400);
          PREPARE (SQL_FOLLOW_UP);
          INT (1, customer_id);
          TEXT (2, PICK (rand, promises));
          INT (3, due - due % 900);
          INT (4, staff_ids[g_rand_int_range (rand, 0, G_N_ELEMENTS (staff))]);
          TEXT (5, open ? "open" : "done");
          if (!open)
            INT (6, due);
          INT (7, MIN (due, now) - 86400);
          /* Sample history: overdue ones were reminded of when they fell due,
           * so that a first start does not greet with a pile of them. */
          if (open && due - due % 900 <= now)
            INT (8, due - due % 900);
          if (!step (store, s, error))
            return FALSE;
        }

      if (g_rand_int_range (rand, 0, 100) == 0)
        {
          static const char * const severities[] = { "low", "normal", "normal", "high", "urgent" };
          static const char * const statuses[] = { "open", "in_progress", "escalated", "waiting", "resolved", "closed", "closed" };
          const char *status = PICK (rand, statuses);
          gboolean resolved = g_str_equal (status, "resolved") || g_str_equal (status, "closed");
          /* Open complaints are recent: a shop does not leave many for weeks. */
          gint64 opened = now - g_rand_int_range (rand, 3600, (resolved ? 60 : 6) * 86400);
          gint64 owner = staff_ids[g_rand_int_range (rand, 0, G_N_ELEMENTS (staff))];
          const char *severity = PICK (rand, severities);
          static const guint hours[] = { 7 * 24, 3 * 24, 24, 4 };   /* by RegCaseSeverity */
          int severity_value = REG_CASE_SEVERITY_NORMAL;
          gint64 target;
          gint64 case_id;
          gint64 escalated_to = 0;
          gint64 resolved_at = 0;
          int satisfaction = 0;

          PREPARE (SQL_CASE);
          INT (1, customer_id);
          TEXT (2, PICK (rand, case_titles));
          TEXT (3, "Customer got in touch to complain.");
          TEXT (4, severity);
          TEXT (5, status);
          INT (6, owner);
          INT (7, opened);
          /* Sample history: its owners were reminded of targets already past. */
          reg_enum_from_nick (REG_TYPE_CASE_SEVERITY, severity, &severity_value);
          target = opened + (gint64) hours[severity_value] * 3600;
          INT (12, target);
          if (target <= now)
            INT (13, target);
          if (g_str_equal (status, "escalated"))
            {
              escalated_to = staff_ids[G_N_ELEMENTS (staff) - 1];   /* the manager */
              INT (14, escalated_to);
              TEXT (15, "Management");
            }
          if (g_str_equal (status, "closed"))
            resolved_at = MIN (opened + g_rand_int_range (rand, 3600, 5 * 86400), now - 86400);
          else if (resolved)
            resolved_at = MIN (opened + g_rand_int_range (rand, 3600, 5 * 86400), now);
          if (g_str_equal (status, "closed"))
            INT (16, resolved_at + 86400);
          if (resolved)
            {
              INT (8, resolved_at);
              TEXT (9, "Apologised and put it right.");
              INT (10, 1);
              satisfaction = g_rand_int_range (rand, 1, 6);
              INT (11, satisfaction);
            }
          else
            {
              TEXT (9, "");
              INT (10, 0);
            }
          if (!step (store, s, error))
            return FALSE;
          case_id = sqlite3_last_insert_rowid (db);

          /* Its history, step by step, as staff would have written it. */
#define CASE_EVENT(at, kind, from, to, text, staff_id) G_STMT_START { \
            PREPARE (SQL_CASE_EVENT); \
            INT (1, case_id); INT (2, (at)); INT (3, owner); TEXT (4, (kind)); \
            TEXT (5, (from)); TEXT (6, (to)); TEXT (7, (text)); \
            if ((staff_id) != 0) { INT (8, (staff_id)); TEXT (9, staff[G_N_ELEMENTS (staff) - 1].team); } \
            if (g_str_equal ((kind), "resolved")) INT (10, 1); \
            if (g_str_equal ((kind), "rated")) INT (11, satisfaction); \
            if (!step (store, s, error)) return FALSE; } G_STMT_END
          CASE_EVENT (opened, "opened", "", "open", "Customer got in touch to complain.", 0);
          if (!g_str_equal (status, "open"))
            CASE_EVENT (opened + 1800, "status", "open", "in_progress", "Looking into it.", 0);
          if (g_str_equal (status, "escalated"))
            CASE_EVENT (opened + 7200, "escalated", "in_progress", "escalated",
                        "A refund needs the manager's sign-off.", escalated_to);
          if (g_str_equal (status, "waiting"))
            CASE_EVENT (opened + 7200, "status", "in_progress", "waiting",
                        "Asked the customer for a photo of the damage.", 0);
          if (resolved)
            {
              CASE_EVENT (resolved_at, "resolved", "in_progress", "resolved", "Apologised and put it right.", 0);
              CASE_EVENT (resolved_at, "rated", "resolved", "resolved", "", 0);
            }
          if (g_str_equal (status, "closed"))
            CASE_EVENT (resolved_at + 86400, "status", "resolved", "closed", "", 0);
#undef CASE_EVENT
        }
    }

#undef PREPARE
#undef TEXT
#undef INT

  return reg_store_resume_search_index (store, first_customer, error);
}

/* Adds @n_customers made-up customers, with about @visits_per_customer
 * visits each, the same for the same @seed, in one transaction. */
gboolean
reg_store_fill_sample_data (RegStore      *self,
                            guint          n_customers,
                            guint          visits_per_customer,
                            guint32        seed,
                            GCancellable  *cancellable,
                            GError       **error)
{
  SampleJob job = { n_customers, visits_per_customer, seed };

  g_return_val_if_fail (REG_IS_STORE (self), FALSE);

  return reg_store_run_bulk (self, fill, &job, cancellable, error);
}
