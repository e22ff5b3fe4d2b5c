package dev.selfcode.config;

import java.util.Set;

/**
 * The Node test runners Selfcode recognises in a test script, each with the options that make it write its results
 * through its own reporter to one of the sandbox's report names ({@code $SELFCODE_OUT/junit.xml}, {@code report.json},
 * {@code report.tap}). The options go right after the runner's command word, where each runner reads them.
 */
enum NodeRunner {

    /** Node's own runner ({@code node --test}): a spec reporter for the log and a JUnit reporter to the file. */
    NODE_TEST("node:test", "--test-reporter=spec --test-reporter-destination=stdout --test-reporter=junit"
            + " --test-reporter-destination=\"$SELFCODE_OUT/junit.xml\"", "junit.xml"),
    /** mocha's built-in xunit reporter (JUnit XML) written to a file. */
    MOCHA("mocha", "--reporter=xunit --reporter-option=output=\"$SELFCODE_OUT/junit.xml\"", "junit.xml"),
    /** jest's JSON results file. */
    JEST("jest", "--json --outputFile=\"$SELFCODE_OUT/report.json\"", "report.json"),
    /** vitest's default reporter for the log plus its JUnit reporter to the file ({@code run}: never watch). */
    VITEST("vitest", "--reporter=default --reporter=junit --outputFile.junit=\"$SELFCODE_OUT/junit.xml\"", "junit.xml"),
    /** ava prints TAP with {@code --tap}; its standard output goes to the report. */
    AVA("ava", "--tap >\"$SELFCODE_OUT/report.tap\"", "report.tap"),
    /** tape prints TAP on its standard output, which goes to the report. */
    TAPE("tape", ">\"$SELFCODE_OUT/report.tap\"", "report.tap"),
    /** node-tap ({@code tap}) prints plain TAP with its {@code tap} reporter; its standard output goes to the report. */
    NODE_TAP("tap", "--reporter=tap >\"$SELFCODE_OUT/report.tap\"", "report.tap"),
    /** uvu has no machine-readable reporter: counted by its exit code. */
    UVU("uvu", "", "");

    /** The runner's name as people say it. */
    final String label;
    /** What is inserted after the command word; empty when the runner cannot write a report. */
    final String options;
    /** The report name under {@code $SELFCODE_OUT}; empty when there is none. */
    final String report;

    NodeRunner(String label, String options, String report) {
        this.label = label;
        this.options = options;
        this.report = report;
    }

    /** Runners whose report is their standard output: whatever they pipe into (tap-spec, faucet) is left out. */
    boolean reportsOnStdout() {
        return this == AVA || this == TAPE || this == NODE_TAP;
    }

    boolean writesReport() {
        return !report.isEmpty();
    }

    /** How many runs of one report kind a test step may hold: the sandbox has this many channels of each kind. */
    static final int MAX_RUNS_PER_REPORT = 3;

    /**
     * The options writing to the {@code n}-th channel of this runner's report kind (1: {@code report.json}, 2:
     * {@code report-2.json}, ...), so that several runs in one test script ({@code jest --env node && jest --env
     * edge}) each write their own sealed report, all of which are counted.
     */
    String options(int n) {
        return n <= 1 || report.isEmpty()
                ? options
                : options.replace("$SELFCODE_OUT/" + report, "$SELFCODE_OUT/"
                        + channel(report, n));
    }

    /** The name of the {@code n}-th channel of a report kind: {@code junit.xml}, {@code junit-2.xml}, ... */
    static String channel(String report, int n) {
        int dot = report.lastIndexOf('.');
        return n <= 1 ? report : report.substring(0, dot) + "-" + n + report.substring(dot);
    }

    /** The runner a command word names ({@code mocha}, {@code ./node_modules/.bin/jest}, {@code jest.js}), or null. */
    static NodeRunner named(String word) {
        String base = word.substring(word.lastIndexOf('/') + 1).replaceFirst("\\.(c|m)?js$", "");
        return switch (base) {
            case "mocha", "_mocha", "ts-mocha" -> MOCHA;
            case "jest" -> JEST;
            case "vitest" -> VITEST;
            case "ava" -> AVA;
            case "tape" -> TAPE;
            case "tap" -> NODE_TAP;
            case "uvu" -> UVU;
            default -> null;
        };
    }

    /** vitest's subcommands: the options go after one, and {@code run} is added when the script names none. */
    static final Set<String> VITEST_SUBCOMMANDS = Set.of("run", "related", "bench", "dev", "watch");
}
