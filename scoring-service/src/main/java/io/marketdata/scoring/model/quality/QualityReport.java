package io.marketdata.scoring.model.quality;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Issues found in one snapshot before scoring. Any critical issue blocks the update (critical
 * fallback); warnings let it through with the {@code warning} verdict.
 *
 * @param critical issue codes that block the update, in the order found
 * @param warnings issue codes that only flag the score, in the order found
 */
public record QualityReport(List<String> critical, List<String> warnings) {

    public QualityReport {
        critical = List.copyOf(new LinkedHashSet<>(critical));
        warnings = List.copyOf(new LinkedHashSet<>(warnings));
    }

    public boolean hasCritical() {
        return !critical.isEmpty();
    }

    /** The verdict for a snapshot that is scored (gaps are decided before any report exists). */
    public DataQuality verdict() {
        if (hasCritical()) {
            return DataQuality.FALLBACK_CRITICAL;
        }
        return warnings.isEmpty() ? DataQuality.OK : DataQuality.WARNING;
    }

    /** Critical issues first, then warnings. */
    public List<String> issues() {
        List<String> all = new ArrayList<>(critical);
        all.addAll(warnings);
        return List.copyOf(all);
    }

    /** This report plus more issues, e.g. a model's own checks on top of the standard rules. */
    public QualityReport with(List<String> moreCritical, List<String> moreWarnings) {
        List<String> c = new ArrayList<>(critical);
        c.addAll(moreCritical);
        List<String> w = new ArrayList<>(warnings);
        w.addAll(moreWarnings);
        return new QualityReport(c, w);
    }
}
