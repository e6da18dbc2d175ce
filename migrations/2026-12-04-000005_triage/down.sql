ALTER TABLE tickets DROP COLUMN needs_triage;
