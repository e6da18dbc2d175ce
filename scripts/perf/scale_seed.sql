-- Bulk-inserts :rows tickets for the scale test (psql -v rows=N -f scale_seed.sql).
--
-- Consistent with how the API writes rows: every column is copied from a ticket the API
-- wrote for the same vendor (decision, clocks, queue class), re-timed to its own received_at
-- (spread evenly over the past year, older than the API's own tickets) with a time-ordered
-- UUIDv7-style id taken from that instant, and a customer of that vendor taken in turn.
-- Status mix: 85 % resolved (idle: clocks stopped, no due or deadline columns), 10 % open,
-- 5 % pending, as a long-running deployment would hold. The event log is not seeded: no
-- list or queue query reads it.
\set ON_ERROR_STOP 1
BEGIN;
CREATE TEMP TABLE tmpl ON COMMIT DROP AS
  SELECT DISTINCT ON (vendor) * FROM tickets
  WHERE routing_kind = 'vendor' AND status = 'open'
  ORDER BY vendor, created_at;
CREATE TEMP TABLE vend ON COMMIT DROP AS
  SELECT vendor, (row_number() OVER (ORDER BY vendor) - 1)::int AS n, count(*) OVER ()::int AS total
  FROM tmpl;
CREATE TEMP TABLE cust ON COMMIT DROP AS
  SELECT vendor, id, (row_number() OVER (PARTITION BY vendor ORDER BY id) - 1)::int AS n,
         count(*) OVER (PARTITION BY vendor)::int AS total
  FROM customers;
INSERT INTO tickets (vendor, id, customer_id, subject, description, channel, priority,
    requested_priority, status, received_at, refs, routing_kind, reseller_id, decision,
    first_response_clock, resolution_clock, first_response_due_at, first_response_warn_at,
    resolution_due_at, resolution_warn_at, next_deadline_at, queue_class, queue_at, version,
    created_by, created_at, updated_at, level)
SELECT t.vendor,
       (lpad(to_hex((extract(epoch FROM g.received_at) * 1000)::bigint), 12, '0') || '7'
        || substr(md5(g.i::text), 1, 3) || '8' || substr(md5(g.i::text), 4, 15))::uuid,
       c.id, t.subject, t.description, t.channel, t.priority, t.requested_priority,
       g.status, g.received_at, t.refs, t.routing_kind, t.reseller_id, t.decision,
       t.first_response_clock, t.resolution_clock,
       CASE WHEN g.status = 'open' THEN g.received_at + (t.first_response_due_at - t.received_at) END,
       CASE WHEN g.status = 'open' THEN g.received_at + (t.first_response_warn_at - t.received_at) END,
       CASE WHEN g.status = 'open' THEN g.received_at + (t.resolution_due_at - t.received_at) END,
       CASE WHEN g.status = 'open' THEN g.received_at + (t.resolution_warn_at - t.received_at) END,
       -- A deadline already past has been alerted by the SLA monitor of a running deployment
       -- (it then clears the column): only future deadlines stay armed.
       CASE WHEN g.status = 'open' AND g.received_at + (t.next_deadline_at - t.received_at) > now()
            THEN g.received_at + (t.next_deadline_at - t.received_at) END,
       t.queue_class, g.received_at + (t.queue_at - t.received_at), 1, 'scale-seed',
       g.received_at, g.received_at, t.level
FROM (SELECT i,
             now() - interval '366 days' + (i::double precision / :rows) * interval '365 days' AS received_at,
             CASE WHEN i % 20 < 17 THEN 'resolved' WHEN i % 20 < 19 THEN 'open' ELSE 'pending' END AS status
      FROM generate_series(1, :rows) AS i) g
JOIN vend v ON v.n = g.i % v.total
JOIN tmpl t ON t.vendor = v.vendor
JOIN cust c ON c.vendor = t.vendor AND c.n = (g.i / v.total) % c.total;
COMMIT;
VACUUM ANALYZE tickets;
