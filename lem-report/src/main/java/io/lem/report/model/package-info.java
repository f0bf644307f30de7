/**
 * What a report shows, read from a results directory: the records the page ({@code io.lem.report.html}) and the
 * figures ({@code io.lem.report.chart}) are both drawn from, below both, so that neither depends on the package that
 * builds the model ({@code io.lem.report}) and the packages stay acyclic (ReportArchitectureTest).
 */
package io.lem.report.model;
