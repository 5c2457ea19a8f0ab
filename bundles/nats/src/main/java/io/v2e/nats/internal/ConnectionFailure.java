package io.v2e.nats.internal;

/** Names why a NATS connection attempt failed, for an operator and for callers' error answers. */
final class ConnectionFailure {

    private ConnectionFailure() {
    }

    /**
     * The outermost exception and its deepest cause, e.g. {@code SSLHandshakeException: PKIX path
     * building failed: ... (cause: SunCertPathBuilderException: unable to find valid certification
     * path to requested target)}; jnats wraps the server's -ERR (such as "Authorization Violation")
     * in an IOException whose message is the server's text.
     */
    static String describe(Throwable e) {
        while ((e instanceof java.util.concurrent.ExecutionException || e instanceof java.util.concurrent.CompletionException)
                && e.getCause() != null) {
            e = e.getCause(); // jnats runs part of a connection attempt as a task: the wrapper says nothing
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = name(e);
        return root == e || outer.contains(String.valueOf(root.getMessage())) ? outer : outer + " (cause: " + name(root) + ")";
    }

    private static String name(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
