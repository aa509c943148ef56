package dev.comments.testkit.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Debian's chromedriver (never a downloaded browser), headless,
 * with its own fresh profile: one reader. Optionally with the unpacked extension loaded.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser open(Path profile, Path extension) throws IOException {
        return open(profile, extension, null);
    }

    /**
     * A browser whose reader prefers {@code language} (a BCP 47 tag such as {@code ar}), as the
     * browser's own setting would: {@code navigator.languages} and Accept-Language say it.
     */
    public static Browser open(Path profile, Path extension, String language) throws IOException {
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1000,1200", "--user-data-dir=" + profile.toAbsolutePath());
        if (language != null) {
            options.addArguments("--lang=" + language, "--accept-lang=" + language); // headless reads the second
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        }
        if (extension != null) {
            options.addArguments("--load-extension=" + extension.toAbsolutePath(),
                    "--disable-extensions-except=" + extension.toAbsolutePath());
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .withLogFile(profile.resolve("chromedriver.log").toFile()).build();
        return new Browser(new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void go(String url) {
        driver.get(url);
    }

    public WebElement byTestId(String id) {
        return driver.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    public List<WebElement> allByTestId(String id) {
        return driver.findElements(By.cssSelector("[data-testid='" + id + "']"));
    }

    public WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(250));
    }

    /** The page as the reader sees it, kept under target/screenshots/. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = SCREENSHOTS.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        return shot;
    }

    /** Files this reader downloads are saved into {@code dir} (headless Chromium asks nobody). */
    public void downloadsTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", dir.toAbsolutePath().toString()));
    }

    /** prefers-color-scheme: dark, as a reader whose system is dark. */
    public void darkMode() {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
