package io.canopy.cuda;

import static io.canopy.cuda.CudaCheck.driver;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;

import java.util.Arrays;
import jcuda.driver.CUevent;

/** Times device work on the default stream with CUDA events: the median of repeats after warm-up. */
final class EventTimer {
  private EventTimer() {}

  /** Median seconds of {@code repeats} runs of {@code work}, after {@code warmup} untimed runs. */
  static double medianSeconds(int repeats, int warmup, Runnable work) {
    for (int i = 0; i < warmup; i++) work.run();
    CUevent start = new CUevent();
    CUevent stop = new CUevent();
    driver(cuEventCreate(start, 0), "cuEventCreate");
    driver(cuEventCreate(stop, 0), "cuEventCreate");
    try {
      double[] ms = new double[repeats];
      float[] elapsed = new float[1];
      for (int r = 0; r < repeats; r++) {
        driver(cuEventRecord(start, null), "cuEventRecord");
        work.run();
        driver(cuEventRecord(stop, null), "cuEventRecord");
        driver(cuEventSynchronize(stop), "timed work");
        driver(cuEventElapsedTime(elapsed, start, stop), "cuEventElapsedTime");
        ms[r] = elapsed[0];
      }
      Arrays.sort(ms);
      return ms[repeats / 2] / 1e3;
    } finally {
      cuEventDestroy(start);
      cuEventDestroy(stop);
    }
  }

}
