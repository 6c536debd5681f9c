package io.identity.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.htmlunit.BrowserVersion;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless browser for the pages: Debian's Chromium, driven through its ChromeDriver, where it is installed (the
 * build installs it when run as root on Debian, as CI is); elsewhere, or with {@code -Dbrowser=htmlunit}, HtmlUnit,
 * a browser written in Java that needs nothing but the build's own dependencies. One fresh profile per browser, so
 * each is a person of its own; Chromium's screenshots go into the test report.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "surefire-reports", "screenshots");

    final WebDriver driver;
    private final Path profile;
    private final String base;

    Browser(String base) {
        this.base = base;
        try {
            profile = Files.createTempDirectory("browser-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = chromium() ? chromium(profile) : new HtmlUnitDriver(BrowserVersion.BEST_SUPPORTED, true);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** Whether the tests drive Chromium: installed, and not told otherwise. */
    static boolean chromium() {
        return !"htmlunit".equals(System.getProperty("browser"))
                && Files.isExecutable(CHROMIUM)
                && Files.isExecutable(CHROMEDRIVER);
    }

    private static WebDriver chromium(Path profile) {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=1280,900");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    Browser open(String path) {
        driver.get(path.startsWith("http") ? path : base + path);
        return this;
    }

    /** The first visible element the selector finds, waiting for it (and past a page being replaced). */
    WebElement find(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(WebDriverException.class)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /**
     * The text of the first visible element the selector finds. A page that redirects can be replaced between
     * finding an element and reading it; the read is then tried again on the page that replaced it.
     */
    String textOf(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(WebDriverException.class)
                .until(d -> find(css).getText());
    }

    /**
     * The text of the element once it reads {@code expected}, or what it last read after 10 s: for the page at the
     * end of a chain of redirects, whose intermediate pages may have such an element too.
     */
    String textOf(String css, String expected) {
        var last = new String[1];
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(10))
                    .ignoring(StaleElementReferenceException.class)
                    .ignoring(WebDriverException.class)
                    .until(d -> {
                        last[0] = find(css).getText();
                        return expected.equals(last[0]) ? last[0] : null;
                    });
        } catch (TimeoutException e) {
            return last[0];
        }
    }

    /** Types into the input labelled {@code label}, as a person finds it: by its label. */
    Browser fill(String label, String text) {
        // tried again while a page that redirects is being replaced; clear() makes another try start afresh
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(WebDriverException.class)
                .until(d -> {
                    var input = d.findElement(By.xpath("//label[normalize-space(.)='" + label + "']"))
                            .getAttribute("for");
                    var field = d.findElement(By.id(input));
                    field.clear();
                    field.sendKeys(text);
                    return true;
                });
        return this;
    }

    /** Presses the button with this text (the first on the page) and waits for the page it leads to. */
    Browser press(String text) {
        return follow(driver.findElement(By.xpath("//button[normalize-space(.)='" + text + "']")));
    }

    /** Clicks a link or a form's button and waits until the page it leads to has replaced this one. */
    Browser follow(WebElement element) {
        var page = driver.findElement(By.tagName("html"));
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> replaced(page));
        return this;
    }

    /**
     * Whether a page's element is gone with its page. Chromium says so either as a stale element or, when it asks
     * about the old node while the new page is being built, as "does not belong to the document".
     */
    private static boolean replaced(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String path() {
        var url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    /**
     * From now on the pages are laid out as on a phone, 375 × 740 CSS pixels with a phone's viewport (Chromium's
     * device emulation; HtmlUnit lays nothing out, so there it changes nothing).
     */
    Browser phone() {
        if (driver instanceof ChromeDriver chrome) {
            chrome.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 375, "height", 740, "deviceScaleFactor", 1, "mobile", true));
        }
        return this;
    }

    /** How many CSS pixels the page is wider than the window: more than 0 scrolls sideways. */
    long overflow() {
        return ((Number) ((JavascriptExecutor) driver)
                        .executeScript("return document.documentElement.scrollWidth - window.innerWidth;"))
                .longValue();
    }

    /** A picture of the whole page as it is laid out now, into that file (Chromium only: HtmlUnit draws nothing). */
    void screenshot(Path file) {
        if (!(driver instanceof ChromeDriver chrome)) {
            return;
        }
        var size = (List<?>) chrome.executeScript(
                "return [document.documentElement.scrollWidth," + " document.documentElement.scrollHeight];");
        var shot = chrome.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", size.get(0), "height", size.get(1), "scale", 1)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A picture of the page for the test report, at a desktop width and at 360 px (Chromium only: HtmlUnit draws nothing). */
    void screenshot(String name) {
        if (!(driver instanceof TakesScreenshot camera)) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), camera.getScreenshotAs(OutputType.BYTES));
            var size = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(360, 800));
            Files.write(SCREENSHOTS.resolve(name + "-360.png"), camera.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind harms nothing
        }
    }
}
