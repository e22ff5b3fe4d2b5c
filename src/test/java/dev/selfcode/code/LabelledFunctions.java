package dev.selfcode.code;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import dev.selfcode.testsupport.Requirements;

/**
 * A labelled code-search set built from a real published package, lodash 4.17.21 from the npm registry (fetched at
 * test time, cached under target/, checked against the registry's sha512): each public function's JSDoc description
 * with its name and identifiers removed, paired with the function. The sources are indexed with the description
 * paragraph of every doc comment removed (the text the queries are made of; the tags such as {@code @param} and
 * {@code @returns} stay, as in real code), so a description cannot be found by its own words in the code.
 */
final class LabelledFunctions {

    static final String TARBALL = "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz";
    static final String SHA512 = "v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==";
    private static final Path CACHE = Path.of("target", "download-cache", "lodash-4.17.21.tgz");

    /** A description and the function it describes (file and symbol). */
    record Pair(String description, String path, String symbol) {

        /** The half this pair belongs to: a fixed split by name, so any tuning uses pairs that are never reported. */
        boolean heldOut() {
            return Math.floorMod(symbol.hashCode(), 2) == 0;
        }
    }

    private LabelledFunctions() {
    }

    /** Writes the package's modules, comments stripped, into {@code worktree}; returns the labelled pairs. */
    static List<Pair> extract(Path worktree) throws Exception {
        Path tgz = download();
        List<Pair> pairs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tgz);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName().replaceFirst("^package/", "");
                // The modules one per file; not the bundles (lodash.js, core.js, *.min.js) nor the fp/ wrappers.
                if (!e.isFile() || name.contains("/") || !name.endsWith(".js") || name.endsWith(".min.js")
                        || name.equals("lodash.js") || name.equals("core.js") || name.equals("fp.js")) {
                    continue;
                }
                String source = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                Files.writeString(worktree.resolve(name), withoutDescriptions(source));
                String symbol = name.substring(0, name.length() - 3);
                if (!symbol.startsWith("_") && !symbol.equals("index")) {
                    description(source, symbol).ifPresent(d -> pairs.add(new Pair(d, name, symbol)));
                }
            }
        }
        return pairs;
    }

    /** Each doc comment without its description paragraph: the lines before its first tag. */
    static String withoutDescriptions(String source) {
        Matcher m = Pattern.compile("/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/").matcher(source);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String doc = m.group();
            int tag = doc.indexOf("\n * @");
            m.appendReplacement(out, Matcher.quoteReplacement(tag < 0 ? "/** */" : "/**" + doc.substring(tag)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The JSDoc description above {@code function symbol} or {@code var symbol =}, identifiers removed. */
    static java.util.Optional<String> description(String source, String symbol) {
        Matcher m = Pattern.compile("/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*\\n(?:function\\s+" + Pattern.quote(symbol)
                + "\\b|var\\s+" + Pattern.quote(symbol) + "\\s*=)").matcher(source);
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (String line : m.group(1).split("\n")) {
            String l = line.strip().replaceFirst("^\\*\\s?", "");
            if (l.startsWith("@")) {
                break;
            }
            text.append(l).append(' ');
        }
        String d = text.toString()
                .replaceAll("\\(https?://[^)]*\\)", " ") // link targets
                .replaceAll("https?://\\S+", " ")
                .replaceAll("`[^`]*`", " ") // code spans: identifiers and expressions
                .replaceAll("\\b_\\.\\w+", " ")
                .replaceAll("[\\[\\]]", " ");
        List<String> nameParts = CodeWords.of(symbol).stream().filter(p -> p.length() >= 3).toList();
        List<String> kept = new ArrayList<>();
        for (String word : d.split("\\s+")) {
            String bare = word.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
            String lower = bare.toLowerCase(Locale.ROOT);
            boolean identifier = bare.matches(".*[a-z][A-Z].*|.*_.*|.*\\w\\.\\w.*|.*\\(.*");
            boolean name = lower.equals(symbol.toLowerCase(Locale.ROOT)) || nameParts.stream().anyMatch(lower::startsWith);
            if (!bare.isEmpty() && !identifier && !name) {
                kept.add(word);
            }
        }
        String out = String.join(" ", kept).strip();
        // A description by reference to another function ("This method is like ... except") names nothing left.
        if (out.matches("(?is)(this method is like|alias|an alias|see |this method is the wrapper).*")) {
            return java.util.Optional.empty();
        }
        return out.split("\\s+").length >= 4 ? java.util.Optional.of(out) : java.util.Optional.empty();
    }

    /** The cached tarball, downloaded when missing; skips (fails under CI=true) when the registry cannot be reached. */
    static Path download() throws Exception {
        if (Files.exists(CACHE) && SHA512.equals(sha512(CACHE))) {
            return CACHE;
        }
        Files.createDirectories(CACHE.getParent());
        Path part = CACHE.resolveSibling(CACHE.getFileName() + ".part");
        boolean fetched;
        String why = "";
        try {
            HttpResponse<Path> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(URI.create(TARBALL)).timeout(Duration.ofSeconds(120)).build(),
                            HttpResponse.BodyHandlers.ofFile(part));
            fetched = r.statusCode() == 200;
            why = "HTTP " + r.statusCode();
        } catch (IOException e) {
            fetched = false;
            why = e.toString();
        }
        Requirements.require(fetched, "the npm registry is not reachable (" + why + "): " + TARBALL
                + " is needed to build the labelled code-search set");
        if (!SHA512.equals(sha512(part))) {
            throw new IllegalStateException(TARBALL + " does not match the registry's sha512");
        }
        return Files.move(part, CACHE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String sha512(Path file) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(file)));
    }
}
