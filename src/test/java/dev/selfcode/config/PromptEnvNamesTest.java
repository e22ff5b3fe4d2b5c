package dev.selfcode.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The original engine's environment names set the prompt keys through application.properties:
 * {@code PROMPT_CHUNK_TOKEN_THRESHOLD}, and {@code CHUNK_SUMMARY_CACHE_DIR} or the older {@code PROMPT_CHUNK_CACHE_DIR}.
 */
class PromptEnvNamesTest {

    private static SelfcodeConfig.Prompt prompt(Map<String, String> environment) throws IOException {
        URL properties = PromptEnvNamesTest.class.getClassLoader().getResource("application.properties");
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(SelfcodeConfig.Prompt.class, "selfcode.prompt")
                .build();
        return config.getConfigMapping(SelfcodeConfig.Prompt.class, "selfcode.prompt");
    }

    @Test
    void withoutTheVariablesTheDefaultsHold() throws IOException {
        SelfcodeConfig.Prompt prompt = prompt(Map.of());
        assertThat(prompt.chunkTokenThreshold()).isEqualTo(3500);
        assertThat(prompt.chunkCacheDir()).isEmpty();
    }

    @Test
    void theOriginalNamesSetTheThresholdAndTheCacheFolder() throws IOException {
        SelfcodeConfig.Prompt prompt = prompt(Map.of("PROMPT_CHUNK_TOKEN_THRESHOLD", "1200",
                "CHUNK_SUMMARY_CACHE_DIR", "/srv/summaries"));
        assertThat(prompt.chunkTokenThreshold()).isEqualTo(1200);
        assertThat(prompt.chunkCacheDir()).contains(Path.of("/srv/summaries"));
    }

    @Test
    void theOlderCacheNameWorksAndTheNewerOneWins() throws IOException {
        assertThat(prompt(Map.of("PROMPT_CHUNK_CACHE_DIR", "/old/cache")).chunkCacheDir())
                .contains(Path.of("/old/cache"));
        assertThat(prompt(Map.of("PROMPT_CHUNK_CACHE_DIR", "/old/cache", "CHUNK_SUMMARY_CACHE_DIR", "/new/cache"))
                .chunkCacheDir()).contains(Path.of("/new/cache"));
    }

    @Test
    void selfcodesOwnNamesWinOverTheOriginalOnes() throws IOException {
        SelfcodeConfig.Prompt prompt = prompt(Map.of("PROMPT_CHUNK_TOKEN_THRESHOLD", "1200",
                "SELFCODE_PROMPT_CHUNK_TOKEN_THRESHOLD", "900", "CHUNK_SUMMARY_CACHE_DIR", "/a",
                "SELFCODE_PROMPT_CHUNK_CACHE_DIR", "/b"));
        assertThat(prompt.chunkTokenThreshold()).isEqualTo(900);
        assertThat(prompt.chunkCacheDir()).contains(Path.of("/b"));
    }
}
