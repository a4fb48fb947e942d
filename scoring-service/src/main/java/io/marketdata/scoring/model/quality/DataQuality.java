package io.marketdata.scoring.model.quality;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The data-quality verdict of one scoring round; {@link #wireName()} is the value of
 * {@code score.updated.data_quality} (enum in {@code score-updated.schema.json}).
 */
public enum DataQuality {
    /** Clean snapshot, scored normally. */
    OK("ok"),
    /** Scored normally, but the snapshot raised warnings (listed in the result's issues). */
    WARNING("warning"),
    /** Critical issue: no new score was computed; score = median(last 10 scores) × 0.5. */
    FALLBACK_CRITICAL("fallback_critical"),
    /** No data this round: score = mean(last 10 scores) × 0.7. */
    FALLBACK_GAP("fallback_gap");

    private final String wireName;

    DataQuality(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** True when the score is a fallback derived from history rather than computed from metrics. */
    public boolean isFallback() {
        return this == FALLBACK_CRITICAL || this == FALLBACK_GAP;
    }

    public static DataQuality fromWireName(String wireName) {
        for (DataQuality quality : values()) {
            if (quality.wireName.equals(wireName)) {
                return quality;
            }
        }
        throw new IllegalArgumentException("unknown data_quality '" + wireName + "'");
    }
}
