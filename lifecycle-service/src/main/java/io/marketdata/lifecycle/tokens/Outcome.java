package io.marketdata.lifecycle.tokens;

import io.marketdata.lifecycle.rules.Ignored;
import io.marketdata.lifecycle.rules.Transition;

/** What handling one message did: ignored (with why), or applied with possibly a transition. */
public record Outcome(Ignored ignored, Transition transition) {

    static Outcome ignoredBecause(Ignored why) {
        return new Outcome(why, null);
    }

    static Outcome applied(Transition transition) {
        return new Outcome(null, transition);
    }
}
