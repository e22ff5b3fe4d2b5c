package dev.selfcode.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.engine.MeasureBase;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.workspace.GitRemote;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code selfcode measure}: measures HEAD of a local repository as the base of a patch is measured, and records it. */
@Command(name = "measure", description = "Measure HEAD of a git repository as Selfcode measures the base of a patch "
        + "(deps, lint, tests, metrics in the sandbox) and record the numbers. Exit 0 when measured (whatever the "
        + "tests' verdict), 1 when it could not be measured, 2 when the repository or its config is at fault.")
class MeasureCommand implements Callable<Integer> {

    @Mixin
    RepoDir repoDir;

    @Option(names = "--json", description = "print one JSON object instead of lines")
    boolean json;

    @Spec
    CommandSpec spec;

    @Inject
    MeasureBase measure;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = repoDir.dir();
        if (!json) {
            out.println("selfcode: measuring HEAD of " + dir);
            out.flush();
        }
        MeasureBase.Measurement m = measure.run(CliRepos.name(dir), GitRemote.local(dir), Optional.empty(), started -> {
            if (!json) {
                out.println("commit " + started.sha().orElse("?").substring(0, 8) + ", runner " + started.runner()
                        + ": running the checks in the sandbox");
                out.flush();
            }
        });
        if (json) {
            out.println(mapper.writeValueAsString(object(m)));
        } else if (m.measured()) {
            print(out, m);
        } else {
            String verdict = m.exitCode() == 2 ? "BAD INPUT" : "NOT MEASURED";
            err.println(verdict + ": " + m.cause());
            m.why().ifPresent(why -> ExplanationText.print(err, why));
        }
        out.flush();
        err.flush();
        return m.exitCode();
    }

    private static void print(PrintWriter out, MeasureBase.Measurement m) {
        Evaluation e = m.evaluation().orElseThrow();
        Metrics metrics = m.metrics().orElseThrow();
        out.printf(Locale.ROOT, "MEASURED: %d passed, %d failed, %d errored, %d skipped, %d lint finding(s)%s in %.1f s%s%n",
                e.passed(), e.failed(), e.errored(), e.skipped(), e.lintFindings(),
                e.coverage().map(c -> String.format(Locale.ROOT, ", coverage %.1f%%", c)).orElse(""), e.wallSeconds(),
                m.cached() ? " (measured earlier, from the cache)" : "");
        out.printf(Locale.ROOT, "roi %.3f (%s), errors %.3f, complexity %.3f%n", metrics.roi(),
                metrics.roiSource().label, metrics.errors(), metrics.complexity());
        out.println("recorded as the metric sample of " + m.sha().orElseThrow().substring(0, 8));
    }

    /** The object the corpus benchmark reads; its keys are part of the contract. */
    static Map<String, Object> object(MeasureBase.Measurement m) {
        Optional<Evaluation> e = m.evaluation();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("measured", m.measured());
        o.put("status", m.status());
        o.put("cause", m.cause());
        o.put("passed", e.map(Evaluation::passed).orElse(0));
        o.put("failed", e.map(Evaluation::failed).orElse(0));
        o.put("errored", e.map(Evaluation::errored).orElse(0));
        o.put("skipped", e.map(Evaluation::skipped).orElse(0));
        o.put("lint", e.map(Evaluation::lintFindings).orElse(0));
        o.put("seconds", e.map(Evaluation::wallSeconds).orElse(0.0));
        o.put("runner", m.runner());
        o.put("sha", m.sha().orElse(""));
        o.put("cached", m.cached());
        m.why().flatMap(w -> w.limit()).ifPresent(l -> o.put("limit", l));
        return o;
    }
}
