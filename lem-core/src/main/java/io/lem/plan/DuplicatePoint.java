package io.lem.plan;

/**
 * A combination that resolved to the same settings as an earlier point and is run only once.
 *
 * @param sameAs the {@link Point#index} it duplicates
 */
public record DuplicatePoint(String origin, int sameAs) {
}
