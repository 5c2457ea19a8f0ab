package io.v2e.ssg.internal;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;

import org.codehaus.stax2.XMLInputFactory2;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;

/**
 * Builds the Woodstox factory with everything that could read outside the file or expand
 * without bound switched off, and with limits on depth and sizes. Constructed directly (not via
 * {@code XMLInputFactory.newFactory()}, which inside Felix returns the JDK's parser).
 */
final class SafeXmlFactory {

    /** Any attempt to resolve an external resource fails; DTD support is off anyway. */
    private static final XMLResolver REFUSING_RESOLVER = (publicId, systemId, baseUri, namespace) -> {
        throw new XMLStreamException("external resource refused: " + systemId);
    };

    /** Without a DTD no entity but the five predefined ones and character references exists. */
    static final String ENTITY_REFUSED = "entity reference refused: SCAP content may only use the predefined entities";

    private static final XMLResolver REFUSING_ENTITY_RESOLVER = (publicId, systemId, baseUri, namespace) -> {
        throw new XMLStreamException(ENTITY_REFUSED);
    };

    private SafeXmlFactory() {
    }

    static XMLInputFactory2 create(int maxDepth, int maxAttributeSize, int maxTextLength) {
        WstxInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_VALIDATING, Boolean.FALSE);
        f.setProperty(XMLInputFactory.RESOLVER, REFUSING_RESOLVER);
        f.setProperty(WstxInputProperties.P_DTD_RESOLVER, REFUSING_RESOLVER);
        f.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, REFUSING_RESOLVER);
        f.setProperty(WstxInputProperties.P_UNDECLARED_ENTITY_RESOLVER, REFUSING_ENTITY_RESOLVER);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, maxDepth);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, maxAttributeSize);
        f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, maxTextLength);
        // Errors surface at next(), with a location, instead of later as unchecked lazy exceptions.
        f.setProperty(XMLInputFactory2.P_LAZY_PARSING, Boolean.FALSE);
        f.setProperty(XMLInputFactory2.P_REPORT_PROLOG_WHITESPACE, Boolean.FALSE);
        f.setProperty(XMLInputFactory2.P_INTERN_NAMES, Boolean.TRUE);
        f.setProperty(XMLInputFactory2.P_INTERN_NS_URIS, Boolean.TRUE);
        f.setProperty(XMLInputFactory2.P_AUTO_CLOSE_INPUT, Boolean.TRUE);
        f.setProperty(WstxInputProperties.P_INPUT_BUFFER_LENGTH, 64 * 1024);
        return f;
    }
}
