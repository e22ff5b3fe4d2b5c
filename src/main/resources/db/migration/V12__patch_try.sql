-- The tries of one patch request (issue 10, the repair loop): the first candidate, then each repair the model was
-- asked for after a try failed its build, tests or lint. One row per try, linked to its patch and to the model call
-- that wrote it; the patch's own decision is the last try's. All tries of a request are one patch for the budgets.
CREATE TABLE patch_try (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    patch_id          BIGINT       NOT NULL,
    try_number        INT          NOT NULL,
    interaction_id    BIGINT       NULL,
    generator         VARCHAR(32)  NULL,
    decision          VARCHAR(16)  NOT NULL,
    reasons           MEDIUMTEXT   NULL,
    prompt_tokens     INT          NULL,
    completion_tokens INT          NULL,
    created_at        DATETIME(3)  NOT NULL,
    UNIQUE KEY uq_patch_try (patch_id, try_number),
    CONSTRAINT fk_patch_try_patch FOREIGN KEY (patch_id) REFERENCES patch_history (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
