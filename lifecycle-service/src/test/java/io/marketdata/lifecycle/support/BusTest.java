package io.marketdata.lifecycle.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the service tests that talk to the bus: one {@link TestBus} (test vhost) per test class. */
public abstract class BusTest {

    protected static TestBus bus;

    @BeforeAll
    static void connectBus() {
        bus = new TestBus();
    }

    @AfterAll
    static void disconnectBus() {
        if (bus != null) {
            bus.close();
            bus = null;
        }
    }
}
