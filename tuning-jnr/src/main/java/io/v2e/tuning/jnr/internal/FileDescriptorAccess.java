package io.v2e.tuning.jnr.internal;

import java.io.FileDescriptor;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.util.OptionalInt;

/**
 * Reads the descriptor number of a JDK FileChannel (for posix_fadvise). The JDK offers no API for
 * it: this reads sun.nio.ch.FileChannelImpl.fd and java.io.FileDescriptor.fd by reflection, which
 * needs {@value #REQUIRED_FLAGS}. Without them {@link #available()} is false and says why.
 */
final class FileDescriptorAccess {

    static final String REQUIRED_FLAGS =
            "--add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED";

    private final Field channelFd;
    private final Field descriptorFd;
    private final String unavailableReason;

    private FileDescriptorAccess(Field channelFd, Field descriptorFd, String unavailableReason) {
        this.channelFd = channelFd;
        this.descriptorFd = descriptorFd;
        this.unavailableReason = unavailableReason;
    }

    /** Looks the fields up once; never throws. */
    static FileDescriptorAccess open() {
        try {
            // Through the boot loader: inside OSGi a bundle's loader does not see sun.nio.ch.
            Field channel = Class.forName("sun.nio.ch.FileChannelImpl", false, null).getDeclaredField("fd");
            channel.setAccessible(true);
            Field descriptor = FileDescriptor.class.getDeclaredField("fd");
            descriptor.setAccessible(true);
            return new FileDescriptorAccess(channel, descriptor, "");
        } catch (ReflectiveOperationException | RuntimeException e) {
            // InaccessibleObjectException (a RuntimeException) when the packages are not opened.
            return new FileDescriptorAccess(null, null,
                    "reading a FileChannel's descriptor needs the JVM flags " + REQUIRED_FLAGS + " (" + e + ")");
        }
    }

    boolean available() {
        return channelFd != null;
    }

    String unavailableReason() {
        return unavailableReason;
    }

    /** The descriptor of {@code channel}, empty when it is not a JDK file channel or is closed. */
    OptionalInt descriptorOf(FileChannel channel) {
        if (!available() || !channelFd.getDeclaringClass().isInstance(channel)) {
            return OptionalInt.empty();
        }
        try {
            FileDescriptor fd = (FileDescriptor) channelFd.get(channel);
            int number = fd == null ? -1 : descriptorFd.getInt(fd);
            return number < 0 ? OptionalInt.empty() : OptionalInt.of(number);
        } catch (IllegalAccessException e) {
            return OptionalInt.empty();
        }
    }
}
