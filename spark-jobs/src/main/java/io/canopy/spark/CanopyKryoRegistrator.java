package io.canopy.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.canopy.contractor.HostTensor;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the classes that move between driver and executors per task. Runs use
 * {@code spark.kryo.registrationRequired=true}, so an unregistered class fails fast instead of
 * silently costing its full class name in every record. Records get explicit serializers: Kryo's
 * field serializer cannot construct them.
 */
public final class CanopyKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(WorkItem.class, new WorkItemSerializer());
    kryo.register(HostTensor.class, new HostTensorSerializer());
    kryo.register(PartialSum.class, new PartialSumSerializer());
    kryo.register(int[].class);
    kryo.register(long[].class);
    kryo.register(double[].class);
    kryo.register(byte[].class);
    kryo.register(Object[].class);
    kryo.register(WorkItem[].class);
    kryo.register(PartialSum[].class);
  }

  static final class WorkItemSerializer extends Serializer<WorkItem> {
    @Override
    public void write(Kryo kryo, Output out, WorkItem w) {
      out.writeInt(w.subspace());
      out.writeLong(w.fromSlice());
      out.writeLong(w.toSlice());
    }

    @Override
    public WorkItem read(Kryo kryo, Input in, Class<WorkItem> type) {
      return new WorkItem(in.readInt(), in.readLong(), in.readLong());
    }
  }

  static final class HostTensorSerializer extends Serializer<HostTensor> {
    @Override
    public void write(Kryo kryo, Output out, HostTensor t) {
      int[] idx = t.indices();
      out.writeInt(idx.length);
      out.writeInts(idx);
      out.writeInt(t.size());
      out.writeDoubles(t.re());
      out.writeDoubles(t.im());
    }

    @Override
    public HostTensor read(Kryo kryo, Input in, Class<HostTensor> type) {
      int[] idx = in.readInts(in.readInt());
      int n = in.readInt();
      double[] re = in.readDoubles(n);
      double[] im = in.readDoubles(n);
      return new HostTensor(idx, re, im);
    }
  }

  static final class PartialSumSerializer extends Serializer<PartialSum> {
    @Override
    public void write(Kryo kryo, Output out, PartialSum p) {
      kryo.writeObject(out, p.item());
      kryo.writeObject(out, p.value());
      out.writeDouble(p.seconds());
      out.writeString(p.executor());
      out.writeLong(p.startMillis());
      out.writeString(p.gpu());
      out.writeDouble(p.joules());
    }

    @Override
    public PartialSum read(Kryo kryo, Input in, Class<PartialSum> type) {
      WorkItem item = kryo.readObject(in, WorkItem.class);
      HostTensor value = kryo.readObject(in, HostTensor.class);
      return new PartialSum(item, value, in.readDouble(), in.readString(), in.readLong(), in.readString(),
          in.readDouble());
    }
  }
}
