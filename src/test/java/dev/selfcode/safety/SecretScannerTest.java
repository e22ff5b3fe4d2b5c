package dev.selfcode.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretScannerTest {

    private final SecretScanner scanner = new SecretScanner();

    /** Real-looking random token material; built at run time so no token-shaped literal sits in the repo. */
    private static String random(long seed, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghp_", "gho_", "ghs_", "ghu_"})
    void findsGithubTokensByPrefix(String prefix) {
        String token = prefix + random(1, 36);
        String code = "import os\nGH = \"" + token + "\"\nprint(GH)\n";

        assertThat(scanner.scan(code)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo("github-token");
            assertThat(f.line()).isEqualTo(2);
            assertThat(code.substring(f.start(), f.end())).isEqualTo(token);
        });
        assertThat(scanner.redact(code)).doesNotContain(token).contains("GH = \"[REDACTED github-token]\"");
    }

    @Test
    void findsFineGrainedGithubToken() {
        String token = "github_pat_11" + random(2, 20) + "_" + random(3, 59);
        assertThat(scanner.redact("auth: " + token + "\n")).isEqualTo("auth: [REDACTED github-token]\n");
    }

    @Test
    void findsAwsAccessKeyAndItsSecret() {
        String keyId = "AKIA" + random(14, 16).toUpperCase(java.util.Locale.ROOT);
        String secret = random(15, 18) + "/" + random(16, 12) + "+" + random(17, 8);
        String config = "[default]\naws_access_key_id = " + keyId + "\naws_secret_access_key = " + secret + "\n";

        String redacted = scanner.redact(config);

        assertThat(redacted).doesNotContain(keyId).doesNotContain(secret)
                .contains("aws_access_key_id = [REDACTED aws-access-key]")
                .contains("aws_secret_access_key = [REDACTED assigned-secret]");
    }

    @Test
    void findsPrivateKeyBlocks() {
        String body = random(4, 64) + "\n" + random(5, 64) + "\n" + random(6, 20) + "==";
        String pem = "KEY = \"\"\"-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----\"\"\"\n";
        String openssh = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "\n-----END OPENSSH PRIVATE KEY-----\n";

        assertThat(scanner.redact(pem)).isEqualTo("KEY = \"\"\"[REDACTED private-key]\"\"\"\n");
        assertThat(scanner.redact(openssh)).isEqualTo("[REDACTED private-key]\n");
    }

    @Test
    void truncatedPrivateKeyIsRedactedToTheEnd() {
        String cut = "x = 1\n-----BEGIN PRIVATE KEY-----\n" + random(7, 64) + "\n" + random(8, 40);
        assertThat(scanner.redact(cut)).isEqualTo("x = 1\n[REDACTED private-key]");
    }

    @Test
    void findsSkApiKeys() {
        String classic = "sk-" + random(9, 48);
        String project = "sk-proj-" + random(10, 40) + "_" + random(11, 30);
        String code = "openai.api_key = '" + classic + "'\nclient = OpenAI(api_key=\"" + project + "\")\n";

        assertThat(scanner.scan(code)).hasSize(2).allSatisfy(f -> assertThat(f.kind()).isEqualTo("api-key"));
        assertThat(scanner.redact(code)).doesNotContain(classic).doesNotContain(project);
    }

    @Test
    void findsNamedAssignmentsWithLongValues() {
        String python = "DB_PASSWORD = \"hunter2-but-longer\"\n";
        String env = "API_TOKEN=t0k3nV4lu3F0rPr0d\nDEBUG=true\n";
        String json = "{\"apiKey\": \"a1b2c3d4e5f6g7h8\", \"name\": \"demo\"}";
        String yaml = "client_secret: 'Zx9-Qq8_Ww7.Ee6'\n";

        assertThat(scanner.redact(python)).isEqualTo("DB_PASSWORD = \"[REDACTED assigned-secret]\"\n");
        assertThat(scanner.redact(env)).isEqualTo("API_TOKEN=[REDACTED assigned-secret]\nDEBUG=true\n");
        assertThat(scanner.redact(json)).isEqualTo("{\"apiKey\": \"[REDACTED assigned-secret]\", \"name\": \"demo\"}");
        assertThat(scanner.redact(yaml)).isEqualTo("client_secret: '[REDACTED assigned-secret]'\n");
    }

    @Test
    void findsHighEntropyLiteralsWhateverTheirName() {
        String value = random(12, 32);
        String js = "const signingMaterial = \"" + value + "\";\n";

        assertThat(scanner.scan(js)).singleElement()
                .satisfies(f -> assertThat(f.kind()).isEqualTo("high-entropy-string"));
        assertThat(scanner.redact(js)).isEqualTo("const signingMaterial = \"[REDACTED high-entropy-string]\";\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "token = get_token()\n",
            "password = request.form[\"password\"]\n",
            "def login(user, password: str = \"\"):\n    return check(user, password)\n",
            "max_tokens = 4096\n",
            "const apiKey = process.env.OPENAI_API_KEY;\n",
            "String token = System.getenv(\"GITHUB_TOKEN\");\n",
            "TOKEN_VARIABLE = \"GITHUB_TOKEN\"\n",
            "sha = \"3f786850e387550fdab836ed7e6dc881de23001b\"\n",
            "request_id = \"550e8400-e29b-41d4-a716-446655440000\"\n",
            "password = \"${DB_PASSWORD}\"\n",
            "api_key = \"<your-api-key>\"\n",
            "description = \"normalize_whitespace_and_lowercase\"\n",
            "headers = {\"Authorization\": \"Bearer \" + token}\n",
            "skip-this = 1; sk-short\n",
            "secret_key=settings.SECRET_KEY\n",
    })
    void leavesOrdinaryCodeAlone(String code) {
        assertThat(scanner.scan(code)).isEmpty();
        assertThat(scanner.redact(code)).isEqualTo(code);
        assertThat(scanner.containsSecret(code)).isFalse();
    }

    @Test
    void reportsEachSecretOnceWithItsLine() {
        String token = "ghp_" + random(13, 36);
        String code = "a = 1\n\ngithub_token = \"" + token + "\"\n";

        assertThat(scanner.scan(code)).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.kind()).isEqualTo("github-token");
        });
        assertThat(scanner.containsSecret(code)).isTrue();
    }

    @Test
    void handlesNullAndEmpty() {
        assertThat(scanner.scan(null)).isEmpty();
        assertThat(scanner.redact(null)).isNull();
        assertThat(scanner.redact("")).isEmpty();
    }

    @Test
    void staysFastOnLargeHostileInput() {
        String blob = "data = \"" + random(18, 300_000) + "\"\n" + "a".repeat(300_000) + "\n"
                + "password".repeat(20_000) + "\n" + "x=".repeat(100_000);
        long start = System.nanoTime();

        scanner.scan(blob);

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
    }
}
