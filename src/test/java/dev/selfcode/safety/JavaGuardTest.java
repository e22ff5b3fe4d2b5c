package dev.selfcode.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.selfcode.code.Language;

/** The Java guard rules on javac's syntax tree, in process: a member added before the class's closing brace. */
class JavaGuardTest {

    static final String ORIGINAL = """
            package demo;

            import java.util.regex.Pattern;

            public class Calc {
                private static final Pattern DIGITS = Pattern.compile("\\\\d+");

                public static int add(int a, int b) {
                    return a + b;
                }
            }
            """;

    final SafetyMonitor guard = new SafetyMonitor(null, null, new SecretScanner());

    List<String> problems(String member) throws Exception {
        int close = ORIGINAL.lastIndexOf('}');
        String indented = String.join("\n", member.strip().lines().map(l -> l.isBlank() ? "" : "    " + l).toList());
        String patched = ORIGINAL.substring(0, close).stripTrailing() + "\n\n" + indented + "\n"
                + ORIGINAL.substring(close);
        return guard.checkCode("src/main/java/demo/Calc.java", ORIGINAL, patched, Language.JAVA);
    }

    @Test
    void aStaticBlockIsRefused() throws Exception {
        assertThat(problems("static {\n    System.out.println(\"loaded\");\n}\n")).containsExactly(
                "line 1: a static {} block runs when the class loads; a helper may only define");
    }

    @Test
    void exitingTheProcessIsRefused() throws Exception {
        assertThat(problems("public static void stop() {\n    System.exit(0);\n}\n")).singleElement().asString()
                .startsWith("line 2: System.exit(...) exits the process");
        assertThat(problems("public static void hook() {\n    Runtime.getRuntime().addShutdownHook(null);\n}\n"))
                .anyMatch(p -> p.startsWith("line 2: uses Runtime"));
    }

    @Test
    void aFieldInitializerThatCallsIsRefusedButAConstantFactoryIsNot() throws Exception {
        assertThat(problems("private static final int STARTED = start();\n\nprivate static int start() {\n"
                + "    return 1;\n}\n")).containsExactly(
                        "line 1: the initializer of STARTED calls start(...) when the class loads; a helper may only define");
        assertThat(problems("private static final java.util.List<String> NAMES = java.util.List.of(\"a\");\n"))
                .isEmpty();
    }

    @Test
    void reflectionThreadsAndSecretsAreRefused() throws Exception {
        assertThat(problems("static Object f() throws Exception {\n    return Class.forName(\"x\");\n}\n"))
                .anyMatch(p -> p.startsWith("line 2: Class.forName(...) reaches around the language"));
        assertThat(problems("static void f() {\n    new Thread(() -> {}).start();\n}\n"))
                .anyMatch(p -> p.startsWith("line 2: new Thread(...)"));
        assertThat(problems("static String f() {\n    return System.getenv(\"GITHUB_TOKEN\");\n}\n"))
                .containsExactly("line 2: reads the credential-like environment variable GITHUB_TOKEN");
        assertThat(problems("static String f(String k) {\n    return System.getenv(k);\n}\n"))
                .anyMatch(p -> p.contains("reads a computed name"));
    }

    @Test
    void redefiningAnExistingMethodOrFieldIsRefused() throws Exception {
        assertThat(problems("public static int add(int x, int y) {\n    return 0;\n}\n")).anyMatch(p -> p.startsWith(
                "line 1: redefines Calc.add(int, int), which the class already has"));
        assertThat(problems("@Override\npublic String toString() {\n    return \"\";\n}\n"))
                .anyMatch(p -> p.contains("changes how its existing objects behave"));
    }

    @Test
    void aPrivateStaticHelperIsAccepted() throws Exception {
        assertThat(problems("private static int triple(int x) {\n    return add(add(x, x), x);\n}\n")).isEmpty();
    }
}
