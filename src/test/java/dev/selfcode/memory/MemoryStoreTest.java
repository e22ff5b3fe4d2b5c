package dev.selfcode.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Versioned notes in {@code memory_note} (MariaDB, the real embedding model). */
@QuarkusTest
class MemoryStoreTest {

    static final String REPO = "acme/notes";

    @Inject
    MemoryStore store;

    @BeforeEach
    void clean() {
        QuarkusTransaction.requiringNew().run(() -> MemoryNote.deleteAll());
    }

    @Test
    void eachWriteOfAKeyAddsAVersionAndReadersSeeTheLatest() {
        assertThat(store.write(REPO, "test-command", GptMemory.INSIGHT, "pytest -q")).isEqualTo(1);
        assertThat(store.write(REPO, "test-command", GptMemory.INSIGHT, "pytest -q -x")).isEqualTo(2);
        assertThat(store.write("other/repo", "test-command", GptMemory.INSIGHT, "npm test")).isEqualTo(1);

        assertThat(store.latest(REPO, "test-command")).get().satisfies(n -> {
            assertThat(n.version()).isEqualTo(2);
            assertThat(n.text()).isEqualTo("pytest -q -x");
            assertThat(n.tag()).isEqualTo("insight");
        });
        assertThat(store.versions(REPO, "test-command")).extracting(MemoryStore.Note::text)
                .containsExactly("pytest -q", "pytest -q -x");
        assertThat(store.latest(REPO, "missing")).isEmpty();
        assertThatThrownBy(() -> store.write(REPO, " ", null, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writingWhatTheLatestVersionSaysAddsNothing() {
        store.write(REPO, "setup", GptMemory.INSIGHT, "pip install -e .");
        assertThat(store.write(REPO, "setup", GptMemory.INSIGHT, "  PIP install   -e . ")).isEqualTo(1);
        assertThat(store.versions(REPO, "setup")).hasSize(1);
        // Back to an older text is a change of the latest: a new version.
        store.write(REPO, "setup", GptMemory.INSIGHT, "make deps");
        assertThat(store.write(REPO, "setup", GptMemory.INSIGHT, "pip install -e .")).isEqualTo(3);
    }

    @Test
    void secretsAreRedactedBeforeTheNoteIsStored() {
        String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        store.write(REPO, "auth", GptMemory.ERROR_FIX, "the tests need GITHUB_TOKEN=" + token + " exported");

        String stored = QuarkusTransaction.requiringNew().call(() -> (String) MemoryNote.getEntityManager()
                .createNativeQuery("SELECT data FROM memory_note WHERE note_key = 'auth'").getSingleResult());
        assertThat(stored).doesNotContain(token).contains("the tests need");
        assertThat(store.latest(REPO, "auth").orElseThrow().text()).doesNotContain(token);
    }

    @Test
    void searchFindsTheLatestNotesByTagAndByMeaning() {
        store.write(REPO, "setup", GptMemory.INSIGHT, "the package must be installed before its tests can import it");
        store.write(REPO, "flaky", GptMemory.FEEDBACK, "the clock test fails around midnight");
        store.write(REPO, "style", GptMemory.FEEDBACK, "maintainers reject helpers without docstrings");
        store.write(REPO, "style", GptMemory.FEEDBACK, "maintainers want type hints on every helper");

        List<MemoryStore.Found> byMeaning = store.search(REPO, null, "No module named shout when collecting", 3);
        assertThat(byMeaning.get(0).note().key()).isEqualTo("setup");
        assertThat(store.search(REPO, GptMemory.FEEDBACK, "annotations of argument types", 5))
                .extracting(f -> f.note().key() + " v" + f.note().version()).containsExactly("style v2", "flaky v1");
        assertThat(store.search(REPO, GptMemory.INSIGHT, null, 5)).singleElement()
                .satisfies(f -> assertThat(f.note().key()).isEqualTo("setup"));
        assertThat(store.search("nobody/else", null, "anything", 5)).isEmpty();
    }
}
