package org.item2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.item2vec.testing.EndToEnd;
import org.item2vec.testing.HeadlessChromium;
import org.item2vec.trainer.demo.DemoMarketplace;
import org.item2vec.trainer.demo.DemoMarketplace.Listing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map page of a running {@code item2vec demo} in headless Chromium: every demo listing drawn from the live
 * model, coloured by the demo's markets; the live panel following the demo's traffic; and a listing typed into
 * the search listing its recommendations with their scores. Skipped without Debian's chromium and chromedriver.
 */
@EndToEnd
class DemoMapPageBrowserTest {
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "demo-map.png");
    /** Deadlines only against a demo or a page that hangs: each wait ends as soon as its condition holds. */
    private static final Duration LEARNING = Duration.ofMinutes(5);
    /** The page fetches the live model's map every 10 s, which the server recomputes at most every 5 s. */
    private static final Duration PAGE_UPDATE = Duration.ofMinutes(2);
    /** What {@code /recommend} returns without {@code k}. */
    private static final int DEFAULT_K = 10;

    @TempDir
    Path dir;

    @Test
    void theLiveMapDrawsEveryListingAndASearchedListingShowsItsRecommendationsWithScores() throws Exception {
        HeadlessChromium.assumeInstalled();
        DemoMarketplace marketplace = DemoMarketplace.generate(0, RunningDemo.SEED);
        List<Listing> listings = marketplace.listings();
        Listing searched = listings.get(listings.size() - 1);
        ChromeDriver browser = HeadlessChromium.start();
        try (RunningDemo demo = RunningDemo.start(dir)) {
            // The first burst of clicks brings every listing into the live model within seconds.
            demo.await("/status", status -> status.get("vocabularySize").asInt() == listings.size(), LEARNING);
            WebDriverWait wait = new WebDriverWait(browser, PAGE_UPDATE);
            browser.get(demo.url("/"));

            WebElement canvas = browser.findElement(By.id("map"));
            wait.until(b -> String.valueOf(listings.size()).equals(canvas.getDomAttribute("data-points")));
            @SuppressWarnings("unchecked")
            Map<String, Number> position = (Map<String, Number>) ((JavascriptExecutor) browser)
                    .executeScript("return window.embeddingMap.positionOf(arguments[0])", searched.id());
            assertNotNull(position, "listing " + searched.id() + " is on the map");
            double x = position.get("x").doubleValue();
            double y = position.get("y").doubleValue();
            assertTrue(x >= 0 && x <= canvas.getSize().getWidth() && y >= 0 && y <= canvas.getSize().getHeight(),
                    "drawn inside the canvas: " + position);
            Map<String, Long> perMarket = listings.stream()
                    .collect(Collectors.groupingBy(Listing::market, Collectors.counting()));
            List<String> legend = browser.findElements(By.cssSelector("#legend li")).stream()
                    .map(WebElement::getText).toList();
            assertEquals(perMarket.size(), legend.size(), legend.toString());
            perMarket.forEach((market, count) -> assertTrue(legend.stream().anyMatch(
                    entry -> entry.startsWith(market) && entry.endsWith(count.toString())), legend.toString()));

            wait.until(b -> text(browser, "vocabulary").equals(String.valueOf(listings.size())));
            assertEquals("live", text(browser, "model-version"));
            wait.until(b -> text(browser, "events-rate").matches("[0-9][0-9,.]*")
                    && Double.parseDouble(text(browser, "events-rate").replace(",", "")) > 0);

            browser.findElement(By.id("query")).sendKeys(searched.id(), Keys.ENTER);
            wait.until(b -> b.findElements(By.cssSelector("#recommendations li")).size() == DEFAULT_K);
            double previous = Double.POSITIVE_INFINITY;
            for (WebElement row : browser.findElements(By.cssSelector("#recommendations li"))) {
                String item = row.getDomAttribute("data-item");
                assertEquals(searched.market(), marketplace.listing(item).market(), "the searched listing's market");
                double score = Double.parseDouble(row.findElement(By.className("score")).getText());
                assertTrue(score <= previous && score > 0, "scores, best first: " + row.getText());
                previous = score;
            }
            assertEquals(searched.id(), text(browser, "query-item"));
            assertEquals("live", text(browser, "results-version"));
            assertEquals(String.valueOf(DEFAULT_K), canvas.getDomAttribute("data-highlighted"),
                    "every recommendation marked on the map");
            HeadlessChromium.saveScreenshot(browser, SCREENSHOT);
        } finally {
            browser.quit();
        }
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }
}
