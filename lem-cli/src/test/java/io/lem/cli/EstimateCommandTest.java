package io.lem.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.lem.result.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code lem estimate}: the table and estimate.json of a swept study, and exit 2 on a bad study or device. */
class EstimateCommandTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void predictsEveryPointOfASweep() throws Exception {
        Path study = dir.resolve("bar.yaml");
        Files.writeString(study, """
                study_name: bar-sweep
                engine:
                  type: embedded
                  preset: tiny
                workload:
                  requests: 16
                  max_output_tokens: 16
                sweep:
                  engine.parallel: [1, 2]
                  workload.concurrency: [1, 2]
                """);
        Path json = dir.resolve("estimate.json");
        Result r = run("estimate", study.toString(), "--hardware", "H200", "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("PREDICTION (not a measurement)"), r.out());
        assertTrue(r.out().contains("Assumptions"), r.out());
        JsonNode doc = Json.compact().readTree(Files.readString(json));
        assertEquals("prediction", doc.get("kind").asString());
        assertEquals(4, doc.get("points").size());
        JsonNode first = doc.get("points").get(0);
        JsonNode last = doc.get("points").get(3);
        assertEquals("architecture", first.get("flops_method").asString());
        assertEquals("high", first.get("flops_confidence").asString());
        assertEquals(1, first.get("batch").asInt());
        assertEquals(2, last.get("batch").asInt());
        // a batch of 2 shares one read of the weights: a memory-bound decode costs less per token
        assertEquals("memory", first.get("decode_bound").asString());
        assertTrue(last.get("predicted_joules_per_output_token").asDouble()
                < first.get("predicted_joules_per_output_token").asDouble());
        assertTrue(first.get("assumptions").get(0).asString().startsWith("prediction, not a measurement"));
    }

    @Test
    void badStudyIsAUserError() throws Exception {
        Path study = dir.resolve("bad.yaml");
        Files.writeString(study, "study_name: 'no spaces allowed'\nengine:\n  preset: tiny\n");
        Result r = run("estimate", study.toString(), "--hardware", "H200", "--out", dir.resolve("e.json").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("study_name"), r.err());
        assertTrue(Files.notExists(dir.resolve("e.json")));
    }

    @Test
    void unknownDeviceIsAUserError() throws Exception {
        Path study = dir.resolve("ok.yaml");
        Files.writeString(study, "engine:\n  preset: tiny\n");
        Result r = run("estimate", study.toString(), "--hardware", "TPU-v9", "--out", dir.resolve("e.json").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--hardware") && r.err().contains("H100-SXM"), r.err());
    }
}
