package io.lem.meter;

import java.util.Objects;

/**
 * One energy domain of a meter, such as {@code cpu-package0}, {@code dram0}, {@code gpu0} or {@code process:1234}.
 *
 * @param id          stable identifier, unique within a run, used as the column prefix in power.csv
 * @param kind        physical scope, decides what may be summed
 * @param quantity    what the sampled value is (cumulative energy or power)
 * @param estimated   true when the value comes from a model rather than a hardware counter or sensor
 * @param source      where the value is read from (a sysfs path, a library, a model name), for the result's methods
 */
public record Domain(String id, DomainKind kind, Quantity quantity, boolean estimated, String source) {

    public Domain {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(source, "source");
        if (id.isBlank() || id.contains(",") || id.contains("\n")) {
            throw new IllegalArgumentException("domain id must be non-blank without commas or newlines: '" + id + "'");
        }
    }

    public String method() {
        return quantity.method(estimated);
    }
}
