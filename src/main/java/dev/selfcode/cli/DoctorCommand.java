package dev.selfcode.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.Flyway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.db.DatabaseAccess;
import dev.selfcode.db.DatabaseSettings;
import dev.selfcode.doctor.AppSettings;
import dev.selfcode.doctor.CheckResult;
import dev.selfcode.doctor.Doctor;
import dev.selfcode.doctor.DoctorReport;
import dev.selfcode.doctor.DoctorSettings;
import dev.selfcode.doctor.LlmEndpoint;
import dev.selfcode.doctor.Verdict;
import dev.selfcode.llm.CodeGenerators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code selfcode doctor}: checks everything Selfcode needs, each with a verdict and the fix. */
@Command(name = "doctor", description = "Check what Selfcode needs: Java, the Docker engine and the sandbox images, "
        + "the offline Maven repository, the database (connection, migrations, a write that is rolled back), the LLM "
        + "endpoint, the GitHub App's credentials and webhook secret, and free disk in the data folder. Changes "
        + "nothing. Exit 0 when every check passes or is skipped, 1 when one fails.")
class DoctorCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print one JSON object (checks and overall result) instead of a table")
    boolean json;

    @Option(names = "--docker-host", paramLabel = "URI", description = "the Docker engine to check (default: "
            + "DOCKER_HOST, else unix:///var/run/docker.sock)")
    URI dockerHost;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5", description = "longest wait for each "
            + "network check (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--verbose", description = "also show logs on standard error")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Inject
    SelfcodeConfig config;

    @Inject
    Config quarkusConfig;

    @Inject
    CodeGenerators generators;

    @Inject
    Flyway flyway;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws JsonProcessingException {
        DoctorReport report = Doctor.examine(settings());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(mapper.writeValueAsString(object(report)));
        } else {
            print(out, report);
        }
        out.flush();
        return report.exitCode();
    }

    DoctorSettings settings() {
        SelfcodeConfig.Sandbox sandbox = config.sandbox();
        List<String> images = List.of(sandbox.pythonImage(), sandbox.javaImage(), sandbox.java21Image(),
                sandbox.nodeImage()).stream().distinct().toList();
        DatabaseAccess db = new DatabaseAccess(value(DatabaseSettings.JDBC_URL), value("quarkus.datasource.username"),
                value("quarkus.datasource.password"));
        LlmEndpoint llm = new LlmEndpoint(generators.llmConfigured(), value("quarkus.langchain4j.openai.base-url"),
                value("quarkus.langchain4j.openai.api-key"),
                value("quarkus.langchain4j.openai.chat-model.model-name"));
        // the CLI gives quarkus-github-app a throw-away identity; Launch kept the user's own settings
        AppSettings app = Launch.appAsConfigured().orElseGet(() -> AppSettings.from(quarkusConfig));
        return new DoctorSettings(config.dataDir(), dockerHost != null ? dockerHost : DoctorSettings.defaultDockerHost(),
                images, sandbox.mavenRepository(), db, flyway.getConfiguration(), llm, app,
                DoctorSettings.DEFAULT_MIN_FREE_BYTES, Duration.ofSeconds(Math.max(1, timeoutSeconds)));
    }

    private String value(String key) {
        return quarkusConfig.getOptionalValue(key, String.class).orElse(null);
    }

    /** One row per check; a failed or skipped check's fix on the line below it. */
    static void print(PrintWriter out, DoctorReport report) {
        int width = report.results().stream().mapToInt(r -> r.check().length()).max().orElse(5);
        String fmt = "%-" + width + "s  %-6s %s%n";
        out.printf(Locale.ROOT, fmt, "check", "result", "detail");
        for (CheckResult r : report.results()) {
            out.printf(Locale.ROOT, fmt, r.check(), r.verdict().label(), r.detail());
            if (!r.fix().isEmpty()) {
                out.printf(Locale.ROOT, fmt, "", "", (r.verdict() == Verdict.FAIL
                        ? "fix: "
                        : "hint: ") + r.fix());
            }
        }
        long failed = report.failures();
        out.println(failed == 0 ? "all checks passed" : failed + " of " + report.results().size() + " checks failed");
    }

    static Map<String, Object> object(DoctorReport report) {
        List<Map<String, Object>> checks = new ArrayList<>();
        for (CheckResult r : report.results()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("check", r.check());
            row.put("verdict", r.verdict().label());
            row.put("detail", r.detail());
            row.put("fix", r.fix().isEmpty() ? null : r.fix());
            checks.add(row);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("ok", report.passed());
        o.put("failed", report.failures());
        o.put("checks", checks);
        return o;
    }
}
