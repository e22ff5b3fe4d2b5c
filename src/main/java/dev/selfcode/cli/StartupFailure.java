package dev.selfcode.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why Selfcode could not start, in one line a user can act on. SmallRye Config reports a bad value only as text
 * (its converters throw plain exceptions), so this is the one place that reads that text.
 */
record StartupFailure(String message, boolean badSetting) {

    /** SRCFG00039, SmallRye Config's "cannot convert" message. */
    private static final Pattern NOT_CONVERTED = Pattern.compile("The config property (\\S+) with the config value "
            + "\"(.*?)\" threw an Exception whilst being converted(.*)", Pattern.DOTALL);
    /** SRCFG00014, a required property without a value. */
    private static final Pattern MISSING = Pattern.compile("The config property (\\S+) is required but it could not "
            + "be found");
    /** {@code ${NAME:default}} in application.properties: the variable the user actually sets. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)(?::[^}]*)?}");

    int exitCode() {
        return badSetting ? 2 : 1;
    }

    static StartupFailure explain(Throwable failure) {
        return explain(failure, System.getenv()::get, defaultsFile());
    }

    /** @param env the environment; @param defaults the packaged application.properties */
    static StartupFailure explain(Throwable failure, Function<String, String> env, Properties defaults) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = String.valueOf(t.getMessage());
            Matcher bad = NOT_CONVERTED.matcher(text);
            if (bad.find()) {
                String setting = whereSet(bad.group(1), bad.group(2), env, defaults);
                return new StartupFailure(setting + " is " + expected(bad.group(3)), true);
            }
            Matcher missing = MISSING.matcher(text);
            if (missing.find()) {
                return new StartupFailure(missing.group(1) + " is required; set " + envName(missing.group(1)), true);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getMessage().strip().lines().findFirst().orElse("");
        return new StartupFailure("could not start: " + reason, false);
    }

    /** What the converter wanted, from its own words. */
    private static String expected(String converterText) {
        String t = converterText.toLowerCase(Locale.ROOT);
        if (t.contains("duration")) {
            return "not a duration (e.g. 60s, 2m)";
        }
        if (t.contains("memorysize") || t.contains("memory size")) {
            return "not a size (e.g. 512m, 1g)";
        }
        if (t.contains("numberformat") || t.contains("integer") || t.contains("number") || t.contains("double")) {
            return "not a number";
        }
        if (t.contains("boolean")) {
            return "not true or false";
        }
        if (t.contains("url") || t.contains("uri")) {
            return "not a URL (e.g. http://localhost:11434/v1)";
        }
        String why = converterText.strip().lines().findFirst().orElse("").strip();
        return "not a valid value" + (why.isEmpty() ? "" : " (" + why + ")");
    }

    /**
     * Names the setting as the user wrote it: a system property, the property's own environment variable, or the
     * variable that application.properties reads it from (SELFCODE_LLM_TIMEOUT for the LLM timeout).
     */
    static String whereSet(String property, String value, Function<String, String> env, Properties defaults) {
        if (System.getProperty(property) != null) {
            return "-D" + property + "=" + value;
        }
        String own = envName(property);
        if (env.apply(own) != null) {
            return own + "=" + value;
        }
        Matcher ref = REFERENCE.matcher(defaults.getProperty(property, ""));
        while (ref.find()) {
            String name = ref.group(1);
            if (env.apply(name) != null) {
                return name + "=" + value;
            }
        }
        return property + "=" + value;
    }

    /** The environment-variable form of a property, as MicroProfile Config maps it. */
    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static Properties defaultsFile() {
        Properties p = new Properties();
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        try (InputStream in = cl == null ? null : cl.getResourceAsStream("application.properties")) {
            if (in != null) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // no names from the file: the property's own name is still right
        }
        Path beside = Path.of("config", "application.properties");
        if (Files.isRegularFile(beside)) {
            try (Reader r = Files.newBufferedReader(beside)) {
                Properties local = new Properties();
                local.load(r);
                for (Map.Entry<Object, Object> e : local.entrySet()) {
                    p.put(e.getKey(), e.getValue());
                }
            } catch (IOException e) {
                // as above
            }
        }
        return p;
    }
}
