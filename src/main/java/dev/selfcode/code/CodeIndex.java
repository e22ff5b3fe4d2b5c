package dev.selfcode.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.selfcode.embedding.Embedder;
import dev.selfcode.embedding.Vectors;

/**
 * The code index (the original CodeDB): chunks of a repository's source with their embeddings, stored per commit,
 * searched by the words and the meaning of a request (BM25 and nearest neighbours, fused). Re-indexing a new commit
 * keeps the records and vectors of unchanged chunks and embeds only the chunks whose content is new.
 */
@ApplicationScoped
public class CodeIndex {

    static final long MAX_FILE_BYTES = 200_000;
    static final int MAX_FILES = 2_000;
    /** Chunks embedded per call to the model. */
    static final int EMBED_BATCH = 32;
    /** Embeds search requests beside the keyword search; daemon threads, so they never hold the JVM open. */
    private static final Executor QUERY_EMBEDDING = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "query-embedding");
        t.setDaemon(true);
        return t;
    });
    /** The columns {@link #row} reads. */
    private static final String ROW_COLUMNS = "SELECT id, file_path, symbol, content, embedding, embedding_model"
            + " FROM code_record";

    private static final Set<String> SKIP_DIRS = Set.of(".git", "node_modules", "target", "build", "dist", "venv",
            ".venv", "__pycache__", ".github");

    @Inject
    Embedder embedder;
    @Inject
    AgroalDataSource db;

    /** Per repository, the in-memory search over its records at the commit they were indexed at. */
    private final Map<String, RepoSearch> searches = new ConcurrentHashMap<>();

    /** What one indexing run did: chunks now stored for the commit, and how many of them had to be embedded. */
    public record IndexRun(int chunks, int embedded) {
    }

    /**
     * Indexes the worktree at {@code sha} unless that commit is already indexed (and embedded by the current model).
     * Unchanged chunks keep their records and vectors; only new content is embedded.
     */
    public IndexRun index(String repo, String sha, Path worktree) throws IOException {
        return index(repo, sha, worktree, MAX_FILES);
    }

    IndexRun index(String repo, String sha, Path worktree, int maxFiles) throws IOException {
        if (QuarkusTransaction.requiringNew().call(() -> CodeRecord.indexedAt(repo, sha, Embedder.MODEL))) {
            return new IndexRun(0, 0);
        }
        List<Chunk> chunks = read(worktree, maxFiles);
        try {
            List<Stored> stored = stored(repo);
            Map<String, byte[]> vectors = new HashMap<>();
            for (Stored s : stored) {
                if (s.vector != null) {
                    vectors.putIfAbsent(s.hash, s.vector);
                }
            }
            // Embedding runs outside any transaction: a large repository takes minutes.
            Map<String, String> missing = new LinkedHashMap<>();
            for (Chunk c : chunks) {
                String hash = ContentHash.sha256(c.content());
                if (!vectors.containsKey(hash)) {
                    missing.putIfAbsent(hash, c.content());
                }
            }
            List<String> hashes = new ArrayList<>(missing.keySet());
            for (int i = 0; i < hashes.size(); i += EMBED_BATCH) {
                List<String> batch = hashes.subList(i, Math.min(hashes.size(), i + EMBED_BATCH));
                List<float[]> embedded = embedder.embedAll(batch.stream().map(missing::get).toList());
                for (int j = 0; j < batch.size(); j++) {
                    vectors.put(batch.get(j), Vectors.toBytes(embedded.get(j)));
                }
            }
            write(repo, sha, chunks, stored, vectors);
            return new IndexRun(chunks.size(), missing.size());
        } catch (SQLException e) {
            throw new IllegalStateException("could not index " + repo + ": " + e.getMessage(), e);
        }
    }

    /** The chunks most related to {@code query}, best first, optionally leaving out one file. */
    public List<Chunk> suggestSnippets(String repo, String query, Optional<String> excludePath, int limit) {
        return scoredSnippets(repo, query, excludePath, limit).stream().map(Snippet::chunk).toList();
    }

    /**
     * The chunks most related to {@code description}, best first, each with its keyword, vector and combined score;
     * optionally leaving out one file. Empty when the repository is not indexed.
     */
    public List<Snippet> scoredSnippets(String repo, String description, Optional<String> excludePath, int limit) {
        return scoredSnippets(repo, description, excludePath, limit, RepoSearch.Rank.COMBINED);
    }

    List<Snippet> scoredSnippets(String repo, String description, Optional<String> excludePath, int limit,
            RepoSearch.Rank rank) {
        try {
            // The request is embedded from the start, beside the keyword side: the model takes the longest, so
            // everything else runs in its shadow.
            CompletableFuture<float[]> vector = CompletableFuture.supplyAsync(() -> embedder.embedQuery(description),
                    QUERY_EMBEDDING);
            Supplier<float[]> request = () -> joined(vector);
            // The search built for the last commit seen is asked first, and reading its hits back tells whether the
            // records are still those of that commit (see snippets): the indexed commit is looked up only when they
            // are not, or when nothing was found.
            RepoSearch cached = searches.get(repo);
            if (cached != null) {
                List<RepoSearch.Hit> hits = cached.search(description, request, excludePath, limit, rank);
                if (hits.isEmpty()) {
                    if (indexedSha(repo).filter(cached.sha::equals).isPresent()) {
                        return List.of();
                    }
                } else {
                    Optional<List<Snippet>> out = snippets(hits, Optional.of(cached.sha));
                    if (out.isPresent()) {
                        return out.get();
                    }
                }
            }
            Optional<RepoSearch> search = search(repo);
            if (search.isEmpty()) {
                return List.of();
            }
            return snippets(search.get().search(description, request, excludePath, limit, rank), Optional.empty())
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not search the code of " + repo + ": " + e.getMessage(), e);
        }
    }

    /**
     * The hits with their records. Given the commit the search was built from, empty when the records are no longer
     * those of that commit: an index run stamps every record of the repository with its commit in the transaction
     * that changes them, so a hit read back with another commit, or not at all, means the search is out of date,
     * while hits read back with its commit are current records. Without it, hits whose record is gone are left out
     * (a re-index between the lookup and this read).
     */
    private Optional<List<Snippet>> snippets(List<RepoSearch.Hit> hits, Optional<String> builtAt) throws SQLException {
        Map<Long, Stamped> chunks = chunks(hits.stream().map(RepoSearch.Hit::id).toList());
        List<Snippet> out = new ArrayList<>();
        for (RepoSearch.Hit h : hits) {
            Stamped c = chunks.get(h.id());
            if (builtAt.isPresent() && (c == null || !c.sha().equals(builtAt.get()))) {
                return Optional.empty();
            }
            if (c != null) {
                out.add(new Snippet(c.chunk(), h.keyword(), h.vector(), h.combined()));
            }
        }
        return Optional.of(out);
    }

    /** The embedding's own exception, as if it had run on this thread. */
    private static float[] joined(CompletableFuture<float[]> vector) {
        try {
            return vector.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }

    /** The repository's in-memory search as last built or updated, if any (for tests). */
    Optional<RepoSearch> cachedSearch(String repo) {
        return Optional.ofNullable(searches.get(repo));
    }

    /**
     * The repository's in-memory search, moved along when its records moved to another commit: updated with the
     * records that changed, or built anew when too much did.
     */
    private Optional<RepoSearch> search(String repo) throws SQLException, IOException {
        Optional<String> sha = indexedSha(repo);
        if (sha.isEmpty()) {
            searches.remove(repo);
            return Optional.empty();
        }
        RepoSearch cached = searches.get(repo);
        if (cached != null && cached.sha.equals(sha.get())) {
            return Optional.of(cached);
        }
        synchronized (this) { // builds are rare and heavy: one at a time
            cached = searches.get(repo);
            if (cached == null || !cached.sha.equals(sha.get())) {
                Optional<RepoSearch> moved = cached == null ? Optional.empty() : moved(repo, cached);
                cached = moved.isPresent() ? moved.get() : build(repo, sha.get());
                searches.put(repo, cached);
            }
            return Optional.of(cached);
        }
    }

    /**
     * {@code old} updated to the repository's records as they are now, read in one consistent snapshot (the records'
     * versions, their commit and the rows that changed); empty when a new build is the better buy.
     */
    private Optional<RepoSearch> moved(String repo, RepoSearch old) throws SQLException, IOException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Map<Long, String> current = new HashMap<>();
                String sha = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT id, symbol, commit_sha, embedding IS NOT NULL"
                        + " AND embedding_model = ? FROM code_record WHERE repo = ?")) {
                    ps.setString(1, Embedder.MODEL);
                    ps.setString(2, repo);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            current.put(rs.getLong(1), RepoSearch.Row.version(rs.getString(2), rs.getBoolean(4)));
                            sha = String.valueOf(rs.getString(3));
                        }
                    }
                }
                Optional<RepoSearch.Change> change = sha == null ? Optional.empty() : old.change(current);
                if (change.isEmpty()) {
                    return Optional.empty();
                }
                List<RepoSearch.Row> rows = new ArrayList<>();
                List<Long> add = change.get().add();
                for (int i = 0; i < add.size(); i += 500) {
                    List<Long> ids = add.subList(i, Math.min(add.size(), i + 500));
                    try (PreparedStatement ps = c.prepareStatement(ROW_COLUMNS + " WHERE id IN ("
                            + ids.stream().map(id -> "?").collect(Collectors.joining(",")) + ")")) {
                        for (int j = 0; j < ids.size(); j++) {
                            ps.setLong(j + 1, ids.get(j));
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                rows.add(row(rs));
                            }
                        }
                    }
                }
                return Optional.of(old.update(sha, change.get(), rows.iterator()));
            } finally {
                c.rollback(); // read only
            }
        }
    }

    private static RepoSearch.Row row(ResultSet rs) throws SQLException {
        float[] v = Embedder.MODEL.equals(rs.getString(6)) ? Vectors.fromBytes(rs.getBytes(5)) : null;
        return new RepoSearch.Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), v);
    }

    private RepoSearch build(String repo, String sha) throws SQLException, IOException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(ROW_COLUMNS + " WHERE repo = ?")) {
            ps.setFetchSize(1_000);
            ps.setString(1, repo);
            try (ResultSet rs = ps.executeQuery()) {
                return RepoSearch.build(sha, new Iterator<>() {

                    private Boolean ahead;

                    @Override
                    public boolean hasNext() {
                        try {
                            if (ahead == null) {
                                ahead = rs.next();
                            }
                            return ahead;
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    public RepoSearch.Row next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        ahead = null;
                        try {
                            return row(rs);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            }
        }
    }

    private Optional<String> indexedSha(String repo) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT commit_sha FROM code_record WHERE repo = ? LIMIT 1")) {
            ps.setString(1, repo);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(String.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** A stored chunk and the commit its record was last indexed at. */
    private record Stamped(Chunk chunk, String sha) {
    }

    private Map<Long, Stamped> chunks(List<Long> ids) throws SQLException {
        Map<Long, Stamped> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String marks = ids.stream().map(i -> "?").collect(Collectors.joining(","));
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, file_path, symbol, start_line, end_line, content,"
                        + " commit_sha FROM code_record WHERE id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new Stamped(new Chunk(rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getInt(5), rs.getString(6)), String.valueOf(rs.getString(7))));
                }
            }
        }
        return out;
    }

    /** A record already stored for the repository; {@code vector} only when the current model made it. */
    private record Stored(long id, String path, String hash, String symbol, int startLine, int endLine,
            byte[] vector) {
    }

    private List<Stored> stored(String repo) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, file_path, content_hash, symbol, start_line,"
                        + " end_line, embedding, embedding_model FROM code_record WHERE repo = ?")) {
            ps.setString(1, repo);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] v = Embedder.MODEL.equals(rs.getString(8)) ? rs.getBytes(7) : null;
                    out.add(new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            rs.getInt(6), v));
                }
            }
        }
        return out;
    }

    /**
     * Stores the commit's chunks in one transaction: a record whose file and content are unchanged is kept (its
     * lines updated when they moved), new content is inserted, records of content that is gone are deleted.
     */
    private void write(String repo, String sha, List<Chunk> chunks, List<Stored> stored, Map<String, byte[]> vectors)
            throws SQLException {
        Map<String, ArrayDeque<Stored>> byKey = new HashMap<>();
        for (Stored s : stored) {
            byKey.computeIfAbsent(s.path + "\n" + s.hash, k -> new ArrayDeque<>()).add(s);
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO code_record (repo, file_path, language,"
                    + " symbol, start_line, end_line, content, content_hash, commit_sha, indexed_at, embedding,"
                    + " embedding_model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement update = c.prepareStatement("UPDATE code_record SET symbol = ?, start_line = ?,"
                            + " end_line = ?, embedding = ?, embedding_model = ? WHERE id = ?");
                    PreparedStatement delete = c.prepareStatement("DELETE FROM code_record WHERE id = ?");
                    PreparedStatement stamp = c.prepareStatement(
                            "UPDATE code_record SET commit_sha = ?, indexed_at = ? WHERE repo = ?")) {
                for (Chunk ch : chunks) {
                    String hash = ContentHash.sha256(ch.content());
                    String symbol = ch.symbol() == null ? null : ch.symbol().substring(0, Math.min(255, ch.symbol().length()));
                    byte[] vector = vectors.get(hash);
                    ArrayDeque<Stored> same = byKey.get(ch.path() + "\n" + hash);
                    Stored kept = same == null ? null : same.poll();
                    if (kept == null) {
                        insert.setString(1, repo);
                        insert.setString(2, ch.path());
                        insert.setString(3, Language.of(ch.path()).map(l -> l.id).orElse("other"));
                        insert.setString(4, symbol);
                        insert.setInt(5, ch.startLine());
                        insert.setInt(6, ch.endLine());
                        insert.setString(7, ch.content());
                        insert.setString(8, hash);
                        insert.setString(9, sha);
                        insert.setTimestamp(10, now);
                        insert.setBytes(11, vector);
                        insert.setString(12, Embedder.MODEL);
                        insert.addBatch();
                    } else if (kept.startLine != ch.startLine() || kept.endLine != ch.endLine()
                            || kept.vector == null || !Objects.equals(kept.symbol, symbol)) {
                        update.setString(1, symbol);
                        update.setInt(2, ch.startLine());
                        update.setInt(3, ch.endLine());
                        update.setBytes(4, vector);
                        update.setString(5, Embedder.MODEL);
                        update.setLong(6, kept.id);
                        update.addBatch();
                    }
                }
                for (ArrayDeque<Stored> gone : byKey.values()) {
                    for (Stored s : gone) {
                        delete.setLong(1, s.id);
                        delete.addBatch();
                    }
                }
                delete.executeBatch();
                update.executeBatch();
                insert.executeBatch();
                stamp.setString(1, sha);
                stamp.setTimestamp(2, now);
                stamp.setString(3, repo);
                stamp.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static List<Chunk> read(Path worktree, int maxFiles) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(worktree)) {
            files = walk.filter(p -> !skipped(worktree.relativize(p)))
                    .filter(Files::isRegularFile)
                    .filter(p -> Language.of(p.toString()).isPresent())
                    .limit(maxFiles)
                    .toList();
        }
        List<Chunk> chunks = new ArrayList<>();
        for (Path file : files) {
            if (Files.size(file) > MAX_FILE_BYTES) {
                continue;
            }
            String rel = worktree.relativize(file).toString().replace('\\', '/');
            Language lang = Language.of(rel).orElseThrow();
            chunks.addAll(Chunker.chunk(rel, lang, Files.readString(file, StandardCharsets.UTF_8)));
        }
        return chunks;
    }
    private static boolean skipped(Path rel) {
        for (Path part : rel) {
            if (SKIP_DIRS.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }
}
