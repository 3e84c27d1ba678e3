package com.kvscamera.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A PNG of the run with the JDK alone (java.awt headless + ImageIO): one row per figure, agent and baseline bars
 * side by side, each row scaled to its larger value so that figures of different units share one picture.
 */
final class Chart {
    record Row(String label, String key, String unit) {}

    static final List<Row> ROWS = List.of(
            new Row("trickle answer p50", "trickle_answer_ms_p50", "ms"),
            new Row("Alexa answer p50", "alexa_answer_ms_p50", "ms"),
            new Row("Alexa answer p50, TURN unreachable", "alexa_answer_ms_turn_unreachable_p50", "ms"),
            new Row("first frame p50", "first_frame_ms_p50", "ms"),
            new Row("start-up to connected", "startup_to_connected_ms", "ms"),
            new Row("CPU, 1 viewer", "cpu_pct_1_viewer", "% core"),
            new Row("CPU, 3 viewers", "cpu_pct_3_viewers", "% core"),
            new Row("CPU, 10 viewers", "cpu_pct_10_viewers", "% core"),
            new Row("RSS idle", "rss_mib_idle", "MiB"),
            new Row("RSS, 3 viewers", "rss_mib_3_viewers", "MiB"),
            new Row("RSS growth after cycles", "rss_mib_growth_after_cycles", "MiB"));

    static final Color AGENT = new Color(0x1f, 0x77, 0xb4);
    static final Color BASELINE = new Color(0xff, 0x7f, 0x0e);

    private Chart() {}

    static void write(Path png, Map<String, Double> agent, Map<String, Double> baseline, String subtitle) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 1100;
        int rowH = 46;
        int top = 80;
        int left = 300;
        int barMax = w - left - 140;
        int h = top + ROWS.size() * rowH + 30;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString("kvs-camera-agent vs libwebrtc baseline (webrtc-java 0.14.0, OpenH264), 1280x720@30", 20, 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(subtitle, 20, 48);
            legend(g, w - 330, 62);
            for (int i = 0; i < ROWS.size(); i++) {
                Row r = ROWS.get(i);
                int y = top + i * rowH;
                Double a = agent.get(r.key());
                Double b = baseline.get(r.key());
                double max = Math.max(val(a), val(b));
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
                g.drawString(r.label() + " (" + r.unit() + ")", 20, y + 24);
                bar(g, left, y + 4, barMax, max, a, AGENT);
                bar(g, left, y + 22, barMax, max, b, BASELINE);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", png.toFile());
    }

    private static double val(Double v) {
        return v == null || v.isNaN() ? 0 : Math.max(0, v);
    }

    private static void bar(Graphics2D g, int x, int y, int barMax, double max, Double v, Color c) {
        int len = max <= 0 ? 0 : (int) Math.round(val(v) / max * barMax);
        g.setColor(c);
        g.fillRect(x, y, Math.max(len, 1), 16);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(Scenario.fmt(v), x + Math.max(len, 1) + 6, y + 13);
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(AGENT);
        g.fillRect(x, y - 10, 14, 12);
        g.setColor(Color.BLACK);
        g.drawString("agent (passthrough)", x + 20, y);
        g.setColor(BASELINE);
        g.fillRect(x + 170, y - 10, 14, 12);
        g.setColor(Color.BLACK);
        g.drawString("baseline (libwebrtc)", x + 190, y);
    }

    /** chart path next to the JSON: results.json → results.png */
    static Path nextTo(Path json) {
        String name = json.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(base + ".png");
    }
}
