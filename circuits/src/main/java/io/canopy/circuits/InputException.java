package io.canopy.circuits;

/**
 * Bad input from a file or another named source. The message is one line, {@code SOURCE:LINE:
 * problem} (or {@code SOURCE: problem} when the problem concerns the whole source, line 0), so a
 * user can jump to the offending line.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String problem;

  public InputException(String source, int line, String problem) {
    super(line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem);
    this.source = source;
    this.line = line;
    this.problem = problem;
  }

  /** The file or stream the input came from. */
  public String source() { return source; }

  /** The 1-based line of the problem, or 0 when it concerns the whole source. */
  public int line() { return line; }

  /** The problem alone, without source and line. */
  public String problem() { return problem; }
}
