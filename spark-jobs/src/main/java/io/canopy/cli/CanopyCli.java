package io.canopy.cli;

import io.canopy.circuits.InputException;
import io.canopy.cuda.bench.BenchCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code canopy} command. */
@Command(name = "canopy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Tensor-network simulation of random quantum circuits: plan, contract on Spark, verify.",
    subcommands = {GenerateCommand.class, PlanCommand.class, RunCommand.class, SimulateCommand.class,
        XebCommand.class, SampleCommand.class, ReportCommand.class, ProjectCommand.class, SparkOverheadCommand.class,
        BenchCommand.class})
public final class CanopyCli implements Runnable {

  /** Exit code for bad input (files, options): the same code picocli uses for usage errors. */
  public static final int BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of main). */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new CanopyCli());
    cl.setExecutionExceptionHandler(CanopyCli::handle);
    return cl;
  }

  /**
   * Bad input (a file, a line, an option) is the user's to fix: one line on stderr, exit 2. Any
   * other failure is a bug or an environment problem: its stack trace, exit 1.
   */
  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof InputException || e instanceof IllegalArgumentException) {
      err.println("canopy: " + e.getMessage());
      err.flush();
      return BAD_INPUT;
    }
    err.println("canopy: failed: " + e);
    e.printStackTrace(err);
    err.flush();
    return 1;
  }
}
