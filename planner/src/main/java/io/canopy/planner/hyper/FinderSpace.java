package io.canopy.planner.hyper;

import io.canopy.planner.pathfinders.BisectionFinder;
import io.canopy.planner.pathfinders.GreedyFinder;
import io.canopy.planner.pathfinders.PathFinder;

/**
 * A family of path finders and its parameter space, mapped onto the unit cube so that a tuner
 * can search it without knowing what the parameters mean.
 */
public enum FinderSpace {
  /** {@link GreedyFinder}: costmod log-uniform in [0.5, 64), temperature log-uniform in [1e-4, 0.1). */
  GREEDY(2) {
    @Override
    public PathFinder create(double[] u) {
      return new GreedyFinder(0.5 * Math.pow(128, u[0]), Math.pow(10, -4 + 3 * u[1]));
    }
  },
  /**
   * {@link BisectionFinder}: imbalance log-uniform in [0.01, 1), cutoff in [4, 24], log or
   * constant index weights.
   */
  BISECTION(3) {
    @Override
    public PathFinder create(double[] u) {
      return new BisectionFinder(Math.pow(10, -2 + 2 * u[0]), 4 + (int) Math.min(20, Math.floor(21 * u[1])),
          u[2] < 0.5);
    }
  };

  private final int dimensions;

  FinderSpace(int dimensions) { this.dimensions = dimensions; }

  /** Number of parameters, each in [0, 1). */
  public int dimensions() { return dimensions; }

  /** The finder at a point of the unit cube. */
  public abstract PathFinder create(double[] u);

  /**
   * Parses {@code greedy} or {@code bisection}.
   *
   * @throws IllegalArgumentException naming the unknown method
   */
  public static FinderSpace parse(String name) {
    for (FinderSpace s : values()) if (s.name().equalsIgnoreCase(name.trim())) return s;
    throw new IllegalArgumentException("unknown path finder '" + name + "' (expected greedy or bisection)");
  }
}
