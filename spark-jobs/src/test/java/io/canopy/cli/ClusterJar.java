package io.canopy.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The jar scripts/canopy-submit sends to a cluster (spark-jobs/target/canopy-cluster.jar: Canopy
 * and its libraries, Spark and Hadoop left to the cluster), kept as current as the Canopy modules
 * this test runs against: built with the cluster profile when missing or older than any of them.
 * The build takes the modules from where this test got them: the reactor of the running build
 * (then they are rebuilt with it, -am) or the local repository.
 */
final class ClusterJar {
  private ClusterJar() {}

  /** The current cluster jar; aborts the calling test (skipped, with the reason) if it cannot be built. */
  static Path current(Path repo, Path log) throws IOException, InterruptedException {
    Path jar = repo.resolve("spark-jobs/target/canopy-cluster.jar");
    List<Path> modules = canopyModules(repo);
    if (Files.isRegularFile(jar) && Files.getLastModifiedTime(jar).toMillis() >= newest(modules)) return jar;

    List<String> build = new ArrayList<>(List.of("mvn", "-B", "-q"));
    build.addAll(MavenSettings.args());
    build.addAll(List.of("-Pcluster", "-DskipTests", "-pl", "spark-jobs"));
    Path own = repo.resolve("spark-jobs");
    if (modules.stream().anyMatch(m -> m.startsWith(repo) && !m.startsWith(own))) build.add("-am");
    build.add("package");
    LoggedCommand.Result built;
    try {
      built = LoggedCommand.run(repo, Map.of(), log, 600, build);
    } catch (IOException e) {
      return skip("cannot run Maven (" + e.getMessage() + ")");
    }
    if (!built.ok() || !Files.isRegularFile(jar)) {
      return skip(String.join(" ", build) + " exited " + built.exitCode() + "\n" + built.tail());
    }
    return jar;
  }

  /** Skips the calling test, saying why on the build's console too (reports alone are easy to miss). */
  private static Path skip(String why) {
    String message = "cluster jar not built, so the cluster test is skipped: " + why;
    System.err.println(message);
    return Assumptions.abort(message);
  }

  /** Canopy's modules on this JVM's class path: its own classes and the canopy-* jars. */
  private static List<Path> canopyModules(Path repo) {
    List<Path> modules = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath().normalize();
      String name = p.getFileName().toString();
      boolean ownClasses = p.startsWith(repo) && Files.isDirectory(p) && !name.equals("test-classes");
      if (ownClasses || (name.startsWith("canopy-") && name.endsWith(".jar"))) modules.add(p);
    }
    return modules;
  }

  private static long newest(List<Path> paths) throws IOException {
    long newest = 0;
    for (Path p : paths) {
      try (Stream<Path> files = Files.walk(p)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
        }
      }
    }
    return newest;
  }
}
