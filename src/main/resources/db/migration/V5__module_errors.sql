-- Per-module errors: each metric sample's lint findings and failing tests attributed to source files and the
-- function around the line, so the module with the most errors can be found (selfcode worst, refactor-worst sweeps).

-- One sample per distinct commit of a repository, also when two processes measure it at once.
DELETE newer FROM metric_sample newer
    JOIN metric_sample older ON older.repo = newer.repo AND older.sha = newer.sha AND older.id < newer.id;
ALTER TABLE metric_sample ADD UNIQUE INDEX ux_sample_commit (repo, sha);

CREATE TABLE module_error (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    repo          VARCHAR(191) NOT NULL,
    sample_id     BIGINT       NOT NULL,
    file          VARCHAR(512) NOT NULL,
    function_name VARCHAR(191) NULL,
    lint_findings INT          NOT NULL DEFAULT 0,
    test_failures INT          NOT NULL DEFAULT 0,
    INDEX ix_module_error_sample (sample_id),
    INDEX ix_module_error_file (repo, file(191), function_name),
    CONSTRAINT fk_module_error_sample FOREIGN KEY (sample_id) REFERENCES metric_sample (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
