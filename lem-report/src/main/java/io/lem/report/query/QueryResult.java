package io.lem.report.query;

import java.util.Collections;
import java.util.List;

/**
 * What a SQL statement returned: column names, DuckDB's type names, and the rows as Java values (null for SQL NULL).
 */
public record QueryResult(List<String> columns, List<String> types, List<List<Object>> rows) {

    public QueryResult {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        rows = Collections.unmodifiableList(rows.stream().map(r -> Collections.unmodifiableList(
                new java.util.ArrayList<>(r))).toList());
    }
}
