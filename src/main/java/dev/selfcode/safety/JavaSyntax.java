package dev.selfcode.safety;

import java.io.IOException;
import java.net.URI;
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

/** Parses Java source in-process with javac's parser (no compilation, nothing runs). */
final class JavaSyntax {

    /** A parsed file: its tree, where each node starts, and the syntax errors found. */
    record Parsed(CompilationUnitTree unit, SourcePositions positions, List<String> errors) {

        long line(Tree tree) {
            long pos = positions.getStartPosition(unit, tree);
            return pos < 0 ? -1 : unit.getLineMap().getLineNumber(pos);
        }
    }

    private JavaSyntax() {
    }

    static List<String> errors(String fileName, String content) throws IOException {
        return parse(fileName, content).errors();
    }

    static Parsed parse(String fileName, String content) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IOException("Java syntax checks need a JDK (javac), not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + fileName.replace('\\', '/')),
                JavaFileObject.Kind.SOURCE) {

            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return content;
            }
        };
        JavacTask task = (JavacTask) compiler.getTask(null, null, diagnostics, List.of("-proc:none"), null,
                List.of(source));
        CompilationUnitTree unit = task.parse().iterator().next();
        List<String> errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> fileName + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT)).toList();
        return new Parsed(unit, Trees.instance(task).getSourcePositions(), errors);
    }
}
