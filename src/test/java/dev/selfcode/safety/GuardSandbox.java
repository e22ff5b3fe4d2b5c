package dev.selfcode.safety;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;

import org.testcontainers.DockerClientFactory;

import io.smallrye.config.WithDefault;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.sandbox.Sandbox;
import dev.selfcode.testsupport.Requirements;

/**
 * A real sandbox for guard tests without Quarkus: every setting at its default, images from the environment as the
 * server reads them ({@code SELFCODE_SANDBOX_NODE_IMAGE} points at a node image built with the guard's parser).
 */
public final class GuardSandbox {

    public static final String PYTHON = env("SELFCODE_SANDBOX_PYTHON_IMAGE", "selfcode/python:3.11");
    public static final String NODE = env("SELFCODE_SANDBOX_NODE_IMAGE", "selfcode/node:20");

    private GuardSandbox() {
    }

    /** A SafetyMonitor on the real Docker sandbox; skips (fails on CI) without Docker or the image. */
    public static SafetyMonitor monitor(String image) {
        Requirements.require(DockerClientFactory.instance().isDockerAvailable(),
                "Docker is not available: the guard's Python and JavaScript checks run in the sandbox");
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        } catch (RuntimeException e) {
            throw new AssertionError("sandbox image " + image + " is missing: run scripts/sandbox-images.sh", e);
        }
        SelfcodeConfig.Sandbox settings = (SelfcodeConfig.Sandbox) Proxy.newProxyInstance(
                GuardSandbox.class.getClassLoader(), new Class<?>[]{SelfcodeConfig.Sandbox.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "pythonImage" -> PYTHON;
                    case "nodeImage" -> NODE;
                    default -> byDefault(method);
                });
        SelfcodeConfig config = (SelfcodeConfig) Proxy.newProxyInstance(GuardSandbox.class.getClassLoader(),
                new Class<?>[]{SelfcodeConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sandbox")) {
                        return settings;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new SafetyMonitor(new Sandbox(settings), config, new SecretScanner());
    }

    private static Object byDefault(java.lang.reflect.Method method) {
        Class<?> type = method.getReturnType();
        if (type == Optional.class) {
            return Optional.empty();
        }
        WithDefault d = method.getAnnotation(WithDefault.class);
        if (d == null) {
            throw new UnsupportedOperationException(method.getName() + " has no default");
        }
        String v = d.value();
        if (type == String.class) {
            return v;
        } else if (type == int.class) {
            return Integer.parseInt(v);
        } else if (type == long.class) {
            return Long.parseLong(v);
        } else if (type == double.class) {
            return Double.parseDouble(v);
        } else if (type == boolean.class) {
            return Boolean.parseBoolean(v);
        } else if (type == Duration.class) {
            return Duration.parse("PT" + v.toUpperCase(java.util.Locale.ROOT));
        }
        throw new UnsupportedOperationException(method.getName() + " of type " + type);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
