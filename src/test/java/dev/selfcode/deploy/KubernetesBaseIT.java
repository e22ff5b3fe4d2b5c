package dev.selfcode.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * {@code deploy/kubernetes/base/kubernetes.yml} is what quarkus-kubernetes generated in this build's package phase
 * from the {@code quarkus.kubernetes.*} keys (kustomize may not read {@code target/}). Run with
 * {@code -Dkubernetes-base.update=true} to copy the generated file over after changing those keys.
 */
class KubernetesBaseIT {

    static final Path GENERATED = Path.of("target/kubernetes/kubernetes.yml");
    static final Path BASE = Path.of("deploy/kubernetes/base/kubernetes.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theCommittedBaseIsWhatQuarkusGenerates() throws Exception {
        assertThat(GENERATED).as("quarkus-kubernetes writes it at package time").exists();
        String generated = Files.readString(GENERATED);
        if (Boolean.getBoolean("kubernetes-base.update") && !normalized(generated).equals(normalized(
                Files.readString(BASE)))) {
            Files.writeString(BASE, generated);
        }
        assertThat(normalized(Files.readString(BASE))).as("""
                %s is out of date with application.properties; regenerate it with
                  ./mvnw -B verify -Dit.test=KubernetesBaseIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
                -Dkubernetes-base.update=true
                (or: ./mvnw -B package -DskipTests && cp %s %s)""".formatted(BASE, GENERATED, BASE))
                .isEqualTo(normalized(generated));
        assertThat(KubernetesObjects.parse(generated)).extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("Service", "Deployment");
    }

    /**
     * The objects with their env and envFrom entries sorted: quarkus-kubernetes writes those lists in a different
     * order from one build to the next, and the order means nothing to Kubernetes (no entry refers to another).
     */
    static List<JsonNode> normalized(String yaml) throws Exception {
        List<JsonNode> documents = new ArrayList<>(YAML.readerFor(JsonNode.class).readValues(yaml).readAll()
                .stream().map(JsonNode.class::cast).filter(d -> d != null && !d.isNull()).toList());
        documents.forEach(KubernetesBaseIT::sortEnv);
        return documents;
    }

    private static void sortEnv(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String field : List.of("env", "envFrom")) {
                if (object.get(field) instanceof ArrayNode list) {
                    List<JsonNode> entries = new ArrayList<>();
                    list.forEach(entries::add);
                    entries.sort(Comparator.comparing(JsonNode::toString));
                    list.removeAll();
                    list.addAll(entries);
                }
            }
        }
        node.forEach(KubernetesBaseIT::sortEnv);
    }
}
