package io.canopy.spark;

import io.canopy.contractor.HostTensor;
import io.canopy.store.Storage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Partial sums persisted as each slice range finishes, so an interrupted run loses no finished
 * work. One file per range, written atomically, holding the run's fingerprint, the range and the
 * tensor, followed by a CRC-32 of everything before it. A file that fails any check (truncated,
 * corrupted, another run's, another range's) is reported as invalid and its range recomputed:
 * never summed.
 */
public final class Checkpoints {
  private static final long MAGIC = 0x434e50594b505431L; // "CNPYKPT1"
  static final String SUFFIX = ".ckpt";

  private final Storage storage;
  private final Path dir;
  private final String fingerprint;

  public Checkpoints(Storage storage, Path dir, String fingerprint) {
    this.storage = storage;
    this.dir = dir;
    this.fingerprint = fingerprint;
  }

  /** Checkpoints at a location given as a URI string: how executors, which get no driver state, open them. */
  public static Checkpoints at(String dirUri, String fingerprint) {
    return new Checkpoints(new Storage(), new Path(dirUri), fingerprint);
  }

  public Path dir() { return dir; }

  public String fingerprint() { return fingerprint; }

  /** A file that failed a check, and why. */
  public record Invalid(String file, String reason) {}

  /** The outcome of scanning the directory: entries that passed every check, and files that did not. */
  public record Scan(List<PartialSum> valid, List<Invalid> invalid) {}

  public static String fileName(WorkItem item) {
    return "part-s" + item.subspace() + "-" + item.fromSlice() + "-" + item.toSlice() + SUFFIX;
  }

  /** Persists one range's partial sum (temporary name, then rename). */
  public void write(PartialSum p) throws IOException {
    byte[] bytes = encode(p);
    storage.mkdirs(dir);
    storage.writeAtomically(new Path(dir, fileName(p.item())),
        out -> out.write(bytes));
  }

  byte[] encode(PartialSum p) throws IOException {
    HostTensor value = p.value();
    ByteArrayOutputStream buf = new ByteArrayOutputStream(64 + 16 * value.size());
    try (DataOutputStream out = new DataOutputStream(buf)) {
      out.writeLong(MAGIC);
      out.writeUTF(fingerprint);
      out.writeInt(p.item().subspace());
      out.writeLong(p.item().fromSlice());
      out.writeLong(p.item().toSlice());
      out.writeDouble(p.seconds());
      out.writeUTF(p.executor());
      out.writeLong(p.startMillis());
      out.writeUTF(p.gpu());
      out.writeDouble(p.joules());
      int[] idx = value.indices();
      out.writeInt(idx.length);
      for (int i : idx) out.writeInt(i);
      out.writeInt(value.size());
      for (double d : value.re()) out.writeDouble(d);
      for (double d : value.im()) out.writeDouble(d);
    }
    byte[] body = buf.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(body);
    return ByteBuffer.allocate(body.length + 8).put(body).putLong(crc.getValue()).array();
  }

  /** Reads every checkpoint file of the directory, sorting them into valid and invalid. */
  public Scan scan() throws IOException {
    List<PartialSum> valid = new ArrayList<>();
    List<Invalid> invalid = new ArrayList<>();
    if (!storage.exists(dir)) return new Scan(valid, invalid);
    FileSystem fs = storage.fileSystem(dir);
    for (FileStatus st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      if (!st.isFile() || !name.endsWith(SUFFIX) || name.startsWith(".")) continue;
      try (InputStream in = fs.open(st.getPath())) {
        PartialSum e = decode(in.readAllBytes());
        if (!name.equals(fileName(e.item()))) {
          throw new IOException("range in file does not match its name");
        }
        valid.add(e);
      } catch (IOException | RuntimeException ex) {
        invalid.add(new Invalid(name, String.valueOf(ex.getMessage())));
      }
    }
    return new Scan(valid, invalid);
  }

  PartialSum decode(byte[] bytes) throws IOException {
    if (bytes.length < 16) throw new IOException("truncated");
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
    if (stored != crc.getValue()) throw new IOException("checksum mismatch");
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
      if (in.readLong() != MAGIC) throw new IOException("not a checkpoint");
      String fp = in.readUTF();
      if (!fp.equals(fingerprint)) throw new IOException("checkpoint of another run");
      int subspace = in.readInt();
      long from = in.readLong();
      long to = in.readLong();
      double seconds = in.readDouble();
      String executor = in.readUTF();
      long startMillis = in.readLong();
      String gpu = in.readUTF();
      double joules = in.readDouble();
      int rank = in.readInt();
      if (rank < 0 || rank > 64) throw new IOException("bad rank " + rank);
      int[] idx = new int[rank];
      for (int i = 0; i < rank; i++) idx[i] = in.readInt();
      int size = in.readInt();
      if (size < 0 || 16L * size > bytes.length) throw new IOException("bad size " + size);
      double[] re = new double[size];
      double[] im = new double[size];
      for (int i = 0; i < size; i++) re[i] = in.readDouble();
      for (int i = 0; i < size; i++) im[i] = in.readDouble();
      if (in.available() != 0) throw new IOException("trailing bytes");
      return new PartialSum(new WorkItem(subspace, from, to), new HostTensor(idx, re, im), seconds, executor,
          startMillis, gpu, joules);
    } catch (EOFException e) {
      throw new IOException("truncated", e);
    }
  }

  /** Removes a file found invalid, so that its range is recomputed and rewritten. */
  public void delete(Invalid file) throws IOException {
    storage.delete(new Path(dir, file.file()));
  }
}
