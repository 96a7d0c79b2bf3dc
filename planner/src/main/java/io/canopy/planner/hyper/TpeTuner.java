package io.canopy.planner.hyper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Chooses the finder and parameters of the next trials from the scores of earlier ones: a small
 * Tree-structured Parzen Estimator (Bergstra et al., "Algorithms for hyper-parameter
 * optimization", NeurIPS 2011), the kind of tuner cotengra drives through optuna.
 *
 * <p>Per finder family, observations are split into the best quarter ("good") and the rest;
 * candidates are drawn around good points and the one maximizing the ratio of the good to the bad
 * Parzen density (Gaussian kernels on the unit cube) is proposed. Until a family has
 * {@value #STARTUP} observations its points are uniform. Families are chosen in proportion to how
 * often each produced one of the best quarter of all trials, with a floor so none starves.
 *
 * <p>Not thread-safe: the planner proposes and observes between rounds of trials, which is what
 * keeps a run reproducible for a given seed and thread count.
 */
public final class TpeTuner {
  static final int STARTUP = 8;
  private static final int CANDIDATES = 24;
  private static final double GOOD_FRACTION = 0.25;
  private static final double BANDWIDTH = 0.12;
  private static final double FAMILY_FLOOR = 0.1;

  /** A proposed point: a finder family and its unit-cube coordinates. */
  public record Proposal(FinderSpace space, double[] point) { }

  private record Observation(double[] point, double score) { }

  private final List<FinderSpace> spaces;
  private final Map<FinderSpace, List<Observation>> observations = new EnumMap<>(FinderSpace.class);

  public TpeTuner(List<FinderSpace> spaces) {
    if (spaces.isEmpty()) throw new IllegalArgumentException("the tuner needs at least one finder family");
    this.spaces = List.copyOf(spaces);
    for (FinderSpace s : spaces) observations.put(s, new ArrayList<>());
  }

  public void observe(Proposal p, double score) {
    observations.get(p.space()).add(new Observation(p.point().clone(), score));
  }

  public Proposal propose(RandomGenerator random) {
    FinderSpace space = chooseSpace(random);
    List<Observation> obs = observations.get(space);
    if (obs.size() < STARTUP) return new Proposal(space, uniform(space.dimensions(), random));
    List<Observation> sorted = new ArrayList<>(obs);
    sorted.sort(Comparator.comparingDouble(Observation::score));
    int nGood = Math.max(1, (int) Math.ceil(GOOD_FRACTION * sorted.size()));
    List<Observation> good = sorted.subList(0, nGood);
    List<Observation> bad = sorted.subList(nGood, sorted.size());
    double[] best = null;
    double bestRatio = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < CANDIDATES; c++) {
      double[] around = good.get(random.nextInt(good.size())).point();
      double[] x = new double[around.length];
      for (int d = 0; d < x.length; d++) x[d] = clamp(around[d] + BANDWIDTH * random.nextGaussian());
      double ratio = Math.log(density(good, x)) - Math.log(density(bad, x) + 1e-12);
      if (ratio > bestRatio) {
        bestRatio = ratio;
        best = x;
      }
    }
    return new Proposal(space, best);
  }

  private FinderSpace chooseSpace(RandomGenerator random) {
    if (spaces.size() == 1) return spaces.get(0);
    List<Double> all = new ArrayList<>();
    for (List<Observation> l : observations.values()) for (Observation o : l) all.add(o.score());
    double[] weight = new double[spaces.size()];
    if (all.size() < STARTUP * spaces.size()) {
      java.util.Arrays.fill(weight, 1);
    } else {
      all.sort(Double::compare);
      double threshold = all.get((int) (GOOD_FRACTION * (all.size() - 1)));
      for (int i = 0; i < weight.length; i++) {
        int hits = 0;
        for (Observation o : observations.get(spaces.get(i))) if (o.score() <= threshold) hits++;
        weight[i] = hits;
      }
    }
    double sum = 0;
    for (double w : weight) sum += w;
    double pick = random.nextDouble();
    double acc = 0;
    for (int i = 0; i < weight.length; i++) {
      acc += FAMILY_FLOOR / weight.length + (1 - FAMILY_FLOOR) * weight[i] / sum;
      if (pick < acc) return spaces.get(i);
    }
    return spaces.get(spaces.size() - 1);
  }

  private static double density(List<Observation> points, double[] x) {
    if (points.isEmpty()) return 1;
    double s = 0;
    for (Observation o : points) {
      double d2 = 0;
      for (int d = 0; d < x.length; d++) {
        double z = (x[d] - o.point()[d]) / BANDWIDTH;
        d2 += z * z;
      }
      s += Math.exp(-0.5 * d2);
    }
    return s / points.size();
  }

  private static double[] uniform(int dims, RandomGenerator random) {
    double[] u = new double[dims];
    for (int d = 0; d < dims; d++) u[d] = random.nextDouble();
    return u;
  }

  private static double clamp(double v) {
    return Math.min(Math.nextDown(1.0), Math.max(0, v));
  }
}
