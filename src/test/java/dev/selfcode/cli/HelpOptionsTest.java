package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;

/** {@code --help} and {@code -h} print the usage and exit 0 on every command, even without required options. */
class HelpOptionsTest {

    @ParameterizedTest
    @CsvSource({"apply,--help", "apply,-h", "history,--help", "history,-h", "serve,--help"})
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
