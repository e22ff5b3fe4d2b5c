package dev.selfcode.code;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;

/** Parses Java source in-process with javac's parser (no compilation, nothing runs): the guard and the chunker use it. */
public final class JavaSyntax {

    /** A parsed file: its tree, where each node starts, and the syntax errors found. */
    public record Parsed(CompilationUnitTree unit, SourcePositions positions, List<String> errors) {

        /** The 1-based line {@code tree} starts on (its annotations included), or -1 when it has no position. */
        public long line(Tree tree) {
            long pos = positions.getStartPosition(unit, tree);
            return pos < 0 ? -1 : unit.getLineMap().getLineNumber(pos);
        }

        /** The 1-based line {@code tree} ends on, or -1 when it has no position. */
        public long endLine(Tree tree) {
            long pos = positions.getEndPosition(unit, tree);
            return pos <= 0 ? -1 : unit.getLineMap().getLineNumber(pos - 1);
        }
    }

    private JavaSyntax() {
    }

    public static List<String> errors(String fileName, String content) throws IOException {
        return parse(fileName, List.of(content)).get(0).errors();
    }

    /** Each of {@code contents} parsed as {@code fileName}, in one javac task (its setup is most of the cost). */
    public static List<Parsed> parse(String fileName, List<String> contents) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IOException("Java syntax checks need a JDK (javac), not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            String content = contents.get(i);
            // One URI per version: the diagnostics say which one they are about.
            sources.add(new SimpleJavaFileObject(URI.create("string:///" + i + "/" + fileName.replace('\\', '/')),
                    JavaFileObject.Kind.SOURCE) {

                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return content;
                }
            });
        }
        JavacTask task = (JavacTask) compiler.getTask(null, null, diagnostics, List.of("-proc:none"), null, sources);
        List<CompilationUnitTree> units = new ArrayList<>();
        task.parse().forEach(units::add);
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            JavaFileObject source = sources.get(i);
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR && d.getSource() == source)
                    .map(d -> fileName + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT)).toList();
            parsed.add(new Parsed(units.get(i), positions, errors));
        }
        return parsed;
    }
}
