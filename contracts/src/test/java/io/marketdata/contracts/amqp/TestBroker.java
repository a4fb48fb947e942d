package io.marketdata.contracts.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/** The real local RabbitMQ (test vhost) and PostgreSQL (test database) the shared AMQP/SQL helpers are tested against. */
final class TestBroker {

    static final AmqpSettings AMQP = new AmqpSettings("localhost", 5672, "guest", "guest", "marketdata_test");

    private TestBroker() {
    }

    static Connection connect() throws Exception {
        return AMQP.open("contracts-test", false);
    }

    static PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://localhost:5432/marketdata_test");
        ds.setUser("marketdata");
        ds.setPassword("marketdata");
        return ds;
    }

    /** Everything waiting in a queue, without blocking. */
    static List<GetResponse> drain(Channel channel, String queue) throws Exception {
        List<GetResponse> messages = new ArrayList<>();
        GetResponse message;
        while ((message = channel.basicGet(queue, true)) != null) {
            messages.add(message);
        }
        return messages;
    }
}
