ALTER TABLE sessions DROP COLUMN uses_purchase;
