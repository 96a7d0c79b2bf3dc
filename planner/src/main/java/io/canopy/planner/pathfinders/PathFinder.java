package io.canopy.planner.pathfinders;

import io.canopy.planner.ContractionProblem;
import io.canopy.planner.ContractionTree;
import java.util.random.RandomGenerator;

/**
 * An algorithm that orders the pairwise contractions of a {@link ContractionProblem} into a
 * binary {@link ContractionTree}. One algorithm per implementing class; each states its source
 * and running time.
 *
 * <p>Randomized finders draw all their randomness from the generator they are given, so a finder
 * called twice with generators seeded alike returns the same tree. Finders are stateless and may
 * be called from several threads at once.
 */
public interface PathFinder {

  /**
   * Finds a contraction tree with no sliced indices.
   *
   * @param problem the hypergraph to contract
   * @param random the only source of randomness
   * @return a tree contracting every input into one node
   */
  ContractionTree find(ContractionProblem problem, RandomGenerator random);
}
