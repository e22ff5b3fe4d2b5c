package dev.selfcode.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and adds up the test reports of a run: the documents the runner sealed from its report channels
 * ({@link #TEST_REPORTS} in {@code $SELFCODE_OUT}), and Maven's {@code surefire-reports/TEST-*.xml} and
 * {@code failsafe-reports/TEST-*.xml} in the workspace (only when no sealed report arrived), read after every
 * step process is dead. Symlinks are never followed.
 */
final class JUnitReportCollector {

    /** The test report names a test command may write in {@code $SELFCODE_OUT}, through its runner's option. */
    static final List<String> TEST_REPORTS = List.of("junit.xml", "junit-2.xml", "junit-3.xml", "report.json",
            "report-2.json", "report-3.json", "report.tap", "report-2.tap", "report-3.tap");
    static final int MAX_FILES = 2000;
    static final long MAX_TOTAL_BYTES = 256L << 20;
    private static final int MAX_DEPTH = 16;
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules", "__pycache__", ".venv");
    private static final Set<String> MAVEN_REPORT_DIRS = Set.of("surefire-reports", "failsafe-reports");

    /**
     * The sum of the reports found ({@code total} is empty when none was), the problems of those that could not be
     * read, and whether the reports came from the workspace (Maven's, which the tested code could have written to).
     */
    record Collected(Optional<JUnitReport> total, int files, List<String> problems, boolean fromWorkspace) {
    }

    private JUnitReportCollector() {
    }

    static Collected collect(RunDirectory run) {
        List<String> problems = new ArrayList<>();
        JUnitReport total = null;
        int reports = 0;
        for (String name : TEST_REPORTS) {
            Optional<byte[]> content = run.sealedReport(name, JUnitReportParser.MAX_BYTES);
            if (content.isPresent()) {
                JUnitReport report = parse(name, content.get());
                if (report.kind() == JUnitReport.Kind.JUNIT) {
                    total = total == null ? report : total.plus(report);
                    reports++;
                } else {
                    problems.add("$SELFCODE_OUT/" + name + ": "
                            + (report.problem() == null ? "not a test report" : report.problem()));
                }
            }
        }
        if (total != null || !problems.isEmpty()) {
            // The test runner reported through its sealed channel: report-like files in the workspace, which the
            // tested code can write, are not its reports.
            return new Collected(Optional.ofNullable(total), reports, problems, false);
        }
        List<Path> files = new ArrayList<>();
        find(run.workspace, p -> p.getFileName().toString().startsWith("TEST-")
                && p.getFileName().toString().endsWith(".xml")
                && MAVEN_REPORT_DIRS.contains(p.getParent().getFileName().toString()), files, problems);
        long bytes = 0;
        for (Path file : files) {
            String name = run.root.relativize(file).toString();
            Optional<byte[]> content = SafeFiles.head(run.root, file, JUnitReportParser.MAX_BYTES);
            if (content.isEmpty()) {
                continue; // vanished, or not a regular file inside the run: not a report
            }
            bytes += content.get().length;
            if (bytes > MAX_TOTAL_BYTES) {
                problems.add("reports larger than " + (MAX_TOTAL_BYTES >> 20) + " MiB in total; stopped at " + name);
                break;
            }
            JUnitReport report = JUnitReportParser.parse(content.get());
            switch (report.kind()) {
                case JUNIT -> {
                    total = total == null ? report : total.plus(report);
                    reports++;
                }
                case UNPARSEABLE -> problems.add(name + ": " + report.problem());
                case NOT_JUNIT -> {
                    // other XML that happens to be named like a report
                }
            }
        }
        return new Collected(Optional.ofNullable(total), reports, problems, !files.isEmpty());
    }

    /** Reads one sealed report by its name, whose extension says its format (report-2.json: jest's, ...). */
    private static JUnitReport parse(String name, byte[] content) {
        if (name.endsWith(".json")) {
            return JestReportParser.parse(content);
        }
        return name.endsWith(".tap") ? TapReportParser.parse(content) : JUnitReportParser.parse(content);
    }

    private static void find(Path dir, java.util.function.Predicate<Path> wanted, List<Path> found,
            List<String> problems) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {

                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return SKIPPED_DIRS.contains(String.valueOf(d.getFileName()))
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && wanted.test(file)) {
                        if (found.size() >= MAX_FILES) {
                            problems.add("more than " + MAX_FILES + " report files; the rest were not read");
                            return FileVisitResult.TERMINATE;
                        }
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add("cannot list " + dir.getFileName() + ": " + e.getMessage());
        }
    }
}
