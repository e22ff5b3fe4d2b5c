package dev.selfcode.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.selfcode.code.Language;
import dev.selfcode.code.SourceMask;

/**
 * Just enough structure of a Java file to add a member safely: its top-level types and the static methods
 * declared directly in them. Comments and literals are blanked out first, so braces inside them do not count.
 */
final class JavaOutline {

    /** A static method declared directly in the file's last top-level type. */
    record StaticMethod(String name, String returnType, List<String> parameters, List<String> argumentNames,
            String throwsClause) {
    }

    private static final Pattern TYPE = Pattern.compile("(@interface|\\bclass|\\binterface|\\benum|\\brecord)\\s+\\w+");
    private static final Pattern MODIFIERS = Pattern.compile(
            "(?:(?:public|protected|private|static|final|synchronized|strictfp)\\s+)+");

    private final String masked;
    private final int lastTypeStart;
    private final String lastTypeKind;
    private final boolean wellFormed;

    private JavaOutline(String masked, int lastTypeStart, String lastTypeKind, boolean wellFormed) {
        this.masked = masked;
        this.lastTypeStart = lastTypeStart;
        this.lastTypeKind = lastTypeKind;
        this.wellFormed = wellFormed;
    }

    static JavaOutline of(String source) {
        String masked = SourceMask.blank(Language.JAVA, source == null ? "" : source);
        int depth = 0;
        int lastTypeStart = -1;
        String kind = null;
        int segmentStart = 0;
        boolean balanced = true;
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (c == '{') {
                if (depth == 0) {
                    Matcher type = TYPE.matcher(masked.substring(segmentStart, i));
                    String found = null;
                    while (type.find()) {
                        found = type.group(1);
                    }
                    kind = found;
                    lastTypeStart = i;
                }
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth < 0) {
                    balanced = false;
                    break;
                }
                if (depth == 0) {
                    segmentStart = i + 1;
                }
            } else if (c == ';' && depth == 0) {
                segmentStart = i + 1;
            }
        }
        boolean wellFormed = balanced && depth == 0 && kind != null && masked.strip().endsWith("}");
        return new JavaOutline(masked, lastTypeStart, kind, wellFormed);
    }

    /** Whether the file parsed into balanced braces ending with a type body: else add nothing clever. */
    boolean wellFormed() {
        return wellFormed;
    }

    /** class, interface, enum, record or @interface: the type that the final closing brace closes. */
    String lastTypeKind() {
        return lastTypeKind;
    }

    /** An enum whose constants are not closed by a semicolon: a member added after them needs one first. */
    boolean enumNeedsSemicolon() {
        return "enum".equals(lastTypeKind) && depthOneCharacters().indexOf(';') < 0;
    }

    /** A non-generic static method of that name declared directly in the last top-level type. */
    Optional<StaticMethod> staticMethod(String name) {
        Pattern declaration = Pattern.compile("(?m)^[ \\t]*(" + MODIFIERS.pattern() + ")([\\w.\\[\\]<>, ?]+?)\\s+"
                + Pattern.quote(name) + "\\s*\\(([^()]*)\\)\\s*(throws\\s+[\\w.,\\s]+?)?\\s*\\{");
        Matcher m = declaration.matcher(masked);
        while (m.find()) {
            if (m.start() > lastTypeStart && depthAt(m.start()) == 1 && m.group(1).contains("static")
                    && !m.group(2).strip().startsWith("<")) {
                Optional<List<String>> params = parameters(m.group(3));
                if (params.isPresent()) {
                    List<String> args = params.get().stream().map(p -> p.substring(p.lastIndexOf(' ') + 1)).toList();
                    String throwsClause = m.group(4) == null ? "" : " " + m.group(4).strip().replaceAll("\\s+", " ");
                    return Optional.of(new StaticMethod(name, m.group(2).strip(), params.get(), args, throwsClause));
                }
            }
        }
        return Optional.empty();
    }

    private int depthAt(int position) {
        int depth = 0;
        for (int i = 0; i < position; i++) {
            char c = masked.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
        return depth;
    }

    private String depthOneCharacters() {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (int i = Math.max(lastTypeStart, 0); i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (c == '{' || c == '(') {
                depth++;
            } else if (c == '}' || c == ')') {
                depth--;
            } else if (depth == 1) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Parameters as "Type name", split at top-level commas; empty when one has annotations or is unclear. */
    private static Optional<List<String>> parameters(String list) {
        List<String> params = new ArrayList<>();
        if (list.isBlank()) {
            return Optional.of(params);
        }
        int angle = 0;
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            char c = i == list.length() ? ',' : list.charAt(i);
            angle += c == '<' ? 1 : c == '>' ? -1 : 0;
            if (c == ',' && angle == 0) {
                String param = list.substring(start, i).strip().replaceAll("\\s+", " ").replaceFirst("^final ", "");
                if (!param.matches("[\\w.\\[\\]<>, ?]+\\s\\w+") || param.contains("@")) {
                    return Optional.empty();
                }
                params.add(param);
                start = i + 1;
            }
        }
        return Optional.of(params);
    }
}
