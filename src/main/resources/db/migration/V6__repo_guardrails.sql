-- Guardrails that let Selfcode run unattended (dev.selfcode.guardrail).

-- The per-repository circuit breaker. Whether it is open is counted from patch_history (consecutive rejected or
-- rolled-back patches after counted_after); this row remembers the last reset and that the trip was announced, so a
-- restart neither forgets a reset nor announces a trip twice.
CREATE TABLE repo_breaker (
    repo              VARCHAR(191) NOT NULL PRIMARY KEY,
    counted_after     BIGINT       NOT NULL DEFAULT 0,
    tripped_at        DATETIME(3)  NULL,
    tripped_patch_id  BIGINT       NULL,
    tripped_issue     INT          NULL,
    reset_at          DATETIME(3)  NULL,
    reset_by          VARCHAR(191) NULL,
    updated_at        DATETIME(3)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Work a guardrail stopped before it started: a command answered with the limit, or a sweep skipped.
CREATE TABLE guardrail_skip (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    repo            VARCHAR(191) NOT NULL,
    trigger_source  VARCHAR(32)  NOT NULL,
    guard           VARCHAR(32)  NOT NULL,
    current_count   BIGINT       NOT NULL,
    limit_value     BIGINT       NOT NULL,
    resets_at       DATETIME(3)  NULL,
    created_at      DATETIME(3)  NOT NULL,
    INDEX ix_skip_repo (repo, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
