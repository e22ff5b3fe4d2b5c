package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.params.ParameterizedTest;

import picocli.CommandLine;

/** {@code --help} and {@code -h} print the usage and exit 0 on every command, even without required options. */
class HelpOptionsTest {

    /** Every registered subcommand, with both spellings (a new command cannot be left out of this test). */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> subcommands() {
        return new CommandLine(SelfcodeCommand.class).getSubcommands().keySet().stream()
                .flatMap(c -> java.util.stream.Stream.of(org.junit.jupiter.params.provider.Arguments.of(c, "--help"),
                        org.junit.jupiter.params.provider.Arguments.of(c, "-h")));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("subcommands")
    void everySubcommandHasHelp(String command, String option) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(SelfcodeCommand.class);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute(command, option);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Usage: selfcode " + command).contains("-h, --help");
        assertThat(err.toString()).isEmpty();
    }
}
