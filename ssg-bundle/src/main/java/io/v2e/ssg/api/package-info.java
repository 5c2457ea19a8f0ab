/**
 * SCAP content model and the {@link io.v2e.ssg.api.SsgParser} service.
 * <p>
 * Every model type is an immutable record (lists and maps are unmodifiable and keep document
 * order). A parse either returns a whole model or throws {@link io.v2e.ssg.api.SsgParseException};
 * a partial model is never returned.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.v2e.ssg.api;
