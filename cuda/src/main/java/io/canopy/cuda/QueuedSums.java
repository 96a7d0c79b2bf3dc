package io.canopy.cuda;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Slice sums held back while a term's scale is still on the device ({@link DeferredChecks}): adding
 * such a term needs its exponent, and reading it at once would make the host wait for the slice
 * to finish before it queues any work of the next one, leaving the device idle while the host
 * uploads that slice's inputs and queues its first small steps. Held sums are added, in the order
 * they came, at the next point where the host reads the checks anyway (a GEMM step, a download);
 * a held term outlives the caller's free until then.
 */
final class QueuedSums {
  private final List<CudaTensor[]> queue = new ArrayList<>();
  private final Set<CudaTensor> freeWhenAdded = Collections.newSetFromMap(new IdentityHashMap<>());

  boolean isEmpty() { return queue.isEmpty(); }

  void hold(CudaTensor sum, CudaTensor term) { queue.add(new CudaTensor[] {sum, term}); }

  /**
   * Whether {@code t} is a held term or sum; a held term is then freed once added, a held sum's
   * terms are dropped (its sum is no longer wanted) and freed.
   */
  boolean heldAtFree(CudaTensor t, Consumer<CudaTensor> free) {
    boolean held = false;
    for (int i = queue.size() - 1; i >= 0; i--) {
      CudaTensor[] q = queue.get(i);
      if (q[1] == t) {
        freeWhenAdded.add(t);
        held = true;
      } else if (q[0] == t) {
        queue.remove(i);
        if (freeWhenAdded.remove(q[1])) free.accept(q[1]);
      }
    }
    return held;
  }

  /** Adds every held sum with {@code add}, in order, then frees the terms freed meanwhile. */
  void addAll(BiConsumer<CudaTensor, CudaTensor> add, Consumer<CudaTensor> free) {
    for (CudaTensor[] q : queue) add.accept(q[0], q[1]);
    for (CudaTensor[] q : queue) if (freeWhenAdded.remove(q[1])) free.accept(q[1]);
    queue.clear();
  }
}
