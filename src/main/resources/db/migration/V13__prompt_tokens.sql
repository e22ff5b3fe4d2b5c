-- What a patch's prompt cost beyond its own model call (issue 10): the chunk summarizer's tokens (its calls are also
-- gpt_interaction rows, purpose 'summarize', which the token budget counts), and the share of the prompt's tokens
-- that began it exactly as the previous helper prompt on the same file did (what a provider's prefix cache reuses).
ALTER TABLE patch_history
    ADD COLUMN summarizer_calls   INT    NULL,
    ADD COLUMN summarizer_tokens  INT    NULL,
    ADD COLUMN prompt_prefix_share DOUBLE NULL;
