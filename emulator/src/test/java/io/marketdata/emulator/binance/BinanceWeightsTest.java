package io.marketdata.emulator.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketdata.emulator.EmulatorConfig;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Request-weight accounting and the optional 429 enforcement, without the HTTP stack. */
class BinanceWeightsTest {

    static EmulatorConfig config(boolean enforce, int futuresLimit) {
        return new EmulatorConfig() {
            @Override
            public long seed() {
                return 42;
            }

            @Override
            public long tickMs() {
                return 1000;
            }

            @Override
            public int historyTicks() {
                return 100;
            }

            @Override
            public boolean startFrozen() {
                return true;
            }

            @Override
            public Binance binance() {
                return new Binance() {
                    @Override
                    public boolean enforceWeightLimit() {
                        return enforce;
                    }

                    @Override
                    public int futuresWeightLimit() {
                        return futuresLimit;
                    }

                    @Override
                    public int spotWeightLimit() {
                        return 6000;
                    }
                };
            }
        };
    }

    @Test
    void windowResetsAtEveryUtcMinute() {
        WeightWindow w = new WeightWindow(2400);
        long minute = 1_700_000_040_000L; // an exact minute boundary
        assertEquals(20, w.add(minute + 1_000, 20));
        assertEquals(30, w.add(minute + 59_999, 10));
        assertEquals(30, w.used(minute + 59_999));
        assertEquals(5, w.add(minute + 60_000, 5));
        assertEquals(0, w.used(minute + 120_000));
        assertEquals(1, WeightWindow.secondsToNextMinute(minute + 59_500));
        assertEquals(60, WeightWindow.secondsToNextMinute(minute));
    }

    @Test
    void headerReportsTheRunningWeightAndEnforcementAnswers429() {
        BinanceWeights lenient = new BinanceWeights(config(false, 30));
        Response r1 = lenient.respond(lenient.futures(), false, 20, 200, "{}");
        Response r2 = lenient.respond(lenient.futures(), false, 20, 200, "{}");
        assertEquals(200, r2.getStatus());
        int w1 = Integer.parseInt(r1.getHeaderString(BinanceWeights.HEADER));
        int w2 = Integer.parseInt(r2.getHeaderString(BinanceWeights.HEADER));
        assertTrue(w2 == w1 + 20 || w2 == 20);

        BinanceWeights strict = new BinanceWeights(config(true, 30));
        strict.respond(strict.futures(), false, 20, 200, "{}");
        Response over = strict.respond(strict.futures(), false, 20, 200, "{}");
        if (strict.futures().used(System.currentTimeMillis()) > 20) {
            assertEquals(429, over.getStatus());
            long retryAfter = Long.parseLong(over.getHeaderString("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 60);
            assertTrue(over.getEntity().toString().contains("-1003"));
        } else {
            // The UTC minute rolled over between the two calls: the second one opened a fresh window.
            assertEquals(200, over.getStatus());
        }
        Response spot = strict.respond(strict.spot(), true, 20, 200, "{}");
        assertEquals(200, spot.getStatus(), "spot has its own window");
        assertEquals(spot.getHeaderString(BinanceWeights.HEADER), spot.getHeaderString("X-MBX-USED-WEIGHT"));
    }
}
