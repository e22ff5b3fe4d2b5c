package dev.selfcode.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

import com.sun.net.httpserver.HttpServer;

/**
 * A fake GitHub on 127.0.0.1 (random port) for tests: the REST routes a GitHub App uses (apps, repos, contents,
 * issues, comments, reactions, git refs, pulls, check runs) shaped like GitHub's answers, plus git smart HTTP for
 * the repositories it hosts. State lives in memory; repositories are bare git repositories in a temp folder.
 * Point quarkus-github-app at it with {@link #quarkusConfig()}.
 */
public final class FakeGitHub implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path root;
    private final FakeState state;
    private final FakeRouter router;
    private final GitSmartHttp git;

    private FakeGitHub(HttpServer server, ExecutorService executor, Path root) {
        this.server = server;
        this.executor = executor;
        this.root = root;
        this.state = new FakeState("http://127.0.0.1:" + server.getAddress().getPort());
        this.git = new GitSmartHttp(state);
        this.router = new FakeRouter(state, git);
        AppRoutes.register(router);
        CheckRunRoutes.register(router);
        RepoRoutes.register(router);
        IssueRoutes.register(router);
        GitRefRoutes.register(router);
        PullRoutes.register(router);
        ManifestRoutes.register(router);
        OAuthRoutes.register(router);
        server.createContext("/", router);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a fake GitHub on a free port of 127.0.0.1. */
    public static FakeGitHub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService executor = Executors.newFixedThreadPool(8, runnable -> {
                Thread thread = new Thread(runnable, "fake-github");
                thread.setDaemon(true);
                return thread;
            });
            return new FakeGitHub(server, executor, Files.createTempDirectory("fake-github"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake GitHub", e);
        }
    }

    /** The API root, e.g. http://127.0.0.1:40123 (the value of quarkus.github-app.instance-endpoint). */
    public String url() {
        return state.apiUrl;
    }

    public long appId() {
        return state.appId;
    }

    /** The app's private key (PKCS#8 PEM); JWTs signed with it are the only ones /app accepts. */
    public String privateKeyPem() {
        return AppKeys.privateKeyPem();
    }

    /** A fresh, valid app JWT. */
    public String appJwt() {
        return AppKeys.sign(state.appId);
    }

    /** Settings that point quarkus-github-app at this fake. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.github-app.app-id", String.valueOf(state.appId));
        config.put("quarkus.github-app.private-key", privateKeyPem());
        config.put("quarkus.github-app.instance-endpoint", url());
        return config;
    }

    /**
     * Settings that turn on the dashboard's "Log in with GitHub" against this fake: the App's OAuth client, the web
     * root for the authorize and token pages, the tenant on (as {@code serve} does when a client is configured).
     */
    public Map<String, String> loginConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("selfcode.github-app.client-id", OAuthRoutes.CLIENT_ID);
        config.put("selfcode.github-app.client-secret", OAuthRoutes.CLIENT_SECRET);
        config.put("selfcode.setup.github-url", url());
        config.put("quarkus.oidc.tenant-enabled", "true");
        return config;
    }

    /** Signs {@code login} in to the fake's web pages: its authorize page approves for them (null: nobody). */
    public void signInBrowser(String login) {
        state.browserUser = login;
    }

    /**
     * Does what GitHub's "create from manifest" page does when the user confirms: checks the manifest and answers
     * with the browser's redirect back, {@code redirect_url?code=...&state=...}; the code can be exchanged once.
     */
    public String confirmManifest(String manifestJson, String oneTimeState) {
        return ManifestRoutes.confirm(state, manifestJson, oneTimeState);
    }

    /** The installation of the app on {@code owner}'s account, created on first use. */
    public long installationId(String owner) {
        synchronized (state) {
            for (Map.Entry<Long, String> installation : state.installations.entrySet()) {
                if (installation.getValue().equalsIgnoreCase(owner)) {
                    return installation.getKey();
                }
            }
            long id = state.installations.isEmpty() ? state.defaultInstallationId : state.nextId();
            state.installations.put(id, owner);
            return id;
        }
    }

    /** A new valid installation token for {@code owner}'s installation (as the app would get one). */
    public String installationToken(String owner) {
        return AppRoutes.issueToken(state, installationId(owner)).token();
    }

    /** Forgets every installation token issued so far: later calls with them get 401, as after expiry. */
    public void revokeTokens() {
        synchronized (state) {
            state.grants.clear();
        }
    }

    /** Hosts {@code owner/name} with one commit of every file under {@code dir} on {@code main}; returns its SHA. */
    public String createRepo(String fullName, Path dir) {
        HostedRepo repo = newRepo(fullName);
        return repo.git.importDirectory(dir, repo.defaultBranch, "Initial commit");
    }

    /** Hosts {@code owner/name} with one commit of the given files (path to UTF-8 text); returns its SHA. */
    public String createRepo(String fullName, Map<String, String> files) {
        HostedRepo repo = newRepo(fullName);
        return commit(fullName, repo.defaultBranch, files, "Initial commit");
    }

    private HostedRepo newRepo(String fullName) {
        String[] parts = fullName.split("/");
        if (parts.length != 2 || !parts[0].matches("[\\w.-]+") || !parts[1].matches("[\\w.-]+")) {
            throw new IllegalArgumentException("not an owner/name: " + fullName);
        }
        long installation = installationId(parts[0]);
        synchronized (state) {
            if (state.repos.containsKey(fullName)) {
                throw new IllegalStateException(fullName + " already exists");
            }
            HostedGit bare = HostedGit.createBare(root.resolve(parts[0]).resolve(parts[1] + ".git"), "main");
            HostedRepo repo = new HostedRepo(state.nextId(), parts[0], parts[1], "main", installation, bare);
            state.repos.put(fullName, repo);
            return repo;
        }
    }

    /** Anonymous clones and fetches of a public repository need no token (pushes always do). */
    public void makePublic(String fullName) {
        repo(fullName).privateRepo = false;
    }

    /** The clone URL of a hosted repository (also its clone_url in the API). */
    public String gitUrl(String fullName) {
        return url() + "/" + repo(fullName).fullName() + ".git";
    }

    /**
     * Commits files (path to UTF-8 text; null deletes) on a branch, as if a maintainer pushed; a new branch starts
     * at the default branch. Returns the new SHA.
     */
    public String commit(String fullName, String branch, Map<String, String> files, String message) {
        return commit(fullName, branch, files, message, "Fake GitHub", "noreply@fake.github.test");
    }

    /** As {@link #commit(String, String, Map, String)}, authored and committed by the given person. */
    public String commit(String fullName, String branch, Map<String, String> files, String message, String name,
            String email) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((path, text) -> bytes.put(path, text == null ? null : text.getBytes(StandardCharsets.UTF_8)));
        HostedRepo repo = repo(fullName);
        return repo.git.commitFiles(branch, repo.defaultBranch, bytes, message,
                new PersonIdent(name, email));
    }

    /** The commit a branch of a hosted repository points at, if it exists. */
    public Optional<String> branchSha(String fullName, String branch) {
        return Optional.ofNullable(repo(fullName).git.resolve("refs/heads/" + branch)).map(ObjectId::name);
    }

    /** A file of a hosted repository at a ref (branch, tag or SHA), as UTF-8 text. */
    public Optional<String> readFile(String fullName, String ref, String path) {
        HostedRepo repo = repo(fullName);
        ObjectId commit = repo.git.resolve(ref);
        byte[] bytes = commit == null ? null : repo.git.readFile(commit, path);
        return Optional.ofNullable(bytes).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Sets a user's role on a repository: admin, maintain, write, triage, read or none. */
    public void setPermission(String fullName, String login, String role) {
        if (!List.of("admin", "maintain", "write", "triage", "read", "none").contains(role)) {
            throw new IllegalArgumentException("unknown role " + role);
        }
        repo(fullName).setRole(login, role);
    }

    /** Opens an issue as {@code user}; returns its number. */
    public int createIssue(String fullName, String title, String body, String user) {
        synchronized (state) {
            return IssueRoutes.createIssue(state, repo(fullName), title, body, user, List.of()).number();
        }
    }

    /** Adds a comment as {@code user} (e.g. the maintainer's "/selfcode ..." command) and returns it. */
    public FakeComment addComment(String fullName, int number, String body, String user) {
        synchronized (state) {
            if (state.issue(fullName, number) == null && state.pull(fullName, number) == null) {
                throw new IllegalArgumentException("no issue or pull request #" + number + " in " + fullName);
            }
            FakeComment comment = new FakeComment(state.nextId(), fullName, number, body, user, FakeState.now(),
                    FakeState.now());
            state.comments.put(comment.id(), comment);
            return comment;
        }
    }

    public Optional<FakeIssue> issue(String fullName, int number) {
        return Optional.ofNullable(state.issue(fullName, number));
    }

    /** Comments on one issue or pull request, oldest first. */
    public List<FakeComment> comments(String fullName, int number) {
        return state.select(state.comments, c -> c.repo().equals(fullName) && c.issueNumber() == number);
    }

    public List<FakeReaction> reactions(String fullName) {
        return state.select(state.reactions, r -> r.repo().equals(fullName));
    }

    /** Pull requests of a repository, oldest first. */
    public List<FakePull> pulls(String fullName) {
        return state.select(state.pulls, p -> p.repo().equals(fullName));
    }

    public List<FakeCheckRun> checkRuns(String fullName) {
        return state.select(state.checkRuns, c -> c.repo().equals(fullName));
    }

    /** Refs moved by git pushes, in order. */
    public List<FakePush> pushes() {
        return List.copyOf(git.pushes);
    }

    /** GitHub-shaped JSON of what the fake holds, to build webhook payloads that agree with it. */
    public FakeGitHubJson json() {
        return new FakeGitHubJson(state);
    }

    /**
     * Answers the next {@code times} requests whose method and raw path match with {@code status} and GitHub's
     * error body, instead of handling them (e.g. {@code failNext("POST", "/repos/octo/demo/pulls", 1, 502)}).
     */
    public void failNext(String method, String pathRegex, int times, int status) {
        router.failNext(method, pathRegex, times, status);
    }

    /** Every request answered so far, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(router.log);
    }

    /** Requests no route knew (answered 404): calls a test did not plan for. */
    public List<RecordedRequest> unexpectedRequests() {
        return router.log.stream().filter(RecordedRequest::unexpected).toList();
    }

    /** Fails with the list of unexpected requests, if there were any. */
    public void assertNoUnexpectedRequests() {
        List<RecordedRequest> unexpected = unexpectedRequests();
        if (!unexpected.isEmpty()) {
            throw new AssertionError("The fake GitHub got requests it has no route for: " + unexpected);
        }
    }

    private HostedRepo repo(String fullName) {
        HostedRepo repo;
        synchronized (state) {
            repo = state.repos.get(fullName);
        }
        if (repo == null) {
            throw new IllegalArgumentException("the fake GitHub hosts no " + fullName);
        }
        return repo;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        synchronized (state) {
            state.repos.values().forEach(repo -> repo.git.close());
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
