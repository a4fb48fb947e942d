package io.marketdata.collector.token.dexscreener;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** {@code collector.dexscreener_responses}: every answer's body, gzip-compressed, kept {@code raw-retention}. */
@ApplicationScoped
public class RawResponses {

    @Inject
    AgroalDataSource dataSource;

    public void store(long fetchedAt, String path, int status, List<String> mints, long durationMillis, byte[] body)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO collector.dexscreener_responses "
                        + "(fetched_at, path, status, mints, duration_ms, body_bytes, body_gzip) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, new Timestamp(fetchedAt));
            ps.setString(2, path);
            ps.setInt(3, status);
            ps.setArray(4, c.createArrayOf("text", mints.toArray()));
            ps.setInt(5, (int) Math.min(Integer.MAX_VALUE, durationMillis));
            ps.setInt(6, body.length);
            ps.setBytes(7, gzip(body));
            ps.executeUpdate();
        }
    }

    /** Deletes the responses fetched before {@code cutoff} (epoch ms); returns how many. */
    public int deleteOlderThan(long cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM collector.dexscreener_responses WHERE fetched_at < ?")) {
            ps.setTimestamp(1, new Timestamp(cutoff));
            return ps.executeUpdate();
        }
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
