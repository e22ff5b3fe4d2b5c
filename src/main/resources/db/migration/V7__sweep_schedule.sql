-- When each repository's next scheduled sweep is due. One row per repository with a sweep configured. The tick
-- enqueues a sweep job keyed by repo + due time (so two replicas enqueue it once), then moves next_due past now
-- with a compare-and-set on the old value (so due times missed while down merge into one run).
CREATE TABLE sweep_schedule (
    repo            VARCHAR(191) NOT NULL PRIMARY KEY,
    installation_id BIGINT       NULL,
    cron            VARCHAR(128) NOT NULL,
    timezone        VARCHAR(64)  NOT NULL,
    next_due        DATETIME(3)  NOT NULL,
    last_due        DATETIME(3)  NULL,
    updated_at      DATETIME(3)  NOT NULL,
    INDEX ix_sweep_next_due (next_due)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
