package dev.rewards.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by its chromedriver: the binaries the launcher installs with apt (a test fails,
 * never skips, when they are missing), a fresh profile per session, no network of its own (no component updates,
 * no sync, no QUIC). Console messages are collected so that each test can assert there was no error; screenshots
 * (whole page) go to {@code integration-tests/target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = LocalSuite.ROOT.resolve("integration-tests/target/screenshots");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("REWARDS_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("REWARDS_CHROMEDRIVER",
            "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final Path profile;
    private final List<String> console = new ArrayList<>();

    Browser(int width, int height) throws IOException {
        assertThat(CHROMIUM).as("Chromium (./rewards test installs Debian's chromium and chromium-driver)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (./rewards test installs Debian's chromium-driver)").isExecutable();
        profile = Files.createTempDirectory("rewards-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    WebDriver driver() {
        return driver;
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Console messages at level SEVERE (errors, uncaught exceptions, failed loads) since the session started. */
    List<String> consoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                console.add(entry.getMessage());
            }
        }
        return List.copyOf(console);
    }

    /** The whole page: the window grows to the document's height for the shot, then returns to its size. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        script("window.scrollTo(0, 0)");
        Dimension size = driver.manage().window().getSize();
        long height = ((Number) script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)"))
                .longValue();
        driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(6000, Math.max(size.getHeight(), height + 120))));
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(size);
        assertThat(Files.size(file)).as("screenshot " + file).isGreaterThan(1000);
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
