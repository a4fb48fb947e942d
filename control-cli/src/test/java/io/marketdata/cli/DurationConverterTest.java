package io.marketdata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @ParameterizedTest
    @CsvSource({
        "10s, 10000",
        "500ms, 500",
        "10, 10000",
        "2.5, 2500",
        "1.5s, 1500",
        "2m, 120000",
        "1h, 3600000",
        "' 3S ', 3000",
        "PT15S, 15000",
        "pt0.25s, 250"})
    void parsesDurations(String text, long expectedMillis) {
        assertEquals(Duration.ofMillis(expectedMillis), DurationConverter.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "10x", "-5s", "0", "0ms", "s", "1,5s", "PTXS"})
    void rejectsNonDurations(String text) {
        TypeConversionException error = assertThrows(TypeConversionException.class, () -> DurationConverter.parse(text));
        assertTrue(error.getMessage().contains("'" + text + "'"), error.getMessage());
    }

    @Test
    void rejectsAbsurdlyLongDurations() {
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("1000h"));
    }

    @Test
    void formatsForMessages() {
        assertEquals("10s", DurationConverter.format(Duration.ofSeconds(10)));
        assertEquals("500ms", DurationConverter.format(Duration.ofMillis(500)));
        assertEquals("1.5s", DurationConverter.format(Duration.ofMillis(1500)));
        assertEquals("2m", DurationConverter.format(Duration.ofMinutes(2)));
        assertEquals("90s", DurationConverter.format(Duration.ofSeconds(90)));
    }
}
