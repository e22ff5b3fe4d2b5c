package dev.selfcode.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** One in-process run of the {@code selfcode} command line: its exit code and everything it printed. */
record CliRun(int exit, String out) {

    /** Runs {@code args} through the application's own command factory, standard output and error together. */
    static CliRun of(CommandLine.IFactory factory, String... args) {
        StringWriter sw = new StringWriter();
        CommandLine cli = new CommandLine(SelfcodeCommand.class, factory);
        cli.setOut(new PrintWriter(sw, true));
        cli.setErr(new PrintWriter(sw, true));
        int exit = cli.execute(args);
        return new CliRun(exit, sw.toString());
    }

    /** The id of the recorded patch, from the last "patch id: N" line. */
    long patchId() {
        return Long.parseLong(out.substring(out.lastIndexOf("patch id: ") + 10).strip());
    }
}
