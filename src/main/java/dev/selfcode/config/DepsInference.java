package dev.selfcode.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The command of the dependency phase when the repo config names none, by what the repository holds; none when
 * it declares no dependency (the phase is then skipped and needs no network). A repository that wants npm's
 * install scripts, or anything else, writes its own {@code deps:} command.
 */
final class DepsInference {

    /** Resolves the plugins, extensions, dependencies and Surefire provider the offline {@code mvn test} needs. */
    // A compile error is the checks' business, not the dependencies': the compiler does not fail this phase, so the
    // base that does not compile is reported by its test step with Maven's own lines, not as DEPS_FAILED. Enforcer,
    // style, coverage and signing rules are checks too (and some ban the gateway's plain-HTTP mirror, which only this
    // phase uses): their plugins are resolved here but skipped, and they run, with their own message, in the checks.
    static final String MAVEN = "mvn -B -Dstyle.color=never -Dmaven.repo.local=$SELFCODE_M2 test"
            + " -Dtest='#selfcodeResolvesOnly' -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false"
            + " -Dmaven.compiler.failOnError=false -Denforcer.skip=true -Dcheckstyle.skip=true -Dspotless.check.skip=true"
            + " -Drat.skip=true -Djacoco.skip=true -Dgpg.skip=true " + TestRunnerInference.NO_DOCKER;
    /**
     * With Failsafe the checks run {@code verify}, which needs Failsafe's provider and the plugins bound up to verify:
     * the same phase here, selecting no integration test either.
     */
    static final String MAVEN_VERIFY = MAVEN.replace(" test -Dtest=", " verify -Dtest=")
            + " -Dit.test='#selfcodeResolvesOnly' -Dfailsafe.failIfNoSpecifiedTests=false";
    static final String NPM_CI = "npm ci --ignore-scripts --no-audit --no-fund";
    static final String NPM_INSTALL = "npm install --ignore-scripts --no-audit --no-fund --no-package-lock";
    /**
     * pnpm and yarn run through corepack, which fetches the version the package.json's {@code packageManager} names
     * (else its default) from the registry gateway into {@code $COREPACK_HOME} in the deps cache. Files are copied
     * out of pnpm's store (in the phase's own home), so that node_modules holds everything the tests mount.
     */
    static final String PNPM = "corepack pnpm install --frozen-lockfile --ignore-scripts --reporter=append-only"
            + " --config.package-import-method=copy --config.store-dir=$HOME/pnpm-store";
    /** yarn 1 reads the registry from the home's .npmrc. */
    static final String YARN_CLASSIC = "corepack yarn install --frozen-lockfile --ignore-scripts --non-interactive"
            + " --no-progress";
    /** yarn 2 and later: a node_modules folder (not Plug'n'Play, whose files would stay outside it), no builds. */
    static final String YARN_BERRY = "YARN_NODE_LINKER=node-modules YARN_ENABLE_GLOBAL_CACHE=false"
            + " YARN_CACHE_FOLDER=$HOME/yarn-cache corepack yarn install --immutable --mode=skip-build";
    /** pip installs into the user site {@code PYTHONUSERBASE=$SELFCODE_DEPS/python}; what the image has is kept. */
    static final String PIP = "python3 -m pip install --user";
    private static final Pattern PYPROJECT_DEPENDENCIES = Pattern.compile("(?m)^\\s*dependencies\\s*=\\s*\\[\\s*[\"']");
    private static final Pattern REQUIREMENTS = Pattern.compile("requirements([-_.][\\w.-]+)?\\.txt");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DepsInference() {
    }

    /** The command, or null when the repository needs no dependency phase. */
    static String infer(Path repoDir) {
        if (repoDir == null) {
            return null;
        }
        try {
            if (Files.isRegularFile(repoDir.resolve("pom.xml"))) {
                return failsafe(repoDir) ? MAVEN_VERIFY : MAVEN;
            }
            if (Files.isRegularFile(repoDir.resolve("package.json"))) {
                return npm(repoDir);
            }
            return python(repoDir);
        } catch (IOException e) {
            return null; // unreadable manifests: the test phase then says what is missing
        }
    }

    private static boolean failsafe(Path repoDir) {
        try {
            return TestRunnerInference.mentions(repoDir, "pom.xml", "maven-failsafe-plugin");
        } catch (RepoConfigException e) {
            return false; // the checks' own inference reports what it cannot read
        }
    }

    private static String npm(Path repoDir) throws IOException {
        JsonNode pkg;
        try {
            pkg = JSON.readTree(repoDir.resolve("package.json").toFile());
        } catch (IOException e) {
            return null; // the test step's own npm reports the broken package.json
        }
        boolean any = Stream.of("dependencies", "devDependencies", "optionalDependencies")
                .anyMatch(k -> pkg.path(k).isObject() && !pkg.path(k).isEmpty());
        if (!any) {
            return null;
        }
        String manager = pkg.path("packageManager").asText("");
        boolean pnpmLock = Files.isRegularFile(repoDir.resolve("pnpm-lock.yaml"));
        boolean yarnLock = Files.isRegularFile(repoDir.resolve("yarn.lock"));
        if (manager.startsWith("pnpm@") || (!manager.contains("@") && pnpmLock)) {
            return pnpmLock ? PNPM : PNPM.replace("--frozen-lockfile", "--no-frozen-lockfile");
        }
        if (manager.startsWith("yarn@") || (!manager.contains("@") && yarnLock)) {
            boolean classic = manager.startsWith("yarn@1.") || (!manager.contains("@") && isYarnV1Lock(repoDir));
            if (classic) {
                return yarnLock ? YARN_CLASSIC : YARN_CLASSIC.replace(" --frozen-lockfile", "");
            }
            return yarnLock ? YARN_BERRY : YARN_BERRY.replace(" --immutable", "");
        }
        boolean locked = Files.isRegularFile(repoDir.resolve("package-lock.json"))
                || Files.isRegularFile(repoDir.resolve("npm-shrinkwrap.json"));
        return locked ? NPM_CI : NPM_INSTALL;
    }

    /** A yarn.lock of yarn 1 starts with this comment; yarn 2 and later write YAML with a __metadata entry. */
    private static boolean isYarnV1Lock(Path repoDir) throws IOException {
        Path lock = repoDir.resolve("yarn.lock");
        if (!Files.isRegularFile(lock)) {
            return true; // no lockfile and no packageManager: corepack's default yarn is 1.x
        }
        try (var lines = Files.lines(lock)) {
            return lines.limit(5).anyMatch(l -> l.contains("yarn lockfile v1"));
        } catch (java.io.UncheckedIOException e) {
            return true;
        }
    }

    private static String python(Path repoDir) throws IOException {
        List<String> requirements;
        try (Stream<Path> files = Files.list(repoDir)) {
            requirements = files.map(p -> p.getFileName().toString())
                    .filter(n -> REQUIREMENTS.matcher(n).matches()).sorted().toList();
        }
        if (!requirements.isEmpty()) {
            return PIP + " " + String.join(" ", requirements.stream().map(r -> "-r " + r).toList());
        }
        Path pyproject = repoDir.resolve("pyproject.toml");
        if (Files.isRegularFile(pyproject) && PYPROJECT_DEPENDENCIES.matcher(Files.readString(pyproject)).find()) {
            // The project's dependencies (and its test/dev extras), not the project itself: its code is the workspace.
            return "python3 -c 'import tomllib; p = tomllib.load(open(\"pyproject.toml\", \"rb\")).get(\"project\", {});"
                    + " x = p.get(\"optional-dependencies\", {});"
                    + " print(\"\\n\".join(p.get(\"dependencies\", []) + x.get(\"test\", []) + x.get(\"tests\", [])"
                    + " + x.get(\"dev\", [])))' > /tmp/requirements.txt && " + PIP + " -r /tmp/requirements.txt";
        }
        if (Files.isRegularFile(repoDir.resolve("setup.py"))) {
            // The workspace comes first on sys.path, so its code wins over this installed copy.
            return PIP + " --no-build-isolation .";
        }
        return null;
    }
}
