package dev.selfcode.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.safety.SafetyMonitor;

/**
 * The guard stage, checks only: the helper's size and secrets, that it fits into the file, that the file would still
 * parse with it, and that the added code only defines (no import-time effects, exits, secrets, redefinitions). A
 * rewritten chunk must also keep its name and signature and be that chunk only. Any problem rejects the candidate
 * before anything is written.
 */
@ApplicationScoped
class GuardHelper {

    static final String PASSED = "syntax ok, no forbidden calls or secrets";

    @Inject
    SafetyMonitor safety;

    /** @throws StageFailure REJECTED with every problem found */
    String check(CheckOut.CheckedOut tree, GeneratedCode generated) throws IOException {
        List<String> problems = new ArrayList<>(safety.checkHelper(generated.code(), tree.language()));
        tree.replaced().ifPresent(span -> problems
                .addAll(ReplaceChunk.problems(tree.original(), span, generated.code(), tree.language())));
        if (problems.isEmpty()) {
            try {
                // The would-be file, only to parse it: the apply stage builds and writes the real one.
                String candidate = ApplyHelper.patched(tree, generated);
                // A rewrite is checked as a helper added to the file without the chunk it replaces: the same rules,
                // and its own name is no redefinition.
                String base = tree.replaced().map(span -> ReplaceChunk.without(tree.original(), span))
                        .orElse(tree.original());
                problems.addAll(safety.checkCode(tree.filePath(), base, candidate, tree.language()));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new StageFailure(FailureKind.REJECTED, String.join("; ", problems), generated.code(), null);
        }
        return PASSED;
    }
}
