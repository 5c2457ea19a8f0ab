package io.v2e.ssg.internal;

import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.DataStreamCollection;
import io.v2e.ssg.api.DataStreamCollection.ComponentRef;
import io.v2e.ssg.api.OvalDefinitions;
import io.v2e.ssg.api.OvalDirectives;
import io.v2e.ssg.api.OvalResults;
import io.v2e.ssg.api.OvalSystemCharacteristics;
import io.v2e.ssg.api.OvalVariables;
import io.v2e.ssg.api.ResultDataStream;
import io.v2e.ssg.api.TestResult;
import io.v2e.ssg.api.Profile;
import io.v2e.ssg.api.Rule;
import io.v2e.ssg.api.ScapDocument;
import io.v2e.ssg.api.Tailoring;

/**
 * Renders a parsed document the way {@code oscap info} (OpenSCAP 1.3) prints it, line for line, so
 * the two can be compared; "Imported" is the file's modification time in local time, as in oscap.
 */
final class OscapStyleInfo {

    private static final DateTimeFormatter IMPORTED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final StringBuilder out = new StringBuilder(1024);
    private final String imported;

    private OscapStyleInfo(FileTime modified) {
        this.imported = IMPORTED.format(LocalDateTime.ofInstant(modified.toInstant(), ZoneId.systemDefault()));
    }

    static String render(ScapDocument document, FileTime modified) {
        OscapStyleInfo info = new OscapStyleInfo(modified);
        info.document(document);
        return info.out.toString();
    }

    private void document(ScapDocument document) {
        line(0, "Document type: " + document.documentType());
        if (document instanceof DataStreamCollection ds) {
            dataStreams(ds);
        } else if (document instanceof Benchmark b) {
            line(0, "Checklist version: " + b.xccdfVersion());
            line(0, "Imported: " + imported);
            benchmark(b, 0);
        } else if (document instanceof OvalDefinitions oval) {
            line(0, "OVAL version: " + oval.schemaVersion());
            line(0, "Generated: " + oval.timestamp());
            line(0, "Imported: " + imported);
        } else if (document instanceof Tailoring t) {
            line(0, "Imported: " + imported);
            tailoring(t, 0);
        } else if (document instanceof io.v2e.ssg.api.CpeDictionary || document instanceof io.v2e.ssg.api.CpeLanguage) {
            line(0, "Imported: " + imported);
        } else if (document instanceof ResultDataStream arf) {
            resultDataStream(arf);
        } else if (document instanceof OvalResults r) {
            ovalGenerated(r.schemaVersion(), r.timestamp());
        } else if (document instanceof OvalSystemCharacteristics sc) {
            ovalGenerated(sc.schemaVersion(), sc.timestamp());
        } else if (document instanceof OvalVariables v) {
            // oscap 1.3.7 prints its own OVAL version (5.11.1) and the current time here, not the
            // file's generator; we print the file's (a deliberate difference, see the README)
            ovalGenerated(v.schemaVersion(), v.timestamp());
        } else if (document instanceof OvalDirectives d) {
            ovalGenerated(d.schemaVersion(), d.timestamp());
        }
    }

    private void ovalGenerated(String schemaVersion, String timestamp) {
        line(0, "OVAL version: " + schemaVersion);
        line(0, "Generated: " + timestamp);
        line(0, "Imported: " + imported);
    }

    /** Per asset, the reports about it; a report with a TestResult shows it as a results document does. */
    private void resultDataStream(ResultDataStream arf) {
        line(0, "Imported: " + imported);
        out.append('\n');
        for (String asset : arf.assets()) {
            line(0, "Asset: " + asset);
            for (ResultDataStream.Report report : arf.reportsAbout(asset)) {
                line(1, "ARF report: " + report.id());
                line(2, "Report request: " + arf.requestOf(report.id()).orElse("(null)"));
                report.testResult().ifPresent(tr -> testResult(tr, 2));
            }
        }
    }

    private void testResult(TestResult tr, int indent) {
        line(indent, "Result ID: " + orNull(tr.id()));
        line(indent, "Source benchmark: " + orNull(tr.benchmarkHref()));
        line(indent, "Source profile: " + orNull(tr.profileId()));
        line(indent, "Evaluation started: " + orNull(tr.startTime()));
        line(indent, "Evaluation finished: " + orNull(tr.endTime()));
        line(indent, "Platform CPEs:");
        if (tr.platforms().isEmpty()) {
            line(indent + 1, "(none)");
        }
        tr.platforms().forEach(p -> line(indent + 1, p));
    }

    private void dataStreams(DataStreamCollection ds) {
        line(0, "Imported: " + imported);
        for (DataStreamCollection.DataStream stream : ds.dataStreams()) {
            out.append('\n');
            line(0, "Stream: " + stream.id());
            line(0, "Generated: " + (stream.timestamp().isEmpty() ? "(null)" : stream.timestamp()));
            line(0, "Version: " + stream.scapVersion());
            line(0, "Checklists:");
            for (ComponentRef ref : stream.checklists()) {
                line(1, "Ref-Id: " + ref.id());
                ScapDocument content = ds.component(ref).map(DataStreamCollection.Component::content).orElse(null);
                if (content instanceof Benchmark b) {
                    benchmark(b, 2);
                } else if (content instanceof Tailoring t) {
                    tailoring(t, 2);
                }
            }
            line(0, "Checks:");
            stream.checks().forEach(ref -> line(1, "Ref-Id: " + ref.id()));
            line(0, "Dictionaries:");
            stream.dictionaries().forEach(ref -> line(1, "Ref-Id: " + ref.id()));
        }
    }

    private void benchmark(Benchmark b, int indent) {
        b.currentStatus().ifPresent(s -> {
            line(indent, "Status: " + s.status());
            if (!s.date().isEmpty()) { // oscap leaves the line out for a status without date
                line(indent, "Generated: " + s.date());
            }
        });
        line(indent, "Resolved: " + b.resolved());
        line(indent, "Profiles:");
        for (Profile p : b.profiles()) {
            line(indent + 1, "Title: " + p.title());
            line(indent + 2, "Id: " + p.id() + (p.abstractProfile() ? " (abstract)" : ""));
        }
        line(indent, "Referenced check files:");
        referencedCheckFiles(b).forEach((href, system) -> {
            line(indent + 1, href);
            line(indent + 2, "system: " + system);
        });
        if (!b.testResults().isEmpty()) {
            line(indent, "Test Results:");
            b.testResults().forEach(tr -> testResult(tr, indent + 1));
        }
    }

    private void tailoring(Tailoring t, int indent) {
        line(indent, "Benchmark Hint: " + orNull(t.benchmarkHref()));
        line(indent, "Profiles:");
        for (Profile p : t.profiles()) {
            line(indent + 1, "Title: " + orNull(p.title()));
            line(indent + 2, "Id: " + p.id() + (p.abstractProfile() ? " (abstract)" : ""));
        }
    }

    /** Each check-content-ref href once, in order of first appearance, with its check system. */
    static Map<String, String> referencedCheckFiles(Benchmark b) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Rule r : b.allRules()) {
            for (Rule.Check c : r.checks()) {
                for (Rule.ContentRef ref : c.contentRefs()) {
                    files.putIfAbsent(ref.href(), c.system());
                }
            }
        }
        return files;
    }

    /** oscap prints a missing string as C's printf does with NULL. */
    private static String orNull(String s) {
        return s.isEmpty() ? "(null)" : s;
    }

    private void line(int indent, String text) {
        for (int i = 0; i < indent; i++) {
            out.append('\t');
        }
        out.append(text).append('\n');
    }
}
