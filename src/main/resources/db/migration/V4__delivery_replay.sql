-- GitHub App: a delivery that may become a job (a /selfcode comment, the trigger label) keeps its body, so a
-- delivery acknowledged just before a crash can be replayed once if it never became a job.
ALTER TABLE delivery
    ADD COLUMN payload     MEDIUMTEXT  NULL,
    ADD COLUMN replayed_at DATETIME(3) NULL,
    ADD INDEX ix_delivery_received (received_at);
