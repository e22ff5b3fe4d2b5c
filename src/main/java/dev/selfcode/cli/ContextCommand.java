package dev.selfcode.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.code.Snippet;
import dev.selfcode.engine.ContextPreview;
import dev.selfcode.engine.ContextPreview.Preview;
import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.llm.ChunkSummaries.ChunkSummary;
import dev.selfcode.llm.PromptPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selfcode context}: what the model would see for a request, without calling any model or sandbox. */
@Command(name = "context", description = "Show what the model would see for DESCRIPTION: the related snippets with "
        + "their keyword, vector and combined scores, the target file's chunk summaries (cached ones, else the "
        + "fallback line), where the helper would go and the prompt's token count. Calls no model and no sandbox; "
        + "indexes the working tree. Exit 0 when shown, 1 when it could not be computed, 2 for bad input.")
class ContextCommand implements Callable<Integer> {

    @Mixin
    RepoDir repoDir;

    @Option(names = "--file", description = "the target file, relative to the repository (default: picked from the "
            + "description, as a patch without --file would)")
    String file;

    @Option(names = "--after", description = "the function/class of FILE the helper would follow")
    String after;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "DESCRIPTION", description = "what to build, e.g. \"normalize text\"")
    String[] description;

    @Spec
    CommandSpec spec;

    @Inject
    ContextPreview preview;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (repoDir.missing(err)) {
            return 2;
        }
        String what = String.join(" ", description).strip();
        if (what.isEmpty()) {
            return fail(err, 2, "the description is empty: say what to build, e.g. selfcode context \"parse dates\"");
        }
        if (!json) {
            // Indexing a repository for the first time embeds every chunk: minutes for a large one.
            out.printf(Locale.ROOT, "indexing %s (the first time embeds every chunk; later only what changed) ...%n",
                    repoDir.dir());
            out.flush();
        }
        Preview p;
        try {
            String target = file == null ? null : RepoRelativeFile.of(repoDir.dir(), file);
            p = preview.preview(CliRepos.name(repoDir.dir()), repoDir.dir(), Optional.ofNullable(target), what,
                    Optional.ofNullable(after));
        } catch (IllegalArgumentException e) {
            return fail(err, 2, e.getMessage());
        } catch (StageFailure e) {
            return fail(err, e.kind() == FailureKind.BAD_INPUT ? 2 : 1, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return fail(err, 1, "could not compute the context: " + e.getMessage());
        }
        if (json) {
            out.println(mapper.writeValueAsString(object(p)));
        } else {
            print(out, what, p);
        }
        out.flush();
        return 0;
    }

    private static int fail(PrintWriter err, int code, String message) {
        err.println("selfcode: " + message);
        err.flush();
        return code;
    }

    static void print(PrintWriter out, String what, Preview p) {
        PromptPlanner.FileView view = p.plan().file();
        out.printf(Locale.ROOT, "context for \"%s\" (nothing was sent to a model)%n", what);
        out.printf(Locale.ROOT, "file: %s%s, %d tokens, %s%n", p.filePath(), p.picked() ? " (picked)" : "",
                view.fileTokens(), view.chunked()
                        ? "above the " + view.threshold() + "-token threshold: shown as " + view.chunks().size()
                                + " chunk summaries"
                        : "shown whole (threshold " + view.threshold() + ")");
        out.printf(Locale.ROOT, "index: %s%n", p.indexed().chunks() == 0
                ? "up to date (" + shortLabel(p.indexedAs()) + ")"
                : p.indexed().chunks() + " chunks at " + shortLabel(p.indexedAs()) + ", " + p.indexed().embedded()
                        + " embedded now (unchanged chunks keep their vectors)");
        out.printf(Locale.ROOT, "snippets (%d):%n", p.snippets().size());
        for (Snippet s : p.snippets()) {
            out.printf(Locale.ROOT, "  %-40s %-24s keyword %6.2f  vector %5.2f  combined %4.2f%n",
                    s.chunk().path() + ":" + s.chunk().startLine() + "-" + s.chunk().endLine(),
                    s.chunk().symbol() == null ? "-" : s.chunk().symbol(), s.keyword(), s.vector(), s.combined());
        }
        if (view.chunked()) {
            out.printf(Locale.ROOT, "chunk summaries (* = shown in full; cache %s):%n", p.plan().cacheDir());
            for (ChunkSummary c : view.chunks()) {
                boolean target = view.target().map(t -> t.chunk().equals(c.chunk())).orElse(false);
                out.printf(Locale.ROOT, "%s lines %d-%d  %s  [%s] %s%n", target ? " *" : "  ", c.chunk().startLine(),
                        c.chunk().endLine(), c.chunk().label(), source(c), c.text());
            }
            view.target().ifPresent(t -> out.printf(Locale.ROOT, "shown in full: %s (%s)%n", t.chunk().label(),
                    view.choice() == PromptPlanner.Choice.NAMED
                            ? "named by --after"
                            : "closest by meaning" + view.similarity().map(s -> String.format(Locale.ROOT,
                                    ", similarity %.2f", s)).orElse("")));
        }
        out.printf(Locale.ROOT, "insertion point: %s%n", insertion(p));
        out.printf(Locale.ROOT, "notes (%d)%s%n", p.notes().size(), p.notes().isEmpty() ? "" : ":");
        p.notes().forEach(n -> out.printf(Locale.ROOT, "  - %s%n", n));
        out.printf(Locale.ROOT, "prompt: %d tokens (%s)%n", p.plan().promptTokens(), p.plan().encoding());
    }

    private static String shortLabel(String label) {
        return label.startsWith("tree-")
                ? "working tree with changes"
                : "commit " + label.substring(0, Math.min(8,
                        label.length()));
    }

    static String insertion(Preview p) {
        return p.after().map(c -> "after " + c.symbol() + " (line " + c.endLine() + ")")
                .orElse("end of " + p.filePath() + " (after line " + p.fileLines() + ")");
    }

    private static String source(ChunkSummary c) {
        return switch (c.source()) {
            case CACHED -> "cached";
            case SUMMARIZED -> "summarized";
            case DEFINITION_LINE -> "definition line";
            case FIRST_LINE -> "first line";
        };
    }

    static Map<String, Object> object(Preview p) {
        PromptPlanner.FileView view = p.plan().file();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", p.filePath());
        o.put("picked", p.picked());
        o.put("indexedAs", p.indexedAs());
        o.put("indexedChunks", p.indexed().chunks());
        o.put("embeddedNow", p.indexed().embedded());
        o.put("fileTokens", view.fileTokens());
        o.put("threshold", view.threshold());
        o.put("chunked", view.chunked());
        List<Map<String, Object>> snippets = new ArrayList<>();
        for (Snippet s : p.snippets()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", s.chunk().path());
            row.put("symbol", s.chunk().symbol());
            row.put("startLine", s.chunk().startLine());
            row.put("endLine", s.chunk().endLine());
            row.put("keyword", s.keyword());
            row.put("vector", s.vector());
            row.put("combined", s.combined());
            snippets.add(row);
        }
        o.put("snippets", snippets);
        List<Map<String, Object>> chunks = new ArrayList<>();
        for (ChunkSummary c : view.chunks()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", c.chunk().label());
            row.put("startLine", c.chunk().startLine());
            row.put("endLine", c.chunk().endLine());
            row.put("tokens", c.chunk().tokens());
            row.put("summary", c.text());
            row.put("source", source(c));
            row.put("shownInFull", view.target().map(t -> t.chunk().equals(c.chunk())).orElse(false));
            chunks.add(row);
        }
        o.put("chunks", chunks);
        o.put("choice", view.choice().name().toLowerCase(Locale.ROOT));
        o.put("insertionPoint", insertion(p));
        o.put("notes", p.notes());
        o.put("promptTokens", p.plan().promptTokens());
        o.put("encoding", p.plan().encoding());
        o.put("cacheDir", p.plan().cacheDir() == null ? null : p.plan().cacheDir().toString());
        return o;
    }
}
