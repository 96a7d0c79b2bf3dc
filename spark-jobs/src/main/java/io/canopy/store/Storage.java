package io.canopy.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Paths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files on local paths or any Hadoop file system (hdfs://...) through one API. Checksum side
 * files (.crc) are not written: HDFS keeps its own checksums, and local outputs stay clean.
 */
public final class Storage {
  private final Configuration conf;

  public Storage(Configuration conf) {
    this.conf = conf;
  }

  public Storage() {
    this(new Configuration());
  }

  /** Resolves a user-given location: a URI with a scheme (hdfs://, file:) or a local path. */
  public Path resolve(String location) {
    URI uri = URI.create(location.replace(" ", "%20"));
    if (uri.getScheme() == null || uri.getScheme().length() == 1) {
      return new Path(Paths.get(location).toAbsolutePath().normalize().toUri());
    }
    return new Path(location);
  }

  public FileSystem fileSystem(Path path) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      // Plain local paths must not grow .crc side files; hdfs keeps its own checksums.
      fs.setWriteChecksum(false);
      fs.setVerifyChecksum(true);
      return fs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the file system of " + path, e);
    }
  }

  public boolean exists(Path path) throws IOException {
    return fileSystem(path).exists(path);
  }

  public boolean isFile(Path path) throws IOException {
    FileSystem fs = fileSystem(path);
    return fs.exists(path) && fs.getFileStatus(path).isFile();
  }

  public InputStream open(Path path) throws IOException {
    return fileSystem(path).open(path);
  }

  public void mkdirs(Path dir) throws IOException {
    fileSystem(dir).mkdirs(dir);
  }

  public void delete(Path path) throws IOException {
    fileSystem(path).delete(path, true);
  }

  /** Something that writes a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes a file atomically: the content goes to a hidden temporary name in the same directory,
   * which is renamed over the target only once complete, so a reader never sees half a file and an
   * interrupted run leaves no file that looks finished.
   */
  public void writeAtomically(Path target, Content content) throws IOException {
    FileSystem fs = fileSystem(target);
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      try (FSDataOutputStream out = fs.create(tmp, true)) {
        content.writeTo(out);
      }
      if (fs.exists(target)) fs.delete(target, false);
      if (!fs.rename(tmp, target)) throw new IOException("could not rename " + tmp + " to " + target);
    } finally {
      if (fs.exists(tmp)) fs.delete(tmp, false);
    }
  }
}
