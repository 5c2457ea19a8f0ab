package io.v2e.ssg.api;

import java.util.List;

/**
 * An OVAL variables document ({@code oval_variables}): external variable values.
 *
 * @param schemaVersion generator schema_version
 * @param timestamp     generator timestamp
 * @param variables     the variables in document order
 * @since 1.2
 */
public record OvalVariables(String schemaVersion, String timestamp, List<Variable> variables) implements ScapDocument {

    public OvalVariables {
        variables = List.copyOf(variables);
    }

    @Override
    public String documentType() {
        return "OVAL Variables";
    }

    /** A {@code variable}: {@code id}, {@code datatype}, {@code comment} and its values. */
    public record Variable(String id, String datatype, String comment, List<String> values) {
        public Variable {
            values = List.copyOf(values);
        }
    }
}
