-- Triage: whether a human should look at the policy's reading of a ticket before it is
-- trusted (the filter of `GET /tickets?needs_triage=`). The reading itself (reasons,
-- candidates with their evidence) and what the ticket was decided from besides its text
-- (intake facts, flags, locale, a human's ruling) travel in the `decision` document: the
-- tickets table is at diesel's 32-column limit with this column. Constant default: no table
-- rewrite; existing tickets were decided without triage and are not flagged.
ALTER TABLE tickets ADD COLUMN needs_triage boolean NOT NULL DEFAULT false;
