-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 3: turnaround targets for cases, and shop-wide settings.

-- When the case should be resolved by: the turnaround target for its
-- severity when it was opened, or a later time the customer was told of.
-- Cases from before schema 3 get the default targets, counted in hours.
ALTER TABLE cases ADD COLUMN target_at INTEGER;
UPDATE cases SET target_at = opened_at + 3600 * CASE severity
  WHEN 'urgent' THEN 4 WHEN 'high' THEN 24 WHEN 'normal' THEN 72 ELSE 168 END;

-- The target_at its owner was last reminded of, as for follow-ups.
ALTER TABLE cases ADD COLUMN reminded_for INTEGER;
UPDATE cases SET reminded_for = target_at;

CREATE INDEX cases_open_by_target ON cases (target_at, id)
  WHERE status NOT IN ('resolved', 'closed') AND deleted_at IS NULL;

-- A step that told the customer about a delay: the visit-log entry it
-- wrote, how the customer was told, and the new target.
ALTER TABLE case_events ADD COLUMN visit_id INTEGER REFERENCES visits (id) ON DELETE SET NULL;
ALTER TABLE case_events ADD COLUMN channel TEXT NOT NULL DEFAULT '';
ALTER TABLE case_events ADD COLUMN due_at INTEGER;

-- What else a step says: the team a case was escalated to, whether the
-- customer was told of a resolution, and a rating (its comment is the
-- text). Earlier steps kept these on the case only.
ALTER TABLE case_events ADD COLUMN team TEXT NOT NULL DEFAULT '';
ALTER TABLE case_events ADD COLUMN customer_told INTEGER NOT NULL DEFAULT 0
  CHECK (customer_told IN (0, 1));
ALTER TABLE case_events ADD COLUMN satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5);

-- Settings every desk shares. Values are integers.
CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  INTEGER NOT NULL
) WITHOUT ROWID;

-- For the Overview, so that it reads indexes rather than every row:
-- customers by kind and by when they were last seen (win back);
-- satisfaction by week from visit notes and resolved cases.
CREATE INDEX customers_by_kind_seen ON customers (kind, ifnull (last_contact_at, created_at), id)
  WHERE deleted_at IS NULL;
CREATE INDEX visits_rated ON visits (happened_at, satisfaction)
  WHERE satisfaction IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX cases_rated ON cases (resolved_at, satisfaction)
  WHERE satisfaction IS NOT NULL AND deleted_at IS NULL;
