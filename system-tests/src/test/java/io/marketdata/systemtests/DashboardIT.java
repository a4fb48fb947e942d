package io.marketdata.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.marketdata.cli.AmqpSettings;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.Topology;
import io.marketdata.orderbook.support.JavaService;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless browser (SPEC §9.5): emulator → collector → orderbook, scoring and
 * lifecycle → api-gateway, every service packaged and run as deploy/run.sh runs it, and Debian's
 * Chromium driven by Selenium through /usr/bin/chromedriver (Selenium Manager never downloads a
 * browser or driver). Selecting ETHUSDT on Binance futures must plot depth points that keep moving
 * (history, then live values from the WebSocket or, while it is down, the 2 s book poll), fill the
 * DIFF panel and the top-20 book; the token table must fill as the emulator's migrations
 * (one every ~10 s, as in TokenPipelineIT) reach lifecycle; a token's detail, the settings form and
 * the health matrix must load. Screenshots: target/dashboard.png, dashboard-tokens.png,
 * dashboard-token.png, dashboard-health.png (dashboard-failure.png when a step fails). Skipped only
 * when /usr/bin/chromium is missing (deploy/lib/browser.sh ensure_browser installs it).
 */
class DashboardIT {

    private static final String VHOST = PipelineEnvironment.VHOST;
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ADMIN_TOKEN = "dashboard-it-token";
    /** The orderbook's hot-cache keys, shared with the gateway, apart from a running demo's and the unit tests'. */
    private static final String CACHE_PREFIX = "obe2e";
    /** Kept so its level holds: Selenium warns that it has no CDP module for this Chromium; the test uses no CDP. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");
    private static final List<String> QUEUES = List.of("scoring.token_events.e2e", "lifecycle.token_events.e2e",
            "collector.token_events.e2e", "orderbook.market_data.e2e");

    @Test
    void depthChartOrderBookAndTokensInTheBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "DashboardIT skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing "
                        + "(install with: source deploy/lib/browser.sh && ensure_browser)");
        PipelineEnvironment.dropTokenSchemas();
        int emulatorPort = JavaService.freePort();
        int scoringPort = JavaService.freePort();
        int lifecyclePort = JavaService.freePort();
        int collectorPort = JavaService.freePort();
        int orderbookPort = JavaService.freePort();
        int gatewayPort = JavaService.freePort();
        PipelineEnvironment env = new PipelineEnvironment(emulatorPort, scoringPort);
        Map<String, String> common = env.common();
        Map<String, String> scoringEnv = env.scoring();
        Map<String, String> lifecycleEnv = env.lifecycle();
        Map<String, String> collectorEnv = env.collector();
        Map<String, String> orderbookEnv = PipelineEnvironment.with(common, Map.of(
                "ORDERBOOK_CONSUMER_QUEUE", "orderbook.market_data.e2e",
                "ORDERBOOK_CACHE_KEY_PREFIX", CACHE_PREFIX));
        Map<String, String> gatewayEnv = new HashMap<>(Map.of(
                "RABBITMQ_VIRTUAL_HOST", VHOST,
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:5432/marketdata_test",
                "GATEWAY_SERVICES_ORDERBOOK", "http://localhost:" + orderbookPort,
                "GATEWAY_SERVICES_LIFECYCLE", "http://localhost:" + lifecyclePort,
                "GATEWAY_SERVICES_SCORING", "http://localhost:" + scoringPort,
                "GATEWAY_SERVICES_COLLECTOR", "http://localhost:" + collectorPort,
                "GATEWAY_ADMIN_TOKEN", ADMIN_TOKEN,
                "GATEWAY_REDIS_ORDERBOOK_PREFIX", CACHE_PREFIX,
                "GATEWAY_REDIS_PREFIX", "gw-e2e"));

        AmqpSettings amqp = new AmqpSettings("localhost", 5672, "guest", "guest", VHOST);
        try (Connection conn = amqp.open("dashboard-it");
             JavaService emu = new JavaService("emulator-dash", JavaService.jarOf("emulator"), emulatorPort, Map.of());
             JavaService scoring = new JavaService("scoring-dash", JavaService.jarOf("scoring-service"), scoringPort, scoringEnv);
             JavaService lifecycle = new JavaService("lifecycle-dash", JavaService.jarOf("lifecycle-service"),
                     lifecyclePort, lifecycleEnv);
             JavaService orderbook = new JavaService("orderbook-dash", JavaService.jarOf("orderbook-service"),
                     orderbookPort, orderbookEnv);
             JavaService collector = new JavaService("collector-dash", JavaService.jarOf("collector-service"),
                     collectorPort, collectorEnv);
             JavaService gateway = new JavaService("gateway-dash", JavaService.jarOf("api-gateway"), gatewayPort, gatewayEnv)) {
            // durable queues of an earlier run would have collected other tests' messages meanwhile
            Channel ch = conn.createChannel();
            for (String queue : QUEUES) {
                ch.queueDelete(queue);
                ch.queueDelete(Topology.deadLetterQueue(queue));
            }
            ch.close();

            emu.start(Duration.ofSeconds(90));
            scoring.start(Duration.ofSeconds(90));
            lifecycle.start(Duration.ofSeconds(90));
            orderbook.start(Duration.ofSeconds(90));
            collector.start(Duration.ofSeconds(90));
            gateway.start(Duration.ofSeconds(90));

            WebDriver browser = chromium();
            try {
                drive(browser, gateway);
                operatorAndBot(gateway);
            } catch (Throwable t) {
                screenshot(browser, "dashboard-failure.png");
                throw t;
            } finally {
                browser.quit();
            }
        }
    }

    /** What a trader does: the depth page for one book, then the token table. */
    private static void drive(WebDriver browser, JavaService gateway) throws Exception {
        browser.get(gateway.url("/"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> !d.findElements(By.id("depth-chart")).isEmpty());

        // a trader picks Binance futures, ETHUSDT (one of the collector's two seeded perpetuals), 5 %, both sides
        new Select(browser.findElement(By.id("exchange"))).selectByValue("binance");
        new Select(browser.findElement(By.id("market"))).selectByValue("futures");
        new Select(browser.findElement(By.id("depth"))).selectByValue("5");
        new Select(browser.findElement(By.id("side"))).selectByValue("both");
        WebElement symbol = browser.findElement(By.id("symbol"));
        symbol.clear();
        symbol.sendKeys("ETHUSDT", Keys.ENTER);

        WebDriverWait data = new WebDriverWait(browser, Duration.ofSeconds(120));
        data.pollingEvery(Duration.ofMillis(500));
        data.until(d -> pointsOf(d) > 0);
        data.until(d -> d.findElements(By.cssSelector("#book-bids tbody tr.level")).size() > 0
                && d.findElements(By.cssSelector("#book-asks tbody tr.level")).size() > 0);
        data.until(d -> d.findElements(By.cssSelector("#diff-grid .diff-card")).size() == 6);
        // live: the depth WebSocket is connected and values keep arriving after the history
        data.until(d -> "live".equals(d.findElement(By.id("live-state")).getText()));
        String liveAt = chartAttribute(browser, "data-live-at");
        data.until(d -> !Objects.equals(chartAttribute(d, "data-live-at"), liveAt));

        assertTrue(browser.getCurrentUrl().contains("symbol=ETHUSDT"), browser.getCurrentUrl());
        assertEquals("ETHUSDT", browser.findElement(By.id("symbol")).getDomProperty("value"));
        int bids = browser.findElements(By.cssSelector("#book-bids tbody tr.level")).size();
        int asks = browser.findElements(By.cssSelector("#book-asks tbody tr.level")).size();
        assertTrue(bids > 0 && bids <= 20 && asks > 0 && asks <= 20, "top-20 rows: " + bids + " bids, " + asks + " asks");
        assertTrue(browser.findElement(By.id("csv-export")).getDomAttribute("href")
                .contains("/api/chart-data?exchange=binance&marketType=futures&symbol=ETHUSDT&depth=5&type=both&format=csv"));
        Thread.sleep(1500);   // let the chart draw the last points before the picture
        screenshot(browser, "dashboard.png");

        // tokens: the emulator migrates a token every ~10 s; lifecycle lists it as monitoring
        browser.get(gateway.url("/#/tokens"));
        WebDriverWait tokens = new WebDriverWait(browser, Duration.ofMinutes(3));
        tokens.pollingEvery(Duration.ofSeconds(1));
        tokens.until(d -> d.findElements(By.cssSelector("#tokens-table tbody tr[data-mint]")).size() > 0);
        // not asserted (TokenPipelineIT covers scoring): the picture is better with a first score in it
        try {
            new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofSeconds(1)).until(d ->
                    d.findElements(By.cssSelector("#tokens-table td.score")).stream().anyMatch(td -> !td.getText().equals("–")));
        } catch (TimeoutException e) {
            System.out.println("DashboardIT: no token scored within 60 s of the table filling; screenshot without scores");
        }
        screenshot(browser, "dashboard-tokens.png");

        // a click on a token opens its detail: fields, pools and status history from lifecycle
        browser.findElement(By.cssSelector("#tokens-table tbody tr[data-mint] a")).click();
        WebDriverWait page = new WebDriverWait(browser, Duration.ofSeconds(30));
        page.until(d -> d.getCurrentUrl().contains("#/token/")
                && !d.findElements(By.cssSelector("#token-info .kv-table")).isEmpty()
                && !d.findElements(By.cssSelector("#token-history table")).isEmpty());
        screenshot(browser, "dashboard-token.png");

        // settings come from the scoring-service, indices from the orderbook, the health matrix from every component
        browser.get(gateway.url("/#/settings"));
        page.until(d -> !d.findElement(By.id("setting-w_tx")).getDomProperty("value").isEmpty());
        browser.get(gateway.url("/#/indices"));
        page.until(d -> !d.findElements(By.cssSelector("#indices-table tbody tr")).isEmpty());
        browser.get(gateway.url("/#/health"));
        page.until(d -> d.findElements(By.cssSelector("#health-matrix .health-cell")).size() >= 4);
        screenshot(browser, "dashboard-health.png");

        List<String> uncaught = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Uncaught") || m.contains("TypeError") || m.contains("ReferenceError"))
                .toList();
        assertEquals(List.of(), uncaught, "JavaScript errors in the dashboard");
    }

    /**
     * Through the same gateway, with the real services behind it: the operator's symbol change over
     * the control queue, the NotArb markets file, the health matrix.
     */
    private static void operatorAndBot(JavaService gateway) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> symbols = http.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/collector/symbols")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, symbols.statusCode(), symbols.body());
        assertTrue(Json.MAPPER.readTree(symbols.body()).path("success").asBoolean(), symbols.body());

        String add = "{\"symbol\": \"ADA/USDT:USDT\"}";
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/collector/symbols")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(add)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), refused.body());
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/collector/symbols")))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(add)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, added.statusCode(), added.body());
        JsonNode response = Json.MAPPER.readTree(added.body());
        assertEquals("add_symbol", response.path("command").asText(), added.body());
        assertTrue(response.path("success").asBoolean(), added.body());
        HttpResponse<String> removed = http.send(HttpRequest.newBuilder(
                URI.create(gateway.url("/api/collector/symbols?symbol=ADA/USDT:USDT")))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, removed.statusCode(), removed.body());

        HttpResponse<String> toml = http.send(HttpRequest.newBuilder(URI.create(gateway.url("/config/dynamic_strategy.toml")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, toml.statusCode(), toml.body());
        assertTrue(toml.headers().firstValue("Content-Type").orElse("").startsWith("application/toml"));
        JsonNode file = new TomlMapper().readTree(toml.body());
        file.fieldNames().forEachRemaining(key -> assertEquals("group", key, toml.body()));
        for (JsonNode group : file.path("group")) {
            for (JsonNode market : group.path("markets")) {
                assertTrue(market.asText().matches("[1-9A-HJ-NP-Za-km-z]{32,44}"), toml.body());
            }
        }

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(gateway.url("/health"))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode components = Json.MAPPER.readTree(health.body()).path("components");
        for (String name : List.of("orderbook-service", "lifecycle-service", "scoring-service", "collector-service",
                "rabbitmq", "postgresql", "redis")) {
            assertTrue(!components.path(name).path("status").asText("missing").equals("unhealthy")
                    && components.has(name), name + " in " + health.body());
        }
        assertTrue(components.has("feed.binance"), health.body());
    }

    /** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
    private static WebDriver chromium() throws Exception {
        SELENIUM_LOG.setLevel(Level.SEVERE);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("dashboard-it-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,768", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/it-chromedriver.log"))
                .build();
        return new ChromeDriver(service, options);
    }

    private static int pointsOf(WebDriver browser) {
        String points = chartAttribute(browser, "data-points");
        return points == null || points.isBlank() ? 0 : Integer.parseInt(points);
    }

    private static String chartAttribute(WebDriver browser, String name) {
        return browser.findElement(By.id("depth-chart")).getDomAttribute(name);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
