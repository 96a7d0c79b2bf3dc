package io.canopy.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.cli.CanopyCli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run whose circuit, bitstrings and output all live on a real in-process HDFS gives the same
 * amplitudes.csv, byte for byte, as the same run on local paths.
 */
class HdfsRoundTripTest {
  private static final String CIRCUIT = "../circuits/data/sycamore/small_pEFGH/circuit_n12_m14_s0_e0_pEFGH.qsim";
  private static MiniDFSCluster cluster;
  private static String hdfs;

  @BeforeAll
  static void startHdfs() throws IOException {
    Path base = Files.createTempDirectory("minidfs");
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    hdfs = "hdfs://localhost:" + cluster.getNameNodePort();
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) cluster.shutdown();
  }

  @Test
  void runReadsAndWritesHdfs() throws IOException {
    FileSystem fs = cluster.getFileSystem();
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of(CIRCUIT).toAbsolutePath().toString()),
        new org.apache.hadoop.fs.Path("/in/c.qsim"));
    try (var out = fs.create(new org.apache.hadoop.fs.Path("/in/bits.txt"))) {
      out.write("010101010101\n111000111000\n".getBytes(StandardCharsets.UTF_8));
    }
    Path localBits = Files.createTempFile("bits", ".txt");
    Files.writeString(localBits, "010101010101\n111000111000\n");
    Path localOut = Files.createTempDirectory("local-run");

    String[] common = {"--master", "local[2]", "--target-size-log2", "9", "--plan-trials", "4", "--slices-per-task", "8"};
    assertEquals(0, CanopyCli.execute(concat(new String[] {"run", "--circuit", hdfs + "/in/c.qsim",
        "--bitstrings", hdfs + "/in/bits.txt", "--out", hdfs + "/out/run1"}, common)));
    assertEquals(0, CanopyCli.execute(concat(new String[] {"run", "--circuit", CIRCUIT,
        "--bitstrings", localBits.toString(), "--out", localOut.toString()}, common)));

    String remote;
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path("/out/run1/amplitudes.csv"))) {
      remote = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(localOut.resolve("amplitudes.csv")), remote);
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/out/run1/run.json")));
    assertTrue(fs.listStatus(new org.apache.hadoop.fs.Path("/out/run1/checkpoints")).length > 1);
    for (var st : fs.listStatus(new org.apache.hadoop.fs.Path("/out/run1"))) {
      assertFalse(st.getPath().getName().startsWith("."), "temporary file left behind: " + st.getPath());
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
