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
 * Finds and adds up the test reports of a run: every {@code *.xml}, {@code report.json} (jest) and {@code report.tap}
 * under {@code $SELFCODE_OUT}, and every {@code surefire-reports/TEST-*.xml} and {@code failsafe-reports/TEST-*.xml}
 * in the workspace. Symlinks are never followed.
 */
final class JUnitReportCollector {

    static final int MAX_FILES = 2000;
    static final long MAX_TOTAL_BYTES = 256L << 20;
    private static final int MAX_DEPTH = 16;
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules", "__pycache__", ".venv");
    /** Reports in $SELFCODE_OUT that are not JUnit XML: jest's JSON and TAP (ava, tape). */
    private static final Set<String> OTHER_FORMATS = Set.of("report.json", "report.tap");
    private static final Set<String> MAVEN_REPORTS = Set.of("surefire-reports", "failsafe-reports");

    /**
     * The sum of the JUnit reports found ({@code total} is empty when none was), and the problems of
     * those that could not be read.
     */
    record Collected(Optional<JUnitReport> total, int files, List<String> problems) {
    }

    private JUnitReportCollector() {
    }

    static Collected collect(RunDirectory run) {
        List<Path> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        find(run.out, p -> p.getFileName().toString().endsWith(".xml") || OTHER_FORMATS.contains(p.getFileName().toString()),
                files, problems);
        find(run.workspace, p -> p.getFileName().toString().startsWith("TEST-")
                && p.getFileName().toString().endsWith(".xml")
                && MAVEN_REPORTS.contains(p.getParent().getFileName().toString()), files, problems);
        JUnitReport total = null;
        long bytes = 0;
        int reports = 0;
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
            JUnitReport report = switch (file.getFileName().toString()) {
                case "report.json" -> JestReportParser.parse(content.get());
                case "report.tap" -> TapReportParser.parse(content.get());
                default -> JUnitReportParser.parse(content.get());
            };
            switch (report.kind()) {
                case JUNIT -> {
                    total = total == null ? report : total.plus(report);
                    reports++;
                }
                case UNPARSEABLE -> problems.add(name + ": " + report.problem());
                case NOT_JUNIT -> {
                    // a coverage report or other XML that happens to sit next to the test reports
                }
            }
        }
        return new Collected(Optional.ofNullable(total), reports, problems);
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
