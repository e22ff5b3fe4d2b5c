package dev.selfcode.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import dev.selfcode.testsupport.Requirements;

/**
 * Every overlay in {@code deploy/kubernetes/overlays} builds with the real {@code kubectl kustomize}, every object
 * it renders is one the Kubernetes model knows with no unknown field ({@link KubernetesObjects}), and the objects
 * fit together the way Selfcode needs. No cluster is involved.
 */
class KustomizeManifestsTest {

    static final Path OVERLAYS = Path.of("deploy/kubernetes/overlays");
    static final String DATA_DIR = "/var/lib/selfcode";
    static final String HOME = "/var/cache/selfcode";
    static final int HTTP = 8080;

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            List<String> names = dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            assertThat(names).contains("standalone", "external-database");
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectParsesStrictly(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);

        assertThat(objects).extracting(HasMetadata::getKind).contains("Namespace", "Deployment", "Service",
                "ConfigMap", "PersistentVolumeClaim", "NetworkPolicy");
        assertThat(objects).as("credentials are never in the repository: the user creates the Secret")
                .noneMatch(Secret.class::isInstance);
        String namespace = one(objects, Namespace.class, "selfcode").getMetadata().getName();
        assertThat(objects).filteredOn(o -> !(o instanceof Namespace))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(describe(o)).isEqualTo(namespace));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theServerHasProbesResourcesAndRunsAsItsOwnUser(String overlay) throws Exception {
        Deployment deployment = one(render(overlay), Deployment.class, "selfcode");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container selfcode = container(pod, "selfcode");

        assertThat(selfcode.getImage()).startsWith("selfcode/server:");
        assertThat(selfcode.getArgs()).containsExactly("serve");
        assertThat(selfcode.getPorts()).anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(HTTP));
        assertThat(httpGet(selfcode.getLivenessProbe())).isEqualTo("/q/health/live:" + HTTP);
        assertThat(httpGet(selfcode.getReadinessProbe())).isEqualTo("/q/health/ready:" + HTTP);
        assertThat(httpGet(selfcode.getStartupProbe())).isEqualTo("/q/health/started:" + HTTP);
        for (Container container : pod.getContainers()) {
            assertThat(container.getResources().getRequests()).as(container.getName() + " requests")
                    .containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(container.getName() + " limits")
                    .containsKeys("cpu", "memory");
        }
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(10001L);
        assertThat(selfcode.getSecurityContext()).as("the selfcode container keeps the pod's non-root user")
                .isNull();
        assertThat(deployment.getSpec().getStrategy().getType()).as("ReadWriteOnce claims").isEqualTo("Recreate");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theDockerEngineSeesTheDataAndCacheAtTheSamePaths(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        PodSpec pod = selfcodePod(objects);
        Container selfcode = container(pod, "selfcode");
        Container engine = container(pod, "docker");

        assertThat(env(selfcode, "SELFCODE_DATA_DIR")).contains(DATA_DIR);
        assertThat(env(selfcode, "SELFCODE_HOME")).contains(HOME);
        for (String path : List.of(DATA_DIR, HOME)) {
            VolumeMount mine = mountAt(selfcode, path);
            assertThat(mine).as("selfcode mounts a volume at " + path).isNotNull();
            assertThat(mountAt(engine, path)).as("the engine mounts " + mine.getName() + " at " + path)
                    .isNotNull().extracting(VolumeMount::getName).isEqualTo(mine.getName());
        }
        // The engine listens where DOCKER_HOST points, on loopback only.
        String dockerHost = env(selfcode, "DOCKER_HOST").orElseThrow();
        assertThat(dockerHost).startsWith("tcp://127.0.0.1:");
        assertThat(engine.getArgs()).contains("--host=" + dockerHost).noneMatch(a -> a.contains("0.0.0.0"));
        assertThat(engine.getSecurityContext().getPrivileged()).isTrue();
        // Every volume is a claim the overlay defines.
        Set<String> claims = names(objects, PersistentVolumeClaim.class);
        for (Volume volume : pod.getVolumes()) {
            assertThat(volume.getPersistentVolumeClaim()).as(volume.getName()).isNotNull();
            assertThat(claims).as(volume.getName()).contains(volume.getPersistentVolumeClaim().getClaimName());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void settingsAndCredentialsComeFromTheConfigMapAndTheDocumentedSecret(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        PodSpec pod = selfcodePod(objects);
        Container selfcode = container(pod, "selfcode");
        Set<String> documented = documentedSecretKeys(overlay);

        assertThat(documented).contains("QUARKUS_DATASOURCE_PASSWORD", "SELFCODE_LLM_API_KEY",
                "QUARKUS_GITHUB_APP_APP_ID", "QUARKUS_GITHUB_APP_PRIVATE_KEY", "QUARKUS_GITHUB_APP_WEBHOOK_SECRET");
        String configMap = selfcode.getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null)
                .map(e -> e.getConfigMapRef().getName()).findFirst().orElseThrow();
        Map<String, String> settings = one(objects, ConfigMap.class, configMap).getData();
        assertThat(settings).containsKeys("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                "SELFCODE_LLM_BASE_URL", "SELFCODE_LLM_MODEL");
        assertThat(settings.keySet()).as("secrets belong in the Secret").doesNotContainAnyElementsOf(documented);
        assertThat(selfcode.getEnvFrom()).filteredOn(e -> e.getSecretRef() != null)
                .extracting(e -> e.getSecretRef().getName()).containsExactly("selfcode");
        // Any single key taken from a Secret (MariaDB's password) is a documented key of that Secret.
        for (Container container : allContainers(objects)) {
            for (EnvVar var : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                    assertThat(var.getValueFrom().getSecretKeyRef().getName()).isEqualTo("selfcode");
                    assertThat(documented).as(container.getName() + " " + var.getName())
                            .contains(var.getValueFrom().getSecretKeyRef().getKey());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theServiceAndTheNetworkPolicySelectTheServersPods(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        Map<String, String> podLabels = one(objects, Deployment.class, "selfcode").getSpec().getTemplate()
                .getMetadata().getLabels();

        Service service = one(objects, Service.class, "selfcode");
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getIntVal()).isEqualTo(HTTP));

        NetworkPolicy policy = one(objects, NetworkPolicy.class, "selfcode");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNotEmpty();
        assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).flatExtracting(r -> r.getPorts())
                .extracting(p -> p.getPort().getIntVal()).containsExactly(HTTP);
        assertThat(policy.getSpec().getEgress()).flatExtracting(r -> r.getPorts())
                .extracting(NetworkPolicyPort::getPort).extracting(p -> p.getIntVal())
                .containsExactlyInAnyOrder(53, 53, 3306, 443);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theDatabaseUrlNamesTheStatefulSetsServiceWhenTheOverlayRunsOne(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        List<StatefulSet> databases = objects.stream().filter(StatefulSet.class::isInstance)
                .map(StatefulSet.class::cast).toList();
        String url = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .map(c -> c.getData().get("QUARKUS_DATASOURCE_JDBC_URL")).filter(Objects::nonNull).findFirst()
                .orElseThrow();
        Matcher hostPort = Pattern.compile("jdbc:mariadb://([^:/]+):(\\d+)/\\w+").matcher(url);
        assertThat(hostPort.matches()).as(url).isTrue();
        if (!overlay.equals("standalone")) {
            assertThat(databases).isEmpty();
            return;
        }
        StatefulSet mariadb = databases.stream().filter(s -> s.getMetadata().getName().equals("mariadb"))
                .findFirst().orElseThrow();
        Service service = one(objects, Service.class, hostPort.group(1));
        Map<String, String> dbLabels = mariadb.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(mariadb.getSpec().getServiceName()).isEqualTo(service.getMetadata().getName());
        assertThat(dbLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).anySatisfy(
                p -> assertThat(p.getPort()).isEqualTo(Integer.parseInt(hostPort.group(2))));
        Container db = mariadb.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(db, "MARIADB_USER")).contains(
                one(objects, ConfigMap.class, configMapName(objects)).getData().get("QUARKUS_DATASOURCE_USERNAME"));
        assertThat(db.getReadinessProbe()).isNotNull();
        // Only the server's pods reach the database.
        NetworkPolicy policy = one(objects, NetworkPolicy.class, "mariadb");
        assertThat(dbLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        Map<String, String> serverLabels = one(objects, Deployment.class, "selfcode").getSpec().getTemplate()
                .getMetadata().getLabels();
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().satisfies(
                    peer -> assertThat(serverLabels).containsAllEntriesOf(peer.getPodSelector().getMatchLabels()));
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(3306);
        });
    }

    // One kubectl run per overlay, not per test.
    private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

    static List<HasMetadata> render(String overlay) throws IOException {
        Requirements.require(Kustomize.available(),
                "kubectl is not installed (apt-get install kubernetes-client), or set KUBECTL");
        List<HasMetadata> objects = RENDERED.get(overlay);
        if (objects == null) {
            objects = KubernetesObjects.parse(Kustomize.build(OVERLAYS.resolve(overlay)));
            RENDERED.put(overlay, objects);
        }
        return objects;
    }

    /** The keys the overlay's instructions put into the Secret ({@code --from-literal=KEY=}, {@code --from-file=KEY=}). */
    static Set<String> documentedSecretKeys(String overlay) throws IOException {
        Matcher keys = Pattern.compile("--from-(?:literal|file)=([A-Z0-9_]+)=")
                .matcher(Files.readString(OVERLAYS.resolve(overlay).resolve("kustomization.yaml")));
        return keys.results().map(m -> m.group(1)).collect(Collectors.toSet());
    }

    private static String configMapName(List<HasMetadata> objects) {
        return container(selfcodePod(objects), "selfcode")
                .getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null)
                .map(e -> e.getConfigMapRef().getName()).findFirst().orElseThrow();
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertThat(found).as(type.getSimpleName() + " " + name).hasSize(1);
        return found.get(0);
    }

    private static Set<String> names(List<HasMetadata> objects, Class<? extends HasMetadata> type) {
        return objects.stream().filter(type::isInstance).map(o -> o.getMetadata().getName())
                .collect(Collectors.toSet());
    }

    private static List<Container> allContainers(List<HasMetadata> objects) {
        return objects.stream().flatMap(o -> {
            if (o instanceof Deployment d) {
                return d.getSpec().getTemplate().getSpec().getContainers().stream();
            }
            if (o instanceof StatefulSet s) {
                return s.getSpec().getTemplate().getSpec().getContainers().stream();
            }
            return Stream.empty();
        }).toList();
    }

    /** The pod template of the Deployment {@code selfcode}. */
    private static PodSpec selfcodePod(List<HasMetadata> objects) {
        return one(objects, Deployment.class, "selfcode").getSpec().getTemplate().getSpec();
    }

    private static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    private static Optional<String> env(Container container, String name) {
        return Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
                .filter(e -> e.getName().equals(name)).map(EnvVar::getValue).filter(Objects::nonNull).findFirst();
    }

    private static VolumeMount mountAt(Container container, String path) {
        return Optional.ofNullable(container.getVolumeMounts()).orElse(List.of()).stream()
                .filter(m -> m.getMountPath().equals(path)).findFirst().orElse(null);
    }

    private static String httpGet(Probe probe) {
        assertThat(probe).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        return get.getPath() + ":" + get.getPort().getIntVal();
    }

    private static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }
}
