package io.marketdata.orderbook.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketdata.contracts.Json;
import io.marketdata.contracts.MarketType;
import io.marketdata.contracts.MessageType;
import io.marketdata.contracts.SchemaValidator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BookMessageDecoderTest {

    private final BookMessageDecoder decoder = new BookMessageDecoder();

    static ObjectNode valid() {
        try {
            return (ObjectNode) Json.MAPPER.readTree("""
                    {"exchange":"binance","market":"futures","symbol":"BTC/USDT:USDT","timestamp":1730107603123,
                     "ticker":{"bid":65000.1,"ask":65000.2,"last":65000.1,"volume_24h":123456.7},
                     "orderbook":{"bids":[[65000.1,1.5],[64999.9,0.8]],"asks":[[65000.2,2.3]],"timestamp":1730107603100},
                     "funding_rate":0.0001,"next_funding_time":1730131200000,"mark_price":65000.15,"extra":{}}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void decodesTheSpecExample() throws Exception {
        BookMessage m = new BookMessage();
        decoder.decode(Json.MAPPER.writeValueAsBytes(valid()), m);
        assertEquals("binance", m.exchange);
        assertEquals(MarketType.FUTURES, m.market);
        assertEquals("BTC/USDT:USDT", m.symbol);
        assertEquals("BTCUSDT", m.routingSymbol);
        assertEquals(1730107603123L, m.timestamp);
        assertEquals(1730107603100L, m.bookTimestamp);
        assertEquals(2, m.bidCount);
        assertEquals(64999.9, m.bidPx[1]);
        assertEquals(0.8, m.bidQty[1]);
        assertEquals(1, m.askCount);
        assertEquals(2.3, m.askQty[0]);
        assertEquals("binance:futures:BTCUSDT", m.bookKey());
    }

    @Test
    void acceptsSpotWithNullFundingAndDeepBooks() throws Exception {
        ObjectNode spot = valid();
        spot.put("market", "spot").put("symbol", "ETH/USDT").putNull("funding_rate").putNull("next_funding_time")
                .putNull("mark_price").putNull("extra");
        ArrayNode bids = ((ObjectNode) spot.get("orderbook")).putArray("bids");
        for (int i = 0; i < 1000; i++) {
            bids.addArray().add(3000 - i * 0.01).add(1 + i);
        }
        BookMessage m = new BookMessage();
        byte[] body = Json.MAPPER.writeValueAsBytes(spot);
        assertTrue(SchemaValidator.get().validate(MessageType.MARKET_DATA, body).isEmpty());
        decoder.decode(body, m);
        assertEquals(1000, m.bidCount);
        assertEquals(2990.01, m.bidPx[999], 1e-9);
        assertEquals("ETHUSDT", m.routingSymbol);
    }

    static Stream<Arguments> schemaViolations() {
        List<Object[]> cases = List.of(
                new Object[] {"missing exchange", (Consumer<ObjectNode>) o -> o.remove("exchange")},
                new Object[] {"unknown exchange", (Consumer<ObjectNode>) o -> o.put("exchange", "kraken")},
                new Object[] {"market not an enum value", (Consumer<ObjectNode>) o -> o.put("market", "options")},
                new Object[] {"symbol malformed", (Consumer<ObjectNode>) o -> o.put("symbol", "BTCUSDT")},
                new Object[] {"symbol lower case", (Consumer<ObjectNode>) o -> o.put("symbol", "btc/usdt:usdt")},
                new Object[] {"timestamp in seconds", (Consumer<ObjectNode>) o -> o.put("timestamp", 1730107603L)},
                new Object[] {"timestamp a string", (Consumer<ObjectNode>) o -> o.put("timestamp", "1730107603123")},
                new Object[] {"timestamp fractional", (Consumer<ObjectNode>) o -> o.put("timestamp", 1730107603123.5)},
                new Object[] {"missing ticker", (Consumer<ObjectNode>) o -> o.remove("ticker")},
                new Object[] {"ticker without last", (Consumer<ObjectNode>) o -> ((ObjectNode) o.get("ticker")).remove("last")},
                new Object[] {"negative bid", (Consumer<ObjectNode>) o -> ((ObjectNode) o.get("ticker")).put("bid", -1)},
                new Object[] {"negative volume", (Consumer<ObjectNode>) o -> ((ObjectNode) o.get("ticker")).put("volume_24h", -1)},
                new Object[] {"missing orderbook", (Consumer<ObjectNode>) o -> o.remove("orderbook")},
                new Object[] {"bids not an array", (Consumer<ObjectNode>) o -> ((ObjectNode) o.get("orderbook")).put("bids", "x")},
                new Object[] {"level with three items", (Consumer<ObjectNode>) o -> ((ArrayNode) o.get("orderbook").get("bids")).addArray().add(1).add(2).add(3)},
                new Object[] {"level with one item", (Consumer<ObjectNode>) o -> ((ArrayNode) o.get("orderbook").get("asks")).addArray().add(1)},
                new Object[] {"price as a string", (Consumer<ObjectNode>) o -> ((ArrayNode) o.get("orderbook").get("asks")).addArray().add("65001").add(1)},
                new Object[] {"zero size", (Consumer<ObjectNode>) o -> ((ArrayNode) o.get("orderbook").get("asks")).addArray().add(65001).add(0)},
                new Object[] {"negative price", (Consumer<ObjectNode>) o -> ((ArrayNode) o.get("orderbook").get("bids")).addArray().add(-5).add(1)},
                new Object[] {"book without timestamp", (Consumer<ObjectNode>) o -> ((ObjectNode) o.get("orderbook")).remove("timestamp")},
                new Object[] {"missing funding_rate", (Consumer<ObjectNode>) o -> o.remove("funding_rate")},
                new Object[] {"funding_rate a string", (Consumer<ObjectNode>) o -> o.put("funding_rate", "0.0001")},
                new Object[] {"next_funding_time in seconds", (Consumer<ObjectNode>) o -> o.put("next_funding_time", 1730131200L)},
                new Object[] {"missing mark_price", (Consumer<ObjectNode>) o -> o.remove("mark_price")},
                new Object[] {"mark_price zero", (Consumer<ObjectNode>) o -> o.put("mark_price", 0)},
                new Object[] {"extra an array", (Consumer<ObjectNode>) o -> o.putArray("extra")});
        return cases.stream().map(c -> Arguments.of(c[0], c[1]));
    }

    /** Whatever market-data.schema.json rejects, the streaming decoder rejects too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaViolations")
    void rejectsWhatTheSchemaRejects(String name, Consumer<ObjectNode> mutation) throws Exception {
        ObjectNode body = valid();
        mutation.accept(body);
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        assertFalse(SchemaValidator.get().validate(MessageType.MARKET_DATA, bytes).isEmpty(), "the schema accepts: " + name);
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> decoder.decode(bytes, new BookMessage()));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void rejectsWhatIsNotJson() {
        for (String body : List.of("", "not json", "[1,2]", "{\"exchange\":", "42", "{} trailing")) {
            assertThrows(InvalidMessageException.class,
                    () -> decoder.decode(body.getBytes(StandardCharsets.UTF_8), new BookMessage()), body);
        }
    }

    @Test
    void rejectsAFuturesSymbolOnTheSpotMarket() throws Exception {
        ObjectNode o = valid().put("market", "spot");
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> decoder.decode(Json.MAPPER.writeValueAsBytes(o), new BookMessage()));
        assertTrue(e.getMessage().contains("spot"), e.getMessage());
    }

    @Test
    void theReusedMessageForgetsThePreviousBook() throws Exception {
        BookMessage m = new BookMessage();
        decoder.decode(Json.MAPPER.writeValueAsBytes(valid()), m);
        ObjectNode empty = valid();
        ((ObjectNode) empty.get("orderbook")).putArray("bids");
        decoder.decode(Json.MAPPER.writeValueAsBytes(empty), m);
        assertEquals(0, m.bidCount);
        assertEquals(1, m.askCount);
    }

    private static String reasonOf(BookMessageDecoder d, ObjectNode m) {
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> d.decode(Json.MAPPER.writeValueAsBytes(m), new BookMessage()));
        return e.reason();
    }

    private static ObjectNode withLevel(String side, double price, double size) {
        ObjectNode m = valid();
        ArrayNode levels = (ArrayNode) m.get("orderbook").get(side);
        levels.removeAll();
        levels.addArray().add(price).add(size);
        return m;
    }

    @Test
    void aSizeOf1e308IsRejectedBeforeAnySumCanOverflow() {
        assertEquals(InvalidMessageException.SIZE_BOUND, reasonOf(decoder, withLevel("bids", 65000.1, 1e308)));
        assertEquals(InvalidMessageException.SIZE_BOUND, reasonOf(decoder, withLevel("asks", 65000.2, 1.000001e12)));
    }

    @Test
    void aPriceAboveTheBoundIsRejectedOnLevelsTickerAndMarkPrice() {
        assertEquals(InvalidMessageException.PRICE_BOUND, reasonOf(decoder, withLevel("asks", 2e9, 1)));
        ObjectNode ticker = valid();
        ((ObjectNode) ticker.get("ticker")).put("last", 1e300);
        assertEquals(InvalidMessageException.PRICE_BOUND, reasonOf(decoder, ticker));
        ObjectNode mark = valid();
        mark.put("mark_price", 1.5e9);
        assertEquals(InvalidMessageException.PRICE_BOUND, reasonOf(decoder, mark));
    }

    @Test
    void aLevelNotionalAboveTheBoundIsRejectedEvenWhenPriceAndSizeAreEachInBounds() {
        // 1e6 × 1e10 = 1e16 > 1e15, with 1e6 ≤ 1e9 and 1e10 ≤ 1e12
        assertEquals(InvalidMessageException.NOTIONAL_BOUND, reasonOf(decoder, withLevel("bids", 1e6, 1e10)));
    }

    @Test
    void valuesJustInsideTheBoundsAreAccepted() throws Exception {
        BookMessage m = new BookMessage();
        decoder.decode(Json.MAPPER.writeValueAsBytes(withLevel("bids", 1e9 - 1, 1e6 - 1)), m);
        assertEquals(1e6 - 1, m.bidQty[0]);
    }

    @Test
    void theBoundsAreConfigurable() throws Exception {
        BookMessageDecoder strict = new BookMessageDecoder(new BookBounds(1e4, 10, 1e9, 1000, 1000));
        assertEquals(InvalidMessageException.PRICE_BOUND, reasonOf(strict, valid()));
        BookMessageDecoder loose = new BookMessageDecoder(new BookBounds(1e12, 1e13, 1e20, 1000, 1000));
        loose.decode(Json.MAPPER.writeValueAsBytes(withLevel("bids", 1e6, 1e10)), new BookMessage());
    }

    @Test
    void notJsonHasItsOwnReason() {
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> decoder.decode("nope".getBytes(StandardCharsets.UTF_8), new BookMessage()));
        assertEquals(InvalidMessageException.NOT_JSON, e.reason());
        assertEquals(InvalidMessageException.SCHEMA, reasonOf(decoder, (ObjectNode) valid().remove(List.of("ticker"))));
    }
}
