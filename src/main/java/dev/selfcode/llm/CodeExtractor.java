package dev.selfcode.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.selfcode.code.Language;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;

/**
 * Pulls the helper's source out of a model's answer.
 *
 * <p>
 * Preference order: the first fenced block tagged with the requested language; else the first untagged block
 * that looks like code in it; else the whole answer when it has no fences and looks like code. Prose, an
 * empty answer, a refusal or code in another language are rejected, with the raw answer kept as the detail.
 */
final class CodeExtractor {

    static final String NO_CODE = "the model's answer contained no code";
    /** A helper is small; an answer beyond this is a runaway generation, not a helper. */
    static final int MAX_CODE_CHARS = 100_000;

    private static final Pattern OPEN = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^\\s`{]*)[^`]*$");

    private record Block(String tag, String code) {
    }

    private CodeExtractor() {
    }

    /** @throws StageFailure REJECTED when the answer holds no usable code in {@code language} */
    static String extract(String answer, String language) {
        if (answer == null || answer.isBlank()) {
            throw rejected(NO_CODE, answer);
        }
        String text = answer.replace("\r\n", "\n").replace('\r', '\n').replace("\uFEFF", "");
        Language lang = Language.named(language);
        List<Block> blocks = fencedBlocks(text);
        String code = choose(blocks, lang, language, text, answer);
        code = stripBlankEdges(code);
        if (code.isBlank() || lang.onlyComments(code)) {
            throw rejected(NO_CODE, answer);
        }
        if (code.length() > MAX_CODE_CHARS) {
            throw rejected("the model's answer is too large to be a helper (" + code.length()
                    + " characters, limit " + MAX_CODE_CHARS + ")", answer);
        }
        return code;
    }

    private static String choose(List<Block> blocks, Language lang, String language, String text,
            String answer) {
        for (Block block : blocks) {
            if (!block.tag().isEmpty() && lang.isNamedBy(block.tag(), language) && !block.code().isBlank()) {
                return block.code();
            }
        }
        for (Block block : blocks) {
            if (block.tag().isEmpty() && lang.looksLikeCode(block.code())) {
                return block.code();
            }
        }
        if (blocks.isEmpty()) {
            if (lang.looksLikeCode(text)) {
                return text;
            }
            throw rejected(NO_CODE, answer);
        }
        String other = blocks.stream().map(Block::tag).filter(t -> !t.isEmpty()).findFirst().orElse(null);
        if (other != null) {
            throw rejected("the model answered with " + other + " code, not " + language, answer);
        }
        throw rejected(NO_CODE, answer);
    }

    /** Fenced blocks in order; an unclosed fence (a cut-off answer) runs to the end of the text. */
    private static List<Block> fencedBlocks(String text) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = OPEN.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            String fence = open.group(1);
            Pattern close = Pattern.compile("^ {0,3}" + Pattern.quote(fence.substring(0, 1)) + "{" + fence.length()
                    + ",}\\s*$");
            StringBuilder code = new StringBuilder();
            int j = i + 1;
            for (; j < lines.length && !close.matcher(lines[j]).matches(); j++) {
                code.append(lines[j]).append('\n');
            }
            blocks.add(new Block(open.group(2), code.toString()));
            i = j;
        }
        return blocks;
    }

    private static String stripBlankEdges(String code) {
        List<String> lines = new ArrayList<>(code.lines().toList());
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static StageFailure rejected(String message, String answer) {
        return new StageFailure(FailureKind.REJECTED, message, answer, null);
    }
}
