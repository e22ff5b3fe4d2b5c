package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** A failed start explained in the user's terms: the variable they set, what it should look like, exit 2. */
class StartupFailureTest {

    /** SmallRye Config's own words for a value it cannot convert (copied from a real failed start). */
    static final String SRCFG00039 = "Configuration validation failed:\n\tjava.lang.IllegalArgumentException: "
            + "SRCFG00039: The config property quarkus.langchain4j.openai.timeout with the config value \"abc\" threw "
            + "an Exception whilst being converted Invalid duration: abc";

    static Properties packaged() {
        Properties p = new Properties();
        p.setProperty("quarkus.langchain4j.openai.timeout", "${SELFCODE_LLM_TIMEOUT:60s}");
        return p;
    }

    static RuntimeException failedStart(String message) {
        return new RuntimeException("Failed to start quarkus", new IllegalStateException(message));
    }

    @Test
    void aBadValueNamesTheVariableTheUserSet() {
        StartupFailure f = StartupFailure.explain(failedStart(SRCFG00039), Map.of("SELFCODE_LLM_TIMEOUT", "abc")::get,
                packaged());
        assertThat(f.message()).isEqualTo("SELFCODE_LLM_TIMEOUT=abc is not a duration (e.g. 60s, 2m)");
        assertThat(f.exitCode()).isEqualTo(2);
    }

    @Test
    void thePropertysOwnVariableWinsAndAnUnknownSourceKeepsThePropertyName() {
        Map<String, String> env = Map.of("QUARKUS_LANGCHAIN4J_OPENAI_TIMEOUT", "abc", "SELFCODE_LLM_TIMEOUT", "9s");
        assertThat(StartupFailure.explain(failedStart(SRCFG00039), env::get, packaged()).message())
                .startsWith("QUARKUS_LANGCHAIN4J_OPENAI_TIMEOUT=abc is not a duration");
        assertThat(StartupFailure.explain(failedStart(SRCFG00039), k -> null, new Properties()).message())
                .startsWith("quarkus.langchain4j.openai.timeout=abc is not a duration");
    }

    @Test
    void otherFailuresGiveTheirRootCauseAndExitOne() {
        StartupFailure f = StartupFailure.explain(new RuntimeException("Failed to start quarkus",
                new IllegalStateException("wrapped", new java.net.ConnectException("Connection refused"))), k -> null,
                new Properties());
        assertThat(f.message()).isEqualTo("could not start: Connection refused");
        assertThat(f.exitCode()).isEqualTo(1);
    }
}
