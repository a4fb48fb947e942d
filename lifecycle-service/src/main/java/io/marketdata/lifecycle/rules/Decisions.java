package io.marketdata.lifecycle.rules;

import java.time.Instant;

/** Outcomes of the message rules. */
public final class Decisions {

    private Decisions() {
    }

    /**
     * A {@code token.metrics} outcome: ignored (with why), or applied with the new low-activity
     * counter and possibly a transition (after which the counters restart).
     */
    public record Metrics(Ignored ignored, int lowActivityChecks, Transition transition) {

        static Metrics ignore(Ignored why) {
            return new Metrics(why, 0, null);
        }

        static Metrics apply(int lowActivityChecks, Transition transition) {
            return new Metrics(null, lowActivityChecks, transition);
        }

        public boolean applied() {
            return ignored == null;
        }
    }

    /** A {@code score.updated} outcome: ignored (with why), or stored with the new {@code low_score_since}. */
    public record Score(Ignored ignored, Instant lowScoreSince) {

        static Score ignore(Ignored why) {
            return new Score(why, null);
        }

        static Score apply(Instant lowScoreSince) {
            return new Score(null, lowScoreSince);
        }

        public boolean applied() {
            return ignored == null;
        }
    }
}
