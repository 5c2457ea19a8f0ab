package io.v2e.ssg.api;

/**
 * An OVAL directives document ({@code oval_directives}): which results a scanner reports.
 *
 * @param schemaVersion generator schema_version
 * @param timestamp     generator timestamp
 * @since 1.2
 */
public record OvalDirectives(String schemaVersion, String timestamp) implements ScapDocument {

    @Override
    public String documentType() {
        return "OVAL Directives";
    }
}
