package io.v2e.ssg.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The vendored sample data stream: {@code ssg-chromium-ds.xml} from Debian's ssg-applications
 * 0.1.65-1 (BSD-3-Clause, its copyright file sits next to it as
 * {@code sample/ssg-chromium-ds.xml.copyright}). The parser maps files, so a sample inside a jar is
 * copied to a temporary file first.
 */
public final class VendoredSample {

    public static final String RESOURCE = "/sample/ssg-chromium-ds.xml";
    public static final String FILE_NAME = "ssg-chromium-ds.xml";

    private VendoredSample() {
    }

    /** The sample as a file: itself when on the file system, else a copy in a new temp directory. */
    public static Path asFile() throws IOException {
        URL url = VendoredSample.class.getResource(RESOURCE);
        if (url == null) {
            throw new IOException("vendored sample " + RESOURCE + " is missing from the bundle");
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        Path dir = Files.createTempDirectory("v2e-ssg-sample");
        Path file = dir.resolve(FILE_NAME);
        try (InputStream in = url.openStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return file;
    }
}
