package io.canopy.spark;

import io.canopy.contractor.Backend;
import io.canopy.contractor.Precision;
import io.canopy.contractor.cpu.Nd4jBackend;
import io.canopy.cuda.CudaBackend;
import io.canopy.cuda.ComplexProduct;
import io.canopy.cuda.memory.MemoryPlan;
import io.canopy.planner.Plan;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * Creates backends by name and keeps them for the life of the JVM: building one (native
 * libraries, a GPU context and memory pool) costs seconds, so an executor builds it once and
 * reuses it for all its tasks.
 *
 * <p>CPU backends are single-threaded: a task borrows an idle one (or a new one) and returns it,
 * so their warm buffers serve whichever thread Spark runs the next task on. GPU backends are one
 * per GPU: Spark gives each task its own GPU ({@code spark.task.resource.gpu.amount=1}), so tasks
 * never share one at the same time; a plan needing another memory pool replaces the GPU's backend.
 */
public final class Backends {
  private static final Map<Precision, Deque<Backend>> IDLE_CPU = new ConcurrentHashMap<>();
  private static final Map<String, GpuSlot> GPUS = new HashMap<>();

  private record GpuSlot(String key, Backend backend) {}

  private Backends() {}

  /** Checks a backend name given on the command line. */
  public static String checkName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (!n.equals("cpu") && !n.equals("gpu")) {
      throw new IllegalArgumentException("unknown backend '" + name + "' (expected cpu or gpu)");
    }
    return n;
  }

  /** The backend this task should contract on; give it back with {@link #release} when done. */
  public static Backend borrow(String name, Precision precision, Plan plan) {
    if (checkName(name).equals("cpu")) {
      Backend idle = IDLE_CPU.computeIfAbsent(precision, p -> new ConcurrentLinkedDeque<>()).pollFirst();
      if (idle != null) return idle;
      shareCoresAmongTasks();
      return new Nd4jBackend(precision);
    }
    String gpu = assignedGpu();
    String key = precision.label() + "/" + plan.networkHash() + "/" + plan.tree().log2MaxSize();
    synchronized (GPUS) {
      GpuSlot slot = GPUS.get(gpu);
      if (slot != null && slot.key().equals(key)) return slot.backend();
      if (slot != null) slot.backend().close();
      Backend b = new CudaBackend(Integer.parseInt(gpu), precision,
          MemoryPlan.of(CudaBackend.executedPlan(plan, precision), precision, ComplexProduct.DEFAULT));
      GPUS.put(gpu, new GpuSlot(key, b));
      return b;
    }
  }

  /** Inside a Spark task: BLAS threads for this JVM's share of cores per concurrent task ({@link TaskThreads}). */
  private static void shareCoresAmongTasks() {
    SparkEnv env = SparkEnv.get();
    if (TaskContext.get() == null || env == null) return;
    Nd4jBackend.limitThreads(TaskThreads.perTask(env.conf(), Runtime.getRuntime().availableProcessors()));
  }

  /** Returns a borrowed backend for later tasks (GPU backends simply stay with their GPU). */
  public static void release(Backend backend) {
    if (backend instanceof Nd4jBackend) IDLE_CPU.get(backend.precision()).addFirst(backend);
  }

  /** The GPU Spark assigned to the running task (its first address), or "0" outside Spark. */
  public static String assignedGpu() {
    TaskContext tc = TaskContext.get();
    if (tc != null) {
      ResourceInformation info = tc.resources().get("gpu").getOrElse(() -> null);
      if (info != null && info.addresses().length > 0) return info.addresses()[0];
    }
    return "0";
  }
}
