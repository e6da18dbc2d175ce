-- Tickets carry the helpdesk's own ticket id, unique per vendor when given: a bridge that
-- lost its mapping finds the ticket again (`GET /tickets?external_ref=`), and a repeated
-- intake answers 409 `ticket_exists` naming the existing ticket.
ALTER TABLE tickets ADD COLUMN external_ref text;
CREATE UNIQUE INDEX tickets_vendor_external_ref_idx ON tickets (vendor, external_ref)
    WHERE external_ref IS NOT NULL;

-- Polling clients read "changed since" in (updated_at, id) order.
CREATE INDEX tickets_updated_at_id_idx ON tickets (updated_at, id);
