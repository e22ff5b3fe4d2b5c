package dev.selfcode.web.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.selfcode.testsupport.Requirements;

/**
 * Debian's headless chromium driven through Debian's chromium-driver (never a browser or driver Selenium Manager
 * would download), with what the dashboard's browser tests switch: the admin token on every request, JavaScript
 * off, a phone's screen, dark mode, and screenshots to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(env("SELFCODE_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(env("SELFCODE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /**
     * Browser tests run when asked ({@code -Pbrowser} or {@code -Dbrowser-tests=true}; not a {@code selfcode.} key,
     * which the application's config mapping would refuse): they take minutes and need chromium. For
     * {@code @EnabledIf}.
     */
    static boolean enabled() {
        return Boolean.getBoolean("browser-tests");
    }

    /** Skips without chromium, or fails under CI=true: a browser test asked for must really run there. */
    static void requireChromium() {
        Requirements.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver at " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (scripts/services.sh browser)");
    }

    /** A new headless browser against {@code base} (http://host:port); {@code javascript} false turns scripts off. */
    static Browser open(String base, boolean javascript) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900");
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), base);
    }

    /** Sends {@code Authorization: Bearer token} with every request of this browser (the admin token). */
    Browser bearer(String token) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Bearer " + token)));
        return this;
    }

    /** A phone's screen: {@code width} CSS pixels wide, touch, device pixel ratio 3. */
    Browser phone(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 844, "deviceScaleFactor", 3, "mobile", true));
        return this;
    }

    /** The system's colour scheme as the page's media queries see it. */
    Browser colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        return this;
    }

    Browser get(String path) {
        driver.get(base + path);
        return this;
    }

    String currentPath() {
        return driver.getCurrentUrl().substring(base.length());
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    String text(String css) {
        return one(css).getText();
    }

    /** Waits (up to 10 s) until the element has the attribute, and returns its value. */
    String awaitAttribute(String css, String attribute) {
        return new WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                .until(d -> d.findElement(By.cssSelector(css)).getDomAttribute(attribute));
    }

    Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    /** The computed style of the first element matching {@code css} (no script needed). */
    String style(String css, String property) {
        return one(css).getCssValue(property);
    }

    /** The whole page (not only the visible part) as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<?, ?> size = (Map<?, ?>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"),
                "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
