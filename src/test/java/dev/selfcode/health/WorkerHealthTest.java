package dev.selfcode.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.selfcode.job.Job;
import dev.selfcode.job.JobQueue;
import dev.selfcode.job.JobWorker;
import dev.selfcode.job.NewJob;
import dev.selfcode.testsupport.Poll;
import dev.selfcode.testsupport.Requirements;

/**
 * The worker's health follows its Docker engine (here a proxy to the shared engine that the test cuts), the worker
 * claims nothing while it is down, and webhook readiness (the database) stays up throughout; liveness follows the
 * worker's poll loop.
 */
@QuarkusTest
@TestProfile(WorkerHealthTest.EngineBehindProxy.class)
class WorkerHealthTest {

    static final int PORT = SocketProxy.freePort();
    static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");
    private static final Duration WAIT = Duration.ofSeconds(30);

    public static class EngineBehindProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("selfcode.worker.engine-host", "tcp://127.0.0.1:" + PORT,
                    "selfcode.worker.engine-check", "100ms", "selfcode.worker.wait-for-engine", "true",
                    "selfcode.worker.enabled", "true", "selfcode.worker.poll", "100ms",
                    "selfcode.worker.stuck-after", "1s");
        }
    }

    @Inject
    JobQueue queue;
    @Inject
    JobWorker worker;
    @Inject
    BlockingGate gate;

    SocketProxy proxy;

    @BeforeEach
    void openProxy() throws IOException {
        Requirements.require(Files.exists(DOCKER_SOCKET), "a Docker engine on " + DOCKER_SOCKET);
        proxy = new SocketProxy(PORT, DOCKER_SOCKET);
        proxy.open();
    }

    @AfterEach
    void closeProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void workerHealthFollowsItsEngineAndTheWorkerWaitsWhileReadinessStaysUp() throws IOException {
        awaitWorkerHealth("UP");
        readinessIsUp();

        proxy.cut();
        awaitWorkerHealth("DOWN");
        readinessIsUp();
        given().when().get("/q/health/live").then().statusCode(200);
        Job job = queue.enqueue(NewJob.of("health-" + UUID.randomUUID(), "health-test", "octo/health", "{}"));
        assertThat(worker.pollOnce()).as("claims while the engine is down").isZero();
        assertThat(queue.find(job.id).orElseThrow().status).isEqualTo(Job.Status.QUEUED);

        proxy.open();
        awaitWorkerHealth("UP");
        readinessIsUp();
        await("the poll loop claims the job once the engine is back",
                () -> queue.find(job.id).orElseThrow().status != Job.Status.QUEUED);
    }

    @Test
    void livenessGoesDownWhileThePollLoopIsStuckAndUpWhenItMovesAgain() {
        given().when().get("/q/health/live").then().statusCode(200);
        gate.block();
        try {
            await("liveness DOWN while the loop hangs",
                    () -> given().when().get("/q/health/live").statusCode() == 503);
            readinessIsUp();
        } finally {
            gate.release();
        }
        await("liveness UP once the loop moves", () -> given().when().get("/q/health/live").statusCode() == 200);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        Poll.until(WAIT, Duration.ofMillis(50), condition::getAsBoolean, done -> done, done -> what);
    }

    private static void readinessIsUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static void awaitWorkerHealth(String status) {
        Poll.until(WAIT, Duration.ofMillis(50), () -> given().when().get("/q/health/group/worker"),
                answer -> status.equals(answer.jsonPath().getString("status")),
                answer -> "worker health never became " + status + "; last answer: " + answer.asString());
    }
}
