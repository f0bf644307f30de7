package io.lem.meter.nvml;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which GPUs to measure: an explicit list of NVML indices when given, else the GPUs {@code CUDA_VISIBLE_DEVICES}
 * exposes, else all.
 *
 * <p>{@code CUDA_VISIBLE_DEVICES} is read the way CUDA reads it: comma-separated ordinals or {@code GPU-} UUID
 * prefixes, and the list ends at the first entry that names no device (so {@code 0,7,1} on two GPUs means
 * {@code 0}). An empty value hides every GPU. A {@code MIG-} entry names a MIG instance: all instances of a GPU share
 * its one energy counter, so lem measures every MIG-enabled GPU whole and says so.
 *
 * @param indices the NVML indices to measure, in order
 * @param notes   how the choice was made, for the meter status
 */
public record GpuSelection(List<Integer> indices, List<String> notes) {

    public static final String CUDA_VISIBLE_DEVICES = "CUDA_VISIBLE_DEVICES";

    /** The entry names no GPU: CUDA stops reading the list there. */
    private static final int STOP = -2;
    /** The entry was handled (MIG): nothing more to add. */
    private static final int SKIP = -1;

    public GpuSelection {
        indices = List.copyOf(indices);
        notes = List.copyOf(notes);
    }

    /**
     * @throws IllegalArgumentException when an explicit index names no GPU (the message lists the valid ones)
     */
    public static GpuSelection choose(List<Integer> explicit, Map<String, String> env, List<GpuInfo> gpus) {
        List<String> notes = new ArrayList<>();
        if (!explicit.isEmpty()) {
            for (int i : explicit) {
                if (i >= gpus.size()) {
                    throw new IllegalArgumentException("GPU index " + i + " does not exist: NVML sees "
                            + gpus.size() + " GPU(s)" + (gpus.isEmpty() ? "" : ", indices 0.." + (gpus.size() - 1)));
                }
            }
            notes.add("GPUs chosen explicitly: " + explicit
                    + (env.containsKey(CUDA_VISIBLE_DEVICES) ? " (CUDA_VISIBLE_DEVICES ignored)" : ""));
            return new GpuSelection(List.copyOf(new LinkedHashSet<>(explicit)), notes);
        }
        String visible = env.get(CUDA_VISIBLE_DEVICES);
        if (visible == null) {
            return new GpuSelection(gpus.stream().map(GpuInfo::index).toList(), notes);
        }
        Set<Integer> chosen = new LinkedHashSet<>();
        for (String raw : visible.split(",", -1)) {
            String entry = raw.strip();
            int index = resolve(entry, gpus, chosen, notes);
            if (index == STOP) {
                if (!entry.isEmpty() || !visible.isBlank()) {
                    notes.add("CUDA_VISIBLE_DEVICES entry '" + entry + "' names no GPU: CUDA ignores it and every"
                            + " entry after it");
                }
                break;
            }
            if (index >= 0) {
                chosen.add(index);
            }
        }
        notes.add("CUDA_VISIBLE_DEVICES='" + visible + "' selects " + chosen.stream().map(i -> "gpu" + i).toList());
        long models = gpus.stream().map(GpuInfo::name).distinct().count();
        if (models > 1 && !"PCI_BUS_ID".equals(env.get("CUDA_DEVICE_ORDER"))) {
            notes.add("GPUs differ and CUDA_DEVICE_ORDER is not PCI_BUS_ID: CUDA numbers the fastest GPU first,"
                    + " lem uses NVML (PCI bus) order; set CUDA_DEVICE_ORDER=PCI_BUS_ID so both agree");
        }
        return new GpuSelection(List.copyOf(chosen), notes);
    }

    private static int resolve(String entry, List<GpuInfo> gpus, Set<Integer> chosen, List<String> notes) {
        if (entry.matches("\\d{1,9}")) {
            int ordinal = Integer.parseInt(entry);
            return ordinal < gpus.size() ? ordinal : STOP;
        }
        String upper = entry.toUpperCase(Locale.ROOT);
        if (upper.startsWith("MIG-")) {
            List<GpuInfo> mig = gpus.stream().filter(g -> Boolean.TRUE.equals(g.migEnabled())).toList();
            if (mig.isEmpty()) {
                return STOP;
            }
            mig.forEach(g -> chosen.add(g.index()));
            notes.add("CUDA_VISIBLE_DEVICES names MIG instance " + entry + ": MIG instances share their GPU's energy"
                    + " counter, so lem measures every MIG-enabled GPU whole");
            return SKIP;
        }
        if (upper.startsWith("GPU-")) {
            List<GpuInfo> matches = gpus.stream()
                    .filter(g -> g.uuid() != null && g.uuid().toUpperCase(Locale.ROOT).startsWith(upper)).toList();
            return matches.size() == 1 ? matches.getFirst().index() : STOP;
        }
        return STOP;
    }
}
