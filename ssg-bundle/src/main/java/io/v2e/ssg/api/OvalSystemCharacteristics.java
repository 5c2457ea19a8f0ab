package io.v2e.ssg.api;

/**
 * An OVAL system characteristics document ({@code oval_system_characteristics}).
 *
 * @param schemaVersion   generator schema_version
 * @param timestamp       generator timestamp
 * @param hostName        {@code system_info/primary_host_name}, empty without one
 * @param collectedObjects {@code collected_objects/object} elements
 * @param items           {@code system_data} items
 * @since 1.2
 */
public record OvalSystemCharacteristics(String schemaVersion, String timestamp, String hostName, int collectedObjects,
        int items) implements ScapDocument {

    @Override
    public String documentType() {
        return "OVAL System Characteristics";
    }
}
