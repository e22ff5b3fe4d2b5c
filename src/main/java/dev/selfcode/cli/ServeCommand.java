package dev.selfcode.cli;

import java.util.concurrent.Callable;

import io.quarkus.runtime.Quarkus;

import picocli.CommandLine.Command;

/** Runs the GitHub App server until stopped. */
@Command(name = "serve", description = "Run the GitHub App server: webhooks, the job worker, replay and pruning of deliveries.")
class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Quarkus.waitForExit();
        return 0;
    }
}
