package io.canopy.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class TaskThreadsTest {
  private static SparkConf master(String master) {
    return new SparkConf(false).set("spark.master", master);
  }

  @Test
  void localModesShareTheCoresAmongTheirTaskThreads() {
    assertEquals(1, TaskThreads.perTask(master("local[2]"), 2));
    assertEquals(4, TaskThreads.perTask(master("local[2]"), 8));
    assertEquals(1, TaskThreads.perTask(master("local[*]"), 8));
    assertEquals(8, TaskThreads.perTask(master("local"), 8));
    assertEquals(2, TaskThreads.perTask(master("local[4,3]"), 8), "local[N,F]: N threads, F failures");
    assertEquals(1, TaskThreads.perTask(master("local[16]"), 8), "never fewer than one thread");
  }

  @Test
  void clusterExecutorsShareTheirCoresAmongConcurrentTasks() {
    SparkConf conf = master("spark://head:7077").set("spark.executor.cores", "4");
    assertEquals(8, TaskThreads.perTask(conf, 32), "4 tasks at once on a 32-core JVM");
    conf.set("spark.task.cpus", "2");
    assertEquals(16, TaskThreads.perTask(conf, 32), "2 tasks of 2 cores each");
    assertEquals(2, TaskThreads.perTask(conf.set("spark.executor.cores", "16"), 8), "at least the task's own cores");
    assertEquals(1, TaskThreads.perTask(master("yarn"), 8), "executor cores unset: the JVM's cores, one task each");
  }
}
