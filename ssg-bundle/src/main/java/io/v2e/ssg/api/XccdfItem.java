package io.v2e.ssg.api;

/** A benchmark item: group, rule or value. */
public sealed interface XccdfItem permits Group, Rule, Value {
    String id();
}
