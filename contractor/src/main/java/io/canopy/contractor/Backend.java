package io.canopy.contractor;

import io.canopy.planner.SmallOperandFusion;
import java.util.Optional;

/**
 * The operations the executor needs from a compute device. Implementations: the CPU backend on
 * ND4J and the CUDA backend. Tensors are planar complex (separate real and imaginary parts),
 * which is what real-GEMM complex arithmetic wants on both CPU and GPU.
 *
 * <p>A backend is used by one thread at a time; an executor JVM builds it once and reuses it for
 * all its tasks.
 */
public interface Backend extends AutoCloseable {

  /** Short name for logs and run.json, e.g. {@code cpu} or {@code cuda:0}. */
  String name();

  Precision precision();

  /**
   * Copies a host tensor to the backend.
   *
   * @param indices index ids in memory order (row-major, first slowest)
   * @param log2Dims log2 size of each axis
   * @param re real parts, row-major
   * @param im imaginary parts, row-major
   */
  DeviceTensor upload(int[] indices, int[] log2Dims, double[] re, double[] im);

  /**
   * Contracts two tensors over the indices they share that are not in {@code keep}. Indices
   * present in both and in {@code keep} are batch (Hadamard) indices. The result holds exactly the
   * indices of {@code keep}, in an order of the backend's choosing (see {@link DeviceTensor#indices()});
   * the order of {@code keep} is a hint a backend may follow where it costs nothing (the
   * {@link SliceContractor} orders them by how soon a contraction up the tree sums them, soonest
   * last, and passes the output order at the root). Inputs stay valid; the caller frees them.
   */
  DeviceTensor contract(DeviceTensor a, DeviceTensor b, int[] keep);

  /**
   * {@link #contract(DeviceTensor, DeviceTensor, int[])}, told also which of the kept indices the
   * next contraction of the result sums over, so that a backend can lay the result out for it
   * (the CPU backend keeps them in one block, which its GEMMs read without permuting). Backends
   * that cannot use the hint ignore it.
   */
  default DeviceTensor contract(DeviceTensor a, DeviceTensor b, int[] keep, int[] nextSummed) {
    return contract(a, b, keep);
  }

  /**
   * Whether the executor should contract runs of small operands with each other before applying
   * them to a large tensor ({@link SmallOperandFusion}), and within which limits: worth it where a
   * pass over a large tensor costs more than the extra multiply-adds. None by default.
   */
  default Optional<SmallOperandFusion.Limits> smallOperandFusion() {
    return Optional.empty();
  }

  /** Returns a tensor with the same values laid out in the given index order. */
  DeviceTensor permute(DeviceTensor t, int[] order);

  /**
   * Adds {@code term} into {@code sum} (same indices, same order), in place on {@code sum}. Used to
   * sum slices; implementations accumulate in at least fp32 whatever the storage precision.
   */
  void accumulate(DeviceTensor sum, DeviceTensor term);

  /** Copies a tensor to the host as complex128, in its own index order. */
  HostTensor download(DeviceTensor t);

  /** Releases a tensor's memory; the tensor must not be used afterwards. */
  void free(DeviceTensor t);

  @Override
  void close();
}
