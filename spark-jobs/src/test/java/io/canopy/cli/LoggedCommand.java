package io.canopy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of the repository (a script, Maven) as a child process with its output in a log
 * file, so that a failure can be diagnosed from target/ after the build. A command that outlives
 * its time limit is killed: a hung cluster must not hang the build.
 */
final class LoggedCommand {
  private LoggedCommand() {}

  /** How a command ended: its exit status (-1 if it was killed at the limit) and its output. */
  record Result(int exitCode, String output, Path log) {
    boolean ok() {
      return exitCode == 0;
    }

    /** The last lines of the output, for assertion messages. */
    String tail() {
      String[] lines = output.split("\n");
      return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length))
          + "\n(full output: " + log + ")";
    }
  }

  static Result run(Path dir, Map<String, String> env, Path log, long limitSeconds, List<String> command)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    int code = -1;
    if (p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
      code = p.exitValue();
    } else {
      p.destroyForcibly().waitFor();
      Files.writeString(log, "\n[killed after " + limitSeconds + " s]\n", java.nio.file.StandardOpenOption.APPEND);
    }
    return new Result(code, Files.readString(log), log);
  }
}
