DROP TABLE sessions;
DROP TRIGGER purchases_append_only ON purchases;
DROP TABLE purchases;
DROP TRIGGER developer_time_append_only ON developer_time;
DROP TABLE developer_time;
DROP INDEX tickets_breached_idx;
ALTER TABLE tickets
    DROP COLUMN responded_at,
    DROP COLUMN sla_breached,
    DROP COLUMN escalation,
    DROP COLUMN level;
