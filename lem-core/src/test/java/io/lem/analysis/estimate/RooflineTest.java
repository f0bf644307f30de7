package io.lem.analysis.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.lem.analysis.flops.Architecture;
import io.lem.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The roofline arithmetic on a hand-made device and a tiny model, every step written out. */
class RooflineTest {

    /** L=2, d=8, h=2, h_kv=1 (d_h=4), f=16, V=10, SwiGLU: N_layer = 576, 2·L·N_layer = 2304, logits 160. */
    static final Architecture TINY = new Architecture("test", 2, 8, 2, 1, 16, 10, true, false, List.of());
    /** 2,000 weight bytes; KV 2·L·h_kv·d_h = 16 elements × 2 B = 32 B per token. */
    static final ModelShape MODEL = new ModelShape(TINY, 2000, 2, List.of("hand-made"));
    /** 100 W, 1,000 B/s, 10,000 FLOP/s. */
    static final HardwareSpec DEVICE = new HardwareSpec("test-device", "gpu", 100, 1000, 1e4, "test", "hand-made");

    @Test
    void memoryBoundSingleSequence() {
        Prediction p = Roofline.predict(MODEL, 3, 2, 1, DEVICE);
        // mean position 3 + (2+1)/2 = 4.5: FLOPs 2304 + 4·2·4.5·8 + 160 = 2752 (= mean of t=4: 2720 and t=5: 2784)
        assertEquals(2752, p.decodeStepFlops(), 1e-9);
        // bytes 2000 + 4.5 × 32 = 2144
        assertEquals(2144, p.decodeStepBytes(), 1e-9);
        // max(2752 / 1e4 = 0.2752 s, 2144 / 1000 = 2.144 s) = 2.144 s
        assertEquals(2.144, p.decodeStepS(), 1e-12);
        assertEquals("memory", p.decodeBound());
        assertEquals(214.4, p.decodeJPerOutputToken(), 1e-9);
        // prefill: max(7456 / 1e4, (2000 + 3 × 32) / 1000) = 2.096 s → 209.6 J
        assertEquals(2.096, p.prefillS(), 1e-12);
        assertEquals(209.6, p.prefillEnergyJ(), 1e-9);
        // (209.6 + 2 × 214.4) / 2
        assertEquals(319.2, p.jPerOutputToken(), 1e-9);
        assertEquals(1 / 2.144, p.outputTokensPerS(), 1e-12);
        assertTrue(p.assumptions().getFirst().startsWith("prediction, not a measurement"));
        assertTrue(p.assumptions().contains("hand-made"));
    }

    @Test
    void batchSharesTheWeights() {
        Prediction p = Roofline.predict(MODEL, 3, 2, 4, DEVICE);
        // FLOPs 4 × 2752 = 11008 → 1.1008 s; bytes 2000 + 4 × 4.5 × 32 = 2576 → 2.576 s
        assertEquals(2576, p.decodeStepBytes(), 1e-9);
        assertEquals(2.576, p.decodeStepS(), 1e-12);
        // 100 W × 2.576 s / 4 sequences = 64.4 J per token; (209.6 + 2 × 64.4) / 2 = 169.2
        assertEquals(64.4, p.decodeJPerOutputToken(), 1e-9);
        assertEquals(169.2, p.jPerOutputToken(), 1e-9);
    }

    @Test
    void computeBoundWhenThePeakIsLow() {
        HardwareSpec slow = new HardwareSpec("slow", "cpu", 10, 1000, 1000, "test", "hand-made");
        Prediction p = Roofline.predict(MODEL, 3, 2, 1, slow);
        // max(2752 / 1000 = 2.752 s, 2.144 s)
        assertEquals("compute", p.decodeBound());
        assertEquals(27.52, p.decodeJPerOutputToken(), 1e-9);
        assertEquals(Math.max(2.5, 0.4), Roofline.timeS(2500, 400, slow));
        assertEquals(25.0, Roofline.energyJ(2500, 400, slow), 1e-12);
    }

    @Test
    void bundledHardware() {
        HardwareTable table = HardwareTable.bundled();
        HardwareSpec h200 = table.require("--hardware", "h200");
        assertEquals(700, h200.powerW());
        assertEquals(4.8e12, h200.memoryBandwidthBytesPerS());
        HardwareSpec epyc = table.require("--hardware", "AMD EPYC 9654");
        assertEquals(360, epyc.powerW()); // CodeCarbon's cpu_power.csv
        assertEquals(192, table.threadsPerSocket(epyc).orElseThrow());
        HardwareSpec twoVcpus = epyc.share(2.0 / 192, "2 of 192 threads");
        assertEquals(3.75, twoVcpus.powerW(), 1e-12);
        assertEquals(300, h200.withPowerW(300).powerW());
        ConfigException e = assertThrows(ConfigException.class, () -> table.require("--hardware", "TPU"));
        assertTrue(e.getMessage().contains("H100-SXM"), e.getMessage());
        assertTrue(table.rows().stream().allMatch(r -> !r.source().isBlank()));
    }
}
