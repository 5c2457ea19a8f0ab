package io.v2e.ssg.api;

import java.util.List;

/**
 * An XCCDF {@code Rule}.
 *
 * @param id          rule id
 * @param title       first title
 * @param description first description
 * @param rationale   first rationale
 * @param severity    {@code severity} ({@code unknown} when absent, the XCCDF default)
 * @param weight      {@code weight} (1.0 when absent)
 * @param selected    {@code selected} (true when absent)
 * @param role        {@code role} ({@code full} when absent)
 * @param version     version element text, empty when absent
 * @param idents      idents
 * @param references  references
 * @param checks      checks
 * @param fixes       fixes
 * @param platforms   platform idrefs
 * @param warnings    warnings
 */
public record Rule(String id, String title, Text description, Text rationale, String severity, double weight,
        boolean selected, String role, String version, List<Ident> idents, List<Reference> references,
        List<Check> checks, List<Fix> fixes, List<String> platforms, List<Text> warnings) implements XccdfItem {

    public Rule {
        idents = List.copyOf(idents);
        references = List.copyOf(references);
        checks = List.copyOf(checks);
        fixes = List.copyOf(fixes);
        platforms = List.copyOf(platforms);
        warnings = List.copyOf(warnings);
    }

    /** An {@code ident}: its {@code system} and text. */
    public record Ident(String system, String value) {
    }

    /**
     * A {@code check}.
     *
     * @param system      {@code system}, e.g. the OVAL namespace
     * @param selector    {@code selector}, empty when absent
     * @param contentRefs {@code check-content-ref}s
     * @param exports     {@code check-export}s
     */
    public record Check(String system, String selector, List<ContentRef> contentRefs, List<Export> exports) {
        public Check {
            contentRefs = List.copyOf(contentRefs);
            exports = List.copyOf(exports);
        }
    }

    /** A {@code check-content-ref}: {@code href} and {@code name} (empty when absent). */
    public record ContentRef(String href, String name) {
    }

    /** A {@code check-export}: {@code value-id} and {@code export-name}. */
    public record Export(String valueId, String exportName) {
    }

    /**
     * A {@code fix}; absent attributes are empty strings, {@code reboot} is as written.
     *
     * @param text the fix text (plain; {@code sub} elements dropped - the raw XHTML keeps them)
     */
    public record Fix(String id, String system, String platform, String complexity, String disruption,
            String reboot, String strategy, Text text) {
    }
}
