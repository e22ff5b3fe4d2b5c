package dev.selfcode.testing;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A repository the fake GitHub hosts: its GitHub metadata and its bare git repository. */
final class HostedRepo {

    final long id;
    final String owner;
    final String name;
    final String defaultBranch;
    final long installationId;
    final Instant createdAt;
    final HostedGit git;
    volatile boolean privateRepo = true;
    /** Collaborator permissions by lower-case login: admin, maintain, write, triage, read or none. */
    private final Map<String, String> roles = new ConcurrentHashMap<>();
    private int lastNumber;

    HostedRepo(long id, String owner, String name, String defaultBranch, long installationId, HostedGit git) {
        this.id = id;
        this.owner = owner;
        this.name = name;
        this.defaultBranch = defaultBranch;
        this.installationId = installationId;
        this.git = git;
        this.createdAt = Instant.now();
        roles.put(owner.toLowerCase(Locale.ROOT), "admin");
    }

    String fullName() {
        return owner + "/" + name;
    }

    /** The next issue or pull request number (both share one sequence, as on GitHub). */
    synchronized int nextNumber() {
        return ++lastNumber;
    }

    void setRole(String login, String role) {
        roles.put(login.toLowerCase(Locale.ROOT), role);
    }

    /** The role name of a user; "none" when they are no collaborator. */
    String role(String login) {
        return roles.getOrDefault(login.toLowerCase(Locale.ROOT), "none");
    }

    /** GitHub's coarse permission for a role: admin, write, read or none (maintain counts as write, triage as read). */
    static String permissionOf(String role) {
        return switch (role) {
            case "admin" -> "admin";
            case "maintain", "write" -> "write";
            case "triage", "read" -> "read";
            default -> "none";
        };
    }
}
