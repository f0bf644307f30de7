package io.lem.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The Lab's state in one SQLite file ({@code lab.db} in the data directory): every run's report by browser session,
 * the custom, calibrated and live benchmarks, and each session's settings. Rows hold the JSON the API serves, so
 * that a restart shows exactly what was shown before. One connection, used under this object's lock.
 */
public final class LabStore implements AutoCloseable {

    public static final String FILE = "lab.db";

    private final Connection db;

    private LabStore(Connection db) {
        this.db = db;
    }

    public static LabStore open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE).toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, session TEXT NOT NULL,"
                        + " created TEXT NOT NULL, json TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS benchmarks (name TEXT PRIMARY KEY, json TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, json TEXT NOT NULL)");
            }
            return new LabStore(db);
        } catch (SQLException e) {
            throw new IOException("cannot open the Lab's database " + dataDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    public synchronized void putRun(String id, String session, String created, String json) {
        update("INSERT OR REPLACE INTO runs (id, session, created, json) VALUES (?, ?, ?, ?)", id, session, created, json);
    }

    public synchronized boolean deleteRun(String id, String session) {
        return update("DELETE FROM runs WHERE id = ? AND session = ?", id, session) > 0;
    }

    /** A session's runs, oldest first. */
    public synchronized List<JsonNode> runs(String session) {
        return query("SELECT json FROM runs WHERE session = ? ORDER BY created, id", session);
    }

    public synchronized void putBenchmark(Benchmark b) {
        update("INSERT OR REPLACE INTO benchmarks (name, json) VALUES (?, ?)", b.name(), LabJson.write(b.toJson()));
    }

    public synchronized List<Benchmark> benchmarks() {
        return query("SELECT json FROM benchmarks ORDER BY name").stream().map(LabStore::benchmark).toList();
    }

    public synchronized Optional<JsonNode> session(String id) {
        return query("SELECT json FROM sessions WHERE id = ?", id).stream().findFirst();
    }

    public synchronized void putSession(String id, String json) {
        update("INSERT OR REPLACE INTO sessions (id, json) VALUES (?, ?)", id, json);
    }

    private static Benchmark benchmark(JsonNode j) {
        return new Benchmark(j.path("name").stringValue(), j.path("kind").stringValue(),
                j.path("wh_per_1000_input_tokens").isNumber() ? j.path("wh_per_1000_input_tokens").doubleValue() : null,
                j.path("wh_per_1000_output_tokens").isNumber() ? j.path("wh_per_1000_output_tokens").doubleValue() : null,
                j.path("source").stringValue(), j.path("description").stringValue());
    }

    private int update(String sql, String... args) {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("Lab database: " + e.getMessage(), e));
        }
    }

    private List<JsonNode> query(String sql, String... args) {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            List<JsonNode> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(LabJson.read(rs.getString(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("Lab database: " + e.getMessage(), e));
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }
}
