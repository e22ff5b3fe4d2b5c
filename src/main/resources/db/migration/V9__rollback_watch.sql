-- Merged Selfcode pull requests under watch: each new default-branch sample after the merge is judged against the
-- trend before it (sweep.RollbackAssessment). One row per merged patch; the state moves watching -> reverting ->
-- reverted (a revert pull request or branch was made) or evidence (the revert could not be made or measured, a
-- comment says why), or watching -> cleared after enough good samples.
CREATE TABLE rollback_watch (
    patch_id        BIGINT       NOT NULL PRIMARY KEY,
    repo            VARCHAR(191) NOT NULL,
    installation_id BIGINT       NULL,
    pr_number       INT          NULL,
    merge_sha       CHAR(40)     NULL,
    pull_commits    TEXT         NULL,
    merged_at       DATETIME(3)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    verdict         MEDIUMTEXT   NULL,
    revert_branch   VARCHAR(191) NULL,
    revert_pr       INT          NULL,
    updated_at      DATETIME(3)  NOT NULL,
    INDEX ix_rollback_watch_repo (repo, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
