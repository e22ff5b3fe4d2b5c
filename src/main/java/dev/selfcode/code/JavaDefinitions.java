package dev.selfcode.code;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;

/**
 * Where a Java file's definitions start, read from javac's syntax tree (the parser the Java guard uses): each
 * top-level type, and each member of a top-level type (methods, constructors, fields, nested types, initialisers).
 * A definition's comments and annotations go with it: it starts on the line after the previous one ended.
 */
final class JavaDefinitions {

    /** A definition: the 0-based line it starts on, and its simple name (a constructor is named after its type). */
    record Start(int line, String name) {
    }

    private JavaDefinitions() {
    }

    /** The definitions in file order; empty when javac cannot parse the file into any type (the caller falls back). */
    static Optional<List<Start>> of(String source) {
        JavaSyntax.Parsed parsed;
        try {
            parsed = JavaSyntax.parse("Chunked.java", List.of(source)).get(0);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (!parsed.errors().isEmpty()) {
            return Optional.empty();
        }
        List<Start> starts = new ArrayList<>();
        long previousEnd = -1;
        for (Tree top : parsed.unit().getTypeDecls()) {
            if (!(top instanceof ClassTree type)) {
                continue;
            }
            String typeName = type.getSimpleName().toString();
            starts.add(new Start(startLine(parsed, top, previousEnd), typeName));
            long typeBodyLine = parsed.line(top);
            previousEnd = typeBodyLine;
            for (Tree member : type.getMembers()) {
                long line = parsed.line(member);
                if (line < 0 || line <= typeBodyLine) {
                    continue; // an implicit constructor, or a member on the type's own first line
                }
                starts.add(new Start(startLine(parsed, member, previousEnd), name(member, typeName)));
                previousEnd = parsed.endLine(member);
            }
            previousEnd = parsed.endLine(top);
        }
        return starts.isEmpty() ? Optional.empty() : Optional.of(starts);
    }

    /** The line after the previous definition ended (its comments go with it), never after the node itself starts. */
    private static int startLine(JavaSyntax.Parsed parsed, Tree tree, long previousEnd) {
        long own = parsed.line(tree);
        long after = previousEnd < 0 ? own : Math.min(own, previousEnd + 1);
        return (int) Math.max(0, after - 1);
    }

    private static String name(Tree member, String typeName) {
        if (member instanceof MethodTree m) {
            return m.getName().contentEquals("<init>") ? typeName : m.getName().toString();
        }
        if (member instanceof VariableTree v) {
            return v.getName().toString();
        }
        if (member instanceof ClassTree c) {
            return c.getSimpleName().toString();
        }
        return "(initializer)";
    }
}
