package io.marketdata.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EwmaTest {

    private static final double EPS = 1e-12;

    @Test
    void firstObservationIsTakenAsItIs() {
        assertEquals(0.8, new Ewma(0.3).next(null, 0.8), EPS);
    }

    @Test
    void smoothsASequenceWithTheDefaultAlpha() {
        Ewma ewma = new Ewma(Ewma.DEFAULT_ALPHA);
        double s1 = ewma.next(null, 1.0);   // 1.0
        double s2 = ewma.next(s1, 2.0);     // 0.3·2 + 0.7·1 = 1.3
        double s3 = ewma.next(s2, 0.5);     // 0.3·0.5 + 0.7·1.3 = 0.15 + 0.91 = 1.06
        double s4 = ewma.next(s3, 0.5);     // 0.15 + 0.7·1.06 = 0.15 + 0.742 = 0.892
        assertEquals(List.of(1.0, 1.3, 1.06, 0.892), List.of(round(s1), round(s2), round(s3), round(s4)));
        assertEquals(0.892, s4, EPS);
    }

    @Test
    void alphaOneMeansNoSmoothing() {
        assertEquals(0.2, new Ewma(1.0).next(5.0, 0.2), EPS);
    }

    @Test
    void alphaOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Ewma(0.0));
        assertThrows(IllegalArgumentException.class, () -> new Ewma(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Ewma(1.0001));
        assertThrows(IllegalArgumentException.class, () -> new Ewma(Double.NaN));
    }

    @Test
    void smoothsEveryComponentAgainstItsOwnPast() {
        Map<String, Double> previous = Map.of("a", 1.0, "gone", 9.0);
        Map<String, Double> current = new LinkedHashMap<>();
        current.put("a", 2.0);
        current.put("new", 0.4);
        Map<String, Double> smoothed = new Ewma(0.3).next(previous, current);
        // a: 0.3·2 + 0.7·1 = 1.3; new: first observation 0.4; "gone" is not in this round
        assertEquals(List.of("a", "new"), List.copyOf(smoothed.keySet()));
        assertEquals(1.3, smoothed.get("a"), EPS);
        assertEquals(0.4, smoothed.get("new"), EPS);
    }

    private static double round(double value) {
        return Math.round(value * 1e9) / 1e9;
    }
}
