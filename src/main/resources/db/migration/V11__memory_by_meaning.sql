-- Memory by meaning (issue 10, item 4).

-- gpt_interaction: the embedding column exists since V1. A hash of the normalized text finds duplicates; a row that
-- repeats an earlier one keeps its cost (budgets count its tokens) but points at the original and is not remembered
-- twice. A summary row says how many older rows it folded.
ALTER TABLE gpt_interaction
    ADD COLUMN text_hash    CHAR(64) NULL,
    ADD COLUMN duplicate_of BIGINT   NULL,
    ADD COLUMN folded       INT      NULL,
    ADD COLUMN subject      TEXT     NULL,
    ADD INDEX ix_gpt_hash (repo, text_hash);

-- memory_note: notes belong to a repository (empty for server-wide ones), carry one tag and an embedding; every
-- write of a key adds a version.
ALTER TABLE memory_note
    ADD COLUMN repo      VARCHAR(191) NOT NULL DEFAULT '' AFTER id,
    ADD COLUMN tag       VARCHAR(32)  NULL AFTER version,
    ADD COLUMN embedding BLOB         NULL,
    DROP INDEX uq_memory_note,
    ADD CONSTRAINT uq_memory_note UNIQUE (repo, note_key, version),
    ADD INDEX ix_note_tag (repo, tag);
