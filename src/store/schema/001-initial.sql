-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Schema version 1. Times are UTC Unix seconds; NULL means "none".
-- reg_fold() and reg_digits() are functions every Regulars connection
-- registers: folded (lower-case, accent-free) text for search and sorting.

CREATE TABLE staff (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  team        TEXT NOT NULL DEFAULT '',
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  INTEGER NOT NULL
);

CREATE TABLE customers (
  id               INTEGER PRIMARY KEY,
  display_name     TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
  given_name       TEXT NOT NULL DEFAULT '',
  family_name      TEXT NOT NULL DEFAULT '',
  company          TEXT NOT NULL DEFAULT '',
  street           TEXT NOT NULL DEFAULT '',
  locality         TEXT NOT NULL DEFAULT '',
  region           TEXT NOT NULL DEFAULT '',
  postal_code      TEXT NOT NULL DEFAULT '',
  country          TEXT NOT NULL DEFAULT '',
  birthday         TEXT NOT NULL DEFAULT '',
  kind             TEXT NOT NULL DEFAULT 'current'
                   CHECK (kind IN ('prospect', 'current', 'former')),
  internal         INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)),
  vip              INTEGER NOT NULL DEFAULT 0 CHECK (vip IN (0, 1)),
  owner_id         INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  consent          INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
  consent_at       INTEGER,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  last_contact_at  INTEGER,
  deleted_at       INTEGER,
  -- Folded copies for sorting and for one- and two-letter prefix search.
  name_key         TEXT NOT NULL,
  family_key       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX customers_by_name ON customers (name_key, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_by_family ON customers (family_key, name_key, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_by_last_contact ON customers (last_contact_at, id) WHERE deleted_at IS NULL;
CREATE INDEX customers_by_owner ON customers (owner_id) WHERE deleted_at IS NULL;
CREATE INDEX customers_trashed ON customers (deleted_at) WHERE deleted_at IS NOT NULL;

-- Phones and emails, several each, in the order the card shows them.
CREATE TABLE customer_contacts (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('phone', 'email')),
  position     INTEGER NOT NULL,
  label        TEXT NOT NULL DEFAULT '',
  value        TEXT NOT NULL CHECK (length(trim(value)) > 0)
);
CREATE INDEX customer_contacts_by_customer ON customer_contacts (customer_id, kind, position);
CREATE INDEX customer_contacts_by_value ON customer_contacts (kind, value);

CREATE TABLE tags (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
);

CREATE TABLE customer_tags (
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  tag_id       INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (customer_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX customer_tags_by_tag ON customer_tags (tag_id, customer_id);

CREATE TABLE crib_notes (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  text         TEXT NOT NULL CHECK (length(trim(text)) > 0),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  deleted_at   INTEGER
);
CREATE INDEX crib_notes_by_customer ON crib_notes (customer_id, position);

CREATE TABLE visits (
  id            INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  author_id     INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  channel       TEXT NOT NULL DEFAULT 'visit'
                CHECK (channel IN ('visit', 'call', 'email', 'other')),
  happened_at   INTEGER NOT NULL,
  text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
  satisfaction  INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
  created_at    INTEGER NOT NULL,
  deleted_at    INTEGER
);
CREATE INDEX visits_by_customer ON visits (customer_id, happened_at DESC, id DESC);
CREATE INDEX visits_by_time ON visits (happened_at) WHERE satisfaction IS NOT NULL;

CREATE TABLE follow_ups (
  id             INTEGER PRIMARY KEY,
  customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  visit_id       INTEGER REFERENCES visits (id) ON DELETE SET NULL,
  promise        TEXT NOT NULL CHECK (length(trim(promise)) > 0),
  -- The moment, in UTC, and the zone it was promised in: the wall-clock
  -- time a person chose is due_at seen in due_zone.
  due_at         INTEGER NOT NULL,
  due_zone       TEXT NOT NULL DEFAULT '',
  assigned_to    INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  created_by     INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  status         TEXT NOT NULL DEFAULT 'open'
                 CHECK (status IN ('open', 'done', 'cancelled')),
  snoozed_until  INTEGER,
  done_at        INTEGER,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  deleted_at     INTEGER
);
CREATE INDEX follow_ups_by_customer ON follow_ups (customer_id, due_at);
CREATE INDEX follow_ups_open_by_due
  ON follow_ups (max (due_at, ifnull (snoozed_until, 0)), id)
  WHERE status = 'open' AND deleted_at IS NULL;
CREATE INDEX follow_ups_open_by_customer
  ON follow_ups (customer_id, due_at)
  WHERE status = 'open' AND deleted_at IS NULL;

CREATE TABLE cases (
  id                    INTEGER PRIMARY KEY,
  customer_id           INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  title                 TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description           TEXT NOT NULL DEFAULT '',
  severity              TEXT NOT NULL DEFAULT 'normal'
                        CHECK (severity IN ('low', 'normal', 'high', 'urgent')),
  status                TEXT NOT NULL DEFAULT 'open'
                        CHECK (status IN ('open', 'in_progress', 'escalated', 'waiting', 'resolved', 'closed')),
  owner_id              INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  escalated_to_id       INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  escalated_team        TEXT NOT NULL DEFAULT '',
  opened_at             INTEGER NOT NULL,
  resolved_at           INTEGER,
  closed_at             INTEGER,
  resolution            TEXT NOT NULL DEFAULT '',
  customer_told         INTEGER NOT NULL DEFAULT 0 CHECK (customer_told IN (0, 1)),
  satisfaction          INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
  satisfaction_comment  TEXT NOT NULL DEFAULT '',
  updated_at            INTEGER NOT NULL,
  deleted_at            INTEGER
);
CREATE INDEX cases_by_customer ON cases (customer_id, opened_at);
CREATE INDEX cases_open ON cases (customer_id)
  WHERE status NOT IN ('resolved', 'closed') AND deleted_at IS NULL;

-- Every step of a case, never rewritten.
CREATE TABLE case_events (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  at           INTEGER NOT NULL,
  actor_id     INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  kind         TEXT NOT NULL,
  from_status  TEXT NOT NULL DEFAULT '',
  to_status    TEXT NOT NULL DEFAULT '',
  staff_id     INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  text         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_by_case ON case_events (case_id, at, id);

-- Search: one document per customer, in three columns so that matches in
-- the card itself can be listed before matches in notes and visits.
CREATE VIRTUAL TABLE customer_search USING fts5 (
  fields, notes, visits,
  tokenize = 'trigram',
  columnsize = 0
);

CREATE VIEW customer_search_source (id, fields, notes, visits) AS
SELECT c.id,
       reg_fold (c.display_name || ' ' || c.given_name || ' ' || c.family_name || ' ' ||
                 c.company || ' ' || c.locality || ' ' ||
                 ifnull ((SELECT group_concat (value, ' ')
                          FROM customer_contacts WHERE customer_id = c.id), '') || ' ' ||
                 ifnull ((SELECT group_concat (reg_digits (value), ' ')
                          FROM customer_contacts WHERE customer_id = c.id AND kind = 'phone'), '') || ' ' ||
                 ifnull ((SELECT group_concat (t.name, ' ')
                          FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
                          WHERE ct.customer_id = c.id), '')),
       reg_fold (ifnull ((SELECT group_concat (text, ' ') FROM crib_notes
                          WHERE customer_id = c.id AND deleted_at IS NULL), '')),
       reg_fold (ifnull ((SELECT group_concat (text, ' ') FROM visits
                          WHERE customer_id = c.id AND deleted_at IS NULL), ''))
FROM customers c;

-- The triggers below keep customer_search in step: each names the customer
-- to index again by inserting into search_reindex, whose one trigger does
-- it. Bulk loads drop them all (they are named search_...) for the length
-- of their transaction and index in one pass instead.
CREATE VIEW search_reindex (id) AS SELECT id FROM customers WHERE 0;

CREATE TRIGGER search_reindex_customer INSTEAD OF INSERT ON search_reindex BEGIN
  DELETE FROM customer_search WHERE rowid = new.id;
  INSERT INTO customer_search (rowid, fields, notes, visits)
    SELECT id, fields, notes, visits FROM customer_search_source WHERE id = new.id;
END;

CREATE TRIGGER search_customer_insert AFTER INSERT ON customers BEGIN
  INSERT INTO search_reindex (id) VALUES (new.id);
END;
CREATE TRIGGER search_customer_update
AFTER UPDATE OF display_name, given_name, family_name, company, locality ON customers BEGIN
  INSERT INTO search_reindex (id) VALUES (new.id);
END;
CREATE TRIGGER search_customer_delete AFTER DELETE ON customers BEGIN
  DELETE FROM customer_search WHERE rowid = old.id;
END;

CREATE TRIGGER search_contact_insert AFTER INSERT ON customer_contacts BEGIN
  INSERT INTO search_reindex (id) VALUES (new.customer_id);
END;
CREATE TRIGGER search_contact_update AFTER UPDATE ON customer_contacts BEGIN
  INSERT INTO search_reindex (id) VALUES (old.customer_id);
  INSERT INTO search_reindex (id) SELECT new.customer_id WHERE new.customer_id != old.customer_id;
END;
CREATE TRIGGER search_contact_delete AFTER DELETE ON customer_contacts BEGIN
  INSERT INTO search_reindex (id) VALUES (old.customer_id);
END;

CREATE TRIGGER search_tag_insert AFTER INSERT ON customer_tags BEGIN
  INSERT INTO search_reindex (id) VALUES (new.customer_id);
END;
CREATE TRIGGER search_tag_delete AFTER DELETE ON customer_tags BEGIN
  INSERT INTO search_reindex (id) VALUES (old.customer_id);
END;
CREATE TRIGGER search_tag_rename AFTER UPDATE OF name ON tags BEGIN
  INSERT INTO search_reindex (id) SELECT customer_id FROM customer_tags WHERE tag_id = new.id;
END;

CREATE TRIGGER search_crib_note_insert AFTER INSERT ON crib_notes BEGIN
  INSERT INTO search_reindex (id) VALUES (new.customer_id);
END;
CREATE TRIGGER search_crib_note_update AFTER UPDATE OF text, deleted_at ON crib_notes BEGIN
  INSERT INTO search_reindex (id) VALUES (new.customer_id);
END;
CREATE TRIGGER search_crib_note_delete AFTER DELETE ON crib_notes BEGIN
  INSERT INTO search_reindex (id) VALUES (old.customer_id);
END;

CREATE TRIGGER search_visit_insert AFTER INSERT ON visits BEGIN
  INSERT INTO search_reindex (id) VALUES (new.customer_id);
END;
CREATE TRIGGER search_visit_update AFTER UPDATE OF text, deleted_at ON visits BEGIN
  INSERT INTO search_reindex (id) VALUES (new.customer_id);
END;
CREATE TRIGGER search_visit_delete AFTER DELETE ON visits BEGIN
  INSERT INTO search_reindex (id) VALUES (old.customer_id);
END;

-- A visit is the latest contact with the customer, unless one later is known.
-- (Named search_ too: bulk loads set last contact times themselves.)
CREATE TRIGGER search_visit_last_contact AFTER INSERT ON visits
WHEN new.deleted_at IS NULL BEGIN
  UPDATE customers SET last_contact_at = new.happened_at
  WHERE id = new.customer_id AND ifnull (last_contact_at, 0) < new.happened_at;
END;

PRAGMA application_id = 1380271955;
