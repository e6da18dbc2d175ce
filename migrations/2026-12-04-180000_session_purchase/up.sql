-- A screen-sharing session booked on a purchase uses that purchase up.
ALTER TABLE sessions ADD COLUMN uses_purchase BOOLEAN NOT NULL DEFAULT false;
