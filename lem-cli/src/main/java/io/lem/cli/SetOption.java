package io.lem.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/** {@code --set KEY=VALUE}, on every command that takes settings: any key of the command, as in a study file. */
final class SetOption {

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set any key of this command, as in a study file,"
            + " e.g. --set measurement.sample_rate_hz=50 (repeatable; keys: see the README).")
    Map<String, String> pairs = new LinkedHashMap<>();
}
