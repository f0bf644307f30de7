package io.lem.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds sysfs-shaped powercap trees in a temp dir from the fixture manifests. */
public final class PowercapTrees {

    private PowercapTrees() {
    }

    public static String resource(String name) {
        return Resources.text(PowercapTrees.class, name);
    }

    /** Kepler's tree; the manifest's paths start with sys/class/powercap/. */
    public static Path kepler(Path tmp) throws IOException {
        Path root = tmp.resolve("powercap");
        for (String line : resource("powercap/kepler-testdata_sys_class_powercap_manifest.tsv").split("\n")) {
            String[] parts = line.split("\t", -1);
            write(root.resolve(parts[0].substring("sys/class/powercap/".length())), parts[1]);
        }
        return root;
    }

    /** One snapshot (0 or 1) of Alumet's test tree (nested layout), written over the root. */
    public static void alumet(Path root, int snapshot) throws IOException {
        List<List<String>> snapshots = new ArrayList<>();
        for (String line : resource("powercap/alumet_rapl_test_powercap_two_snapshots.tsv").split("\n")) {
            if (line.startsWith("# snapshot")) {
                snapshots.add(new ArrayList<>());
            } else if (!line.isBlank()) {
                snapshots.getLast().add(line);
            }
        }
        for (String line : snapshots.get(snapshot)) {
            String[] parts = line.split("\t", -1);
            if (parts[1].equals("<dir>")) {
                Files.createDirectories(root.resolve(parts[0]));
            } else {
                write(root.resolve(parts[0]), parts[1]);
            }
        }
    }

    public static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content + "\n");
    }

    public static void zone(Path root, String id, String name, long energyUj) throws IOException {
        write(root.resolve(id).resolve("name"), name);
        write(root.resolve(id).resolve("max_energy_range_uj"), "262143328850");
        write(root.resolve(id).resolve("energy_uj"), Long.toString(energyUj));
    }
}
