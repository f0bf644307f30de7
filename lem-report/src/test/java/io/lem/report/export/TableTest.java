package io.lem.report.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TableTest {

    private static final List<Column> COLUMNS = List.of(new Column("id", ColumnType.LONG),
            new Column("ms", ColumnType.DOUBLE), new Column("status", ColumnType.STRING));

    private static Map<String, Object> row(Object id, Object ms, Object status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("status", status); // not in column order: cells are placed by name
        row.put("id", id);
        row.put("ms", ms);
        return row;
    }

    @Test
    void cellsAreInColumnOrderNormalisedAndTheSameWhetherBuiltAtOnceOrARowAtATime() {
        List<Map<String, Object>> rows = List.of(row(1, 2.5f, "ok"), row(2L, Double.NaN, null), Map.of("id", 3));
        Table table = Table.of("t", "d", COLUMNS, rows);
        assertThat(table.rows()).containsExactly(List.of(1L, 2.5, "ok"), Arrays.asList(2L, null, null),
                Arrays.asList(3L, null, null));
        Table.Builder builder = new Table.Builder("t", "d", COLUMNS);
        rows.forEach(builder::add);
        assertThat(builder.build()).isEqualTo(table);
        assertThat(table.column("id")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aKeyOutsideTheColumnsAWrongTypeOrAColumnTwiceIsABugNamed() {
        assertThatThrownBy(() -> Table.of("t", "d", COLUMNS, List.of(Map.of("id", 1, "extra", 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("t: no column extra");
        assertThatThrownBy(() -> Table.of("t", "d", COLUMNS, List.of(Map.of("id", "one"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("t.id: String in a LONG column");
        assertThatThrownBy(() -> new Table.Builder("t", "d", List.of(COLUMNS.get(0), COLUMNS.get(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("t: column id twice");
    }
}
