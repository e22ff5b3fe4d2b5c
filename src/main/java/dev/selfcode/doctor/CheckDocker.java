package dev.selfcode.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Docker engine the sandboxes run in: reachable, and its version. */
final class CheckDocker implements Check {

    static final String FIX = "start Docker (sudo systemctl start docker), or point DOCKER_HOST at a running engine";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerApi docker;

    CheckDocker(DockerApi docker) {
        this.docker = docker;
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public CheckResult run() {
        DockerApi.Answer answer;
        try {
            answer = docker.get("/version");
        } catch (RuntimeException e) {
            return CheckResult.fail(name(), "no Docker engine at " + docker.host() + ": " + Cause.of(e), FIX);
        }
        if (answer.status() != 200) {
            return CheckResult.fail(name(), "the engine at " + docker.host() + " answered HTTP " + answer.status(),
                    FIX);
        }
        try {
            JsonNode v = JSON.readTree(answer.body());
            return CheckResult.ok(name(), "Docker " + v.path("Version").asText("?") + " (API "
                    + v.path("ApiVersion").asText("?") + ") at " + docker.host());
        } catch (java.io.IOException e) {
            return CheckResult.fail(name(), "the engine at " + docker.host() + " did not answer like Docker", FIX);
        }
    }
}
