package io.v2e.ssg.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.DataStreamCollection;
import io.v2e.ssg.api.OvalDefinitions;
import io.v2e.ssg.api.OvalDirectives;
import io.v2e.ssg.api.OvalResults;
import io.v2e.ssg.api.OvalSystemCharacteristics;
import io.v2e.ssg.api.OvalVariables;
import io.v2e.ssg.api.TestResult;
import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.ParseStatistics;
import io.v2e.ssg.api.ResolvedProfile;
import io.v2e.ssg.api.ScapDocument;
import io.v2e.ssg.api.Tailoring;

/**
 * What {@code ssg:info --json} prints: the facts of the text output, camelCase member names (as
 * since the command's first version; scripts read them). A member that does not apply to the
 * document type is absent.
 */
final class InfoJson {

    private InfoJson() {
    }

    /**
     * {@code ssg:info FILE --json}. A data stream has {@code streams}; an XCCDF benchmark has
     * {@code checklistVersion} and the benchmark's members; OVAL has {@code ovalVersion} and {@code generated}; a
     * tailoring file has {@code tailoring}.
     */
    record Info(String file, String documentType, @JsonInclude(JsonInclude.Include.NON_NULL) List<Stream> streams,
            @JsonInclude(JsonInclude.Include.NON_NULL) String checklistVersion,
            @JsonUnwrapped BenchmarkInfo benchmark,
            @JsonInclude(JsonInclude.Include.NON_NULL) String ovalVersion,
            @JsonInclude(JsonInclude.Include.NON_NULL) String generated,
            @JsonInclude(JsonInclude.Include.NON_NULL) TailoringInfo tailoring,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TestResultInfo> testResults,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Map<String, Integer>> ovalDefinitionResults,
            Counts counts, Parse parse) {

        private Info(String file, String documentType, List<Stream> streams, String checklistVersion,
                BenchmarkInfo benchmark, String ovalVersion, String generated, TailoringInfo tailoring, Counts counts,
                Parse parse, ScapDocument doc) {
            this(file, documentType, streams, checklistVersion, benchmark, ovalVersion, generated, tailoring,
                    ScanResults.testResults(doc).stream().map(TestResultInfo::of).toList(),
                    ScanResults.ovalResults(doc).stream().map(OvalResults::resultCounts).toList(), counts, parse);
        }

        static Info of(ParseResult result) {
            ScapDocument doc = result.document();
            String file = result.file().toString();
            Counts counts = Counts.of(result.statistics());
            Parse parse = Parse.of(result.statistics());
            String[] generator = ovalGenerator(doc);
            if (generator != null) {
                return new Info(file, doc.documentType(), null, null, null, generator[0], generator[1], null, counts,
                        parse, doc);
            }
            if (doc instanceof DataStreamCollection ds) {
                return new Info(file, doc.documentType(), ds.dataStreams().stream().map(s -> Stream.of(ds, s)).toList(),
                        null, null, null, null, null, counts, parse, doc);
            }
            if (doc instanceof Benchmark b) {
                return new Info(file, doc.documentType(), null, b.xccdfVersion(), BenchmarkInfo.of(b), null, null, null,
                        counts, parse, doc);
            }
            if (doc instanceof OvalDefinitions oval) {
                return new Info(file, doc.documentType(), null, null, null, oval.schemaVersion(), oval.timestamp(), null,
                        counts, parse, doc);
            }
            if (doc instanceof Tailoring t) {
                return new Info(file, doc.documentType(), null, null, null, null, null, TailoringInfo.of(t), counts,
                        parse, doc);
            }
            return new Info(file, doc.documentType(), null, null, null, null, null, null, counts, parse, doc);
        }

        /** schema version and timestamp of the OVAL documents a scan produces, else null. */
        private static String[] ovalGenerator(ScapDocument doc) {
            if (doc instanceof OvalResults r) {
                return new String[] {r.schemaVersion(), r.timestamp()};
            }
            if (doc instanceof OvalSystemCharacteristics sc) {
                return new String[] {sc.schemaVersion(), sc.timestamp()};
            }
            if (doc instanceof OvalVariables v) {
                return new String[] {v.schemaVersion(), v.timestamp()};
            }
            if (doc instanceof OvalDirectives d) {
                return new String[] {d.schemaVersion(), d.timestamp()};
            }
            return null;
        }
    }

    /** A TestResult as ssg:info --json shows it: source, profile, times, target, CPEs and the count per result value. */
    record TestResultInfo(String id, String benchmarkHref, String profileId, String startTime, String endTime, String target,
            List<String> platforms, Map<String, Integer> resultCounts) {

        static TestResultInfo of(TestResult tr) {
            return new TestResultInfo(tr.id(), tr.benchmarkHref(), tr.profileId(), tr.startTime(), tr.endTime(), tr.target(),
                    tr.platforms(), tr.resultCounts());
        }
    }

    /** One data stream; {@code checks} and {@code dictionaries} are component ref ids. */
    record Stream(String id, String version, String timestamp, List<Checklist> checklists, List<String> checks,
            List<String> dictionaries) {

        static Stream of(DataStreamCollection ds, DataStreamCollection.DataStream s) {
            return new Stream(s.id(), s.scapVersion(), s.timestamp(),
                    s.checklists().stream().map(ref -> Checklist.of(ds, ref)).toList(),
                    s.checks().stream().map(DataStreamCollection.ComponentRef::id).toList(),
                    s.dictionaries().stream().map(DataStreamCollection.ComponentRef::id).toList());
        }
    }

    /** A checklist reference and, when it points at a benchmark, the benchmark's members. */
    /** A checklist ref: a benchmark's members unwrapped, or a tailoring component as {@code tailoring}. */
    record Checklist(String refId, @JsonUnwrapped BenchmarkInfo benchmark,
            @JsonInclude(JsonInclude.Include.NON_NULL) TailoringInfo tailoring) {

        static Checklist of(DataStreamCollection ds, DataStreamCollection.ComponentRef ref) {
            Optional<ScapDocument> content = ds.component(ref).map(DataStreamCollection.Component::content);
            Optional<Benchmark> b = content.filter(Benchmark.class::isInstance).map(Benchmark.class::cast);
            Optional<Tailoring> t = content.filter(Tailoring.class::isInstance).map(Tailoring.class::cast);
            return new Checklist(ref.id(), b.map(BenchmarkInfo::of).orElse(null), t.map(TailoringInfo::of).orElse(null));
        }
    }

    /** {@code status} and {@code generated} are the current status and its date, empty without one. */
    record BenchmarkInfo(String benchmarkId, String status, String generated, boolean resolved, List<ProfileInfo> profiles,
            List<CheckFile> referencedCheckFiles) {

        static BenchmarkInfo of(Benchmark b) {
            Optional<Benchmark.Status> status = b.currentStatus();
            return new BenchmarkInfo(b.id(), status.map(Benchmark.Status::status).orElse(""),
                    status.map(Benchmark.Status::date).orElse(""), b.resolved(),
                    b.profiles().stream().map(p -> new ProfileInfo(p.id(), p.title(), p.abstractProfile())).toList(),
                    OscapStyleInfo.referencedCheckFiles(b).entrySet().stream()
                            .map(e -> new CheckFile(e.getKey(), e.getValue())).toList());
        }
    }

    record ProfileInfo(String id, String title, @JsonProperty("abstract") boolean abstractProfile) {
    }

    /** A tailoring file: its id, the benchmark it refers to (href and id, empty without) and its profiles. */
    record TailoringInfo(String id, String benchmarkHref, String benchmarkId, List<ProfileInfo> profiles) {

        static TailoringInfo of(Tailoring t) {
            return new TailoringInfo(t.id(), t.benchmarkHref(), t.benchmarkId(),
                    t.profiles().stream().map(p -> new ProfileInfo(p.id(), p.title(), p.abstractProfile())).toList());
        }
    }

    /** A check-content-ref href and its check system, each href once. */
    record CheckFile(String href, String system) {
    }

    record Counts(int rules, int groups, int values, int profiles, int ovalDefinitions, int ocilQuestionnaires,
            int cpeItems, long elements) {

        static Counts of(ParseStatistics s) {
            return new Counts(s.rules(), s.groups(), s.values(), s.profiles(), s.ovalDefinitions(), s.ocilQuestionnaires(),
                    s.cpeItems(), s.elements());
        }
    }

    /** The parse itself: size, time, provider and every kernel hint with its outcome. */
    record Parse(long bytes, long elapsedNanos, double megabytesPerSecond, String tuningProvider, List<Advice> advice) {

        static Parse of(ParseStatistics s) {
            return new Parse(s.bytes(), s.elapsedNanos(), s.megabytesPerSecond(), s.tuningProvider(),
                    s.advice().stream().map(Advice::of).toList());
        }
    }

    /** {@code outcome}: APPLIED, UNSUPPORTED or DENIED; {@code errno} and {@code detail} empty when applied. */
    record Advice(String hint, int calls, String outcome, String errno, String detail) {

        static Advice of(ParseStatistics.Advice a) {
            return new Advice(a.hint(), a.calls(), a.outcome().status().name(), a.outcome().errno(), a.outcome().detail());
        }
    }

    /** {@code ssg:info FILE --profile ID --json}: the resolved profile. */
    record ProfileJson(String file, String profile, String title, @JsonProperty("extends") List<String> extendsChain,
            int selectedRuleCount, List<ProfileRule> selectedRules, Map<String, String> values) {

        static ProfileJson of(Path file, ResolvedProfile r) {
            List<String> chain = r.extendsChain();
            return new ProfileJson(file.toString(), r.profileId(), r.title(),
                    chain.subList(Math.min(1, chain.size()), chain.size()), r.selectedRules().size(),
                    r.selectedRules().stream().map(rule -> new ProfileRule(rule.id(), rule.title(), rule.severity())).toList(),
                    r.values());
        }
    }

    record ProfileRule(String id, String title, String severity) {
    }
}
