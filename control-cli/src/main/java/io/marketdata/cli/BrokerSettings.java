package io.marketdata.cli;

/** Where and as whom to connect to RabbitMQ. */
public record BrokerSettings(String host, int port, String username, String password, String virtualHost) {

    /** {@code host:port} and the vhost, for messages (never the password). */
    public String describe() {
        return host + ":" + port + " (vhost " + virtualHost + ", user " + username + ")";
    }
}
