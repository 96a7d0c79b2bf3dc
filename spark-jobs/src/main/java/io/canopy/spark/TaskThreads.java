package io.canopy.spark;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/**
 * How many BLAS threads a CPU task gets: the cores of its JVM shared among the tasks Spark runs
 * there at once. OpenBLAS's thread count is process-wide; left at the core count, every one of
 * `local[2]`'s two concurrent tasks ran its products on two threads on a 2-core machine, and a
 * 53-qubit m12 slice took 5.6-6.2 s instead of 5.0-5.1 s with one thread a task (docs/benchmarks.md).
 */
final class TaskThreads {
  private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)(,\\d+)?]");

  private TaskThreads() {}

  /** Threads for each task of a JVM with {@code cores} cores under this configuration (at least 1). */
  static int perTask(SparkConf conf, int cores) {
    int taskCpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
    return Math.max(taskCpus, cores / concurrentTasks(conf, cores, taskCpus));
  }

  /** Tasks Spark runs at once in one JVM: N for {@code local[N]}, executor cores over task cores elsewhere. */
  private static int concurrentTasks(SparkConf conf, int cores, int taskCpus) {
    String master = conf.get("spark.master", "local[*]").toLowerCase(Locale.ROOT);
    if (master.equals("local")) return 1;
    Matcher m = LOCAL.matcher(master);
    if (m.matches()) return m.group(1).equals("*") ? cores : Math.max(1, Integer.parseInt(m.group(1)));
    return Math.max(1, conf.getInt("spark.executor.cores", cores) / taskCpus);
  }
}
