package dev.selfcode.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.code.Language;
import dev.selfcode.engine.PatchApplier;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.testsupport.Requirements;

class TemplateGeneratorTest {

    private static final String LABEL = "Written by Selfcode's offline template generator, without an LLM";
    private static final String HOSTILE = "normalize \"\"\" text */ \\u000a import os; os.system('rm')\n\\N{x} ${y}";

    private final TemplateGenerator generator = new TemplateGenerator();

    @Test
    void theTemplateNeverRewritesAChunkItOnlyAppendsHelpers() {
        GenerationRequest context = new GenerationRequest("fix it", "b.py", "python", "def f(x):\n    return x\n",
                List.of(), List.of());
        assertThatThrownBy(() -> generator.rewrite(new ChunkRewriteRequest(context, "f", 1, 2, "def f(x):\n    return x")))
                .isInstanceOfSatisfying(StageFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.BAD_INPUT);
                    assertThat(f.getMessage()).startsWith("the template generator cannot rewrite a chunk");
                });
    }

    @TempDir
    Path dir;

    private GeneratedCode generate(String description, String path, String language, String content,
            GenerationRequest.Snippet... snippets) {
        return generator.generate(new GenerationRequest(description, path, language, content, List.of(snippets),
                List.of()));
    }

    // ---- Python ------------------------------------------------------------------------------------------

    private static final String PY = "import re\n\n\ndef clean(value):\n    return re.sub(r\"\\s+\", \" \", value).strip()\n";

    @Test
    void pythonHelperDelegatesToTheClosestFunctionOfTheFile() throws Exception {
        GeneratedCode code = generate("normalize text", "text.py", "python", PY,
                new GenerationRequest.Snippet("text.py", 4, "def clean(value):\n    return ..."));

        assertThat(code.code()).startsWith("def normalize_text(*args, **kwargs):")
                .contains("return clean(*args, **kwargs)").contains(LABEL).contains("clean() in text.py, line 4");
        assertThat(code.generator()).isEqualTo("template");
        assertThat(code.model()).isEqualTo("template");
        Path file = write("text.py", applied(PY, code.code(), Language.PYTHON));
        assertPythonParses(file);
        assertThat(run(dir, "python3", "-c", "import text; assert text.normalize_text('  A   b ') == 'A b'"))
                .isEqualTo(0);
    }

    @Test
    void pythonHelperPassesThroughWhenTheSnippetLivesElsewhere() throws Exception {
        GeneratedCode code = generate("slugify titles", "text.py", "python", PY,
                new GenerationRequest.Snippet("util/slug.py", 10, "def make_slug(title):\n    ..."));

        assertThat(code.code()).startsWith("def slugify_titles(value):").contains("return value")
                .contains("make_slug() in util/slug.py, line 10").contains(LABEL);
        assertPythonParses(write("text.py", applied(PY, code.code(), Language.PYTHON)));
    }

    @Test
    void pythonHelperNeverReusesANameTheFileMentions() throws Exception {
        String content = PY + "\n\ndef normalize_text(v):\n    return v\n\nfilter_helper = 1\n";

        assertThat(generate("normalize text", "text.py", "python", content).code()).startsWith("def normalize_text2(");
        assertThat(generate("filter", "text.py", "python", content).code()).startsWith("def filter_helper2(");
    }

    @Test
    void pythonHelperSurvivesAHostileDescription() throws Exception {
        GeneratedCode code = generate(HOSTILE, "text.py", "python", PY);

        assertThat(code.code().lines().filter(l -> l.contains("os.system"))).allMatch(l -> l.startsWith("    "));
        assertPythonParses(write("text.py", applied(PY, code.code(), Language.PYTHON)));
    }

    // ---- Java --------------------------------------------------------------------------------------------

    private static final String JAVA = """
            package demo;

            /** Text tools. { not a brace */
            public class Text {
                static final String CLOSE = "}";

                static String clean(String value) {
                    return value.replaceAll("\\\\s+", " ").strip(); // {
                }

                static void check(java.util.Map<String, Integer> counts, int... limits) throws java.io.IOException {
                    if (counts == null) {
                        throw new java.io.IOException("no counts");
                    }
                }
            }
            """;

    @Test
    void javaHelperIsAMemberThatDelegatesToAStaticMethod() throws Exception {
        GeneratedCode code = generate("normalize text", "src/demo/Text.java", "java", JAVA,
                new GenerationRequest.Snippet("src/demo/Text.java", 7, "static String clean(String value) {"));

        assertThat(code.code()).contains("    static String normalizeText(String value) {")
                .contains("        return clean(value);").contains(LABEL);
        Class<?> text = compile("demo.Text", applied(JAVA, code.code(), Language.JAVA));
        Method helper = text.getDeclaredMethod("normalizeText", String.class);
        helper.setAccessible(true);
        assertThat(helper.invoke(null, "  A   b ")).isEqualTo("A b");
    }

    @Test
    void javaHelperKeepsGenericParametersVarargsAndThrows() throws Exception {
        GeneratedCode code = generate("validate counts", "src/demo/Text.java", "java", JAVA,
                new GenerationRequest.Snippet("src/demo/Text.java", 11, "static void check(...)"));

        assertThat(code.code()).contains(
                "static void validateCounts(java.util.Map<String, Integer> counts, int... limits) throws java.io.IOException {")
                .contains("check(counts, limits);").doesNotContain("return check");
        compile("demo.Text", applied(JAVA, code.code(), Language.JAVA));
    }

    @Test
    void javaHelperPassesThroughWithoutAStaticDelegate() throws Exception {
        GeneratedCode code = generate(HOSTILE, "src/demo/Text.java", "java", JAVA,
                new GenerationRequest.Snippet("src/other/Other.java", 3, "String instanceMethod(String v) {"));

        assertThat(code.code()).contains("static <T> T normalizeTextU000aImport(T value) {").contains(LABEL)
                .contains("modelled on the closest existing code (src/other/Other.java, line 3)");
        Class<?> text = compile("demo.Text", applied(JAVA, code.code(), Language.JAVA));
        Method helper = text.getDeclaredMethod("normalizeTextU000aImport", Object.class);
        helper.setAccessible(true);
        assertThat(helper.invoke(null, "x")).isEqualTo("x");
    }

    @Test
    void javaHelperFitsEnumsInterfacesAndTabs() throws Exception {
        String enumFile = "package demo;\n\nenum Color {\n\tRED, GREEN\n}\n";
        String interfaceFile = "package demo;\n\npublic interface Shape {\n    double area();\n}\n";

        compile("demo.Color", applied(enumFile,
                generate("parse color", "Color.java", "java", enumFile).code(), Language.JAVA));
        compile("demo.Shape", applied(interfaceFile,
                generate("scale area", "Shape.java", "java", interfaceFile).code(), Language.JAVA));
    }

    @Test
    void javaAnnotationTypesAreRefused() {
        String annotation = "package demo;\n\npublic @interface Marker {\n    String value();\n}\n";

        assertThatThrownBy(() -> generate("mark things", "Marker.java", "java", annotation))
                .isInstanceOfSatisfying(StageFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.BAD_INPUT));
    }

    // ---- JavaScript --------------------------------------------------------------------------------------

    @Test
    void javascriptHelperDelegatesAndLeavesExportsAlone() throws Exception {
        Requirements.require(available("node"), "node is not installed");
        String js = "'use strict';\n\nconst clean = (value) => value.replace(/\\s+/g, ' ').trim();\n\n"
                + "module.exports = { clean };\n";
        GeneratedCode code = generate("normalize text", "text.js", "javascript", js,
                new GenerationRequest.Snippet("text.js", 3, "const clean = (value) => value.replace(...)"));

        assertThat(code.code()).contains("function normalizeText(...args) {").contains("return clean(...args);")
                .contains(LABEL);
        Path file = write("text.js", applied(js, code.code(), Language.JAVASCRIPT));
        assertThat(run(dir, "node", "--check", file.toString())).isEqualTo(0);
        assertThat(run(dir, "node", "-e", "const m = require('./text.js');"
                + "if (JSON.stringify(Object.keys(m)) !== '[\"clean\"]') process.exit(3);")).isEqualTo(0);
    }

    @Test
    void javascriptHelperWorksInAnEsModule() throws Exception {
        Requirements.require(available("node"), "node is not installed");
        String mjs = "export function clean(value) {\n  return value.trim();\n}\n";
        GeneratedCode code = generate(HOSTILE, "text.mjs", "js", mjs,
                new GenerationRequest.Snippet("text.mjs", 1, "export function clean(value) {"));

        Path file = write("text.mjs", applied(mjs, code.code(), Language.JAVASCRIPT));
        assertThat(run(dir, "node", "--check", file.toString())).isEqualTo(0);
        assertThat(run(dir, "node", "--input-type=module", "-e", "import * as m from './text.mjs';"
                + "if (Object.keys(m).join() !== 'clean') process.exit(3);")).isEqualTo(0);
    }

    @Test
    void otherLanguagesAreBadInput() {
        assertThatThrownBy(() -> generate("add", "main.go", "go", "package main\n"))
                .isInstanceOfSatisfying(StageFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(FailureKind.BAD_INPUT);
                    assertThat(f.getMessage()).contains("not go");
                });
    }

    // ---- tools -------------------------------------------------------------------------------------------

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private void assertPythonParses(Path file) throws Exception {
        Requirements.require(available("python3"), "python3 is not installed");
        assertThat(run(dir, "python3", "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())", file.toString()))
                .as("python3 parses %s", file).isEqualTo(0);
    }

    /** The file as the apply stage writes it: the generated helper put in by the real {@link PatchApplier}. */
    private static String applied(String source, String helper, Language language) {
        return PatchApplier.apply(source, helper, language, Optional.empty());
    }

    private Class<?> compile(String className, String source) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Path file = dir.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        Path out = Files.createDirectories(dir.resolve("classes"));
        int status = compiler.run(null, null, null, "-d", out.toString(), file.toString());
        assertThat(status).as("javac on:\n%s", source).isEqualTo(0);
        URLClassLoader loader = new URLClassLoader(new URL[]{out.toUri().toURL()}, null);
        return loader.loadClass(className);
    }

    private static boolean available(String tool) {
        try {
            return run(Path.of("."), tool, "--version") == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static int run(Path workDir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        if (process.exitValue() != 0) {
            System.err.println(String.join(" ", command) + " failed:\n" + output);
        }
        return process.exitValue();
    }
}
