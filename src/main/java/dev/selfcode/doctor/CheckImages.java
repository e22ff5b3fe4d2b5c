package dev.selfcode.doctor;

import java.util.ArrayList;
import java.util.List;

/** Every sandbox image is present in the engine: Selfcode never pulls them. */
final class CheckImages implements Check {

    static final String FIX = "build the images: scripts/sandbox-images.sh (or set selfcode.sandbox.*-image to images"
            + " the engine has)";

    private final DockerApi docker;
    private final List<String> images;

    CheckImages(DockerApi docker, List<String> images) {
        this.docker = docker;
        this.images = images;
    }

    @Override
    public String name() {
        return "sandbox images";
    }

    @Override
    public CheckResult run() {
        List<String> missing = new ArrayList<>();
        for (String image : images) {
            DockerApi.Answer answer;
            try {
                answer = docker.get("/images/" + image + "/json");
            } catch (RuntimeException e) {
                return CheckResult.skip(name(), "no Docker engine to ask (see the docker check)", "");
            }
            if (answer.status() == 404) {
                missing.add(image);
            } else if (answer.status() != 200) {
                return CheckResult.fail(name(), "the engine answered HTTP " + answer.status() + " for " + image, FIX);
            }
        }
        if (!missing.isEmpty()) {
            return CheckResult.fail(name(), "missing: " + String.join(", ", missing), FIX);
        }
        return CheckResult.ok(name(), String.join(", ", images));
    }
}
