package io.canopy.spark;

import io.canopy.circuits.qsim.QsimWriter;
import io.canopy.planner.ContractionTree;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What makes two runs the same computation, so that one may reuse the other's checkpoints: the
 * circuit, the plan (tree and sliced indices, not just the network), the bitstrings, the open
 * qubits, the precision, the backend and the slice ranges. Each part is a hash so that a refusal
 * can say which part differs.
 */
public record RunIdentity(String circuit, String plan, String bitstrings, String openQubits,
    String precision, String backend, long slicesPerTask) {

  public static RunIdentity of(AmplitudeTask task, long slicesPerTask) {
    ContractionTree tree = task.plan().tree();
    String planText = task.plan().networkHash() + Arrays.deepToString(tree.ssaPath())
        + Arrays.toString(tree.sliced());
    return new RunIdentity(sha256(QsimWriter.format(task.circuit())), sha256(planText),
        sha256(String.join("\n", task.bitstrings())), Arrays.toString(task.openQubits()),
        task.precision().label(), task.backend(), slicesPerTask);
  }

  /** One hash of all parts, stamped into every checkpoint file. */
  public String fingerprint() {
    return sha256(toMap().toString());
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("circuit", circuit);
    m.put("plan", plan);
    m.put("bitstrings", bitstrings);
    m.put("openQubits", openQubits);
    m.put("precision", precision);
    m.put("backend", backend);
    m.put("slicesPerTask", slicesPerTask);
    return m;
  }

  public static RunIdentity fromMap(Map<String, Object> m) {
    return new RunIdentity(String.valueOf(m.get("circuit")), String.valueOf(m.get("plan")),
        String.valueOf(m.get("bitstrings")), String.valueOf(m.get("openQubits")),
        String.valueOf(m.get("precision")), String.valueOf(m.get("backend")),
        ((Number) m.get("slicesPerTask")).longValue());
  }

  /** The parts in which {@code other} differs from this, e.g. "circuit, plan"; empty if none. */
  public String differences(RunIdentity other) {
    StringBuilder sb = new StringBuilder();
    Map<String, Object> a = toMap();
    Map<String, Object> b = other.toMap();
    for (String k : a.keySet()) {
      if (!a.get(k).equals(b.get(k))) sb.append(sb.length() == 0 ? "" : ", ").append(k);
    }
    return sb.toString();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
  }
}
