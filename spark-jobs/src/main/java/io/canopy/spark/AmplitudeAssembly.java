package io.canopy.spark;

import io.canopy.contractor.HostTensor;
import io.canopy.results.Amplitude;
import io.canopy.results.AmplitudeTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the contracted tensor of each subspace into bitstring amplitudes. Entry j of a subspace's
 * tensor holds the amplitude whose open qubits read j in binary, the first open qubit being the
 * most significant bit (the network's output order); closed qubits keep the subspace's bits.
 */
public final class AmplitudeAssembly {
  private AmplitudeAssembly() {}

  public static AmplitudeTable assemble(List<String> bitstrings, int[] openQubits, List<HostTensor> tensors) {
    List<Amplitude> rows = new ArrayList<>();
    int k = openQubits.length;
    long[] subspaces = k == 0 ? null : new long[bitstrings.size() << k];
    for (int s = 0; s < bitstrings.size(); s++) {
      HostTensor t = tensors.get(s);
      if (t.size() != 1 << k) {
        throw new IllegalStateException("subspace " + s + " has " + t.size() + " amplitudes, expected " + (1 << k));
      }
      char[] bits = bitstrings.get(s).toCharArray();
      for (int j = 0; j < t.size(); j++) {
        for (int q = 0; q < k; q++) bits[openQubits[q]] = ((j >> (k - 1 - q)) & 1) == 1 ? '1' : '0';
        if (subspaces != null) subspaces[rows.size()] = s;
        rows.add(new Amplitude(new String(bits), t.re()[j], t.im()[j]));
      }
    }
    return new AmplitudeTable(rows, subspaces);
  }
}
