package dev.selfcode.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The strict parser that KustomizeManifestsTest relies on refuses what a cluster would refuse. */
class KubernetesObjectsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: web:1
                      %s
            """;

    @Test
    void aWellFormedObjectParsesToItsModelClass() throws Exception {
        var objects = KubernetesObjects.parse(DEPLOYMENT.formatted("imagePullPolicy: IfNotPresent") + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  ports: [{port: 80, targetPort: 8080}]
                """);

        assertThat(objects).hasSize(2);
        Deployment deployment = (Deployment) objects.get(0);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy())
                .isEqualTo("IfNotPresent");
    }

    @Test
    void aMisspeltFieldFailsAndIsNamed() {
        assertThatThrownBy(() -> KubernetesObjects.parse(DEPLOYMENT.formatted("imagePulPolicy: IfNotPresent")))
                .hasMessageContaining("Deployment web").hasMessageContaining("imagePulPolicy");
    }

    @Test
    void aFieldAtTheWrongLevelFails() {
        assertThatThrownBy(() -> KubernetesObjects.parse(DEPLOYMENT.formatted("readOnly: true")))
                .hasMessageContaining("readOnly");
    }

    @Test
    void anUnknownKindFails() {
        assertThatThrownBy(() -> KubernetesObjects.parse("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: web}
                spec: {}
                """)).hasMessageContaining("no model class").hasMessageContaining("ServiceMonitor");
    }
}
