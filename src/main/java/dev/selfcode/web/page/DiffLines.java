package dev.selfcode.web.page;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff split into lines, each with its kind (file header, hunk header, added, removed, context), so the
 * patch page colours it on the server: the diff reads the same without JavaScript.
 */
final class DiffLines {

    /** One line of the diff; {@code kind} is the CSS class it is shown with. */
    record Line(String kind, String text) {
    }

    private DiffLines() {
    }

    static List<Line> of(String diff) {
        List<Line> lines = new ArrayList<>();
        if (diff == null || diff.isEmpty()) {
            return lines;
        }
        boolean inHunk = false;
        for (String text : diff.replace("\r\n", "\n").split("\n", -1)) {
            String kind;
            if (text.startsWith("diff ") || text.startsWith("index ") || text.startsWith("new file")
                    || text.startsWith("deleted file") || text.startsWith("similarity ") || text.startsWith("rename ")) {
                inHunk = false;
                kind = "file";
            } else if (text.startsWith("@@")) {
                inHunk = true;
                kind = "hunk";
            } else if (!inHunk && (text.startsWith("--- ") || text.startsWith("+++ "))) {
                // Outside a hunk these name the files; inside one they are a removed "-- " or added "++ " line.
                kind = "file";
            } else if (text.startsWith("+")) {
                kind = "add";
            } else if (text.startsWith("-")) {
                kind = "del";
            } else {
                kind = "ctx";
            }
            lines.add(new Line(kind, text));
        }
        // The diff's final newline leaves one empty string behind: not a line of the diff.
        if (!lines.isEmpty() && lines.get(lines.size() - 1).text().isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
