package com.kvscamera.agent.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The demo, watched the way most people will first watch it: Debian's Chromium (headless) opens the viewer page,
 * which joins the channel through the emulator, and the video element must really play the agent's stream
 * (Chrome's DTLS ClientHello, its mDNS host candidates and its H.264 decoder against the agent's own stack).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DemoInBrowserTest {
    private static final int STREAM_WIDTH = 1280; // the demo's live ffmpeg test pattern is 1280x720
    private static DemoSystem demo;
    private ChromeDriver browser;
    private Path profile;

    @BeforeAll
    static void startDemo() throws Exception {
        Path emulatorJar = Path.of("..", "emulator", "target", "kvs-emulator.jar");
        demo = DemoSystem.start(new DemoSystem.Options(0, Optional.of(emulatorJar), Optional.of(true), Optional.of(true)));
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) demo.close();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // Flags that keep Chromium off the network: this machine reaches nothing but loopback.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--disable-default-apps", "--mute-audio", "--window-size=1280,1000",
                "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.get(demo.url().toString());
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) browser.quit();
    }

    @Test
    void trickleViewerPlaysTheLiveStream() throws Exception {
        js("window.demo.connectTrickle()");
        assertPlays("trickle");
        screenshot("demo-trickle.png");
    }

    @Test
    void echoShowStyleViewerPlaysThroughSendAlexaOfferToMaster() throws Exception {
        js("window.demo.connectAlexa()");
        assertPlays("alexa");
    }

    @Test
    void relayOnlyViewerPlaysThroughCoturn() throws Exception {
        js("document.getElementById('relayOnly').checked = true; window.demo.connectTrickle()");
        assertPlays("trickle");
        String pair = (String) js("return document.getElementById('pair').textContent");
        assertTrue(pair.contains("relay"), "relay-only must use a relayed candidate pair, page shows: " + pair);
    }

    private void assertPlays(String mode) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long width = 0;
        while (System.nanoTime() < deadline) {
            width = ((Number) js("return document.getElementById('video').videoWidth")).longValue();
            if (width > 0) break;
            failOnPageErrors();
            TimeUnit.MILLISECONDS.sleep(200); // real browser, real network: poll with a deadline
        }
        assertEquals(STREAM_WIDTH, width, "video width in " + mode + " mode; page log: " + pageLog());
        long before = frames();
        TimeUnit.SECONDS.sleep(3);
        long after = frames();
        assertTrue(after > before + 30, "frames must keep increasing (" + before + " -> " + after + ")");
        assertEquals(mode, js("return window.demo.mode"));
        Object ttff = js("return window.demo.timeToFirstFrameMs");
        System.out.println("demo " + mode + ": time to first frame " + ttff + " ms, frames " + after);
    }

    private long frames() {
        return ((Number) js("return document.getElementById('video').getVideoPlaybackQuality().totalVideoFrames"))
                .longValue();
    }

    private void failOnPageErrors() {
        @SuppressWarnings("unchecked")
        List<Object> errors = (List<Object>) js("return window.demo.errors");
        if (!errors.isEmpty()) fail("the page reported: " + errors + "; log: " + pageLog());
    }

    private String pageLog() {
        return String.valueOf(js("return document.getElementById('log').textContent"));
    }

    private void screenshot(String name) throws Exception {
        Path out = Path.of("target", name);
        Files.createDirectories(out.getParent());
        Files.write(out, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

}
