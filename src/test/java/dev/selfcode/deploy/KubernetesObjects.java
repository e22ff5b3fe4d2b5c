package dev.selfcode.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;

/**
 * Parses Kubernetes YAML into the fabric8 model strictly: an unknown field or kind is an error that names it. (The
 * model alone would keep a misspelt field in {@code additionalProperties}, and an unknown kind as a generic map, and
 * parse without a word.)
 */
final class KubernetesObjects {

    private static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {

                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                        BeanDeserializerBuilder builder) {
                    // Every model class catches unknown fields with an any-setter; without it they fail. (An unknown
                    // kind is reported below, by name, rather than by its first field.)
                    if (bean.getBeanClass().getName().startsWith("io.fabric8.")
                            && bean.getBeanClass() != GenericKubernetesResource.class) {
                        builder.setAnySetter(null);
                    }
                    return builder;
                }
            }));

    private KubernetesObjects() {
    }

    /** Every document of a multi-document YAML stream, each as its model class. */
    static List<HasMetadata> parse(String yaml) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode document : STRICT.readerFor(JsonNode.class).readValues(yaml).readAll().stream()
                .map(JsonNode.class::cast).toList()) {
            if (document == null || document.isNull() || document.isMissingNode()) {
                continue;
            }
            String what = document.path("kind").asText("?") + " " + document.at("/metadata/name").asText("?");
            KubernetesResource object;
            try {
                object = STRICT.treeToValue(document, KubernetesResource.class);
            } catch (IOException e) {
                throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
            }
            if (object instanceof GenericKubernetesResource || !(object instanceof HasMetadata typed)) {
                throw new IllegalArgumentException(what + ": no model class for " + document.path("apiVersion")
                        .asText() + " " + document.path("kind").asText());
            }
            objects.add(typed);
        }
        return objects;
    }
}
