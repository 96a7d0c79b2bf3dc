package io.canopy.cuda;

import static io.canopy.cuda.CudaCheck.driver;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;
import static jcuda.driver.JCudaDriver.cuStreamWaitEvent;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;

/**
 * Host-to-device copies of input tensors on a second stream, so that a slice's inputs travel
 * while the compute stream still works on the previous slice.
 *
 * <p>Staged values wait in pinned memory until {@link #flush()} copies all of them in one
 * transfer: a slice's inputs are a hundred or more tensors of a few elements each, and copied one
 * by one they held the compute stream about 19 us each (m20 slices on an H200, `canopy bench
 * --idle-profile`), most of it the latency of each copy.
 *
 * <p>Values go through a ring of pinned host memory into a ring of device staging memory at the
 * same offsets (asynchronous copies need pinned memory). Events order everything: the compute
 * stream waits for a copy before the kernel that moves the staged values into the tensor
 * ({@link Staged#consumed()} is recorded after that kernel), the copy stream waits for that kernel
 * before it overwrites the staging range, and the host waits for a copy to finish before it
 * rewrites the pinned range. The copy stream is non-blocking, so the legacy default stream (the
 * compute stream: kernels and cuBLAS) never waits for it implicitly.
 */
final class UploadStream implements AutoCloseable {
  /** Staging ring size; an input larger than this takes the synchronous path. */
  static final long CAPACITY = 32L << 20;
  private static final long ALIGN = 256;

  private final CUstream stream = new CUstream();
  private final Pointer pinned = new Pointer();
  private final FloatBuffer host;
  private final CUdeviceptr ring = new CUdeviceptr();
  private final ArrayDeque<Staged> inFlight = new ArrayDeque<>();
  /** Staged since the last flush, in ring order, without a wrap between them. */
  private final ArrayDeque<Staged> pending = new ArrayDeque<>();
  private final ArrayDeque<Staged> spare = new ArrayDeque<>();
  private long head;
  private boolean closed;

  /** A range of the ring holding one input's fp32 values until the compute stream has moved them. */
  final class Staged {
    private final CUevent copied = event();
    private final CUevent consumed = event();
    private long offset;
    private long bytes;

    /** Device address of the staged values (both planes, fp32). */
    CUdeviceptr pointer() { return ring.withByteOffset(offset); }

    /** Byte offset of the staged values in the ring. */
    long ringOffset() { return offset; }

    /** Call after issuing, on the compute stream, the work that reads the staged values. */
    void consumed() {
      driver(cuEventRecord(consumed, null), "recording an upload's consumption");
      inFlight.addLast(this);
    }

    private boolean overlaps(long from, long length) {
      return offset < from + length && from < offset + bytes;
    }
  }

  UploadStream() {
    driver(cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING), "creating the upload stream");
    driver(cuMemAllocHost(pinned, CAPACITY), "allocating " + CAPACITY + " bytes of pinned host memory");
    host = pinned.getByteBuffer(0, CAPACITY).order(ByteOrder.nativeOrder()).asFloatBuffer();
    driver(cuMemAlloc(ring, CAPACITY), "allocating " + CAPACITY + " bytes of upload staging");
  }

  /** Device address of the ring's start. */
  CUdeviceptr ring() { return ring; }

  /** Whether {@code values} of this many floats fit the ring at all (otherwise: the synchronous path). */
  static boolean fits(long floats) {
    return 4L * floats <= CAPACITY;
  }

  /**
   * Puts {@code values} in pinned memory for the next {@link #flush()}; after the flush the caller
   * issues the work that reads {@link Staged#pointer()} and then calls {@link Staged#consumed()}.
   * Returns null when the values do not fit the ring, or fit only past a wrap while others wait
   * for their flush (flush, then stage again).
   */
  Staged stage(float[] values) {
    long bytes = 4L * values.length;
    if (!fits(values.length)) return null;
    // In flight, oldest first: the previous lap's ranges from head on, then this lap's below head.
    long offset = head;
    if (head + bytes > CAPACITY) {
      if (!pending.isEmpty()) return null;
      while (!inFlight.isEmpty() && inFlight.peekFirst().offset >= head) reclaimOldest();
      offset = 0;
    }
    while (!inFlight.isEmpty() && inFlight.peekFirst().overlaps(offset, bytes)) reclaimOldest();
    host.position((int) (offset / 4));
    host.put(values);
    Staged s = spare.isEmpty() ? new Staged() : spare.pollFirst();
    s.offset = offset;
    s.bytes = bytes;
    pending.addLast(s);
    head = (offset + bytes + ALIGN - 1) / ALIGN * ALIGN;
    return s;
  }

  /** Copies everything staged since the last flush in one transfer; the compute stream waits for it. */
  void flush() {
    if (pending.isEmpty()) return;
    long from = pending.peekFirst().offset;
    long to = pending.peekLast().offset + pending.peekLast().bytes;
    driver(cuMemcpyHtoDAsync(ring.withByteOffset(from), pinned.withByteOffset(from), to - from, stream),
        "copying tensors to the device");
    // each range's own event, for reclaimOldest
    for (Staged s : pending) driver(cuEventRecord(s.copied, stream), "recording an upload");
    driver(cuStreamWaitEvent(null, pending.peekLast().copied, 0), "ordering compute after an upload");
    pending.clear();
  }

  private void reclaimOldest() {
    Staged old = inFlight.pollFirst();
    driver(cuEventSynchronize(old.copied), "waiting for an upload");
    driver(cuStreamWaitEvent(stream, old.consumed, 0), "ordering an upload after its staging range's last reader");
    spare.addLast(old);
  }

  private static CUevent event() {
    CUevent e = new CUevent();
    driver(cuEventCreate(e, CUevent_flags.CU_EVENT_DISABLE_TIMING), "cuEventCreate");
    return e;
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    cuStreamSynchronize(stream);
    for (ArrayDeque<Staged> q : List.of(inFlight, spare)) {
      for (Staged s : q) {
        cuEventSynchronize(s.consumed);
        cuEventDestroy(s.copied);
        cuEventDestroy(s.consumed);
      }
    }
    cuMemFree(ring);
    cuMemFreeHost(pinned);
    cuStreamDestroy(stream);
  }
}
