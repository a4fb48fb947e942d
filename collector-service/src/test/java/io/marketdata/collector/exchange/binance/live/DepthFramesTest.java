package io.marketdata.collector.exchange.binance.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.marketdata.collector.exchange.ExchangeException;
import org.junit.jupiter.api.Test;

/** Frames in the shapes Binance documents for its futures and spot diff-depth streams. */
class DepthFramesTest {

    @Test
    void combinedFuturesFrame() throws Exception {
        DepthEvent event = DepthFrames.parse("""
                {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1730107603123,"T":1730107603120,
                 "s":"BTCUSDT","U":157,"u":160,"pu":149,"b":[["65000.10","1.500"],["64999.90","0"]],
                 "a":[["65000.20","2.3"]]}}""");
        assertEquals("BTCUSDT", event.symbol());
        assertEquals(1730107603123L, event.eventTime());
        assertEquals(157, event.firstUpdateId());
        assertEquals(160, event.finalUpdateId());
        assertEquals(149, event.previousFinalUpdateId());
        assertArrayEquals(new double[][] {{65000.10, 1.5}, {64999.90, 0.0}}, event.bids());
        assertArrayEquals(new double[][] {{65000.20, 2.3}}, event.asks());
    }

    @Test
    void rawSpotEventHasNoPreviousId() throws Exception {
        DepthEvent event = DepthFrames.parse("""
                {"e":"depthUpdate","E":1730107603123,"s":"ETHUSDT","U":10,"u":12,"b":[],"a":[["2500.5","0.00000000"]]}""");
        assertEquals(DepthEvent.NO_PREVIOUS, event.previousFinalUpdateId());
        assertEquals(0, event.bids().length);
        assertArrayEquals(new double[][] {{2500.5, 0.0}}, event.asks());
    }

    @Test
    void subscriptionAnswersAndOtherEventsCarryNoDepth() throws Exception {
        assertNull(DepthFrames.parse("{\"result\":null,\"id\":1}"));
        assertNull(DepthFrames.parse("{\"stream\":\"btcusdt@markPrice\",\"data\":{\"e\":\"markPriceUpdate\",\"s\":\"BTCUSDT\"}}"));
    }

    @Test
    void malformedFramesAndErrorAnswersAreRejected() {
        assertThrows(ExchangeException.class, () -> DepthFrames.parse("{not json"));
        assertThrows(ExchangeException.class, () -> DepthFrames.parse("[1,2]"));
        assertThrows(ExchangeException.class, () -> DepthFrames.parse("{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":1}"));
        assertThrows(ExchangeException.class, () -> DepthFrames.parse(
                "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":5,\"u\":6,\"b\":[[\"x\",\"1\"]],\"a\":[]}"));
        assertThrows(ExchangeException.class, () -> DepthFrames.parse(
                "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":5,\"u\":6,\"b\":[[\"1\",\"-1\"]],\"a\":[]}"));
        assertThrows(ExchangeException.class, () -> DepthFrames.parse(
                "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":7,\"u\":6,\"b\":[],\"a\":[]}"));
        assertThrows(ExchangeException.class, () -> DepthFrames.parse(
                "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"u\":6,\"b\":[],\"a\":[]}"));
    }
}
