package dev.selfcode.code;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The code index (the original CodeDB): chunks of a repository's source, stored per commit, searched by
 * the words of a request. A first, simple retrieval: identifier-word overlap.
 */
@ApplicationScoped
public class CodeIndex {

    static final long MAX_FILE_BYTES = 200_000;
    static final int MAX_FILES = 2_000;
    private static final Set<String> SKIP_DIRS = Set.of(".git", "node_modules", "target", "build", "dist", "venv",
            ".venv", "__pycache__", ".github");
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "to", "of", "and", "or", "for", "in", "on",
            "add", "with", "that", "this", "is", "be", "it", "by", "from", "helper", "function", "make", "new");

    /** Indexes the worktree at {@code sha} unless that commit is already indexed; returns chunks stored. */
    @Transactional
    public int index(String repo, String sha, Path worktree) throws IOException {
        if (CodeRecord.indexedAt(repo, sha)) {
            return 0;
        }
        CodeRecord.delete("repo", repo);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(worktree)) {
            files = walk.filter(p -> !skipped(worktree.relativize(p)))
                    .filter(Files::isRegularFile)
                    .filter(p -> Language.of(p.toString()).isPresent())
                    .limit(MAX_FILES)
                    .toList();
        }
        int stored = 0;
        Instant now = Instant.now();
        for (Path file : files) {
            if (Files.size(file) > MAX_FILE_BYTES) {
                continue;
            }
            String rel = worktree.relativize(file).toString().replace('\\', '/');
            Language lang = Language.of(rel).orElseThrow();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (Chunk c : Chunker.chunk(rel, lang, text)) {
                CodeRecord r = new CodeRecord();
                r.repo = repo;
                r.filePath = rel;
                r.language = lang.id;
                r.symbol = c.symbol() == null ? null : c.symbol().substring(0, Math.min(255, c.symbol().length()));
                r.startLine = c.startLine();
                r.endLine = c.endLine();
                r.content = c.content();
                r.contentHash = ContentHash.sha256(c.content());
                r.commitSha = sha;
                r.indexedAt = now;
                r.persist();
                stored++;
            }
        }
        return stored;
    }

    /** The chunks most related to {@code query}, best first, optionally leaving out one file. */
    @Transactional
    public List<Chunk> suggestSnippets(String repo, String query, Optional<String> excludePath, int limit) {
        Set<String> words = words(query);
        record Scored(Chunk chunk, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (CodeRecord r : CodeRecord.forRepo(repo)) {
            if (excludePath.isPresent() && excludePath.get().equals(r.filePath)) {
                continue;
            }
            Set<String> have = words((r.symbol == null ? "" : r.symbol + " " + r.symbol + " ") + r.content);
            long hits = words.stream().filter(have::contains).count();
            if (hits > 0) {
                double score = hits + (r.symbol != null && words.containsAll(words(r.symbol)) ? 2 : 0)
                        - r.content.length() / 20_000.0;
                scored.add(new Scored(new Chunk(r.filePath, r.symbol, r.startLine, r.endLine, r.content), score));
            }
        }
        return scored.stream().sorted(Comparator.comparingDouble(Scored::score).reversed()).limit(limit)
                .map(Scored::chunk).toList();
    }

    /** Lower-cased identifier words: {@code normalizeText} and {@code normalize_text} both give normalize, text. */
    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String token : text.split("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|_")) {
            String w = token.toLowerCase(Locale.ROOT);
            if (w.length() > 1 && !STOP_WORDS.contains(w)) {
                out.add(w);
            }
        }
        return out;
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
