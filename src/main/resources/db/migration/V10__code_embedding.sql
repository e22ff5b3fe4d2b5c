-- Code search by meaning: each chunk's sentence embedding (little-endian float32, embedding.Vectors) and the model
-- that made it, so a change of model re-embeds. Vectors are reused by content hash when a commit is re-indexed.
ALTER TABLE code_record
    ADD COLUMN embedding       BLOB        NULL,
    ADD COLUMN embedding_model VARCHAR(64) NULL,
    ADD INDEX ix_code_repo_commit (repo, commit_sha);
