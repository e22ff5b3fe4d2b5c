package dev.selfcode.doctor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.flywaydb.core.api.configuration.Configuration;

import dev.selfcode.db.DatabaseAccess;

/**
 * Everything the doctor looks at, resolved once from the configuration.
 *
 * @param dataDir         the data folder (mirrors, worktrees, the embedded database)
 * @param dockerHost      the Docker engine the sandboxes use (unix:///var/run/docker.sock, tcp://host:2375)
 * @param images          every sandbox image
 * @param mavenRepository the offline Maven repository mounted into Java sandboxes, when one is configured
 * @param database        how Selfcode reaches its database
 * @param migrations      Flyway's configuration (where the migrations are); its data source is replaced
 * @param llm             the OpenAI-compatible endpoint
 * @param app             the GitHub App credentials as the user configured them
 * @param minFreeBytes    free space the data folder needs
 * @param timeout         the longest any network check waits
 */
public record DoctorSettings(Path dataDir, URI dockerHost, List<String> images, Optional<Path> mavenRepository,
        DatabaseAccess database, Configuration migrations, LlmEndpoint llm, AppSettings app, long minFreeBytes,
        Duration timeout) {

    /** 2 GiB: a few mirrors, worktrees and a dependency cache. */
    public static final long DEFAULT_MIN_FREE_BYTES = 2L << 30;

    /** The engine Testcontainers (and so the sandbox) finds first: DOCKER_HOST, else the local socket. */
    public static URI defaultDockerHost() {
        String env = System.getenv("DOCKER_HOST");
        return URI.create(env == null || env.isBlank() ? "unix:///var/run/docker.sock" : env);
    }

    public DoctorSettings withDockerHost(URI host) {
        return new DoctorSettings(dataDir, host, images, mavenRepository, database, migrations, llm, app, minFreeBytes,
                timeout);
    }

    public DoctorSettings withImages(List<String> list) {
        return new DoctorSettings(dataDir, dockerHost, list, mavenRepository, database, migrations, llm, app,
                minFreeBytes, timeout);
    }

    public DoctorSettings withDatabase(DatabaseAccess db) {
        return new DoctorSettings(dataDir, dockerHost, images, mavenRepository, db, migrations, llm, app, minFreeBytes,
                timeout);
    }

    public DoctorSettings withLlm(LlmEndpoint endpoint) {
        return new DoctorSettings(dataDir, dockerHost, images, mavenRepository, database, migrations, endpoint, app,
                minFreeBytes, timeout);
    }

    public DoctorSettings withApp(AppSettings credentials) {
        return new DoctorSettings(dataDir, dockerHost, images, mavenRepository, database, migrations, llm, credentials,
                minFreeBytes, timeout);
    }

    public DoctorSettings withMavenRepository(Optional<Path> repository) {
        return new DoctorSettings(dataDir, dockerHost, images, repository, database, migrations, llm, app, minFreeBytes,
                timeout);
    }

    public DoctorSettings withMinFreeBytes(long bytes) {
        return new DoctorSettings(dataDir, dockerHost, images, mavenRepository, database, migrations, llm, app, bytes,
                timeout);
    }
}
