package io.lem.meter;

/**
 * Whether a known meter can be used here and whether this run uses it, with the reason and, where the user can do
 * something about it, the fix ({@code lem meters} prints these; results record them).
 *
 * @param fix null when there is nothing to fix
 */
public record MeterStatus(String name, boolean available, boolean used, String reason, String fix) {
}
