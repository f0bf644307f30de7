package io.lem.lab;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.lem.engine.EmbeddedEngine;
import io.lem.engine.EngineDrivers;
import io.lem.llamacpp.driver.EmbeddedDriver;
import io.lem.llamacpp.driver.ModelCache;
import io.lem.llamacpp.serve.ServeMain;
import io.lem.measure.LocalMeters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in a real browser against one Lab that runs lem's embedded engine with the {@code tiny} preset and this
 * machine's own meters (the CPU estimate where there are no counters).
 */
class LabBrowserTest {

    @TempDir
    static Path data;
    @TempDir
    static Path models;
    @TempDir
    Path profile;

    static LabServer lab;
    WebDriver browser;

    @BeforeAll
    static void startLab() throws Exception {
        Browser.assumeInstalled();
        lab = startTiny();
    }

    static LabServer startTiny() throws Exception {
        EngineDrivers drivers = EngineDrivers.of(List.of(new EmbeddedDriver(new ModelCache(models),
                EmbeddedEngine.current(ServeMain.class.getName()))));
        return LabServer.start(LabOptions.defaults(data, new LabTarget.Embedded("tiny")).withPort(0).withBaselineS(1),
                drivers, LocalMeters.system(), s -> { });
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void open() {
        browser = Browser.start(profile);
    }

    @AfterEach
    void close() {
        browser.quit();
    }

    void load(LabServer server) {
        browser.get(server.url().toString());
        Browser.waiting(browser).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready"))
                || d.findElement(By.id("status")).getText().startsWith("error"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("idle");
    }

    void type(String id, String text) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    void awaitStatus(String state) {
        Browser.waiting(browser).until(ExpectedConditions.textToBe(By.id("status"), state));
    }

    @Test
    void aPromptWithTwoInjectionsStreamsItsAnswerAndShowsMeasuredFigures() throws Exception {
        load(lab);
        type("query", "What is energy?");
        for (String[] inj : new String[][] {{"retrieved doc", "Energy is the capacity to do work."},
                {"tool spec", "tool: unit converter"}}) {
            browser.findElement(By.id("add-injection")).click();
            List<WebElement> names = browser.findElements(By.className("inj-name"));
            names.getLast().sendKeys(inj[0]);
            browser.findElements(By.className("inj-content")).getLast().sendKeys(inj[1]);
        }
        type("max-tokens", "24");
        browser.findElement(By.id("run")).click();
        awaitStatus("done");
        Browser.screenshot(browser, "run-with-two-injections");
        assertThat(browser.findElement(By.id("answer")).getText()).isNotBlank();
        String log = browser.findElement(By.id("log")).getText();
        assertThat(log).contains("baseline power", "mark send", "mark first_token", "mark end", "Wh/1000 output tokens");
        String figures = browser.findElement(By.id("figures")).getText();
        assertThat(figures).contains("total energy (J)", "verification passed");
        String tokens = browser.findElement(By.id("tokens")).getText();
        assertThat(tokens).contains("injection:retrieved doc", "injection:tool spec", "template");
        // this VM has no counters: the CPU estimate is used, and the page says so
        if (browser.findElement(By.id("mode")).getText().contains("estimated")) {
            assertThat(figures).contains("(estimated)");
        }
        // the run is in the session's history, and its row's Remove button takes it out again
        By rows = By.cssSelector("#history tbody tr");
        Browser.waiting(browser).until(d -> !d.findElements(rows).isEmpty());
        int before = browser.findElements(rows).size();
        browser.findElements(By.cssSelector("#history tbody tr button.remove-run")).getFirst().click();
        Browser.waiting(browser).until(d -> d.findElements(rows).size() == before - 1);
    }

    @Test
    void aBatchOfThreeEndsWithASummaryRowEvenWhenOneRunIsCancelled() throws Exception {
        load(lab);
        type("max-tokens", "200");
        type("batch-runs", "3");
        browser.findElement(By.id("batch")).click();
        Browser.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("batch-progress"),
                "run 2 of 3"));
        browser.findElement(By.id("stop")).click();
        Browser.waiting(browser).until(d -> !d.findElements(By.cssSelector("#batch-table .summary-row")).isEmpty());
        Browser.screenshot(browser, "batch-cancelled");
        String row = browser.findElement(By.cssSelector("#batch-table .summary-row")).getText();
        assertThat(row).contains("of 3 (cancelled)");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("cancelled");
    }

    @Test
    void twoTabsStartingRunsAtOnceAreSerialisedAndTheSecondSaysItIsQueued() throws Exception {
        load(lab);
        String first = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        String second = browser.getWindowHandle();
        load(lab);
        browser.switchTo().window(first);
        browser.findElement(By.id("run")).click();
        browser.switchTo().window(second);
        browser.findElement(By.id("run")).click();
        Browser.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "ahead"));
        Browser.screenshot(browser, "second-tab-queued");
        assertThat(browser.findElement(By.id("log")).getText()).contains("queued: 1 measurement(s) ahead");
        awaitStatus("done");
        browser.switchTo().window(first);
        awaitStatus("done");
        assertThat(browser.findElement(By.id("log")).getText()).doesNotContain("ahead");
    }

    @Test
    void aCalibrationCreatesABenchmarkThatSurvivesARestartOfTheLab() throws Exception {
        load(lab);
        type("calibrate-runs", "2");
        browser.findElement(By.id("calibrate")).click();
        Browser.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("calibrate-status"),
                "stored"));
        String name = "rapl_calibrated_" + browser.findElement(By.id("model")).getDomProperty("value");
        lab.close();
        lab = startTiny();
        load(lab);
        Browser.screenshot(browser, "calibrated-after-restart");
        assertThat(browser.findElement(By.id("benchmarks")).getText()).contains(name, "calibrated");
    }

    @Test
    void aModelAnswerContainingScriptShowsAsText() throws Exception {
        String answer = "<script>window.pwned=1</script><b>bold</b><img src=x onerror=\"window.pwned=2\">";
        try (ScriptedChat chat = new ScriptedChat(List.of(answer), 10, 10);
             LabServer scripted = LabServer.start(LabOptions.defaults(data.resolve("xss"),
                     new LabTarget.Remote(chat.url(), "openai")).withPort(0).withBaselineS(0), EngineDrivers.of(List.of()),
                     ScriptedMeter.none(), s -> { })) {
            load(scripted);
            type("query", "<i>user text</i>");
            browser.findElement(By.id("run")).click();
            awaitStatus("done");
            Browser.screenshot(browser, "script-as-text");
            WebElement shown = browser.findElement(By.id("answer"));
            assertThat(shown.getText()).isEqualTo(answer);
            assertThat(shown.findElements(By.xpath(".//*"))).isEmpty();
            assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
        }
    }
}
