package io.canopy.planner;

import io.canopy.planner.hyper.FinderSpace;
import io.canopy.planner.scoring.Objective;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final List<FinderSpace> finders;
  private final int subtreeSize;
  private final int reconfigureBest;
  private final boolean sliceReplanning;

  private PlannerOptions(Builder b) {
    this.targetLog2Size = b.targetLog2Size;
    this.timeSeconds = b.timeSeconds;
    this.trials = b.trials.isPresent() || b.timeSeconds.isPresent() ? b.trials
        : OptionalInt.of(DEFAULT_TRIALS);
    this.threads = b.threads;
    this.seed = b.seed;
    this.objective = b.objective;
    this.finders = List.copyOf(b.finders);
    this.subtreeSize = b.subtreeSize;
    this.reconfigureBest = b.reconfigureBest;
    this.sliceReplanning = b.sliceReplanning;
  }

  /** A copy for planning a sub-problem: another seed and budget, no slice replanning of its own. */
  PlannerOptions forReplanning(long newSeed, double seconds, int trialCount) {
    Builder b = builder().threads(threads).seed(newSeed).objective(objective)
        .finders(finders.toArray(new FinderSpace[0])).subtreeSize(subtreeSize)
        .reconfigureBest(reconfigureBest).sliceReplanning(false);
    targetLog2Size.ifPresent(b::targetLog2Size);
    if (seconds > 0) b.timeSeconds(seconds);
    if (trialCount > 0) b.trials(trialCount);
    return b.build();
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

  /** The finder families the tuner chooses among (default: greedy and bisection). */
  public List<FinderSpace> finders() { return finders; }

  /** Frontier size of subtree reconfiguration; 0 when the best trees are not reconfigured. */
  public int subtreeSize() { return subtreeSize; }

  /** How many of the best trees found are reconfigured (and sliced while reconfiguring). */
  public int reconfigureBest() { return reconfigureBest; }

  /** Whether a sliced plan is improved by planning the sliced network again (see the planner). */
  public boolean sliceReplanning() { return sliceReplanning; }

  /**
   * The settings as named values (numbers, strings, booleans; absent ones left out), in a fixed
   * order: what a plan file records so that a plan can be made again.
   */
  public Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    targetLog2Size.ifPresent(t -> m.put("targetLog2Size", t));
    timeSeconds.ifPresent(t -> m.put("timeSeconds", t));
    trials.ifPresent(t -> m.put("trials", t));
    m.put("threads", threads);
    m.put("seed", seed);
    m.put("objective", objective.toString());
    m.put("finders", finders.toString());
    m.put("subtreeSize", subtreeSize);
    m.put("reconfigureBest", reconfigureBest);
    m.put("sliceReplanning", sliceReplanning);
    return m;
  }

  @Override
  public String toString() {
    return "target=" + (targetLog2Size.isPresent() ? "2^" + targetLog2Size.getAsInt() : "none")
        + " time=" + (timeSeconds.isPresent() ? timeSeconds.getAsDouble() + "s" : "none")
        + " trials=" + (trials.isPresent() ? trials.getAsInt() : "unbounded")
        + " threads=" + threads + " seed=" + seed + " objective=" + objective + " finders=" + finders
        + " subtreeSize=" + subtreeSize + " reconfigureBest=" + reconfigureBest
        + " sliceReplanning=" + sliceReplanning;
  }

  /** Builder of {@link PlannerOptions}. */
  public static final class Builder {
    private OptionalInt targetLog2Size = OptionalInt.empty();
    private OptionalDouble timeSeconds = OptionalDouble.empty();
    private OptionalInt trials = OptionalInt.empty();
    private int threads = 1;
    private long seed = 0;
    private Objective objective = Objective.flops();
    private EnumSet<FinderSpace> finders = EnumSet.allOf(FinderSpace.class);
    private int subtreeSize = 8;
    private int reconfigureBest = 4;
    private boolean sliceReplanning = true;

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

    public Builder finders(FinderSpace... spaces) {
      if (spaces.length == 0) throw new IllegalArgumentException("at least one path finder is needed");
      this.finders = EnumSet.copyOf(List.of(spaces));
      return this;
    }

    /** Frontier size of subtree reconfiguration, 2 to 16; 0 turns reconfiguration off. */
    public Builder subtreeSize(int size) {
      if (size != 0 && (size < 2 || size > 16)) {
        throw new IllegalArgumentException("subtree size must be 0 (off) or 2..16, got " + size);
      }
      this.subtreeSize = size;
      return this;
    }

    /** How many of the best trees are reconfigured, at least 1. */
    public Builder reconfigureBest(int count) {
      if (count < 1) throw new IllegalArgumentException("reconfigureBest must be >= 1, got " + count);
      this.reconfigureBest = count;
      return this;
    }

    /** With a target size: improve the sliced plan by planning the sliced network again. */
    public Builder sliceReplanning(boolean on) {
      this.sliceReplanning = on;
      return this;
    }

    public PlannerOptions build() { return new PlannerOptions(this); }
  }
}
