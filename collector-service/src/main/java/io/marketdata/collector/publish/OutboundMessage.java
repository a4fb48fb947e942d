package io.marketdata.collector.publish;

import com.rabbitmq.client.AMQP;

/** A message waiting in the publish buffer: where it goes, its properties and its body. */
public record OutboundMessage(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
}
