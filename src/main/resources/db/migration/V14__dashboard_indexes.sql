-- The dashboard and the REST API (issue 11): lists ordered by id descending, filtered by repository, decision or
-- trigger, read a page straight off an index instead of sorting every matching row; the overview's counts of the
-- last 7 days and the open pull requests are read from covering indexes, never from the rows.
ALTER TABLE patch_history
    ADD INDEX ix_patch_repo_id (repo, id),
    ADD INDEX ix_patch_repo_decision_id (repo, decision, id),
    ADD INDEX ix_patch_decision_id (decision, id),
    ADD INDEX ix_patch_trigger_id (trigger_source, id),
    ADD INDEX ix_patch_week (created_at, repo, decision, failure_stage),
    ADD INDEX ix_patch_open_pulls (decision, pr_outcome, repo, pr_number);

-- Tokens spent in a window over every repository (the overview), without reading the prompts.
ALTER TABLE gpt_interaction
    ADD INDEX ix_gpt_tokens (created_at, repo, prompt_tokens, completion_tokens);
