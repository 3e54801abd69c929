-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 2: which reminders have been shown.

-- The due time (max of due_at and snoozed_until) an open follow-up was
-- last shown as a reminder for. A snooze or a later due time makes it
-- due again; NULL, never shown. Follow-ups that fell due while Regulars
-- was not running are those still NULL when it starts.
ALTER TABLE follow_ups ADD COLUMN reminded_for INTEGER;
