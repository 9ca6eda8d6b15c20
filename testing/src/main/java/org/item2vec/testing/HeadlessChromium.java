package org.item2vec.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by Selenium through Debian's chromedriver, for tests of the map page in
 * a real browser. Without the two programs such tests are skipped, saying what to install, rather than failing:
 * Selenium's own download of a browser cannot work without internet access.
 */
public final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Whether both programs are installed. */
    public static boolean isInstalled() {
        return missing().isEmpty();
    }

    /**
     * Aborts the calling test unless both programs are installed. Call it per test ({@code @BeforeEach} or in the
     * test): Surefire reports a test aborted so as skipped with the reason, but a class aborted in its
     * {@code @BeforeAll} as no test at all.
     */
    public static void assumeInstalled() {
        List<String> missing = missing();
        assumeTrue(missing.isEmpty(), () -> "the browser test needs " + String.join(" and ", missing)
                + " (apt-get install chromium chromium-driver)");
    }

    /** A new browser with a 1280×800 window; the caller quits it. */
    public static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: Chromium's sandbox refuses to run as root, as in containers.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows as a PNG, creating the file's folder; a person can look at it after the run. */
    public static void saveScreenshot(TakesScreenshot browser, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }

    private static List<String> missing() {
        return Stream.of(CHROMIUM, CHROMEDRIVER).filter(program -> !Files.isExecutable(program))
                .map(Path::toString).toList();
    }
}
