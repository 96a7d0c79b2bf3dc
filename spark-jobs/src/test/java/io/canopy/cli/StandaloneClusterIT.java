package io.canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.results.Amplitude;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The cluster path end to end on a real Spark standalone cluster: scripts/local-spark starts a
 * Master and a Worker, JVMs of their own, from the very Spark and Hadoop jars Canopy builds
 * against; scripts/canopy-submit sends the cluster jar to it (client mode, CPU executors) as a user
 * would. The amplitudes must match the state vector's and the slices must have been contracted by
 * executors the Worker launched, not by the driver. Everything the processes log stays in
 * spark-jobs/target/standalone-cluster-it.
 */
class StandaloneClusterIT {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final Path DIR = REPO.resolve("spark-jobs/target/standalone-cluster-it");
  private static final Path CIRCUIT = REPO.resolve("circuits/data/sycamore/small_pEFGH/circuit_n14_m14_s0_e0_pEFGH.qsim");
  private static final int BITSTRINGS = 4;

  @Test
  void runOnAStandaloneClusterMatchesTheStateVector() throws Exception {
    Path jar = ClusterJar.current(REPO, DIR.resolve("cluster-jar.log"));
    assertLeavesSparkToTheCluster(jar);
    Map<String, String> env = new HashMap<>(Map.of(
        "LOCAL_SPARK_DIR", DIR.toString(),
        "JAVA_HOME", System.getProperty("java.home"),
        "SPARK_LOCAL_IP", "127.0.0.1",
        "MAVEN_ARGS", String.join(" ", MavenSettings.args())));
    stopCluster(env); // one left behind by an earlier run killed before it could stop it
    clearOutputsOfEarlierRuns();
    Thread stopOnExit = new Thread(() -> stopCluster(env));
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    List<ProcessHandle> daemons = List.of();
    try {
      LoggedCommand.Result started = script(env, "start.log", 240, "local-spark", "start", "--cores", "2", "--memory", "1g");
      assertTrue(started.ok(), started.tail());
      daemons = daemons();
      String master = Files.readString(DIR.resolve("master-url")).strip();
      Path home = DIR.resolve("home");
      assertSparkHomeIsTheBuildsSpark(home);

      env.put("SPARK_HOME", home.toString());
      Path out = DIR.resolve("out");
      LoggedCommand.Result run = script(env, "submit.log", 300, "canopy-submit", "--master", master,
          "--gpus-per-executor", "0", "--executor-memory", "512m", "--conf", "spark.ui.enabled=false", "--",
          "run", "--circuit", CIRCUIT.toString(), "--random", Integer.toString(BITSTRINGS), "--seed", "1",
          "--verify", "--out", out.toString());
      assertEquals(0, run.exitCode(), run.tail());

      JsonNode record = new ObjectMapper().readTree(out.resolve("run.json").toFile());
      assertEquals(master, record.path("master").asText());
      assertContractedOnExecutors(record);
      assertTrue(record.path("verification").path("maxRelativeError").asDouble(1) < 1e-9, record.toString());
      assertMatchesSimulate(out.resolve("amplitudes.csv"));
    } finally {
      stopCluster(env);
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }
    for (ProcessHandle daemon : daemons) assertFalse(daemon.isAlive(), "still running after stop: " + daemon.info());
  }

  /** The Master and the Worker, from the pid files the script writes. */
  private static List<ProcessHandle> daemons() throws IOException {
    List<ProcessHandle> daemons = new ArrayList<>();
    for (String name : List.of("master.pid", "worker.pid")) {
      long pid = Long.parseLong(Files.readString(DIR.resolve(name)).strip());
      daemons.add(ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + ": no process " + pid)));
    }
    return daemons;
  }

  /** Every slice of every bitstring, once, each task on an executor (Spark names the driver's "driver"). */
  private static void assertContractedOnExecutors(JsonNode record) {
    assertEquals(BITSTRINGS * record.path("plan").path("numSlices").asLong(), record.path("slices").path("total").asLong());
    JsonNode tasks = record.path("tasks");
    assertFalse(tasks.isEmpty(), record.toString());
    for (JsonNode task : tasks) {
      String executor = task.path("executor").asText();
      assertFalse(executor.isBlank(), task.toString());
      assertNotEquals("driver", executor, task.toString());
    }
  }

  /** The same bitstrings by `canopy simulate` (state vector, complex128). */
  private static void assertMatchesSimulate(Path amplitudes) throws IOException {
    Path bits = DIR.resolve("bitstrings.txt");
    List<Amplitude> computed = AmplitudeFiles.read(amplitudes);
    assertEquals(BITSTRINGS, computed.size());
    Files.write(bits, computed.stream().map(Amplitude::bitstring).toList());
    Path reference = DIR.resolve("statevector");
    CliHarness.Outcome sv = CliHarness.run("simulate", "--circuit", CIRCUIT.toString(), "--bitstrings", bits.toString(),
        "--out", reference.toString());
    assertEquals(0, sv.exitCode(), sv.err());
    AmplitudeFiles.assertClose(reference.resolve("amplitudes.csv"), amplitudes, 1e-9);
  }

  /** The cluster jar carries Canopy but no Spark: executors get Spark from the cluster's own jars. */
  private static void assertLeavesSparkToTheCluster(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      assertNotNull(zip.getEntry("io/canopy/cli/CanopyCli.class"), jar.toString());
      assertNull(zip.getEntry("org/apache/spark/SparkContext.class"), jar.toString());
      assertNull(zip.getEntry("org/apache/hadoop/fs/FileSystem.class"), jar.toString());
    }
  }

  /** The Spark home's jars are jars this module is built and tested against (scripts/spark-home.pom.xml in step). */
  private static void assertSparkHomeIsTheBuildsSpark(Path home) throws IOException {
    Set<Path> classPath = new HashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.exists(p)) classPath.add(p.toRealPath());
    }
    List<Path> jars;
    try (Stream<Path> list = Files.list(home.resolve("jars"))) {
      jars = list.toList();
    }
    assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("spark-core_")), "no spark-core in " + home);
    List<Path> foreign = new ArrayList<>();
    for (Path jar : jars) {
      if (!classPath.contains(jar.toRealPath())) foreign.add(jar.getFileName());
    }
    assertTrue(foreign.isEmpty(), "jars in " + home + " that spark-jobs does not build against: " + foreign);
  }

  private static LoggedCommand.Result script(Map<String, String> env, String log, long limitSeconds, String... command)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    cmd.set(0, REPO.resolve("scripts").resolve(command[0]).toString());
    return LoggedCommand.run(REPO, env, DIR.resolve(log), limitSeconds, cmd);
  }

  private static void stopCluster(Map<String, String> env) {
    try {
      script(env, "stop.log", 60, "local-spark", "stop");
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("could not stop the local cluster in " + DIR, e);
    }
  }

  /** Keeps the Spark home (rebuilt by the script when the poms change) and the jar build's log. */
  private static void clearOutputsOfEarlierRuns() throws IOException {
    Files.createDirectories(DIR);
    Set<String> keep = Set.of("home", "cluster-jar.log");
    try (Stream<Path> entries = Files.list(DIR)) {
      for (Path p : entries.filter(p -> !keep.contains(p.getFileName().toString())).collect(Collectors.toList())) {
        try (Stream<Path> tree = Files.walk(p)) {
          for (Path f : tree.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
      }
    }
  }
}
