package dev.selfcode.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import dev.selfcode.embedding.Embedder;
import dev.selfcode.embedding.Vectors;
import dev.selfcode.safety.SecretScanner;

/**
 * Versioned notes about a repository ("tests in this repo need {@code pip install -e .}"): each write of a key adds a
 * version, readers see the latest, and notes are found by tag and by meaning. What the repair loop and the sweeps
 * learn goes here; the context stage puts a repository's notes into the prompt.
 */
@ApplicationScoped
public class MemoryStore {

    private static final Logger LOG = Logger.getLogger(MemoryStore.class);
    static final int MAX_KEY_CHARS = 191;
    static final int MAX_TAG_CHARS = 32;
    static final int MAX_TEXT_CHARS = 100_000;
    /** The most notes one search compares. */
    static final int SEARCH_WINDOW = 500;

    /** The key under which the setup command that made a repository's tests run is learned. */
    public static final String SETUP_COMMAND = "setup-command";

    @Inject
    Embedder embedder;

    /** One version of a note. */
    public record Note(String repo, String key, int version, String tag, String text, Instant createdAt) {

        static Note of(MemoryNote row) {
            return new Note(row.repo, row.key, row.version, row.tag, row.text, row.createdAt);
        }
    }

    /** A note found by a search, and how close it is to the text asked about (cosine, or keyword overlap). */
    public record Found(Note note, double score) {
    }

    /**
     * Writes {@code text} (secrets redacted) as the next version of {@code key} in {@code repo} (null or empty for no
     * repository); returns the version now latest. Writing what the latest version already says (same tag, same
     * text up to case and white space) adds nothing and returns that version.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int write(String repo, String key, String tag, String text) {
        String r = repo == null ? "" : GptMemory.cap(repo, 191);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a note needs a key");
        }
        String k = GptMemory.cap(key.strip(), MAX_KEY_CHARS);
        String t = tag == null || tag.isBlank() ? null : GptMemory.cap(tag.strip(), MAX_TAG_CHARS);
        String body = SecretScanner.redacted(GptMemory.cap(Objects.requireNonNull(text, "text"), MAX_TEXT_CHARS));
        Optional<MemoryNote> latest = latestRow(r, k);
        if (latest.isPresent() && Objects.equals(latest.get().tag, t)
                && GptMemory.normalized(latest.get().text).equals(GptMemory.normalized(body))) {
            return latest.get().version;
        }
        MemoryNote row = new MemoryNote();
        row.repo = r;
        row.key = k;
        row.version = latest.map(n -> n.version + 1).orElse(1);
        row.tag = t;
        row.text = body;
        row.embedding = embedding(body);
        row.createdAt = Instant.now();
        // Two writers of one key at once: the unique (repo, key, version) refuses the second, which its caller sees.
        row.persist();
        return row.version;
    }

    /** The latest version of {@code key}; empty when there is none or it was {@linkplain #forget forgotten}. */
    @Transactional(TxType.SUPPORTS)
    public Optional<Note> latest(String repo, String key) {
        return latestRow(repo == null ? "" : repo, key).filter(n -> !n.text.isBlank()).map(Note::of);
    }

    /** Forgets {@code key}: a blank version, so its history stays but readers and searches no longer see it. */
    public int forget(String repo, String key, String tag) {
        return write(repo, key, tag, "");
    }

    /** Every version of {@code key}, oldest first. */
    @Transactional(TxType.SUPPORTS)
    public List<Note> versions(String repo, String key) {
        return MemoryNote.<MemoryNote>find("repo = ?1 and key = ?2 order by version", repo == null ? "" : repo, key)
                .list().stream().map(Note::of).toList();
    }

    /**
     * The latest version of each note of {@code repo} with {@code tag} (any when null), closest to {@code text} first
     * (by the cosine of their embeddings, by shared keywords for a note without one); with no text, newest first.
     */
    @Transactional(TxType.SUPPORTS)
    public List<Found> search(String repo, String tag, String text, int k) {
        if (k <= 0) {
            return List.of();
        }
        String query = "from MemoryNote n where n.repo = ?1 and n.text <> '' and n.version = (select max(m.version) from MemoryNote m"
                + " where m.repo = n.repo and m.key = n.key)" + (tag == null ? "" : " and n.tag = ?2")
                + " order by n.createdAt desc, n.id desc";
        String r = repo == null ? "" : repo;
        List<MemoryNote> rows = (tag == null
                ? MemoryNote.<MemoryNote>find(query, r)
                : MemoryNote.<MemoryNote>find(query, r, tag)).page(0, SEARCH_WINDOW).list();
        if (text == null || text.isBlank()) {
            return rows.stream().limit(k).map(n -> new Found(Note.of(n), 0)).toList();
        }
        float[] wanted = rows.stream().anyMatch(n -> n.embedding != null) ? vector(text) : null;
        Set<String> words = Keywords.of(text);
        return rows.stream().map(n -> new Found(Note.of(n), n.embedding != null && wanted != null
                ? Vectors.cosine(wanted, Vectors.fromBytes(n.embedding))
                : Keywords.similarity(words, Keywords.of(n.key + " " + n.text))))
                .sorted(Comparator.comparingDouble(Found::score).reversed()).limit(k).toList();
    }

    private static Optional<MemoryNote> latestRow(String repo, String key) {
        return MemoryNote.<MemoryNote>find("repo = ?1 and key = ?2 order by version desc", repo, key)
                .firstResultOptional();
    }

    private byte[] embedding(String text) {
        float[] v = vector(text);
        return v == null ? null : Vectors.toBytes(v);
    }

    private float[] vector(String text) {
        try {
            return embedder.embed(SecretScanner.redacted(text));
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf(e, "could not embed a note; it is matched by keywords");
            return null;
        }
    }
}
