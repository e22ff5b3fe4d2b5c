package dev.selfcode.web;

import java.util.Optional;

/**
 * Who is asking the dashboard or the REST API, and which repositories ({@code owner/name}) they may read or act on.
 * One is resolved per request by {@link ViewerProducer}; every page and endpoint asks it before reading a row.
 */
public interface Viewer {

    /** The GitHub login shown on pages; empty for the admin token and for anonymous visitors. */
    Optional<String> login();

    /** Logged in by any means; an anonymous visitor sees the login page and nothing else. */
    boolean authenticated();

    /** Holds the self-hoster's admin token: sees every repository, including those used only through the CLI. */
    boolean admin();

    /** May see this repository's patches, trends, jobs and sweeps. */
    boolean canRead(String repo);

    /** May act on this repository (retry a job, start a sweep). */
    boolean canWrite(String repo);
}
