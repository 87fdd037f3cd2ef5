package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The HTML report in a real browser (Debian's chromium, headless, which {@code bin/test} installs): the
 * severity filter, the search box and the copy buttons work, nothing leaves the page, and hostile scan
 * data shows as text. Screenshots of the example reports go to {@code target/screenshots/}.
 */
class BrowserReportTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static WebDriver driver;
  @TempDir static Path profile;

  @BeforeAll
  static void startBrowser() {
    assertThat(CHROMIUM).as("Debian's chromium; bin/test installs it (apt-get install chromium chromium-driver)")
        .exists();
    assertThat(CHROMEDRIVER).as("Debian's chromium-driver; bin/test installs it").exists();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // The flags this machine's closed network needs: no background connections, a fresh profile.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,1600", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  private static Object script(String code) {
    return ((JavascriptExecutor) driver).executeScript(code);
  }

  private static List<WebElement> visible(String css) {
    return driver.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).toList();
  }

  @Test
  void severityFilterSearchAndCopyButtonsWorkAndNothingLeavesThePage() throws Exception {
    driver.get(Path.of("reports/seed-broken.html").toAbsolutePath().toUri().toString());

    // Groups beyond a screenful start collapsed: their findings are in the page but not on screen.
    int errors = visible(".finding[data-severity=error]").size();
    assertThat(errors).isPositive()
        .isLessThan(driver.findElements(By.cssSelector(".finding[data-severity=error]")).size());
    driver.findElement(By.cssSelector("input[data-filter=error]")).click();
    assertThat(visible(".finding[data-severity=error]")).isEmpty();
    assertThat(visible(".finding[data-severity=warning]")).isNotEmpty();
    driver.findElement(By.cssSelector("input[data-filter=error]")).click();
    assertThat(visible(".finding[data-severity=error]")).hasSize(errors);

    WebElement search = driver.findElement(By.cssSelector("input[data-search]"));
    search.sendKeys("rtb-0main");
    assertThat(visible(".finding")).isNotEmpty()
        .allSatisfy(f -> assertThat(f.getText() + f.findElement(By.xpath("ancestor::details")).getText())
            .contains("rtb-0main"));
    search.clear();
    search.sendKeys(" ");
    search.clear();
    script("document.querySelector('input[data-search]').dispatchEvent(new Event('input'))");
    // Every finding is back; groups the search opened stay open, so more may be on screen than at first.
    assertThat(visible(".finding[data-severity=error]").size()).isGreaterThanOrEqualTo(errors);
    assertThat(driver.findElements(By.cssSelector(".finding[hidden]"))).isEmpty();

    WebElement copy = driver.findElements(By.cssSelector("button[data-copy]")).stream()
        .filter(WebElement::isDisplayed).findFirst().orElseThrow();
    copy.click();
    // Copied through the clipboard, or the fallback's hint when the browser refuses (file:// is not secure).
    // The clipboard answers asynchronously: on a loaded machine the label changes a moment after the click.
    assertThat(labelAfterClick(copy)).isIn("Copied", "Press Ctrl+C");

    assertThat(((Number) script("return performance.getEntriesByType('resource').length")).intValue())
        .as("requests made by the page").isZero();
    screenshot("seed-broken");
  }

  @Test
  void theCompliantReportRendersAndHostileDataStaysText(@TempDir Path dir) throws Exception {
    driver.get(Path.of("reports/seed-compliant.html").toAbsolutePath().toUri().toString());
    assertThat(driver.getTitle()).startsWith("pullpath report:");
    screenshot("seed-compliant");

    String name = "evil/<img src=x onerror=alert(3)>";
    Path hostile = dir.resolve("hostile.html");
    Files.writeString(hostile, new HtmlRenderer().render(Fixtures.hostile(), Fixtures.OPTIONS));
    driver.get(hostile.toUri().toString());

    assertThat(driver.findElements(By.tagName("img"))).as("markup from scan data became an element").isEmpty();
    assertThat(driver.findElement(By.tagName("body")).getText()).contains(name);
    boolean alerted;
    try {
      driver.switchTo().alert();
      alerted = true;
    } catch (NoAlertPresentException e) {
      alerted = false;
    }
    assertThat(alerted).as("a script from scan data ran").isFalse();
    assertThat(((Number) script("return performance.getEntriesByType('resource').length")).intValue()).isZero();
  }

  private static void screenshot(String name) throws Exception {
    File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", "screenshots", name + ".png");
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The button's label once it has changed from "Copy", or "Copy" if it has not within five seconds. */
  private static String labelAfterClick(WebElement button) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    String label = button.getText();
    while (label.equals("Copy") && System.nanoTime() < deadline) {
      Thread.sleep(50);
      label = button.getText();
    }
    return label;
  }
}
