package io.marketdata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketdata.contracts.Json;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseFormatterTest {

    private static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void successAndErrorLines() throws IOException {
        assertEquals("OK get_symbols: Symbols retrieved successfully", ResponseFormatter.successLine(
                json("{'success':true,'command':'get_symbols','message':'Symbols retrieved successfully'}")));
        assertEquals("ERROR duplicate_symbol: Symbol SOL/USDT:USDT already exists (command add_symbol)",
                ResponseFormatter.errorLine(json("{'success':false,'command':'add_symbol',"
                        + "'message':'Symbol SOL/USDT:USDT already exists','error':'duplicate_symbol'}")));
    }

    @Test
    void symbolListOnePerLineWithCountAndNoRepeatedCount() throws IOException {
        List<String> lines = ResponseFormatter.dataLines(
                json("{'symbols':['BTC/USDT:USDT','ETH/USDT:USDT'],'count':2}"));
        assertEquals(List.of("Symbols (2):", "  BTC/USDT:USDT", "  ETH/USDT:USDT"), lines);
    }

    @Test
    void addSymbolShowsTheSymbolAndTheCurrentSet() throws IOException {
        List<String> lines = ResponseFormatter.dataLines(json(
                "{'symbol':'SOL/USDT:USDT','current_symbols':['BTC/USDT:USDT','ETH/USDT:USDT','SOL/USDT:USDT']}"));
        assertEquals(List.of("Symbol: SOL/USDT:USDT", "Current symbols (3):", "  BTC/USDT:USDT", "  ETH/USDT:USDT",
                "  SOL/USDT:USDT"), lines);
    }

    @Test
    void emptyListStillShowsItsCount() throws IOException {
        assertEquals(List.of("Symbols (0):"), ResponseFormatter.dataLines(json("{'symbols':[],'count':0}")));
    }

    @Test
    void statisticsAsAlignedTableWithTotalsAndRabbitmqCounters() throws IOException {
        List<String> lines = ResponseFormatter.dataLines(json("{'exchange_success':{'bybit':118,'binance':120},"
                + "'exchange_errors':{'htx':5},'rabbitmq_published':238,'rabbitmq_failed':0}"));
        assertEquals(List.of(
                "Exchange  Success  Errors",
                "binance       120       0",
                "bybit         118       0",
                "htx             0       5",
                "total         238       5",
                "RabbitMQ published: 238",
                "RabbitMQ failed:    0"), lines);
    }

    @Test
    void statisticsWithoutAnyExchangeYet() throws IOException {
        List<String> lines = ResponseFormatter.dataLines(
                json("{'exchange_success':{},'exchange_errors':{},'rabbitmq_published':0,'rabbitmq_failed':0}"));
        assertEquals(List.of(
                "Exchange    Success  Errors",
                "(none yet)        0       0",
                "RabbitMQ published: 0",
                "RabbitMQ failed:    0"), lines);
    }

    @Test
    void unknownKeysAsKeyValue() throws IOException {
        List<String> lines = ResponseFormatter.dataLines(json("{'exchange_success':{'binance':1},"
                + "'uptime_seconds':42,'replica':'collector-1','buffer':{'size':3,'capacity':20000},'count':7}"));
        assertEquals(List.of(
                "Exchange  Success  Errors",
                "binance         1       0",
                "uptime_seconds: 42",
                "replica: collector-1",
                "buffer:",
                "  size: 3",
                "  capacity: 20000",
                "count: 7"), lines);
    }

    @Test
    void theCollectorsFullStatistics() throws IOException {
        List<String> lines = ResponseFormatter.dataLines(json("{'exchange_success':{'binance':12,'bybit':11},"
                + "'exchange_errors':{'binance':0,'bybit':1},'rabbitmq_published':23,'rabbitmq_failed':0,"
                + "'rabbitmq_dropped':0,'rabbitmq_buffered':2,'rabbitmq_connected':true,"
                + "'symbols':['BTC/USDT:USDT'],'uptime_seconds':61,"
                + "'exchanges':{'binance':{'success':12,'errors':0,'last_error':null},"
                + "'bybit':{'success':11,'errors':1,'last_error':'HTTP 500'}}}"));
        assertEquals(List.of(
                "Symbols (1):",
                "  BTC/USDT:USDT",
                "Exchange  Success  Errors",
                "binance        12       0",
                "bybit          11       1",
                "total          23       1",
                "RabbitMQ published: 23",
                "RabbitMQ failed:    0",
                "RabbitMQ dropped:   0",
                "RabbitMQ buffered:  2",
                "RabbitMQ connected: true",
                "uptime_seconds: 61",
                "exchanges:",
                "  binance: {\"success\":12,\"errors\":0,\"last_error\":null}",
                "  bybit: {\"success\":11,\"errors\":1,\"last_error\":\"HTTP 500\"}"), lines);
    }

    @Test
    void noDataNoLines() throws IOException {
        assertEquals(List.of(), ResponseFormatter.dataLines(null));
        assertEquals(List.of(), ResponseFormatter.dataLines(json("{}")));
    }
}
