package io.v2e.tuning.jnr.internal;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * libc bound once per JVM: jnr-ffi's LibraryLoader is not safe to call concurrently, so the
 * binding is made by the class initialiser of a holder (the JVM runs it exactly once, on first
 * use). The one static singleton the house rules allow: a native-binding holder.
 */
final class LibCBinding {

    private LibCBinding() {
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    static LibC libc() {
        return Holder.LIBC;
    }

    /** The jnr runtime of the binding, for errno ({@code LastError}). */
    static Runtime runtime() {
        return Holder.RUNTIME;
    }
}
