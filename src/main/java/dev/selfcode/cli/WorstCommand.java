package dev.selfcode.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.metrics.ModuleRanking;
import dev.selfcode.metrics.WorstModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code selfcode worst}: the per-module error table of a local repository's recorded samples, worst first. */
@Command(name = "worst", description = "Show the errors recorded per module (file and function) over the newest "
        + "measurements of a repository, worst first: the module a refactor-worst sweep picks is the first. "
        + "Exit 0 when shown, 1 when the records could not be read, 2 when the repository is not a directory.")
class WorstCommand implements Callable<Integer> {

    @Mixin
    RepoDir repoDir;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Spec
    CommandSpec spec;

    @Inject
    WorstModule worst;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (repoDir.missing(err)) {
            return 2;
        }
        Path dir = repoDir.dir();
        ModuleRanking ranking;
        try {
            ranking = worst.rank(CliRepos.name(dir));
        } catch (RuntimeException e) {
            err.println("selfcode: could not read the recorded samples: " + e.getMessage());
            err.flush();
            return 1;
        }
        if (json) {
            out.println(mapper.writeValueAsString(object(ranking)));
        } else {
            print(out, dir, ranking);
        }
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, Path dir, ModuleRanking r) {
        if (!r.enough()) {
            out.printf(Locale.ROOT, "%d sample%s of %s recorded; the worst module needs %d: measure it %d more time%s:"
                    + " selfcode measure --repo %s%n", r.samples(), r.samples() == 1 ? "" : "s", dir,
                    ModuleRanking.MIN_SAMPLES, r.missing(), r.missing() == 1 ? "" : "s", dir);
        }
        if (r.modules().isEmpty()) {
            if (r.samples() > 0) {
                out.printf(Locale.ROOT, "no lint finding or failing test attributed to a module in the newest %d"
                        + " sample%s of %s%n", r.window(), r.window() == 1 ? "" : "s", dir);
            }
            return;
        }
        out.printf(Locale.ROOT, "errors per module of %s over the newest %d sample%s, worst first:%n", dir, r.window(),
                r.window() == 1 ? "" : "s");
        int width = Math.min(60, Math.max(4, r.modules().stream().mapToInt(m -> m.file().length()).max().orElse(4)));
        int fWidth = Math.min(40, Math.max(8, r.modules().stream()
                .mapToInt(m -> m.function().map(String::length).orElse(1)).max().orElse(8)));
        String fmt = "%-" + width + "s  %-" + fWidth + "s  %11s  %7s  %6s%n";
        out.printf(Locale.ROOT, fmt, "file", "function", "mean errors", "samples", "latest");
        for (ModuleRanking.Module m : r.modules()) {
            out.printf(Locale.ROOT, fmt, cut(m.file(), width), cut(m.function().orElse("-"), fWidth),
                    String.format(Locale.ROOT, "%.2f", m.meanErrors()), m.samplesWithErrors() + "/" + r.window(),
                    m.latestErrors());
        }
    }

    static Map<String, Object> object(ModuleRanking r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("samples", r.samples());
        o.put("enough", r.enough());
        o.put("window", r.window());
        List<Map<String, Object>> modules = new ArrayList<>();
        for (ModuleRanking.Module m : r.modules()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("file", m.file());
            row.put("function", m.function().orElse(null));
            row.put("meanErrors", m.meanErrors());
            row.put("samplesWithErrors", m.samplesWithErrors());
            row.put("latestErrors", m.latestErrors());
            modules.add(row);
        }
        o.put("modules", modules);
        o.put("worst", r.worst().map(m -> m.file()).orElse(null));
        return o;
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
