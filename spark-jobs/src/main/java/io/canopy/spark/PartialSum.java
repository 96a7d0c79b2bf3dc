package io.canopy.spark;

import io.canopy.contractor.HostTensor;
import java.io.Serializable;

/**
 * The sum of one work item's slices, with where, when and at what cost it was computed (for
 * run.json and the report).
 *
 * @param startMillis wall-clock start of the computation (epoch milliseconds)
 * @param gpu the GPU it ran on, or empty for the CPU backend
 * @param joules board energy measured during the task, or NaN where none was measured
 */
public record PartialSum(WorkItem item, HostTensor value, double seconds, String executor,
    long startMillis, String gpu, double joules) implements Serializable {}
