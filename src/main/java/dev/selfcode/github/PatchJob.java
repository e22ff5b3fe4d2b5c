package dev.selfcode.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.config.Threshold;

/**
 * The payload of a queued "patch" job from GitHub: what to build and where to report. Contains no secret.
 *
 * @param repo           owner/name
 * @param installationId the installation whose token the job uses
 * @param issueNumber    the issue or pull request the request came from
 * @param description    what to build
 * @param file           target file, null to let the job pick one
 * @param threshold      per-request threshold, null for the repo's or the server's
 * @param after          insert after this symbol, null to append
 * @param trigger        comment or label
 * @param pullBranch     the Selfcode PR's head branch when the request was made on one, else null
 * @param pullBase       that PR's base branch, else null (the default branch is used)
 * @param link           the "Closes #n" / "Refs #n" line for the PR body, null for none
 */
public record PatchJob(String repo, long installationId, int issueNumber, String description, String file,
        Threshold threshold, String after, String trigger, String pullBranch, String pullBase, String link) {

    public static final String KIND = "patch";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** True when the request was made on a Selfcode pull request, which the job then updates. */
    public boolean onSelfcodePull() {
        return pullBranch != null;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a patch job payload", e);
        }
    }

    public static PatchJob fromJson(String json) {
        try {
            return JSON.readValue(json, PatchJob.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a patch job payload: " + e.getOriginalMessage(), e);
        }
    }
}
