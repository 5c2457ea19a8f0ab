package io.v2e.tuning.jnr.internal;

import io.v2e.tuning.testkit.ProviderReport;

/** Run by {@link JnrChildJvmTest} in a child JVM: builds the provider outside OSGi and reports. */
public final class JnrReportMain {

    private JnrReportMain() {
    }

    public static void main(String[] args) {
        ProviderReport.print(new JnrTuningProvider(), System.out);
    }
}
