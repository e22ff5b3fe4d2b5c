package dev.selfcode.sweep;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A merged Selfcode patch under the rollback watch (table {@code rollback_watch}). */
@Entity
@Table(name = "rollback_watch")
public class WatchedMerge extends PanacheEntityBase {

    @Id
    @Column(name = "patch_id")
    public Long patchId;
    public String repo;
    @Column(name = "installation_id")
    public Long installationId;
    @Column(name = "pr_number")
    public Integer prNumber;
    @Column(name = "merge_sha")
    public String mergeSha;
    /** The pull request's commit messages, oldest first, as a JSON list (to find a rebase merge's commits). */
    @Column(name = "pull_commits")
    public String pullCommits;
    @Column(name = "merged_at")
    public Instant mergedAt;
    public String state;
    /** The assessment's summary and table, then what the revert found. */
    public String verdict;
    @Column(name = "revert_branch")
    public String revertBranch;
    @Column(name = "revert_pr")
    public Integer revertPr;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
