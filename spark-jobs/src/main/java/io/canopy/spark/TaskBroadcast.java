package io.canopy.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Ships an {@link AmplitudeTask} to executors as one broadcast byte array and decodes it once per
 * executor JVM. Bytes keep Kryo's strict registration to the few small classes that move per task
 * (work items, partial sums), while the circuit and plan travel with Java serialization, once.
 */
final class TaskBroadcast {
  /** Keyed by application and broadcast id: broadcast ids restart with every Spark context. */
  private static final ConcurrentHashMap<String, AmplitudeTask> DECODED = new ConcurrentHashMap<>();

  private TaskBroadcast() {}

  static Broadcast<byte[]> broadcast(JavaSparkContext sc, AmplitudeTask task) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(task);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize the task", e);
    }
    return sc.broadcast(bytes.toByteArray());
  }

  static AmplitudeTask decode(Broadcast<byte[]> broadcast) {
    String key = SparkEnv.get().conf().getAppId() + "/" + broadcast.id();
    return DECODED.computeIfAbsent(key, id -> {
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(broadcast.value()))) {
        return (AmplitudeTask) in.readObject();
      } catch (IOException | ClassNotFoundException e) {
        throw new IllegalStateException("cannot decode the broadcast task", e);
      }
    });
  }
}
