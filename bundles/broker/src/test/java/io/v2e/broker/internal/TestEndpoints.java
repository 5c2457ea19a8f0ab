package io.v2e.broker.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.v2e.broker.api.Endpoint;
import io.v2e.broker.api.Message;

/** Small endpoints for tests. */
final class TestEndpoints {

    private TestEndpoints() {
    }

    /** Records every message; answers a request with its payload. */
    static class Recording implements Endpoint {
        final List<Message> received = new CopyOnWriteArrayList<>();

        @Override
        public String handle(Message message) throws Exception {
            received.add(message);
            return message.payload();
        }

        List<String> ids() {
            return received.stream().map(Message::id).toList();
        }
    }

    /**
     * Blocks inside the handler of the first message until released, so a test can fill the
     * queue behind it deterministically; records everything like {@link Recording}.
     */
    static final class Gate extends Recording {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String handle(Message message) throws Exception {
            entered.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never released");
            }
            return super.handle(message);
        }

        void awaitEntered() throws InterruptedException {
            if (!entered.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("handler never entered");
            }
        }
    }
}
