package io.marketdata.gateway.support;

import io.marketdata.cli.AmqpSettings;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The broker the gateway under test uses ({@code rabbitmq-*}, test profile), for the tests' own connections. */
public final class TestBroker {

    private TestBroker() {
    }

    public static AmqpSettings settings() {
        Config config = ConfigProvider.getConfig();
        return new AmqpSettings(config.getValue("rabbitmq-host", String.class),
                config.getValue("rabbitmq-port", Integer.class),
                config.getValue("rabbitmq-username", String.class),
                config.getValue("rabbitmq-password", String.class),
                config.getValue("rabbitmq-virtual-host", String.class));
    }
}
