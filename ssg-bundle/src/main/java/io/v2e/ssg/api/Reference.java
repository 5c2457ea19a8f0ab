package io.v2e.ssg.api;

/**
 * An XCCDF {@code reference}.
 *
 * @param href {@code href}, empty when absent
 * @param text its text (Dublin Core children flattened to text)
 */
public record Reference(String href, String text) {
}
