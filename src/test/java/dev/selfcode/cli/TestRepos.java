package dev.selfcode.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jgit.api.errors.GitAPIException;

import dev.selfcode.testsupport.GitRepos;

/** Small git repositories made by tests: a Python one and a Maven one. */
final class TestRepos {

    private TestRepos() {
    }

    static Path create(Path dir, Map<String, String> files) throws IOException, GitAPIException {
        return GitRepos.create(dir, files);
    }

    static Map<String, String> python(String timeout) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("textutils.py", """
                import re


                def collapse_spaces(text):
                    return re.sub(r"\\s+", " ", text).strip()


                def slugify(text):
                    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))
                """);
        files.put("test_textutils.py", """
                from textutils import collapse_spaces, slugify


                def test_collapse_spaces():
                    assert collapse_spaces("  a \\t b ") == "a b"


                def test_slugify():
                    assert slugify("Hello, World!") == "hello-world"
                """);
        files.put(".github/selfcode.yml", "test: python3 -m pytest -q -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml\n"
                + "limits: { memory: 512m, timeout: " + timeout + " }\n");
        return files;
    }

    /** A Maven project with {@code methods} one-line methods, every one covered by the tests (JaCoCo). */
    static Map<String, String> maven(int methods) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", Files.readString(Path.of("scripts/maven-seed/pom.xml"))
                .replace("<artifactId>maven-seed</artifactId>", "<artifactId>calc</artifactId>"));
        StringBuilder calc = new StringBuilder("package demo;\n\npublic class Calc {\n");
        StringBuilder test = new StringBuilder(
                "package demo;\n\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\n"
                        + "import org.junit.jupiter.api.Test;\n\nclass CalcTest {\n\n    @Test\n    void everyMethodAdds() {\n"
                        + "        new Calc();\n");
        for (int i = 0; i < methods; i++) {
            calc.append("    public static int f").append(i).append("(int x) {\n        return x + ").append(i)
                    .append(";\n    }\n");
            test.append("        assertEquals(").append(i + 1).append(", Calc.f").append(i).append("(1));\n");
        }
        calc.append("}\n");
        test.append("    }\n}\n");
        files.put("src/main/java/demo/Calc.java", calc.toString());
        files.put("src/test/java/demo/CalcTest.java", test.toString());
        files.put(".github/selfcode.yml", """
                test: mvn -o -B -q -Dmaven.repo.local=$SELFCODE_M2 test
                coverage: target/site/jacoco/jacoco.xml
                limits: { cpus: 2, memory: 1g, timeout: 5m }
                """);
        return files;
    }
}
