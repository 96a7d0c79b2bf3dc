package io.canopy.spark;

import io.canopy.contractor.HostTensor;
import java.io.Serializable;

/**
 * The sum of one work item's slices, with where and how long it was computed (for run.json and
 * the report).
 */
public record PartialSum(WorkItem item, HostTensor value, double seconds, String executor)
    implements Serializable {}
