package io.canopy.contractor;

/** Hears about each slice a {@link SliceContractor} finishes, e.g. to show progress. */
@FunctionalInterface
public interface SliceListener {
  SliceListener NONE = (slice, done, total) -> { };

  /**
   * Called after a slice's result has been added to the range's sum.
   *
   * @param slice the slice id just finished
   * @param done slices of the range finished so far, this one included
   * @param total slices in the range
   */
  void sliceDone(long slice, long done, long total);
}
