package io.marketdata.lifecycle.tokens;

import io.marketdata.lifecycle.rules.Transition;

/** A transition of one token, as committed by the periodic check. */
public record MintTransition(String mint, Transition transition) {
}
