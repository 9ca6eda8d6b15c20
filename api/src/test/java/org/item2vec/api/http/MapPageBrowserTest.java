package org.item2vec.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.item2vec.api.TestModels;
import org.item2vec.testing.EndToEnd;
import org.item2vec.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map page in a real browser: Debian's headless Chromium, driven through chromedriver, against the API
 * serving a retrained version of 210 generated items in three markets. Skipped when either program is missing.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EndToEnd
class MapPageBrowserTest implements TestPropertyProvider {
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "map.png");
    private static final int ITEMS_PER_MARKET = 70;
    private static final int ITEMS = 3 * ITEMS_PER_MARKET;

    @Inject
    EmbeddedServer server;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path data = Files.createTempDirectory("item2vec-browser-test");
            TestModels.clusteredMarketplace(ITEMS_PER_MARKET, 11).publishRetrain(data.resolve("versions"));
            return Map.of("item2vec.api.data-dir", data.toString(), "micronaut.server.port", "-1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void startBrowser() {
        if (HeadlessChromium.isInstalled()) {
            browser = HeadlessChromium.start();
            wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        }
    }

    @BeforeEach
    void needBrowser() {
        HeadlessChromium.assumeInstalled();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Opens the page and waits for the map to be drawn. */
    private WebElement openMap() {
        browser.get(server.getURI().toString());
        WebElement canvas = browser.findElement(By.id("map"));
        wait.until(b -> !"0".equals(canvas.getDomAttribute("data-points")));
        return canvas;
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void search(String item) {
        WebElement box = browser.findElement(By.id("query"));
        box.clear();
        box.sendKeys(item, Keys.ENTER);
    }

    @Test
    void theMapDrawsEveryItemWithALegendOfTheMarkets() {
        WebElement canvas = openMap();
        assertEquals(String.valueOf(ITEMS), canvas.getDomAttribute("data-points"));
        List<String> legend = browser.findElements(By.cssSelector("#legend li")).stream()
                .map(WebElement::getText).toList();
        assertEquals(3, legend.size(), legend.toString());
        for (String market : List.of("lisbon", "oslo", "rome")) {
            assertTrue(legend.stream().anyMatch(entry -> entry.startsWith(market) && entry.endsWith("70")),
                    legend.toString());
        }
        assertTrue(text("map-note").startsWith("210 most frequent items of model v000001"), text("map-note"));
    }

    @Test
    void hoveringAPointNamesItsItemMarketAndCount() {
        WebElement canvas = openMap();
        @SuppressWarnings("unchecked")
        Map<String, Number> position = (Map<String, Number>) ((JavascriptExecutor) browser)
                .executeScript("return window.embeddingMap.positionOf('rome-000')");
        // Selenium's offsets count from the element's centre.
        int dx = (int) Math.round(position.get("x").doubleValue() - canvas.getSize().getWidth() / 2.0);
        int dy = (int) Math.round(position.get("y").doubleValue() - canvas.getSize().getHeight() / 2.0);
        new Actions(browser).moveToElement(canvas, dx, dy).perform();
        WebElement tooltip = browser.findElement(By.id("tooltip"));
        wait.until(b -> tooltip.isDisplayed());
        assertEquals("rome-000", tooltip.getDomAttribute("data-item"));
        assertTrue(tooltip.getText().contains("rome-000 · rome · seen"), tooltip.getText());
    }

    @Test
    void searchingAnItemListsItsRecommendationsAndHighlightsThemOnTheMap() throws IOException {
        WebElement canvas = openMap();
        search("oslo-000");
        wait.until(b -> b.findElements(By.cssSelector("#recommendations li")).size() == 10);
        List<WebElement> rows = browser.findElements(By.cssSelector("#recommendations li"));
        List<Double> scores = new ArrayList<>();
        for (WebElement row : rows) {
            assertTrue(row.getDomAttribute("data-item").startsWith("oslo-"), "the item's own market: " + row.getText());
            scores.add(Double.parseDouble(row.findElement(By.className("score")).getText()));
        }
        for (int i = 1; i < scores.size(); i++) {
            assertTrue(scores.get(i - 1) >= scores.get(i), "best first: " + scores);
        }
        assertEquals("oslo-000", text("query-item"));
        assertEquals("v000001", text("results-version"));
        assertEquals("10", canvas.getDomAttribute("data-highlighted"), "every recommendation marked on the map");
        assertFalse(browser.findElement(By.id("message")).isDisplayed());

        wait.until(b -> text("vocabulary").equals("210"));
        HeadlessChromium.saveScreenshot(browser, SCREENSHOT);
    }

    @Test
    void theLivePanelShowsTheServedModelAndTheLastRetrain() {
        openMap();
        wait.until(b -> text("vocabulary").equals("210"));
        assertEquals("v000001 (retrain)", text("model-version"));
        assertTrue(text("last-retrain").startsWith("v000001, "), text("last-retrain"));
        assertTrue(text("last-retrain").endsWith("ago"), text("last-retrain"));
        assertEquals("0", text("events-rate"), "no live trainer");
    }

    @Test
    void anUnknownItemIsReportedOnThePage() {
        WebElement canvas = openMap();
        search("rome-001");
        wait.until(b -> "10".equals(canvas.getDomAttribute("data-highlighted")));
        search("nope");
        WebElement message = browser.findElement(By.id("message"));
        wait.until(b -> message.isDisplayed());
        assertTrue(message.getText().contains("unknown item 'nope'"), message.getText());
        assertFalse(browser.findElement(By.id("results")).isDisplayed(), "the old list is gone");
        assertEquals("0", canvas.getDomAttribute("data-highlighted"));
    }
}
