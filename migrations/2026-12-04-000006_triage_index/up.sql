-- The flagged tickets, for `GET /tickets?needs_triage=true` (in id order, per vendor). Partial:
-- only flagged tickets are in it, so it stays small. It leads with `needs_triage`, not
-- `vendor` (see migrations/README.md: an index leading with vendor competes with the primary
-- key for the foreign-key checks' lookups).
CREATE INDEX CONCURRENTLY IF NOT EXISTS tickets_needs_triage_vendor_id_idx
    ON tickets (needs_triage, vendor, id) WHERE needs_triage;
