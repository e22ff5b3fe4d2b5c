package dev.selfcode.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.selfcode.testsupport.Requirements;

/**
 * deploy/systemd/selfcode.service is a unit systemd loads without a complaint ({@code systemd-analyze verify}, which
 * also names unknown keys and missing commands), and it runs what the docs say.
 */
class SystemdUnitTest {

    static final Path UNIT = Path.of("deploy/systemd/selfcode.service");
    static final String EXEC = "/opt/selfcode/bin/selfcode";

    @TempDir
    Path tmp;

    /** The verdict of {@code systemd-analyze verify} on {@code unit}, with its command pointed at this checkout. */
    Commands.Result verify(String unit) throws Exception {
        Requirements.require(Commands.available("systemd-analyze", "--version"),
                "systemd-analyze (apt-get install systemd)");
        // The unit's command is the unpacked release's; verify checks that it exists, so point it at ours.
        Path copy = tmp.resolve("selfcode.service");
        Files.writeString(copy, unit.replace(EXEC, Path.of("bin/selfcode").toAbsolutePath().toString()));
        return Commands.run(Duration.ofMinutes(1), "systemd-analyze", "verify", copy.toString());
    }

    @Test
    void systemdLoadsTheUnitWithoutAComplaint() throws Exception {
        String unit = Files.readString(UNIT);
        assertThat(unit).contains("ExecStart=" + EXEC + " serve", "User=selfcode", "SupplementaryGroups=docker",
                "EnvironmentFile=-/etc/selfcode/selfcode.env", "Restart=on-failure").doesNotContain("PrivateTmp=true");

        Commands.Result result = verify(unit);

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).isBlank();
    }

    @Test
    void aMistypedKeyIsCaught() throws Exception {
        Commands.Result result = verify(Files.readString(UNIT).replace("Restart=on-failure", "Restrat=on-failure"));

        assertThat(result.output()).contains("Unknown key 'Restrat'");
    }
}
