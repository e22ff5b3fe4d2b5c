package dev.selfcode.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dependency phase's command: inferred by what the repository holds, or the file's {@code deps:}. */
class DepsInferenceTest {

    @TempDir
    Path repo;

    private final RepoConfigReader reader = new RepoConfigReader(RepoConfigReaderTest.DEFAULTS);

    private void write(String name, String content) throws IOException {
        Path file = repo.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void npmWithALockfileIsCleanInstalledWithoutScripts() throws Exception {
        write("package.json", "{\"devDependencies\": {\"mocha\": \"10.2.0\"}}");
        write("package-lock.json", "{}");
        assertThat(reader.read(repo).deps()).isEqualTo("npm ci --ignore-scripts --no-audit --no-fund");
    }

    @Test
    void npmWithoutALockfileInstalls() throws Exception {
        write("package.json", "{\"dependencies\": {\"left-pad\": \"1.3.0\"}}");
        assertThat(reader.read(repo).deps()).startsWith("npm install --ignore-scripts");
    }

    @Test
    void aPackageWithoutDependenciesNeedsNoPhase() throws Exception {
        write("package.json", "{\"scripts\": {\"test\": \"node --test\"}, \"devDependencies\": {}}");
        assertThat(reader.read(repo).deps()).isNull();
    }

    @Test
    void mavenResolvesWhatTheOfflineTestRunNeeds() throws Exception {
        write("pom.xml", "<project/>");
        assertThat(reader.read(repo).deps()).startsWith("mvn -B").contains("-Dmaven.repo.local=$SELFCODE_M2 test")
                .contains("-Dtest='#selfcodeResolvesOnly'").contains("-Dsurefire.failIfNoSpecifiedTests=false")
                // Compile errors and enforcer rules are the checks' verdict, not a dependency failure.
                .contains("-Dmaven.compiler.failOnError=false").contains("-Denforcer.skip=true");
    }

    @Test
    void mavenSkipsThePluginsThatWouldStartContainersInASandboxWithoutDocker() throws Exception {
        write("pom.xml", "<project><build><plugins><plugin><artifactId>maven-failsafe-plugin</artifactId></plugin>"
                + "<plugin><groupId>io.fabric8</groupId><artifactId>docker-maven-plugin</artifactId></plugin>"
                + "</plugins></build></project>");
        assertThat(reader.read(repo).deps()).contains(" verify ").contains("-Ddocker.skip=true")
                .contains("-Djib.skip=true").contains("-Ddockerfile.skip=true");
        // The checks run the same build offline, where these plugins would fail the same way.
        assertThat(reader.read(repo).test()).contains("-Ddocker.skip=true").contains("-Djib.skip=true")
                .contains("-Ddockerfile.skip=true").endsWith(" verify");
    }

    @Test
    void mavenWithFailsafeResolvesUpToVerifyAsTheChecksRun() throws Exception {
        write("pom.xml", "<project><build><plugins><plugin><artifactId>maven-failsafe-plugin</artifactId>"
                + "</plugin></plugins></build></project>");
        assertThat(reader.read(repo).deps()).contains("-Dmaven.repo.local=$SELFCODE_M2 verify")
                .contains("-Dit.test='#selfcodeResolvesOnly'").contains("-Dfailsafe.failIfNoSpecifiedTests=false");
        assertThat(reader.read(repo).test()).contains("verify");
    }

    @Test
    void pythonRequirementsFilesAreAllInstalled() throws Exception {
        write("test_a.py", "def test_a():\n    pass\n");
        write("requirements.txt", "requests\n");
        write("requirements-dev.txt", "pytest\n");
        assertThat(reader.read(repo).deps())
                .isEqualTo("python3 -m pip install --user -r requirements-dev.txt -r requirements.txt");
    }

    @Test
    void pyprojectDependenciesWithoutTheProjectItself() throws Exception {
        write("test_a.py", "def test_a():\n    pass\n");
        write("pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\n  \"attrs>=22\",\n]\n");
        assertThat(reader.read(repo).deps()).contains("tomllib").endsWith("-r /tmp/requirements.txt");
    }

    @Test
    void aPythonProjectWithNothingToInstallNeedsNoPhase() throws Exception {
        write("test_a.py", "def test_a():\n    pass\n");
        write("pyproject.toml", "[project]\nname = \"x\"\n");
        assertThat(reader.read(repo).deps()).isNull();
    }

    @Test
    void theFileOverridesOrSwitchesItOff() throws Exception {
        write("package.json", "{\"devDependencies\": {\"mocha\": \"10.2.0\"}}");
        write(RepoConfig.PATH, "test: npm test\ndeps: npm ci\n");
        assertThat(reader.read(repo).deps()).isEqualTo("npm ci");
        write(RepoConfig.PATH, "test: npm test\ndeps: none\n");
        assertThat(reader.read(repo).deps()).isNull();
        write(RepoConfig.PATH, "test: npm test\n");
        assertThat(reader.read(repo).deps()).startsWith("npm install --ignore-scripts");
    }

    @Test
    void aWrongTypeSaysWhatDepsHolds() {
        assertThatThrownBy(() -> reader.validate("test: x\ndeps: [a, b]\n")).isInstanceOf(RepoConfigException.class)
                .hasMessageContaining("deps must be one command (text), e.g. npm ci, or none");
        assertThatThrownBy(() -> reader.validate("test: x\ndep: npm ci\n")).hasMessageContaining("deps)");
    }
}
