package dev.selfcode.cli;

import java.util.Optional;
import java.util.concurrent.Callable;

import io.quarkus.runtime.Quarkus;

import dev.selfcode.setup.AppSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the GitHub App server until stopped. */
@Command(name = "serve", description = "Run the GitHub App server: webhooks, the job worker, replay and pruning of deliveries."
        + " Without App credentials it first serves a setup page that registers the App on GitHub in one click.")
class ServeCommand implements Callable<Integer> {

    // The setup options are read by Launch before Quarkus starts (AppSetup); they are declared here for --help.
    @Option(names = "--public-url", description = "This server's URL as GitHub reaches it (the App's webhook URL);"
            + " default SELFCODE_SETUP_PUBLIC_URL.")
    String publicUrl;

    @Option(names = "--github-url", description = "GitHub's web root, for GitHub Enterprise Server (default"
            + " https://github.com; the API root is QUARKUS_GITHUB_APP_INSTANCE_ENDPOINT).")
    String githubUrl;

    @Option(names = "--setup-public", description = "Serve the setup page to other hosts than this one.")
    boolean setupPublic;

    @Option(names = "--print-env", description = "Print the new App's credentials as environment lines instead of"
            + " writing them to the data folder.")
    boolean printEnv;

    @Override
    public Integer call() {
        Quarkus.waitForExit();
        return 0;
    }

    /** The setup options of {@code serve ARGS...} (args without the command name). */
    static AppSetup.Options setupOptions(String... args) {
        if (args.length == 0) { // the usual start: picocli's model of the command costs about 0.1 s of start-up
            return new AppSetup.Options(Optional.empty(), Optional.empty(), false, false);
        }
        ServeCommand serve = CommandLine.populateCommand(new ServeCommand(), args);
        return new AppSetup.Options(Optional.ofNullable(serve.publicUrl), Optional.ofNullable(serve.githubUrl),
                serve.setupPublic, serve.printEnv);
    }
}
