package io.v2e.broker.api.rpc;

/** RPCRegister's payload: the name a connection asks to receive messages under. */
public record Register(String name) {
}
