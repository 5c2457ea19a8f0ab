package io.v2e.ssg.api;

/** The content of a file or of a data-stream component, typed by its root element. */
public sealed interface ScapDocument permits DataStreamCollection, Benchmark, OvalDefinitions,
        OcilDocument, CpeDictionary, CpeLanguage, Tailoring, ResultDataStream, OvalResults, OvalSystemCharacteristics,
        OvalVariables, OvalDirectives, UnrecognizedContent {

    /** A short name of the document type, e.g. {@code Source Data Stream}. */
    String documentType();
}
