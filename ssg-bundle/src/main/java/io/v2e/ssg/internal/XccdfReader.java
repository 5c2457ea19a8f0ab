package io.v2e.ssg.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamException;

import io.v2e.ssg.api.Benchmark;
import io.v2e.ssg.api.Group;
import io.v2e.ssg.api.Profile;
import io.v2e.ssg.api.Tailoring;
import io.v2e.ssg.api.TestResult;
import io.v2e.ssg.api.Reference;
import io.v2e.ssg.api.Rule;
import io.v2e.ssg.api.Text;
import io.v2e.ssg.api.Value;
import io.v2e.ssg.api.XccdfItem;

/** Reads an XCCDF 1.1 or 1.2 {@code Benchmark} element (same element names in both). */
final class XccdfReader {

    private final ParseContext ctx;
    private final String ns;

    XccdfReader(ParseContext ctx, String namespace) {
        this.ctx = ctx;
        this.ns = namespace;
    }

    Benchmark readBenchmark() throws XMLStreamException {
        String version = ns.equals(Namespaces.XCCDF_1_1) ? "1.1" : "1.2";
        String id = ctx.attr("id");
        boolean resolved = ctx.booleanAttr("resolved", false);
        String style = ctx.attr("style");
        String lang = ctx.attr(Namespaces.XML, "lang");
        List<Benchmark.Status> statuses = new ArrayList<>();
        String title = null;
        Text description = null;
        String benchmarkVersion = "";
        List<String> platforms = new ArrayList<>();
        List<Reference> references = new ArrayList<>();
        List<Profile> profiles = new ArrayList<>();
        List<XccdfItem> items = new ArrayList<>();
        List<TestResult> testResults = new ArrayList<>(0);
        while (ctx.nextChild()) {
            if (!ctx.in(ns)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "status" -> {
                    String date = ctx.attr("date");
                    statuses.add(new Benchmark.Status(ctx.text(), date));
                }
                case "TestResult" -> testResults.add(readTestResult());
                case "title" -> title = first(title, ctx.text());
                case "description" -> description = first(description, ctx.richText());
                case "version" -> benchmarkVersion = ctx.text();
                case "platform" -> platforms.add(platformRef());
                case "reference" -> references.add(reference());
                case "Profile" -> profiles.add(readProfile());
                case "Group" -> items.add(readGroup());
                case "Rule" -> items.add(readRule());
                case "Value" -> items.add(readValue());
                default -> ctx.skip();
            }
        }
        return new Benchmark(version, id, resolved, style, lang, statuses, orEmpty(title), orEmpty(description),
                benchmarkVersion, platforms, references, profiles, items, testResults);
    }

    /** A {@code TestResult} (the cursor on it): its source, profile, target, times, rule results and scores. */
    TestResult readTestResult() throws XMLStreamException {
        String id = ctx.attr("id");
        String start = ctx.attr("start-time");
        String end = ctx.attr("end-time");
        String benchmarkHref = "";
        String benchmarkId = "";
        String profile = "";
        String target = null;
        List<String> platforms = new ArrayList<>(1);
        List<TestResult.RuleResult> ruleResults = new ArrayList<>();
        List<TestResult.Score> scores = new ArrayList<>(1);
        while (ctx.nextChild()) {
            if (!ctx.in(ns)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "benchmark" -> {
                    benchmarkHref = ctx.attr("href");
                    benchmarkId = ctx.attr("id");
                    ctx.skip();
                }
                case "profile" -> {
                    profile = ctx.attr("idref");
                    ctx.skip();
                }
                case "target" -> target = first(target, ctx.text());
                case "platform" -> platforms.add(platformRef());
                case "rule-result" -> ruleResults.add(readRuleResult());
                case "score" -> {
                    String system = ctx.attr("system");
                    String maximum = ctx.attr("maximum");
                    scores.add(new TestResult.Score(system, maximum, ctx.text()));
                }
                default -> ctx.skip();
            }
        }
        return new TestResult(id, benchmarkHref, benchmarkId, profile, start, end, target == null ? "" : target,
                platforms, ruleResults, scores);
    }

    private TestResult.RuleResult readRuleResult() throws XMLStreamException {
        String idref = ctx.attr("idref");
        String severity = ctx.sharedAttr("severity");
        String role = ctx.sharedAttr("role");
        String time = ctx.attr("time");
        String result = "";
        while (ctx.nextChild()) {
            if (ctx.in(ns) && ctx.localName().equals("result")) {
                result = ctx.shared(ctx.text());
            } else {
                ctx.skip();
            }
        }
        return new TestResult.RuleResult(idref, result, severity, role, time);
    }

    /**
     * A {@code Tailoring} root: its benchmark reference, status, version and profiles. XCCDF 1.2
     * has it in its own namespace; for XCCDF 1.1 OpenSCAP defines an extension namespace
     * ({@link Namespaces#XCCDF_1_1_TAILORING}: {@code Tailoring}, {@code benchmark}, {@code version})
     * holding XCCDF 1.1 {@code status} and {@code Profile} elements.
     *
     * @param tailoringNs the root's namespace
     */
    Tailoring readTailoring(String tailoringNs) throws XMLStreamException {
        String id = ctx.attr("id");
        String benchmarkHref = "";
        String benchmarkId = "";
        List<Benchmark.Status> statuses = new ArrayList<>();
        String version = "";
        List<Profile> profiles = new ArrayList<>();
        while (ctx.nextChild()) {
            if (!ctx.in(ns) && !ctx.in(tailoringNs)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "benchmark" -> {
                    benchmarkHref = ctx.attr("href");
                    benchmarkId = ctx.attr("id");
                    ctx.skip();
                }
                case "status" -> {
                    String date = ctx.attr("date");
                    statuses.add(new Benchmark.Status(ctx.text(), date));
                }
                case "version" -> version = ctx.text();
                case "Profile" -> profiles.add(readProfile());
                default -> ctx.skip();
            }
        }
        return new Tailoring(id, benchmarkHref, benchmarkId, statuses, version, profiles);
    }

    private Profile readProfile() throws XMLStreamException {
        ctx.profiles++;
        String id = ctx.attr("id");
        String extendsId = ctx.attr("extends");
        boolean isAbstract = ctx.booleanAttr("abstract", false);
        String title = null;
        Text description = null;
        List<Profile.Select> selects = new ArrayList<>();
        List<Profile.SetValue> setValues = new ArrayList<>();
        List<Profile.RefineValue> refineValues = new ArrayList<>();
        List<Profile.RefineRule> refineRules = new ArrayList<>();
        while (ctx.nextChild()) {
            if (!ctx.in(ns)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "title" -> title = first(title, ctx.text());
                case "description" -> description = first(description, ctx.richText());
                case "select" -> {
                    selects.add(new Profile.Select(ctx.attr("idref"), ctx.booleanAttr("selected", true)));
                    ctx.skip();
                }
                case "set-value" -> {
                    String idref = ctx.attr("idref");
                    setValues.add(new Profile.SetValue(idref, ctx.text()));
                }
                case "refine-value" -> {
                    refineValues.add(new Profile.RefineValue(ctx.attr("idref"), ctx.attr("selector"),
                            ctx.attr("operator")));
                    ctx.skip();
                }
                case "refine-rule" -> {
                    refineRules.add(new Profile.RefineRule(ctx.attr("idref"), ctx.attr("weight"),
                            ctx.attr("selector"), ctx.attr("severity"), ctx.attr("role")));
                    ctx.skip();
                }
                default -> ctx.skip();
            }
        }
        return new Profile(id, orEmpty(title), orEmpty(description), extendsId, isAbstract, selects, setValues,
                refineValues, refineRules);
    }

    private Group readGroup() throws XMLStreamException {
        ctx.groups++;
        String id = ctx.attr("id");
        boolean selected = ctx.booleanAttr("selected", true);
        String title = null;
        Text description = null;
        List<String> platforms = new ArrayList<>();
        List<XccdfItem> items = new ArrayList<>();
        while (ctx.nextChild()) {
            if (!ctx.in(ns)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "title" -> title = first(title, ctx.text());
                case "description" -> description = first(description, ctx.richText());
                case "platform" -> platforms.add(platformRef());
                case "Group" -> items.add(readGroup());
                case "Rule" -> items.add(readRule());
                case "Value" -> items.add(readValue());
                default -> ctx.skip();
            }
        }
        return new Group(id, orEmpty(title), orEmpty(description), selected, platforms, items);
    }

    private Rule readRule() throws XMLStreamException {
        ctx.rules++;
        String id = ctx.attr("id");
        boolean selected = ctx.booleanAttr("selected", true);
        String severity = ctx.sharedAttr("severity");
        String weightText = ctx.attr("weight");
        String role = ctx.sharedAttr("role");
        String title = null;
        Text description = null;
        Text rationale = null;
        String version = "";
        List<Rule.Ident> idents = new ArrayList<>();
        List<Reference> references = new ArrayList<>();
        List<Rule.Check> checks = new ArrayList<>();
        List<Rule.Fix> fixes = new ArrayList<>();
        List<String> platforms = new ArrayList<>();
        List<Text> warnings = new ArrayList<>();
        while (ctx.nextChild()) {
            if (!ctx.in(ns)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "title" -> title = first(title, ctx.text());
                case "description" -> description = first(description, ctx.richText());
                case "rationale" -> rationale = first(rationale, ctx.richText());
                case "warning" -> warnings.add(ctx.richText());
                case "version" -> version = ctx.text();
                case "platform" -> platforms.add(platformRef());
                case "ident" -> {
                    String system = ctx.sharedAttr("system");
                    idents.add(new Rule.Ident(system, ctx.text()));
                }
                case "reference" -> references.add(reference());
                case "check" -> checks.add(readCheck());
                // attributes are read before richText() moves on (arguments evaluate left to right)
                case "fix" -> fixes.add(new Rule.Fix(ctx.attr("id"), ctx.sharedAttr("system"),
                        ctx.sharedAttr("platform"), ctx.sharedAttr("complexity"), ctx.sharedAttr("disruption"),
                        ctx.sharedAttr("reboot"), ctx.sharedAttr("strategy"), ctx.richText()));
                default -> ctx.skip();
            }
        }
        double weight = weightText.isEmpty() ? 1.0 : Double.parseDouble(weightText.trim());
        return new Rule(id, orEmpty(title), orEmpty(description), orEmpty(rationale),
                severity.isEmpty() ? "unknown" : severity, weight, selected, role.isEmpty() ? "full" : role,
                version, idents, references, checks, fixes, platforms, warnings);
    }

    private Rule.Check readCheck() throws XMLStreamException {
        String system = ctx.sharedAttr("system");
        String selector = ctx.attr("selector");
        List<Rule.ContentRef> refs = new ArrayList<>(1);
        List<Rule.Export> exports = new ArrayList<>(0);
        while (ctx.nextChild()) {
            if (ctx.in(ns) && ctx.localName().equals("check-content-ref")) {
                refs.add(new Rule.ContentRef(ctx.sharedAttr("href"), ctx.attr("name")));
            } else if (ctx.in(ns) && ctx.localName().equals("check-export")) {
                exports.add(new Rule.Export(ctx.attr("value-id"), ctx.attr("export-name")));
            }
            ctx.skip();
        }
        return new Rule.Check(system, selector, refs, exports);
    }

    private Value readValue() throws XMLStreamException {
        ctx.values++;
        String id = ctx.attr("id");
        String type = ctx.sharedAttr("type");
        String operator = ctx.sharedAttr("operator");
        boolean interactive = ctx.booleanAttr("interactive", false);
        String title = null;
        Text description = null;
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, String> lower = new LinkedHashMap<>();
        Map<String, String> upper = new LinkedHashMap<>();
        Map<String, List<String>> choices = new LinkedHashMap<>();
        while (ctx.nextChild()) {
            if (!ctx.in(ns)) {
                ctx.skip();
                continue;
            }
            switch (ctx.localName()) {
                case "title" -> title = first(title, ctx.text());
                case "description" -> description = first(description, ctx.richText());
                case "value" -> putFirst(values, ctx.attr("selector"), ctx.text());
                case "default" -> putFirst(defaults, ctx.attr("selector"), ctx.text());
                case "lower-bound" -> putFirst(lower, ctx.attr("selector"), ctx.text());
                case "upper-bound" -> putFirst(upper, ctx.attr("selector"), ctx.text());
                case "choices" -> choices.putIfAbsent(ctx.attr("selector"), readChoices());
                default -> ctx.skip();
            }
        }
        return new Value(id, type.isEmpty() ? "string" : type, operator.isEmpty() ? "equals" : operator,
                interactive, orEmpty(title), orEmpty(description), values, defaults, lower, upper, choices);
    }

    private List<String> readChoices() throws XMLStreamException {
        List<String> choices = new ArrayList<>();
        while (ctx.nextChild()) {
            if (ctx.in(ns) && ctx.localName().equals("choice")) {
                choices.add(ctx.text());
            } else {
                ctx.skip();
            }
        }
        return choices;
    }

    /** XCCDF 1.2 and 1.1 both use {@code platform idref}. */
    private String platformRef() throws XMLStreamException {
        String idref = ctx.sharedAttr("idref");
        ctx.skip();
        return idref;
    }

    private Reference reference() throws XMLStreamException {
        String href = ctx.sharedAttr("href");
        return new Reference(href, ctx.text());
    }

    /** The first occurrence wins (multiple titles/descriptions differ by xml:lang). */
    private static <T> T first(T current, T candidate) {
        return current != null ? current : candidate;
    }

    private static void putFirst(Map<String, String> map, String selector, String value) {
        map.putIfAbsent(selector, value);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Text orEmpty(Text t) {
        return t == null ? Text.EMPTY : t;
    }
}
