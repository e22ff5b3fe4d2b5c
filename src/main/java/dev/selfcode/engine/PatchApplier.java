package dev.selfcode.engine;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.Language;

/**
 * Puts a helper into a file: appended at the end, or inserted after a chosen chunk. Java members go
 * before the closing brace of the file's last top-level type; a whole Java class is appended.
 */
public final class PatchApplier {

    private static final Pattern JAVA_TYPE = Pattern.compile(
            "^(?:@\\w+\\s*)*(?:(?:public|final|abstract|sealed)\\s+)*(?:class|interface|enum|record)\\s+\\w+",
            Pattern.MULTILINE);

    private PatchApplier() {
    }

    public static String apply(String original, String helper, Language language, Optional<Chunk> after) {
        String code = helper.strip();
        if (after.isPresent()) {
            return insertAfterLine(original, after.get().endLine(), indentLike(after.get(), code), language);
        }
        if (language == Language.JAVA && !JAVA_TYPE.matcher(code).lookingAt()) {
            int close = original.lastIndexOf('}');
            if (close < 0) {
                throw new IllegalArgumentException("the Java file has no closing brace to insert a member before");
            }
            String head = original.substring(0, close).stripTrailing();
            return head + "\n\n" + indent(code, "    ") + "\n" + original.substring(close);
        }
        if (language == Language.JAVA) {
            // A second top-level type in the file must not be public.
            code = code.replaceFirst("^public\\s+", "");
        }
        String sep = language == Language.PYTHON ? "\n\n\n" : "\n\n";
        return original.stripTrailing() + sep + code + "\n";
    }

    private static String insertAfterLine(String original, int line, String code, Language language) {
        String[] lines = original.split("\n", -1);
        int at = Math.min(line, lines.length);
        String sep = language == Language.PYTHON ? "\n\n" : "\n";
        String before = String.join("\n", Arrays.copyOfRange(lines, 0, at)).stripTrailing();
        String rest = String.join("\n", Arrays.copyOfRange(lines, at, lines.length)).stripLeading();
        return before + "\n" + sep + code + "\n" + (rest.isEmpty() ? "" : sep + rest + (rest.endsWith("\n") ? "" : "\n"));
    }

    private static String indentLike(Chunk chunk, String code) {
        String first = chunk.content().lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        String indent = first.substring(0, first.length() - first.stripLeading().length());
        return indent.isEmpty() ? code : indent(code, indent);
    }

    private static String indent(String code, String indent) {
        if (code.lines().allMatch(l -> l.isBlank() || l.startsWith(indent))) {
            return code;
        }
        return String.join("\n", code.lines().map(l -> l.isBlank() ? "" : indent + l).toList());
    }
}
