package io.canopy.spark;

import com.esotericsoftware.kryo.Kryo;
import io.canopy.contractor.HostTensor;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the classes that move between driver and executors per task. Runs use
 * {@code spark.kryo.registrationRequired=true}, so an unregistered class fails fast instead of
 * silently costing its full class name in every record.
 */
public final class CanopyKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(WorkItem.class);
    kryo.register(PartialSum.class);
    kryo.register(HostTensor.class);
    kryo.register(int[].class);
    kryo.register(long[].class);
    kryo.register(double[].class);
    kryo.register(byte[].class);
    kryo.register(Object[].class);
    kryo.register(WorkItem[].class);
    kryo.register(PartialSum[].class);
  }
}
