package dev.selfcode.dotgithub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every workflow under .github/workflows passes actionlint and SchemaStore's workflow schema; broken ones fail. */
class WorkflowLintTest {

    static final Path WORKFLOWS = Path.of(".github", "workflows");

    @TempDir
    Path tmp;

    @BeforeEach
    void linters() {
        WorkflowLinters.requireInstalled();
    }

    @Test
    void everyWorkflowPassesActionlint() throws Exception {
        for (Path workflow : workflows()) {
            WorkflowLinters.Verdict verdict = WorkflowLinters.actionlint(workflow);
            // "Checking 1": the linter found the file (on no match it exits 0 without linting anything).
            assertThat(verdict.output()).as(workflow.toString()).contains("Checking 1 workflow file");
            assertThat(verdict.exitCode()).as(workflow + ":\n" + verdict.output()).isZero();
        }
    }

    @Test
    void everyWorkflowMatchesTheWorkflowSchema() throws Exception {
        for (Path workflow : workflows()) {
            WorkflowLinters.Verdict verdict = WorkflowLinters.actionValidator(workflow);
            assertThat(verdict.exitCode()).as(workflow + ":\n" + verdict.output()).isZero();
        }
    }

    @Test
    void aBrokenWorkflowIsRejectedByBoth() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.yml"), """
                name: Broken
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-24.04
                    needs: build
                    stepz:
                      - run: echo "${{ github.no_such_context }}"
                """);

        WorkflowLinters.Verdict lint = WorkflowLinters.actionlint(broken);
        assertThat(lint.exitCode()).as(lint.output()).isEqualTo(1);
        assertThat(lint.output()).contains("broken.yml:7:5", "unexpected key \"stepz\"",
                "needs job \"build\" which does not exist");

        WorkflowLinters.Verdict schema = WorkflowLinters.actionValidator(broken);
        assertThat(schema.exitCode()).as(schema.output()).isEqualTo(1);
        assertThat(schema.output()).contains("Additional property 'stepz' is not allowed");
    }

    @Test
    void aMistypedActionInputInOurCiWorkflowIsCaught() throws Exception {
        // The real ci.yml with one input of actions/setup-java misspelt: actionlint knows the action's inputs.
        String ci = Files.readString(WORKFLOWS.resolve("ci.yml"));
        assertThat(ci).contains("java-version:");
        Path mistyped = Files.writeString(tmp.resolve("ci.yml"), ci.replace("java-version:", "java-versoin:"));

        WorkflowLinters.Verdict lint = WorkflowLinters.actionlint(mistyped);

        assertThat(lint.exitCode()).as(lint.output()).isEqualTo(1);
        assertThat(lint.output()).contains("input \"java-versoin\" is not defined in action \"actions/setup-java");
    }

    static List<Path> workflows() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            List<Path> workflows = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .sorted().toList();
            assertThat(workflows).as("workflows in " + WORKFLOWS.toAbsolutePath()).isNotEmpty();
            return workflows;
        }
    }
}
