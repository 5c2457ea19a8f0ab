package io.v2e.ssg.internal;

/** The namespace URIs of the SCAP content this bundle reads. */
final class Namespaces {
    static final String DATA_STREAM = "http://scap.nist.gov/schema/scap/source/1.2";
    static final String XCCDF_1_1 = "http://checklists.nist.gov/xccdf/1.1";
    static final String XCCDF_1_2 = "http://checklists.nist.gov/xccdf/1.2";
    /** OpenSCAP's extension for XCCDF 1.1 tailoring files (XCCDF 1.1 itself has none). */
    static final String XCCDF_1_1_TAILORING = "http://open-scap.org/page/Xccdf-1.1-tailoring";
    static final String OVAL_DEFINITIONS = "http://oval.mitre.org/XMLSchema/oval-definitions-5";
    static final String OVAL_COMMON = "http://oval.mitre.org/XMLSchema/oval-common-5";
    static final String OVAL_RESULTS = "http://oval.mitre.org/XMLSchema/oval-results-5";
    static final String OVAL_SYSTEM_CHARACTERISTICS = "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5";
    static final String OVAL_VARIABLES = "http://oval.mitre.org/XMLSchema/oval-variables-5";
    static final String OVAL_DIRECTIVES = "http://oval.mitre.org/XMLSchema/oval-directives-5";
    static final String ARF = "http://scap.nist.gov/schema/asset-reporting-format/1.1";
    static final String REPORTING_CORE = "http://scap.nist.gov/schema/reporting-core/1.1";
    static final String OCIL = "http://scap.nist.gov/schema/ocil/2.0";
    static final String CPE_DICTIONARY = "http://cpe.mitre.org/dictionary/2.0";
    static final String CPE_LANGUAGE = "http://cpe.mitre.org/language/2.0";
    static final String XML_CATALOG = "urn:oasis:names:tc:entity:xmlns:xml:catalog";
    static final String XLINK = "http://www.w3.org/1999/xlink";
    static final String XML = "http://www.w3.org/XML/1998/namespace";

    private Namespaces() {
    }
}
