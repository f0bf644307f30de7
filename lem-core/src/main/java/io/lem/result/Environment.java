package io.lem.result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine and software a result was measured on (docs/methodology.md: stored with every result).
 *
 * @param cpuModel    /proc/cpuinfo "model name"
 * @param sockets     distinct "physical id" values
 * @param logicalCpus CPUs the OS shows
 * @param ramBytes    MemTotal
 * @param os          OS name and version
 * @param kernel      kernel release
 * @param jvm         JVM vendor and version
 * @param lemVersion  lem's version
 * @param gitCommit   lem's git commit when run from a checkout, else null
 */
public record Environment(String cpuModel, int sockets, int logicalCpus, long ramBytes, String os, String kernel,
                          String jvm, String lemVersion, String gitCommit) {

    public static Environment probe(Path procRoot, Path lemHome) {
        List<String> cpuinfo = readLines(procRoot.resolve("cpuinfo"));
        String model = cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown");
        int sockets = (int) Math.max(1, cpuinfo.stream().filter(l -> l.startsWith("physical id")).distinct().count());
        long ram = readLines(procRoot.resolve("meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).orElse(-1L);
        String kernel = readLines(procRoot.resolve("sys/kernel/osrelease")).stream().findFirst()
                .orElse(System.getProperty("os.version"));
        String os = osRelease().orElse(System.getProperty("os.name"));
        String jvm = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + Runtime.version();
        String version = Optional.ofNullable(Environment.class.getPackage().getImplementationVersion())
                .orElse("dev");
        return new Environment(model, sockets, Runtime.getRuntime().availableProcessors(), ram, os, kernel, jvm,
                version, lemHome == null ? null : gitCommit(lemHome).orElse(null));
    }

    private static Optional<String> osRelease() {
        return readLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                .findFirst().map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""));
    }

    /** Reads .git/HEAD (and the ref it names) without running git. */
    static Optional<String> gitCommit(Path checkout) {
        Path git = checkout.resolve(".git");
        List<String> head = readLines(git.resolve("HEAD"));
        if (head.isEmpty()) {
            return Optional.empty();
        }
        String line = head.getFirst().strip();
        if (!line.startsWith("ref: ")) {
            return Optional.of(line);
        }
        String ref = line.substring(5);
        List<String> direct = readLines(git.resolve(ref));
        if (!direct.isEmpty()) {
            return Optional.of(direct.getFirst().strip());
        }
        return readLines(git.resolve("packed-refs")).stream().filter(l -> l.endsWith(" " + ref)).findFirst()
                .map(l -> l.substring(0, l.indexOf(' ')).toLowerCase(Locale.ROOT));
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
