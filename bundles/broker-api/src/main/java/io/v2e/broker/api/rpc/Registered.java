package io.v2e.broker.api.rpc;

/** RPCRegister's answer: the name the connection now receives messages under. */
public record Registered(String name, boolean registered) {
}
