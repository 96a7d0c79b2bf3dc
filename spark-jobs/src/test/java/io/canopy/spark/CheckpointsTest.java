package io.canopy.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canopy.contractor.HostTensor;
import io.canopy.store.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint files: what passes the checks comes back bit for bit; anything else is rejected. */
class CheckpointsTest {
  @TempDir Path tmp;
  Checkpoints checkpoints;
  PartialSum partial;

  @BeforeEach
  void setUp() throws IOException {
    checkpoints = new Checkpoints(new Storage(), new Storage().resolve(tmp.toString()), "fingerprint-a");
    partial = new PartialSum(new WorkItem(2, 8, 12),
        new HostTensor(new int[] {5, 3}, new double[] {1e-20, -0.0, Math.PI, 7}, new double[] {0, 1, -2, 1e300}),
        1.5, "executor-1", 1_700_000_000_000L, "0", 12.5);
    checkpoints.write(partial);
  }

  @Test
  void roundTripIsExact() throws IOException {
    Checkpoints.Scan scan = checkpoints.scan();
    assertEquals(1, scan.valid().size());
    assertTrue(scan.invalid().isEmpty());
    PartialSum back = scan.valid().get(0);
    assertEquals(partial.item(), back.item());
    assertArrayEquals(partial.value().indices(), back.value().indices());
    assertArrayEquals(partial.value().re(), back.value().re(), 0.0);
    assertArrayEquals(partial.value().im(), back.value().im(), 0.0);
    assertEquals(new PartialSum(partial.item(), back.value(), partial.seconds(), partial.executor(),
        partial.startMillis(), partial.gpu(), partial.joules()), back, "every field besides the tensor");
  }

  @Test
  void flippedByteIsRejected() throws IOException {
    Path file = tmp.resolve(Checkpoints.fileName(partial.item()));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(file, bytes);
    assertRejected("checksum");
  }

  @Test
  void truncatedFileIsRejected() throws IOException {
    Path file = tmp.resolve(Checkpoints.fileName(partial.item()));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    assertRejected("");
  }

  @Test
  void anotherRunsCheckpointIsRejected() throws IOException {
    Checkpoints other = new Checkpoints(new Storage(), new Storage().resolve(tmp.toString()), "fingerprint-b");
    Checkpoints.Scan scan = other.scan();
    assertTrue(scan.valid().isEmpty());
    assertTrue(scan.invalid().get(0).reason().contains("another run"), scan.invalid().toString());
  }

  @Test
  void renamedFileIsRejected() throws IOException {
    Files.move(tmp.resolve(Checkpoints.fileName(partial.item())),
        tmp.resolve(Checkpoints.fileName(new WorkItem(2, 0, 4))));
    assertRejected("does not match its name");
  }

  private void assertRejected(String reason) throws IOException {
    Checkpoints.Scan scan = checkpoints.scan();
    assertTrue(scan.valid().isEmpty(), "a damaged checkpoint was accepted");
    assertEquals(1, scan.invalid().size());
    assertTrue(scan.invalid().get(0).reason().contains(reason), scan.invalid().toString());
  }
}
