-- Flake history: one row per measured base commit of a repository whose test reports name their tests. When tests
-- of a base failed, the sandbox ran the test step once more; the ids that passed then are this run's flaked tests (a
-- JSON array, often empty). Only base commits are recorded: a candidate could fail and then pass on purpose. A test
-- is flaky when it flaked in at least 2 of the repository's last 10 base runs; re-measuring a commit adds nothing.
CREATE TABLE flake_history (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    repo         VARCHAR(191) NOT NULL,
    sha          VARCHAR(64)  NOT NULL,
    failed_first INT          NOT NULL,
    flaked       MEDIUMTEXT   NOT NULL,
    run_at       DATETIME(3)  NOT NULL,
    UNIQUE INDEX ux_flake_run (repo, sha),
    INDEX ix_flake_recent (repo, run_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
