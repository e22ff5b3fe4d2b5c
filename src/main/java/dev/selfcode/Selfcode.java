package dev.selfcode;

import java.util.OptionalInt;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import dev.selfcode.cli.CliLogging;
import dev.selfcode.cli.Launch;
import dev.selfcode.cli.SelfcodeCommand;
import picocli.CommandLine;

/** Entry point: {@code serve} runs the GitHub App server; every other command is a one-shot CLI run. */
@QuarkusMain
public class Selfcode implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        if (!Launch.prepare(args)) {
            System.exit(1);
        }
        OptionalInt done = Launch.withoutQuarkus(args);
        if (done.isPresent()) {
            System.exit(done.getAsInt());
        }
        Quarkus.run(Selfcode.class, CliLogging.onExit(args), args);
    }

    @Override
    public int run(String... args) {
        return new CommandLine(SelfcodeCommand.class, factory).execute(args);
    }
}
