package io.canopy.contractor;

/** A real backend with counters around it: how many contractions ran, how many tensors live. */
final class CountingBackend implements Backend {
  private final Backend inner;
  int contractions;
  int live;
  int peakLive;

  CountingBackend(Backend inner) { this.inner = inner; }

  private DeviceTensor born(DeviceTensor t) {
    peakLive = Math.max(peakLive, ++live);
    return t;
  }

  @Override public String name() { return inner.name(); }

  @Override public Precision precision() { return inner.precision(); }

  @Override
  public DeviceTensor upload(int[] indices, int[] log2Dims, double[] re, double[] im) {
    return born(inner.upload(indices, log2Dims, re, im));
  }

  @Override
  public DeviceTensor contract(DeviceTensor a, DeviceTensor b, int[] keep) {
    contractions++;
    return born(inner.contract(a, b, keep));
  }

  @Override
  public DeviceTensor contract(DeviceTensor a, DeviceTensor b, int[] keep, int[] nextSummed) {
    contractions++;
    return born(inner.contract(a, b, keep, nextSummed));
  }

  @Override
  public DeviceTensor permute(DeviceTensor t, int[] order) { return born(inner.permute(t, order)); }

  @Override
  public void accumulate(DeviceTensor sum, DeviceTensor term) { inner.accumulate(sum, term); }

  @Override
  public HostTensor download(DeviceTensor t) { return inner.download(t); }

  @Override
  public void free(DeviceTensor t) {
    live--;
    inner.free(t);
  }

  @Override
  public void close() { inner.close(); }
}
