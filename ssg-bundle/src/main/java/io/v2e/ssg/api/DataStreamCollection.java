package io.v2e.ssg.api;

import java.util.List;
import java.util.Optional;

/**
 * A SCAP 1.2/1.3 source data-stream collection.
 *
 * @param id                collection id
 * @param schematronVersion the {@code schematron-version} attribute
 * @param dataStreams       the data streams in document order
 * @param components        the components in document order
 */
public record DataStreamCollection(String id, String schematronVersion, List<DataStream> dataStreams,
        List<Component> components) implements ScapDocument {

    public DataStreamCollection {
        dataStreams = List.copyOf(dataStreams);
        components = List.copyOf(components);
    }

    @Override
    public String documentType() {
        return "Source Data Stream";
    }

    /** The component a reference points to ({@code #id} or {@code id}). */
    public Optional<Component> component(String href) {
        String id = href.startsWith("#") ? href.substring(1) : href;
        for (Component c : components) {
            if (c.id().equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The component a component-ref of this collection points to. */
    public Optional<Component> component(ComponentRef ref) {
        return component(ref.href());
    }

    /**
     * One data stream.
     *
     * @param id           data stream id
     * @param scapVersion  {@code scap-version}, 1.2 or 1.3
     * @param useCase      {@code use-case}
     * @param timestamp    {@code timestamp}, empty when absent
     * @param dictionaries component refs to CPE dictionaries
     * @param checklists   component refs to XCCDF benchmarks
     * @param checks       component refs to OVAL/OCIL content
     */
    public record DataStream(String id, String scapVersion, String useCase, String timestamp,
            List<ComponentRef> dictionaries, List<ComponentRef> checklists, List<ComponentRef> checks) {
        public DataStream {
            dictionaries = List.copyOf(dictionaries);
            checklists = List.copyOf(checklists);
            checks = List.copyOf(checks);
        }
    }

    /**
     * A {@code component-ref}.
     *
     * @param id      its id
     * @param href    {@code xlink:href}, e.g. {@code #scap_..._comp_x.xml}
     * @param catalog the {@code cat:uri} entries: name and uri
     */
    public record ComponentRef(String id, String href, List<CatalogUri> catalog) {
        public ComponentRef {
            catalog = List.copyOf(catalog);
        }
    }

    /** A catalog {@code uri} entry. */
    public record CatalogUri(String name, String uri) {
    }

    /**
     * A {@code component}.
     *
     * @param id        its id
     * @param timestamp its timestamp, empty when absent
     * @param content   the parsed content
     */
    public record Component(String id, String timestamp, ScapDocument content) {
    }
}
