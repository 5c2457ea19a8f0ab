package io.v2e.ssg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files beyond 2 GiB read through successive windows (a sparse file, so nothing is written but the marks). */
class MappedFileInputStreamTest {

    private static final long GIB = 1L << 30;

    @Test
    void readsAcrossTheTwoGibBoundaryAndToTheEndOfAThreeGibFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sparse.bin");
        long size = 3 * GIB + 3;
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap("AB".getBytes(StandardCharsets.US_ASCII)), 2 * GIB - 2);
            c.write(ByteBuffer.wrap("CD".getBytes(StandardCharsets.US_ASCII)), 2 * GIB);
            c.write(ByteBuffer.wrap("END".getBytes(StandardCharsets.US_ASCII)), 3 * GIB);
        }
        List<String> events = new ArrayList<>();
        MappedFileInputStream.WindowListener listener = new MappedFileInputStream.WindowListener() {
            @Override
            public void mapped(MappedByteBuffer window) {
                events.add("mapped " + window.capacity());
            }

            @Override
            public void done(MappedByteBuffer window) {
                events.add("done " + window.capacity());
            }
        };
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ);
                MappedFileInputStream in = new MappedFileInputStream(c, size, (int) GIB, listener)) {
            assertEquals(0, in.read());
            assertEquals(2 * GIB - 3, in.skip(2 * GIB - 3));
            assertEquals(2 * GIB - 2, in.position());
            assertArrayEquals("ABCD".getBytes(StandardCharsets.US_ASCII), in.readNBytes(4), "across windows 1 and 2");
            assertEquals(3 * GIB - (2 * GIB + 2), in.skip(3 * GIB - (2 * GIB + 2)));
            assertArrayEquals("END".getBytes(StandardCharsets.US_ASCII), in.readNBytes(3));
            assertEquals(-1, in.read());
            assertEquals(size, in.position());
        }
        assertEquals(List.of("mapped " + GIB, "done " + GIB, "mapped " + GIB, "done " + GIB, "mapped " + GIB,
                "done " + GIB, "mapped 3", "done 3"), events);
    }
}
