package dev.selfcode.engine;

import java.io.IOException;

import dev.selfcode.llm.GeneratedCode;

/**
 * The apply stage: builds the patched file (the helper added, or the chunk replaced by its rewrite), writes it into
 * the worktree and takes the diff against the base.
 */
final class ApplyHelper {

    private ApplyHelper() {
    }

    /** The patched text of the target file, and the worktree's diff after writing it. */
    record Applied(String patched, String diff) {

        String summary(CheckOut.CheckedOut tree) {
            long added = diff.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count();
            if (tree.replaced().isPresent()) {
                return "rewrote " + tree.replaced().get().symbol() + " in " + tree.filePath() + " (+" + added + " line(s))";
            }
            return "+" + added + " line(s) in " + tree.filePath() + tree.afterChunk().map(c -> " after " + c.symbol())
                    .orElse("");
        }
    }

    static Applied apply(CheckOut.CheckedOut tree, GeneratedCode generated) throws IOException {
        String patched = patched(tree, generated);
        tree.worktree().write(tree.filePath(), patched);
        return new Applied(patched, tree.worktree().diff());
    }

    /** The file as the generated code makes it; IllegalArgumentException when the code does not fit. */
    static String patched(CheckOut.CheckedOut tree, GeneratedCode generated) {
        return tree.replaced().isPresent()
                ? ReplaceChunk.apply(tree.original(), tree.replaced().get(), generated.code())
                : PatchApplier.apply(tree.original(), generated.code(), tree.language(), tree.afterChunk());
    }
}
