package io.canopy.planner;

import io.canopy.planner.scoring.Objective;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Settings of one {@link Planner#plan} run. Build with {@link #builder()}; the builder checks each
 * value as it is set and throws {@link IllegalArgumentException} with a one-line reason.
 *
 * <p>The search stops after {@code trials} trials or {@code timeSeconds}, whichever comes first;
 * with neither set it runs {@value #DEFAULT_TRIALS} trials. Only a run bounded by trials alone is
 * reproducible: with a time budget the number of trials depends on the machine.
 */
public final class PlannerOptions {
  public static final int DEFAULT_TRIALS = 64;

  private final OptionalInt targetLog2Size;
  private final OptionalDouble timeSeconds;
  private final OptionalInt trials;
  private final int threads;
  private final long seed;
  private final Objective objective;

  private PlannerOptions(Builder b) {
    this.targetLog2Size = b.targetLog2Size;
    this.timeSeconds = b.timeSeconds;
    this.trials = b.trials.isPresent() || b.timeSeconds.isPresent() ? b.trials
        : OptionalInt.of(DEFAULT_TRIALS);
    this.threads = b.threads;
    this.seed = b.seed;
    this.objective = b.objective;
  }

  public static Builder builder() { return new Builder(); }

  /** Largest intermediate allowed per slice (log2 elements); empty for an unsliced plan. */
  public OptionalInt targetLog2Size() { return targetLog2Size; }

  /** Time budget in seconds; empty for none. */
  public OptionalDouble timeSeconds() { return timeSeconds; }

  /** Trial count; empty when only the time budget bounds the search. */
  public OptionalInt trials() { return trials; }

  public int threads() { return threads; }

  public long seed() { return seed; }

  /** What the search minimizes over the (sliced) tree; flops by default. */
  public Objective objective() { return objective; }

  @Override
  public String toString() {
    return "target=" + (targetLog2Size.isPresent() ? "2^" + targetLog2Size.getAsInt() : "none")
        + " time=" + (timeSeconds.isPresent() ? timeSeconds.getAsDouble() + "s" : "none")
        + " trials=" + (trials.isPresent() ? trials.getAsInt() : "unbounded")
        + " threads=" + threads + " seed=" + seed + " objective=" + objective;
  }

  /** Builder of {@link PlannerOptions}. */
  public static final class Builder {
    private OptionalInt targetLog2Size = OptionalInt.empty();
    private OptionalDouble timeSeconds = OptionalDouble.empty();
    private OptionalInt trials = OptionalInt.empty();
    private int threads = 1;
    private long seed = 0;
    private Objective objective = Objective.flops();

    private Builder() { }

    /** Slice until every intermediate of one slice has at most {@code 2^log2Size} elements. */
    public Builder targetLog2Size(int log2Size) {
      if (log2Size < 0) throw new IllegalArgumentException("target log2 size must be >= 0, got " + log2Size);
      this.targetLog2Size = OptionalInt.of(log2Size);
      return this;
    }

    public Builder timeSeconds(double seconds) {
      if (!(seconds > 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("planning time must be a positive number of seconds, got " + seconds);
      }
      this.timeSeconds = OptionalDouble.of(seconds);
      return this;
    }

    public Builder trials(int trials) {
      if (trials <= 0) throw new IllegalArgumentException("trial count must be positive, got " + trials);
      this.trials = OptionalInt.of(trials);
      return this;
    }

    public Builder threads(int threads) {
      if (threads <= 0) throw new IllegalArgumentException("thread count must be positive, got " + threads);
      this.threads = threads;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder objective(Objective objective) {
      if (objective == null) throw new IllegalArgumentException("objective must not be null");
      this.objective = objective;
      return this;
    }

    public PlannerOptions build() { return new PlannerOptions(this); }
  }
}
