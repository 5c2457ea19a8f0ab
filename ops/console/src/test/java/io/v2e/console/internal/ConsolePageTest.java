package io.v2e.console.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.v2e.broker.api.Latency;
import io.v2e.broker.api.rpc.RpcJson;
import io.v2e.broker.api.rpc.WorkersReport;

class ConsolePageTest {

    private static final String ROOT = "/system/console/v2e";

    @Test
    void workerRowsShowEachWorkersTuningFromRpcGetWorkers() {
        String html = ConsolePage.render(SnapshotReaderTest.reader(SnapshotReaderTest.answering(Fixtures.TRANSPORT), 2)
                .take(1000, null), ConsoleSettings.DEFAULTS, ROOT);

        assertContains(html, "<tr class=\"v2e-worker\" data-tid=\"4391\" data-cpu=\"0\"><td>v2e-broker-worker-0</td>"
                + "<td>4391</td><td>0</td><td class=\"v2e-cpu-now\">0</td><td>0</td><td>-5</td><td>other</td>"
                + "<td>APPLIED</td><td>APPLIED</td><td>DENIED(errno EPERM)</td><td>APPLIED</td><td>17</td><td>yes</td></tr>");
        assertContains(html, "<tr class=\"v2e-worker\" data-tid=\"4392\" data-cpu=\"1\"><td>v2e-broker-worker-1</td>"
                + "<td>4392</td><td>1</td><td class=\"v2e-cpu-now\">1</td><td>1</td><td>-5</td><td>fifo/10</td>"
                + "<td>APPLIED</td><td>APPLIED</td><td>APPLIED</td><td>APPLIED</td><td>3</td><td>no</td></tr>");
        assertContains(html, "tuning provider <b>jnr</b>, idle strategy wake, scheduling other, configured nice -5</p>");
        assertContains(html, "container readiness unknown (no readiness service)");
    }

    @Test
    void cpuMapHasARowPerCpuWithTheThreadsThatRanThere() {
        String html = ConsolePage.render(SnapshotReaderTest.reader(SnapshotReaderTest.answering(Fixtures.TRANSPORT), 2)
                .take(1000, null), ConsoleSettings.DEFAULTS, ROOT);

        assertContains(html, "<tr data-cpu=\"0\"><td>0</td><td><span class=\"v2e-thread v2e-worker\" data-tid=\"4391\">"
                + "v2e-broker-worker-0 (4391)</span> </td></tr>");
        assertContains(html, "<tr data-cpu=\"5\"><td>5</td><td><span class=\"v2e-thread v2e-io\" data-tid=\"4400\">"
                + "v2e-transport-io-0 (4400)</span> </td></tr>");
        for (int cpu : List.of(1, 2, 3, 4)) {
            assertContains(html, "<tr data-cpu=\"" + cpu + "\"><td>" + cpu + "</td><td></td></tr>");
        }
        assertFalse(html.contains("data-tid=\"4392\">v2e-broker-worker-1"), "a thread that is gone has no CPU");
    }

    @Test
    void settingsAndUrlsGoIntoThePagesDataAttributes() {
        String html = ConsolePage.render(SnapshotReaderTest.reader(SnapshotReaderTest.answering(Fixtures.TRANSPORT), 1)
                .take(1000, null), new ConsoleSettings(500, 60, 1000), ROOT);

        assertTrue(html.startsWith("<div id=\"v2e-console\" data-data-url=\"/system/console/v2e/data.json\" "
                + "data-refresh-ms=\"500\" data-plot-points=\"60\">"), html);
        assertContains(html, "<script src=\"/system/console/v2e/res/v2e-console.js\"></script>");
        assertContains(html, "<td>12.3</td><td>3.0</td><td>56.8</td></tr>");
    }

    @Test
    void hostileNamesFromTheBrokerComeOutEncoded() {
        String script = "<script>alert(1)</script>";
        String quote = "x\" onmouseover=\"alert(2)";
        WorkersReport base = RpcJson.read(Fixtures.WORKERS, WorkersReport.class);
        WorkersReport.WorkerState w = base.workers().get(0);
        WorkersReport workers = new WorkersReport("<svg onload=alert(3)>", false, base.config(),
                List.of(new WorkersReport.WorkerState(0, script, w.tid(), 0, true, "jnr", 0, w.outcomes(), null, w.proc())));
        Snapshot s = new Snapshot(0, false, List.of("endpoint <i>ssg</i>"), workers, null, "<b>refused</b>", List.of(0),
                List.of(new Snapshot.Placement("<img src=x onerror=alert(4)>", "io\"><script>", 77, 0)),
                List.of(row(script), row(quote)), 5_000, Latency.NONE, Latency.NONE);

        String html = ConsolePage.render(s, ConsoleSettings.DEFAULTS, ROOT + "\"><script>alert(5)</script>");

        for (String raw : List.of("<script>alert", "<svg onload", "<img", "<b>refused", "<i>ssg", "\" onmouseover")) {
            assertFalse(html.contains(raw), () -> "raw " + raw + " in " + html);
        }
        assertContains(html, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>");
        assertContains(html, "<tr class=\"v2e-endpoint\" data-name=\"x&#34; onmouseover=&#34;alert(2)\">");
        assertContains(html, "<b>&lt;svg onload=alert(3)&gt;</b>");
        assertContains(html, "&lt;img src=x onerror=alert(4)&gt; (77)");
        assertContains(html, "class=\"v2e-thread v2e-io&#34;>&lt;script>\"");
        assertContains(html, "<span id=\"v2e-transport-error\">&lt;b&gt;refused&lt;/b&gt;</span>");
        assertContains(html, "not ready, waiting for: endpoint &lt;i&gt;ssg&lt;/i&gt;");
        assertContains(html, "data-data-url=\"/system/console/v2e&#34;>&lt;script>alert(5)&lt;/script>/data.json\"");
        // exactly the page's own script tag is left
        assertTrue(html.indexOf("<script") == html.lastIndexOf("<script"), html);
    }

    private static Snapshot.EndpointRow row(String name) {
        return new Snapshot.EndpointRow(name, "external", 0, 0, 1, 1, 0, 0, Latency.NONE, Latency.NONE);
    }

    private static void assertContains(String html, String part) {
        assertTrue(html.contains(part), () -> "no\n  " + part + "\nin\n" + html);
    }
}
