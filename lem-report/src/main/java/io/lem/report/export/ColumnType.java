package io.lem.report.export;

/** A column's type, kept by the typed exports (Parquet, DuckDB) and checked on every cell. */
public enum ColumnType {
    STRING("VARCHAR"), LONG("BIGINT"), DOUBLE("DOUBLE"), BOOLEAN("BOOLEAN");

    private final String sqlType;

    ColumnType(String sqlType) {
        this.sqlType = sqlType;
    }

    /** DuckDB's name for it. */
    public String sqlType() {
        return sqlType;
    }

    /** Whether a cell value (already normalised by {@link Table#of}) is of this type; null always is. */
    boolean accepts(Object value) {
        return value == null || switch (this) {
            case STRING -> value instanceof String;
            case LONG -> value instanceof Long;
            case DOUBLE -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
        };
    }
}
