package io.v2e.metrics.internal;

import java.util.List;
import java.util.function.Supplier;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;

import io.v2e.metrics.api.Metric;

/**
 * The MBean {@code io.v2e:type=Source,name=X} of one {@link io.v2e.metrics.api.MetricsSource}: one
 * read-only {@code double} attribute per metric, named as the metric ({@code bytes_in_total}), its
 * help as the description. Answers from the snapshot {@code current} returns (the JMX refresh's).
 * Threading: JMX reader threads; reads only the volatile snapshot behind {@code current}.
 */
final class SourceBean implements DynamicMBean {

    private final String source;
    private final Supplier<Snapshot> current;

    SourceBean(String source, Supplier<Snapshot> current) {
        this.source = source;
        this.current = current;
    }

    private List<Metric> metrics() {
        Snapshot s = current.get();
        if (s.sources() != null) {
            for (Snapshot.SourceValues v : s.sources()) {
                if (v.source().equals(source)) {
                    return v.metrics();
                }
            }
        }
        return List.of();
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        for (Metric m : metrics()) {
            if (m.name().equals(attribute)) {
                return m.value();
            }
        }
        throw new AttributeNotFoundException("source " + source + " has no metric " + attribute);
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String a : attributes) {
            try {
                list.add(new Attribute(a, getAttribute(a)));
            } catch (AttributeNotFoundException e) {
                // left out, as the DynamicMBean contract asks
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("metrics are read-only: " + attribute.getName());
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        List<Metric> metrics = metrics();
        MBeanAttributeInfo[] attributes = new MBeanAttributeInfo[metrics.size()];
        for (int i = 0; i < attributes.length; i++) {
            Metric m = metrics.get(i);
            attributes[i] = new MBeanAttributeInfo(m.name(), "double", m.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + m.help(), true, false, false);
        }
        return new MBeanInfo(SourceBean.class.getName(), "v2e metrics source " + source, attributes, null,
                new MBeanOperationInfo[0], new MBeanNotificationInfo[0]);
    }
}
