package io.marketdata.orderbook.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** CSV export of any history query: a header row, then one row per map (columns in the given order). */
final class Csv {

    private static final CsvMapper MAPPER = new CsvMapper();

    private Csv() {
    }

    static Response of(String filename, List<String> columns, List<Map<String, Object>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        try {
            String body = MAPPER.writer(schema.build()).writeValueAsString(rows);
            return Response.ok(body, "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + filename + ".csv\"").build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CSV encoding failed", e);
        }
    }
}
