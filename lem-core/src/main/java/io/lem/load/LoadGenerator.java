package io.lem.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.lem.meter.CpuInfo;
import io.lem.meter.CpuPowerModel;
import io.lem.meter.MeterException;
import io.lem.meter.TdpTable;

/**
 * What generating the load cost the machine: the CPU time of the whole lem process over the run (the load engine,
 * its record writer, JIT and GC, metric scrapes and meters alike), since on a co-located generator all of it lands
 * in the CPU package being measured; and that time's energy as {@link CpuPowerModel} estimates it.
 *
 * @param engine   which loop sent the requests: {@value #EVENT_LOOP} (results written before every API and
 *                 transport ran on it may say {@code jdk-httpclient})
 * @param cpuS     CPU seconds of the process between the load's start and end, or NaN when the OS does not say
 * @param wallS    the load's wall-clock duration
 * @param requests requests sent
 * @param model    the CPU power model, or null when the CPU model could not be read
 * @param note     why there is no estimate, or null
 */
public record LoadGenerator(String engine, double cpuS, double wallS, int requests, CpuPowerModel model, String note) {

    /** The java.nio event loop ({@link LoadEngine}). */
    public static final String EVENT_LOOP = "event-loop";

    /** Two loads of one run as one (lem run's warm-up rounds and its measured load): times and requests add up. */
    public LoadGenerator plus(LoadGenerator other) {
        String both = engine.equals(other.engine) ? engine : engine + "+" + other.engine;
        return new LoadGenerator(both, cpuS + other.cpuS, wallS + other.wallS, requests + other.requests,
                model != null ? model : other.model, note != null ? note : other.note);
    }

    public double cpuUsPerRequest() {
        return requests > 0 ? cpuS * 1e6 / requests : Double.NaN;
    }

    /** Estimated joules of the generator's CPU time, or NaN without a model or a CPU time. */
    public double estimatedEnergyJ() {
        return model == null ? Double.NaN : model.energyJ(cpuS);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("engine", engine);
        json.put("scope", "the whole lem process: load engine, record writer, JIT and GC, metric scrapes, meters");
        json.put("cpu_s", finite(cpuS));
        json.put("wall_s", finite(wallS));
        json.put("requests", requests);
        json.put("cpu_us_per_request", finite(cpuUsPerRequest()));
        json.put("cpu_utilization", finite(wallS > 0 ? cpuS / wallS : Double.NaN));
        json.put("estimated_energy_j", finite(estimatedEnergyJ()));
        json.put("energy_estimated", true);
        json.put("energy_method", model != null && Double.isFinite(cpuS) ? model.describe(cpuS) : note);
        return json;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The process's CPU time so far, in seconds, or NaN where the OS does not report it. */
    static double processCpuS() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).map(ns -> ns / 1e9)
                .orElse(Double.NaN);
    }

    /** The power model for this machine's CPU, from {@code cpuinfo}; null when it cannot be read. */
    static CpuPowerModel model(Path cpuinfo) {
        try {
            return CpuPowerModel.forCpu(CpuInfo.read(cpuinfo), TdpTable.bundled());
        } catch (MeterException e) {
            return null;
        }
    }
}
