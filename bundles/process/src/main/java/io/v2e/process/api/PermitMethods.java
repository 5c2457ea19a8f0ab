package io.v2e.process.api;

/** The permit and kernel-metric methods (target {@code broker}) and event, with v2e's names. */
public final class PermitMethods {

    /** Takes permits from the global pool: {@link PermitRequest} -> {@link PermitGrant}. */
    public static final String REQUEST_PERMITS = "RPCRequestPermits";
    /** Gives permits back: {@link PermitRequest} -> {@link PermitRelease}. */
    public static final String RELEASE_PERMITS = "RPCReleasePermits";
    /** The latest {@link KernelMetrics}. */
    public static final String GET_KERNEL_METRICS = "RPCGetKernelMetrics";
    /** Event sent to each holder when permits are revoked: {@link QuotaUpdate}. */
    public static final String ON_QUOTA_UPDATE = "RPCOnQuotaUpdate";

    private PermitMethods() {
    }
}
