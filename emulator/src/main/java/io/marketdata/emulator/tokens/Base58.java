package io.marketdata.emulator.tokens;

import io.marketdata.emulator.market.Rng;
import java.math.BigInteger;

/**
 * Bitcoin/Solana base58 (alphabet without {@code 0 O I l}). Solana addresses are 32 bytes (43–44
 * characters) and transaction signatures 64 bytes (87–88 characters). The generators below build
 * strings of a fixed length whose first digit is chosen so that they decode to exactly that many
 * bytes, which lets a mint carry pump.fun's {@code pump} vanity suffix and still be a valid key.
 */
public final class Base58 {

    public static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {
    }

    public static String encode(byte[] bytes) {
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        StringBuilder sb = new StringBuilder();
        BigInteger n = new BigInteger(1, bytes);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        sb.append("1".repeat(zeros));
        return sb.reverse().toString();
    }

    /** The bytes {@code s} encodes; throws {@link IllegalArgumentException} on a character outside the alphabet. */
    public static byte[] decode(String s) {
        BigInteger n = BigInteger.ZERO;
        int zeros = 0;
        while (zeros < s.length() && s.charAt(zeros) == '1') {
            zeros++;
        }
        for (int i = 0; i < s.length(); i++) {
            int digit = ALPHABET.indexOf(s.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("not base58: '" + s.charAt(i) + "' in " + s);
            }
            n = n.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = n.signum() == 0 ? new byte[0] : n.toByteArray();
        int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
        byte[] out = new byte[zeros + magnitude.length - skip];
        System.arraycopy(magnitude, skip, out, zeros, magnitude.length - skip);
        return out;
    }

    /** A 32-byte public key (pool, trader, bonding-curve account) derived from {@code h}. */
    public static String publicKey(long h) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 4; i++) {
            long v = Rng.hash(h, i);
            for (int b = 0; b < 8; b++) {
                bytes[i * 8 + b] = (byte) (v >>> (56 - 8 * b));
            }
        }
        bytes[0] |= 1; // no leading zero byte: keys print as 43–44 characters, like real ones
        return encode(bytes);
    }

    /**
     * A {@code length}-character string ending in {@code suffix}, derived from {@code h}, whose first
     * digit lies in {@code [firstMin, firstMax]} (alphabet indices). With the bounds callers pass, the
     * value stays below 2^(8·bytes) and above 58^(length−1), so it decodes to exactly {@code bytes} bytes.
     */
    static String fixedLength(long h, int length, int firstMin, int firstMax, String suffix) {
        StringBuilder sb = new StringBuilder(length);
        sb.append(ALPHABET.charAt(firstMin + (int) ((Rng.hash(h, 0) >>> 1) % (firstMax - firstMin + 1))));
        for (int i = 1; i < length - suffix.length(); i++) {
            sb.append(ALPHABET.charAt((int) ((Rng.hash(h, i) >>> 1) % 58)));
        }
        return sb.append(suffix).toString();
    }

    /** A pump.fun mint: 44 characters ending in {@code pump}; decodes to 32 bytes. */
    public static String pumpMint(long h) {
        // 17·58^43 < 2^256: a first digit of index ≤ 16 keeps the value within 32 bytes.
        return fixedLength(h, 44, 1, 16, "pump");
    }

    /** A transaction signature: 88 characters; decodes to 64 bytes. */
    public static String signature(long h) {
        // 5·58^87 < 2^512: a first digit of index ≤ 4 keeps the value within 64 bytes.
        return fixedLength(h, 88, 1, 4, "");
    }
}
