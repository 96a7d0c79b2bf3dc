package io.canopy.circuits.network;

/** What a simplification did: tensor and index counts of the network before and after. */
public record SimplificationStats(int tensorsBefore, int indicesBefore, int tensorsAfter,
    int indicesAfter) {

  public static SimplificationStats of(TensorNetwork before, TensorNetwork after) {
    return new SimplificationStats(before.numTensors(), before.numIndices(), after.numTensors(),
        after.numIndices());
  }

  @Override
  public String toString() {
    return "tensors " + tensorsBefore + " -> " + tensorsAfter + ", indices " + indicesBefore
        + " -> " + indicesAfter;
  }
}
