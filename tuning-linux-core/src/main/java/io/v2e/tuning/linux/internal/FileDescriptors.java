package io.v2e.tuning.linux.internal;

import java.io.FileDescriptor;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * Finds the Unix file descriptor behind a JDK {@link FileChannel}, which posix_fadvise needs and
 * the JDK does not expose. Reads the private fields {@code sun.nio.ch.FileChannelImpl.fd} and
 * {@code java.io.FileDescriptor.fd}; the JVM must open those packages to us. Looked up once;
 * immutable and thread-safe afterwards.
 */
final class FileDescriptors {

    /** The JVM options that make the lookup possible. */
    static final String REQUIRED_JVM_OPTIONS =
            "--add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED";

    private final Class<?> channelClass;
    private final Field channelFd;
    private final Field descriptorFd;
    private final String whyUnavailable;

    private FileDescriptors(Class<?> channelClass, Field channelFd, Field descriptorFd, String whyUnavailable) {
        this.channelClass = channelClass;
        this.channelFd = channelFd;
        this.descriptorFd = descriptorFd;
        this.whyUnavailable = whyUnavailable;
    }

    static FileDescriptors lookUp() {
        try {
            // The boot loader (null) finds the JDK class even where OSGi boot delegation would not.
            Class<?> channelClass = Class.forName("sun.nio.ch.FileChannelImpl", false, null);
            Field channelFd = channelClass.getDeclaredField("fd");
            Field descriptorFd = FileDescriptor.class.getDeclaredField("fd");
            channelFd.setAccessible(true);
            descriptorFd.setAccessible(true);
            return new FileDescriptors(channelClass, channelFd, descriptorFd, null);
        } catch (RuntimeException | ReflectiveOperationException e) {
            // InaccessibleObjectException (a RuntimeException) when the packages are not opened.
            return new FileDescriptors(null, null, null, "cannot reach the file descriptor of a FileChannel ("
                    + e.getClass().getSimpleName() + "); start the JVM with " + REQUIRED_JVM_OPTIONS);
        }
    }

    /** Why descriptors cannot be found in this JVM; empty when they can. */
    Optional<String> whyUnavailable() {
        return Optional.ofNullable(whyUnavailable);
    }

    /**
     * The descriptor of {@code channel}, or -1 when it cannot be found (lookup unavailable, a
     * channel that is not the JDK's file channel, or a closed one: closing sets the fd to -1).
     */
    int fdOf(FileChannel channel) {
        if (whyUnavailable != null || !channelClass.isInstance(channel)) {
            return -1;
        }
        try {
            FileDescriptor fd = (FileDescriptor) channelFd.get(channel);
            return fd == null ? -1 : descriptorFd.getInt(fd);
        } catch (IllegalAccessException e) {
            return -1;
        }
    }
}
