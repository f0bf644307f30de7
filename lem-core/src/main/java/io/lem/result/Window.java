package io.lem.result;

/** A window of a run's timeline, in seconds since its clock anchor. */
public record Window(double startS, double endS, double durationS) {
}
