package io.marketdata.lifecycle.support;

import java.security.SecureRandom;

/** Random base58 addresses, so every test has tokens and pools of its own. */
public final class Mints {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Mints() {
    }

    public static String random() {
        StringBuilder b = new StringBuilder(44);
        for (int i = 0; i < 44; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
