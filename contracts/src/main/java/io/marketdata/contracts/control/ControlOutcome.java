package io.marketdata.contracts.control;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What came of one control request. */
public sealed interface ControlOutcome {

    /** The collector's answer with the request's correlation id, exactly as received. */
    record Answered(byte[] body, int foreignResponsesIgnored) implements ControlOutcome {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** No matching answer within the timeout. */
    record TimedOut(Duration timeout, int foreignResponsesIgnored) implements ControlOutcome {
    }

    /** The broker returned the request as unroutable: nobody declared the control queue. */
    record QueueMissing(String queue) implements ControlOutcome {
    }

    /** The broker could not be reached, refused the login or the vhost, or dropped the connection. */
    record BrokerUnavailable(String reason) implements ControlOutcome {
    }
}
