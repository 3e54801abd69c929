-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Schema version 4: what an imported vCard said that a customer card has
-- no place for (a web address, a nickname, a photo, its UID), kept as
-- vCard content lines so that exporting the customer writes it back.

CREATE TABLE customer_vcard_extras (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  line         TEXT NOT NULL CHECK (length (line) > 0)
);
CREATE INDEX customer_vcard_extras_by_customer ON customer_vcard_extras (customer_id, position);
