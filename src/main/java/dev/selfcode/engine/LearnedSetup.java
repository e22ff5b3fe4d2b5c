package dev.selfcode.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.memory.GptMemory;
import dev.selfcode.memory.MemoryStore;
import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.sandbox.Sandbox;

/**
 * Learns the setup command that makes a repository's tests run, and uses it from then on. A Python project whose base
 * passes no test without a setup step (a {@code src/} layout its tests cannot import) is measured once more with
 * {@link #PIP_EDITABLE}; when tests then pass, that command is written to the {@link MemoryStore} under
 * {@link MemoryStore#SETUP_COMMAND}, and every later checkout of the repository whose config names no setup runs it.
 * The patch that learned it keeps the comparison it started with (its candidate ran without it). A learned setup
 * that later fails is forgotten (a blank version of the note), so it cannot keep every base from being measured.
 */
@ApplicationScoped
class LearnedSetup {

    private static final Logger LOG = Logger.getLogger(LearnedSetup.class);

    /** Offline (no build isolation, no dependencies) into the user site of the run's home, editable. */
    static final String PIP_EDITABLE = "python3 -m pip install --user --no-deps --no-build-isolation"
            + " --disable-pip-version-check -e .";
    private static final List<String> PYTHON_PROJECT = List.of("pyproject.toml", "setup.py", "setup.cfg");

    @Inject
    MemoryStore notes;
    @Inject
    Sandbox sandbox;

    /** {@code config} with the learned setup step when the repository's own config names none. */
    RepoConfig apply(String repo, RepoConfig config) {
        if (config.setupStep().isPresent()) {
            return config;
        }
        Optional<MemoryStore.Note> learned = notes.latest(repo, MemoryStore.SETUP_COMMAND);
        return learned.map(n -> config.withSetup(n.text())).orElse(config);
    }

    /**
     * After a base measured with {@code config}: when no test passed, there was no setup step and the repository is a
     * Python project, tries {@link #PIP_EDITABLE} and learns it if tests then pass. Never fails the caller.
     */
    void afterBase(String repo, Path dir, RepoConfig config, Evaluation measured) {
        Optional<MemoryStore.Note> learned = notes.latest(repo, MemoryStore.SETUP_COMMAND);
        if (learned.isPresent() && config.setupStep().equals(Optional.of(learned.get().text()))
                && measured.exitCodes().getOrDefault("setup", 0) != 0) {
            int version = notes.forget(repo, MemoryStore.SETUP_COMMAND, GptMemory.INSIGHT);
            LOG.infof("%s: the learned setup '%s' failed; forgotten (%s v%d)", repo, learned.get().text(),
                    MemoryStore.SETUP_COMMAND, version);
            return;
        }
        if (measured.passed() > 0 || config.setupStep().isPresent()
                || PYTHON_PROJECT.stream().noneMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
            return;
        }
        try {
            Evaluation tried = sandbox.evaluate(dir, config.withSetup(PIP_EDITABLE));
            if (tried.usable() && tried.passed() > 0) {
                int version = notes.write(repo, MemoryStore.SETUP_COMMAND, GptMemory.INSIGHT, PIP_EDITABLE);
                LOG.infof("%s: tests pass only after '%s'; learned it as %s v%d", repo, PIP_EDITABLE,
                        MemoryStore.SETUP_COMMAND, version);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: could not try a setup step for the tests", repo);
        }
    }
}
