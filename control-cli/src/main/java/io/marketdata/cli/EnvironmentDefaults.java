package io.marketdata.cli;

import io.marketdata.contracts.Topology;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of the connection options, taken from the environment (an empty variable counts as
 * unset) and otherwise from RabbitMQ's own defaults.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    static final String HOST_VARIABLE = "RABBITMQ_HOST";
    static final String PORT_VARIABLE = "RABBITMQ_PORT";
    static final String USER_VARIABLE = "RABBITMQ_USERNAME";
    static final String PASSWORD_VARIABLE = "RABBITMQ_PASSWORD";
    static final String VHOST_VARIABLE = "RABBITMQ_VHOST";
    static final String QUEUE_VARIABLE = "CONTROL_QUEUE";

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        return switch (option.longestName()) {
            case "--host" -> fromEnvironment(HOST_VARIABLE, "localhost");
            case "--port" -> fromEnvironment(PORT_VARIABLE, "5672");
            case "--user" -> fromEnvironment(USER_VARIABLE, "guest");
            case "--password" -> fromEnvironment(PASSWORD_VARIABLE, "guest");
            case "--vhost" -> fromEnvironment(VHOST_VARIABLE, "/");
            case "--queue" -> fromEnvironment(QUEUE_VARIABLE, Topology.CONTROL_QUEUE);
            default -> null;
        };
    }

    private String fromEnvironment(String variable, String fallback) {
        String value = environment.get(variable);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
