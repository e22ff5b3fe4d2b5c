package dev.selfcode.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which Java release a Maven build's own poms ask for, and so which image its checks get. */
class RequiredJavaTest {

    @TempDir
    Path dir;

    final RepoConfigReader reader = new RepoConfigReader(RepoConfigReaderTest.DEFAULTS);

    void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    static String pom(String inside) {
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>" + inside
                + "</project>";
    }

    static String enforcer(String version) {
        return "<build><plugins><plugin><artifactId>maven-enforcer-plugin</artifactId><executions><execution>"
                + "<id>enforce</id><goals><goal>enforce</goal></goals><configuration><rules><requireJavaVersion>"
                + "<version>" + version + "</version></requireJavaVersion></rules></configuration></execution>"
                + "</executions></plugin></plugins></build>";
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"[21,);21", "21;21", "[1.8,9),[11,);8", "(,1.8];0", "[17,22);17",
            "1.8;8", "[21];21", "21.0.2;21"})
    void anEnforcerRangeAllowsNothingBelowItsLowestBound(String range, int lowest) {
        assertThat(RequiredJava.lowestAllowed(range)).isEqualTo(lowest);
    }

    @Test
    void anEnforcerRuleForJava21ChoosesTheJdk21Image() throws Exception {
        write("pom.xml", pom(enforcer("[21,)")));
        assertThat(reader.read(dir).image()).isEqualTo("jv21");
        write("pom.xml", pom(enforcer("[17,)")));
        assertThat(reader.read(dir).image()).isEqualTo("jv");
    }

    @Test
    void theCompilerReleasePropertyOrConfigurationChooses() throws Exception {
        write("pom.xml", pom("<properties><maven.compiler.release>21</maven.compiler.release></properties>"));
        assertThat(RequiredJava.of(dir)).isEqualTo(21);
        assertThat(reader.read(dir).image()).isEqualTo("jv21");
        write("pom.xml", pom("<build><pluginManagement><plugins><plugin><artifactId>maven-compiler-plugin</artifactId>"
                + "<configuration><release>22</release></configuration></plugin></plugins></pluginManagement></build>"));
        assertThat(RequiredJava.of(dir)).isEqualTo(22);
        write("pom.xml", pom("<properties><maven.compiler.source>1.8</maven.compiler.source>"
                + "<maven.compiler.target>1.8</maven.compiler.target></properties>"));
        assertThat(RequiredJava.of(dir)).isEqualTo(8);
        assertThat(reader.read(dir).image()).isEqualTo("jv");
    }

    @Test
    void aPropertyReferenceIsResolvedAsJakartaValidationWritesIt() throws Exception {
        // As jakartaee/validation: release 17, but the enforcer asks for [${version.min.java},) = 21.
        write("pom.xml", pom("<properties><version.java.release>17</version.java.release>"
                + "<version.min.java>21</version.min.java><min>${version.min.java}</min></properties>"
                + enforcer("[${min},)").replace("</plugins>", "<plugin><artifactId>maven-compiler-plugin</artifactId>"
                        + "<configuration><release>${version.java.release}</release></configuration></plugin></plugins>")));
        assertThat(RequiredJava.of(dir)).isEqualTo(21);
        assertThat(reader.read(dir).image()).isEqualTo("jv21");
    }

    @Test
    void javaVersionAsSpringBootReadsIt() throws Exception {
        write("pom.xml", pom("<parent><groupId>org.springframework.boot</groupId>"
                + "<artifactId>spring-boot-starter-parent</artifactId><version>3.5.0</version><relativePath/></parent>"
                + "<properties><java.version>21</java.version></properties>"));
        assertThat(reader.read(dir).image()).isEqualTo("jv21");
    }

    @Test
    void aModuleInheritsItsParentsPropertiesAndTheHighestModuleWins() throws Exception {
        write("pom.xml", pom("<properties><jdk>21</jdk></properties><modules><module>core</module></modules>"));
        write("core/pom.xml", pom("<parent><groupId>g</groupId><artifactId>p</artifactId><version>1</version></parent>"
                + "<properties><maven.compiler.release>${jdk}</maven.compiler.release></properties>"));
        assertThat(RequiredJava.of(dir)).isEqualTo(21);
        // A parent named by relativePath, as a folder.
        write("build-parent/pom.xml", pom("<properties><jdk>24</jdk></properties>"));
        write("core/pom.xml", pom("<parent><groupId>g</groupId><artifactId>p</artifactId><version>1</version>"
                + "<relativePath>../build-parent</relativePath></parent>"
                + "<properties><maven.compiler.release>${jdk}</maven.compiler.release></properties>"));
        assertThat(RequiredJava.of(dir)).isEqualTo(24);
    }

    @Test
    void profilesFixturesAndUnresolvedReferencesRequireNothing() throws Exception {
        write("pom.xml", pom("<properties><maven.compiler.release>${unknown}</maven.compiler.release></properties>"
                + "<profiles><profile><id>jdk21</id><properties><maven.compiler.release>21</maven.compiler.release>"
                + "</properties></profile></profiles>"));
        write("src/it/project/pom.xml", pom("<properties><maven.compiler.release>25</maven.compiler.release>"
                + "</properties>"));
        assertThat(RequiredJava.of(dir)).isZero();
        assertThat(reader.read(dir).image()).isEqualTo("jv");
    }

    @Test
    void aPomWithADoctypeIsNotReadNorAreItsEntities() throws Exception {
        write("secret.txt", "21");
        write("pom.xml", "<?xml version=\"1.0\"?><!DOCTYPE project [<!ENTITY x SYSTEM \"secret.txt\">]>"
                + pom("<properties><maven.compiler.release>&x;</maven.compiler.release></properties>"));
        assertThat(RequiredJava.of(dir)).isZero();
        assertThat(reader.read(dir).image()).isEqualTo("jv");
    }
}
