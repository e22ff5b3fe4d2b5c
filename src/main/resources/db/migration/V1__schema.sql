-- Selfcode schema. MariaDB 10.11+.

-- One unit of work: a patch request from a webhook, the CLI or a sweep.
-- source_key makes creation idempotent (delivery id, or repo + trigger + time slot).
CREATE TABLE job (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    source_key      VARCHAR(191) NOT NULL,
    kind            VARCHAR(32)  NOT NULL,
    repo            VARCHAR(191) NOT NULL,
    installation_id BIGINT       NULL,
    issue_number    INT          NULL,
    pr_number       INT          NULL,
    payload         MEDIUMTEXT   NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    max_attempts    INT          NOT NULL DEFAULT 3,
    run_after       DATETIME(3)  NOT NULL,
    lease_owner     VARCHAR(64)  NULL,
    lease_until     DATETIME(3)  NULL,
    heartbeat_at    DATETIME(3)  NULL,
    last_error      TEXT         NULL,
    result          TEXT         NULL,
    patch_id        BIGINT       NULL,
    created_at      DATETIME(3)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL,
    CONSTRAINT uq_job_source UNIQUE (source_key),
    INDEX ix_job_claim (status, run_after),
    INDEX ix_job_repo (repo, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every attempt to patch a repository, kept or reverted, with its numbers.
CREATE TABLE patch_history (
    id                      BIGINT AUTO_INCREMENT PRIMARY KEY,
    job_id                  BIGINT        NULL,
    repo                    VARCHAR(191)  NOT NULL,
    file_path               VARCHAR(512)  NOT NULL,
    description             TEXT          NOT NULL,
    trigger_source          VARCHAR(32)   NOT NULL,
    base_sha                CHAR(40)      NULL,
    head_sha                CHAR(40)      NULL,
    branch                  VARCHAR(255)  NULL,
    roi_before              DOUBLE        NULL,
    roi_after               DOUBLE        NULL,
    roi_delta               DOUBLE        NULL,
    errors_before           DOUBLE        NULL,
    errors_after            DOUBLE        NULL,
    errors_delta            DOUBLE        NULL,
    complexity_before       DOUBLE        NULL,
    complexity_after        DOUBLE        NULL,
    complexity_delta        DOUBLE        NULL,
    predicted_roi           DOUBLE        NULL,
    predicted_errors        DOUBLE        NULL,
    predicted_roi_delta     DOUBLE        NULL,
    predicted_errors_delta  DOUBLE        NULL,
    threshold_value         DOUBLE        NULL,
    decision                VARCHAR(16)   NOT NULL,
    failure_stage           VARCHAR(32)   NULL,
    reasons                 TEXT          NULL,
    decision_table          TEXT          NULL,
    diff                    MEDIUMTEXT    NULL,
    pr_number               INT           NULL,
    pr_outcome              VARCHAR(16)   NULL,
    generator               VARCHAR(32)   NULL,
    model                   VARCHAR(128)  NULL,
    prompt_tokens           INT           NULL,
    completion_tokens       INT           NULL,
    timings                 TEXT          NULL,
    created_at              DATETIME(3)   NOT NULL,
    INDEX ix_patch_repo (repo, created_at),
    INDEX ix_patch_job (job_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One evaluation of one commit: the series the TrendPredictor reads.
CREATE TABLE metric_sample (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    repo          VARCHAR(191) NOT NULL,
    sha           CHAR(40)     NOT NULL,
    roi           DOUBLE       NOT NULL,
    errors        DOUBLE       NOT NULL,
    complexity    DOUBLE       NOT NULL,
    tests_passed  INT          NOT NULL DEFAULT 0,
    tests_failed  INT          NOT NULL DEFAULT 0,
    tests_errored INT          NOT NULL DEFAULT 0,
    tests_skipped INT          NOT NULL DEFAULT 0,
    lint_findings INT          NOT NULL DEFAULT 0,
    coverage      DOUBLE       NULL,
    cpu_seconds   DOUBLE       NULL,
    peak_memory   BIGINT       NULL,
    wall_seconds  DOUBLE       NULL,
    sampled_at    DATETIME(3)  NOT NULL,
    INDEX ix_sample_repo (repo, sampled_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Baseline evaluations, reused while the base commit and the repo config stay the same.
CREATE TABLE evaluation_cache (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    repo         VARCHAR(191) NOT NULL,
    base_sha     CHAR(40)     NOT NULL,
    config_hash  CHAR(64)     NOT NULL,
    evaluation   MEDIUMTEXT   NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    CONSTRAINT uq_eval_cache UNIQUE (repo, base_sha, config_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The code index: one row per chunk of a source file at a commit.
CREATE TABLE code_record (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    repo        VARCHAR(191) NOT NULL,
    file_path   VARCHAR(512) NOT NULL,
    language    VARCHAR(32)  NOT NULL,
    symbol      VARCHAR(255) NULL,
    start_line  INT          NOT NULL,
    end_line    INT          NOT NULL,
    content     MEDIUMTEXT   NOT NULL,
    content_hash CHAR(64)    NOT NULL,
    commit_sha  CHAR(40)     NULL,
    indexed_at  DATETIME(3)  NOT NULL,
    INDEX ix_code_repo_file (repo, file_path(191))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every prompt and response, with tags and an optional embedding for similarity search.
CREATE TABLE gpt_interaction (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    repo              VARCHAR(191) NULL,
    patch_id          BIGINT       NULL,
    purpose           VARCHAR(32)  NOT NULL,
    model             VARCHAR(128) NULL,
    prompt            MEDIUMTEXT   NOT NULL,
    response          MEDIUMTEXT   NULL,
    error             TEXT         NULL,
    tags              VARCHAR(512) NULL,
    outcome           VARCHAR(16)  NULL,
    prompt_tokens     INT          NULL,
    completion_tokens INT          NULL,
    latency_ms        BIGINT       NULL,
    embedding         BLOB         NULL,
    created_at        DATETIME(3)  NOT NULL,
    INDEX ix_gpt_repo (repo, created_at),
    INDEX ix_gpt_patch (patch_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Versioned key/value notes (MemoryStore).
CREATE TABLE memory_note (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    note_key    VARCHAR(191) NOT NULL,
    version     INT          NOT NULL,
    data        MEDIUMTEXT   NOT NULL,
    tags        VARCHAR(512) NULL,
    created_at  DATETIME(3)  NOT NULL,
    CONSTRAINT uq_memory_note UNIQUE (note_key, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Summaries of chunks of large files, keyed by content so they survive renames.
CREATE TABLE chunk_summary (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    file_hash   CHAR(64)     NOT NULL,
    chunk_hash  CHAR(64)     NOT NULL,
    summary     TEXT         NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    CONSTRAINT uq_chunk_summary UNIQUE (file_hash, chunk_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- GitHub delivery ids already seen: a redelivery never makes a second job.
CREATE TABLE delivery (
    delivery_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    event        VARCHAR(64)  NOT NULL,
    received_at  DATETIME(3)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Repositories the app is installed on.
CREATE TABLE installed_repo (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    installation_id BIGINT       NOT NULL,
    repo            VARCHAR(191) NOT NULL,
    active          BOOLEAN      NOT NULL DEFAULT TRUE,
    updated_at      DATETIME(3)  NOT NULL,
    CONSTRAINT uq_installed_repo UNIQUE (repo)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
