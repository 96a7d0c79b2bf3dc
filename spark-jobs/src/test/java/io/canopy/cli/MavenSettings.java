package io.canopy.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The Maven command-line settings of the build running these tests (passed in by the pom), for the
 * Maven calls the tests make: offline if it is, with the same local repository.
 */
final class MavenSettings {
  private MavenSettings() {}

  static List<String> args() {
    List<String> args = new ArrayList<>();
    if (Boolean.getBoolean("canopy.maven.offline")) args.add("-o");
    String repository = System.getProperty("canopy.maven.repository", "");
    if (!repository.isEmpty()) args.add("-Dmaven.repo.local=" + repository);
    return args;
  }
}
