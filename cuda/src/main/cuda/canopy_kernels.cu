// Device kernels of the Canopy CUDA backend. Compiled to PTX at build time (nvcc -ptx, target
// compute_80 so the driver JIT-compiles it for A100, H100 and H200) and loaded with
// cuModuleLoadData; there is no run-time compilation.
//
// Tensors are planar complex: a real plane followed by an imaginary plane of `n` elements each.
// Every index has a power-of-two size, so a tensor's linear offset is a bit string and any change
// of index order is a permutation of those bits. A BitMap describes it as runs ("segments") of
// consecutive bits: bits [src, src + len) of the canonical (output) position land at bits
// [dst, dst + len) of the stored (input) offset. Gathering through a BitMap folds every layout
// change into the kernel that reads the tensor, so no separate transpose pass is needed.

#include <cuda_fp16.h>
#include <stdint.h>

#define MAX_SEGMENTS 40

extern "C" {

struct BitMap {
  int count;
  int outShift[MAX_SEGMENTS];
  int inShift[MAX_SEGMENTS];
  int length[MAX_SEGMENTS];
};

}  // extern "C"

__device__ __forceinline__ long long mapOffset(const BitMap& map, long long pos) {
  long long off = 0;
  for (int s = 0; s < map.count; s++) {
    long long bits = (pos >> map.outShift[s]) & ((1LL << map.length[s]) - 1);
    off |= bits << map.inShift[s];
  }
  return off;
}

// A bit map maps each position bit to one offset bit, so the offset of a position is the OR of
// the offsets of its bytes. Each block tabulates them once in shared memory (5 tables of 256:
// positions up to 2^40) and every element then costs five lookups instead of a loop over up to
// 40 segments, which made the gathers compute-bound.
#define MAP_TABLES 5
typedef long long MapTable[MAP_TABLES][256];

__device__ void buildTable(const BitMap& map, MapTable table) {
  for (int j = threadIdx.x; j < MAP_TABLES * 256; j += blockDim.x) {
    table[j >> 8][j & 255] = mapOffset(map, (long long)(j & 255) << (8 * (j >> 8)));
  }
  __syncthreads();
}

__device__ __forceinline__ long long lookup(const MapTable table, long long pos) {
  return table[0][pos & 255] | table[1][(pos >> 8) & 255] | table[2][(pos >> 16) & 255]
       | table[3][(pos >> 24) & 255] | table[4][(pos >> 32) & 255];
}

template <typename T> __device__ __forceinline__ float toF(T v);
template <> __device__ __forceinline__ float toF<float>(float v) { return v; }
template <> __device__ __forceinline__ float toF<__half>(__half v) { return __half2float(v); }

template <typename T> __device__ __forceinline__ T fromF(float v);
template <> __device__ __forceinline__ float fromF<float>(float v) { return v; }
template <> __device__ __forceinline__ __half fromF<__half>(float v) { return __float2half_rn(v); }

#define GRID_STRIDE(i, n) \
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
       i += (long long)blockDim.x * gridDim.x)

// out[p][i] = in[p][map(i)] for both planes: a permutation of a tensor's index order.
template <typename T>
__device__ void permute(const T* in, T* out, long long n, const BitMap& map) {
  __shared__ MapTable table;
  buildTable(map, table);
  GRID_STRIDE(i, n) {
    long long src = lookup(table, i);
    out[i] = in[src];
    out[n + i] = in[n + src];
  }
}

// Tiles of 64 x 64 elements for permutations that move the fastest bits (TransposeTile.java
// says how a permutation is cut). The block reads a tile in input order, 64 consecutive input
// elements per run, stages it in shared memory (as float, rows padded by one against bank
// conflicts) and writes it in output order, 64 consecutive output elements per run. Input bit 0
// and output bit 0 are both inside the tile, so every access moves a pair of neighbours (4 bytes
// in fp16, 8 in fp32); each of the 256 threads moves 8 pairs of each plane per tile, all loads
// issued before the first store. Measured on an H200 with single-element accesses, fp16 tiles
// reached only about half the copy bandwidth: too few bytes in flight per thread.
#define SIDE_BITS 6
#define SIDE 64
#define TILE_ELEMENTS 4096
#define TILE_THREADS 256
#define PAIRS_PER_THREAD (TILE_ELEMENTS / 2 / TILE_THREADS)

extern "C" {

struct TransposeTile {
  int readLo[SIDE_BITS];
  int readHi[SIDE_BITS];
  int readLoSlot[SIDE_BITS];
  int readHiSlot[SIDE_BITS];
  int writeHi[SIDE_BITS];
  int restCount;
  int rest[MAX_SEGMENTS];
};

}  // extern "C"

template <typename T> struct PairOf;
template <> struct PairOf<float> { typedef float2 type; };
template <> struct PairOf<__half> { typedef __half2 type; };

template <typename T>
__device__ void permuteTiled(const T* in, T* out, long long n, const BitMap& map, const TransposeTile& tile) {
  typedef typename PairOf<T>::type P;
  __shared__ float re[SIDE * (SIDE + 1)], im[SIDE * (SIDE + 1)];
  // a bit map is OR-separable, so offsets within a tile are one lookup per 6-bit half
  __shared__ long long inLo[SIDE], inHi[SIDE], outHi[SIDE];
  __shared__ int slotLo[SIDE], slotHi[SIDE];
  const int t = threadIdx.x;
  if (t < SIDE) {
    long long lo = 0, hi = 0, oh = 0;
    int sl = 0, sh = 0;
    for (int b = 0; b < SIDE_BITS; b++) {
      if ((t >> b) & 1) {
        lo |= 1LL << tile.readLo[b];
        hi |= 1LL << tile.readHi[b];
        oh |= 1LL << tile.writeHi[b];
        sl |= 1 << tile.readLoSlot[b];
        sh |= 1 << tile.readHiSlot[b];
      }
    }
    inLo[t] = mapOffset(map, lo);
    inHi[t] = mapOffset(map, hi);
    outHi[t] = oh;
    slotLo[t] = sl;
    slotHi[t] = sh;
  }
  __syncthreads();
  const long long tiles = 1LL << tile.restCount;
  for (long long r = blockIdx.x; r < tiles; r += gridDim.x) {
    long long base = 0;
    for (int b = 0; b < tile.restCount; b++) base |= ((r >> b) & 1LL) << tile.rest[b];
    const long long inBase = mapOffset(map, base);
    P vr[PAIRS_PER_THREAD], vi[PAIRS_PER_THREAD];
#pragma unroll
    for (int j = 0; j < PAIRS_PER_THREAD; j++) {
      int q = j * TILE_THREADS + t;
      long long src = inBase | inLo[(q & 31) << 1] | inHi[q >> 5];
      vr[j] = *reinterpret_cast<const P*>(in + src);
      vi[j] = *reinterpret_cast<const P*>(in + n + src);
    }
#pragma unroll
    for (int j = 0; j < PAIRS_PER_THREAD; j++) {
      int q = j * TILE_THREADS + t;
      int lo = (q & 31) << 1, hi = q >> 5;
      int e0 = slotLo[lo] | slotHi[hi];
      int e1 = slotLo[lo + 1] | slotHi[hi];
      int s0 = e0 + (e0 >> SIDE_BITS), s1 = e1 + (e1 >> SIDE_BITS);
      re[s0] = toF<T>(vr[j].x);
      re[s1] = toF<T>(vr[j].y);
      im[s0] = toF<T>(vi[j].x);
      im[s1] = toF<T>(vi[j].y);
    }
    __syncthreads();
#pragma unroll
    for (int j = 0; j < PAIRS_PER_THREAD; j++) {
      int q = j * TILE_THREADS + t;
      int k = ((q >> 5) << SIDE_BITS) | ((q & 31) << 1);
      int s = k + (k >> SIDE_BITS);
      long long dst = base | (k & (SIDE - 1)) | outHi[k >> SIDE_BITS];
      P wr, wi;
      wr.x = fromF<T>(re[s]);
      wr.y = fromF<T>(re[s + 1]);
      wi.x = fromF<T>(im[s]);
      wi.y = fromF<T>(im[s + 1]);
      *reinterpret_cast<P*>(out + dst) = wr;
      *reinterpret_cast<P*>(out + n + dst) = wi;
    }
    __syncthreads();
  }
}

// A gather in 16-byte runs, for permutations that keep at least a run's worth of the fastest bits
// in place (8 fp16 or 4 fp32 elements): the same map as permute, one lookup per run instead of per
// element. Any element type: the kernel moves bytes.
__device__ void permuteRuns(const uint4* in, uint4* out, long long runs, int log2RunElements, const BitMap& map) {
  __shared__ MapTable table;
  buildTable(map, table);
  GRID_STRIDE(v, runs) {
    long long src = lookup(table, v << log2RunElements) >> log2RunElements;
    uint4 a = in[src];
    uint4 b = in[runs + src];
    out[v] = a;
    out[runs + v] = b;
  }
}

// The real block form [[Er, Ei], [-Ei, Er]] of a complex operand E, as a column-major
// (2K x 2M) matrix. Canonical position of E's element (i, k) is i * K + k; `map` takes it to
// E's stored offset. Multiplying the planar other operand [Lr | Li] (N x 2K) by it yields
// [Cr | Ci] in one real GEMM: the 4M complex product.
template <typename T>
__device__ void expandBlock(const T* e, T* out, long long n, int log2K, int log2M, const BitMap& map) {
  __shared__ MapTable table;
  buildTable(map, table);
  long long K = 1LL << log2K, M = 1LL << log2M;
  long long rows = 2 * K;
  long long total = rows * 2 * M;
  GRID_STRIDE(t, total) {
    long long col = t / rows;
    long long row = t - col * rows;
    bool lowerRow = row >= K, rightCol = col >= M;
    long long k = lowerRow ? row - K : row;
    long long i = rightCol ? col - M : col;
    long long src = lookup(table, (i << log2K) | k);
    T v;
    if (lowerRow == rightCol) {
      v = e[src];  // Er on the diagonal blocks
    } else if (rightCol) {
      v = e[n + src];  // +Ei top right
    } else {
      v = fromF<T>(-toF<T>(e[n + src]));  // -Ei bottom left
    }
    out[t] = v;
  }
}

// Three planes [Xr, Xi, Xr + Xi] in canonical order: the operands of the 3M (Gauss) product.
template <typename T>
__device__ void packGauss(const T* in, T* out, long long n, const BitMap& map) {
  __shared__ MapTable table;
  buildTable(map, table);
  GRID_STRIDE(i, n) {
    long long src = lookup(table, i);
    float re = toF<T>(in[src]);
    float im = toF<T>(in[n + src]);
    out[i] = in[src];
    out[n + i] = in[n + src];
    out[2 * n + i] = fromF<T>(re + im);
  }
}

// From the Gauss products T1 = Ar Br, T2 = Ai Bi, T3 = (Ar + Ai)(Br + Bi):
// Cr = T1 - T2, Ci = T3 - T1 - T2.
template <typename T>
__device__ void combineGauss(const T* t, T* c, long long n) {
  GRID_STRIDE(i, n) {
    float t1 = toF<T>(t[i]), t2 = toF<T>(t[n + i]), t3 = toF<T>(t[2 * n + i]);
    c[i] = fromF<T>(t1 - t2);
    c[n + i] = fromF<T>(t3 - t1 - t2);
  }
}

// Largest |value| over `count` reals and whether any is NaN or Inf. result[0] holds the float
// bits of the maximum (non-negative floats order like their bit patterns), result[1] the flag.
template <typename T>
__device__ void maxAbsCheck(const T* x, long long count, unsigned int* result) {
  float m = 0.0f;
  unsigned int bad = 0;
  GRID_STRIDE(i, count) {
    float v = toF<T>(x[i]);
    if (!isfinite(v)) bad = 1; else m = fmaxf(m, fabsf(v));
  }
  for (int off = 16; off > 0; off >>= 1) {
    m = fmaxf(m, __shfl_down_sync(0xffffffffu, m, off));
    bad |= __shfl_down_sync(0xffffffffu, bad, off);
  }
  if ((threadIdx.x & 31) == 0) {
    atomicMax(&result[0], __float_as_uint(m));
    if (bad) atomicOr(&result[1], 1u);
  }
}

// A contraction whose result has at most 4 x 4 elements but whose contracted dimension is long
// (the last steps of a tree, down to one amplitude): a GEMM library runs such shapes on a handful
// of blocks, so this is a grid-wide reduction instead. Canonical positions are i * K + k in A and
// k * N + j in B; the maps take them to the stored offsets. Each thread sums a stretch of k in
// fp32 registers, warps reduce, and lane 0 adds alpha times the warp's sums into `acc`
// (2 * m * n floats, zeroed by the caller, planar [re | im] in [i][j] order).
#define SMALL 4
template <typename T>
__device__ void smallProduct(const T* a, long long na, const T* b, long long nb, float* acc, int log2K,
                             int log2M, int log2N, float alpha, const BitMap& mapA, const BitMap& mapB) {
  __shared__ MapTable tableA, tableB;
  buildTable(mapA, tableA);
  buildTable(mapB, tableB);
  const int m = 1 << log2M, n = 1 << log2N;
  float re[SMALL][SMALL], im[SMALL][SMALL];
#pragma unroll
  for (int i = 0; i < SMALL; i++)
#pragma unroll
    for (int j = 0; j < SMALL; j++) re[i][j] = im[i][j] = 0.0f;
  long long K = 1LL << log2K;
  GRID_STRIDE(k, K) {
    float ar[SMALL], ai[SMALL], br[SMALL], bi[SMALL];
#pragma unroll
    for (int i = 0; i < SMALL; i++) {
      if (i < m) {
        long long off = lookup(tableA, ((long long)i << log2K) | k);
        ar[i] = toF<T>(a[off]);
        ai[i] = toF<T>(a[na + off]);
      }
    }
#pragma unroll
    for (int j = 0; j < SMALL; j++) {
      if (j < n) {
        long long off = lookup(tableB, (k << log2N) | j);
        br[j] = toF<T>(b[off]);
        bi[j] = toF<T>(b[nb + off]);
      }
    }
#pragma unroll
    for (int i = 0; i < SMALL; i++)
#pragma unroll
      for (int j = 0; j < SMALL; j++)
        if (i < m && j < n) {
          re[i][j] += ar[i] * br[j] - ai[i] * bi[j];
          im[i][j] += ar[i] * bi[j] + ai[i] * br[j];
        }
  }
#pragma unroll
  for (int i = 0; i < SMALL; i++)
#pragma unroll
    for (int j = 0; j < SMALL; j++)
      if (i < m && j < n) {
        float r = re[i][j], q = im[i][j];
        for (int off = 16; off > 0; off >>= 1) {
          r += __shfl_down_sync(0xffffffffu, r, off);
          q += __shfl_down_sync(0xffffffffu, q, off);
        }
        if ((threadIdx.x & 31) == 0) {
          atomicAdd(&acc[i * n + j], alpha * r);
          atomicAdd(&acc[m * n + i * n + j], alpha * q);
        }
      }
}

extern "C" {

__global__ void small_product_f32(const float* a, long long na, const float* b, long long nb, float* acc, int log2K,
                                  int log2M, int log2N, float alpha, BitMap mapA, BitMap mapB) {
  smallProduct(a, na, b, nb, acc, log2K, log2M, log2N, alpha, mapA, mapB);
}
__global__ void small_product_f16(const __half* a, long long na, const __half* b, long long nb, float* acc, int log2K,
                                  int log2M, int log2N, float alpha, BitMap mapA, BitMap mapB) {
  smallProduct(a, na, b, nb, acc, log2K, log2M, log2N, alpha, mapA, mapB);
}

__global__ void permute_f32(const float* in, float* out, long long n, BitMap map) { permute(in, out, n, map); }
__global__ void permute_f16(const __half* in, __half* out, long long n, BitMap map) { permute(in, out, n, map); }

__global__ void permute_runs(const uint4* in, uint4* out, long long runs, int log2RunElements, BitMap map) {
  permuteRuns(in, out, runs, log2RunElements, map);
}

__global__ void __launch_bounds__(TILE_THREADS) permute_tiled_f32(const float* in, float* out, long long n, BitMap map,
                                                                   TransposeTile tile) {
  permuteTiled(in, out, n, map, tile);
}
__global__ void __launch_bounds__(TILE_THREADS) permute_tiled_f16(const __half* in, __half* out, long long n, BitMap map,
                                                                   TransposeTile tile) {
  permuteTiled(in, out, n, map, tile);
}

__global__ void expand_block_f32(const float* e, float* out, long long n, int log2K, int log2M, BitMap map) {
  expandBlock(e, out, n, log2K, log2M, map);
}
__global__ void expand_block_f16(const __half* e, __half* out, long long n, int log2K, int log2M, BitMap map) {
  expandBlock(e, out, n, log2K, log2M, map);
}

__global__ void pack_gauss_f32(const float* in, float* out, long long n, BitMap map) { packGauss(in, out, n, map); }
__global__ void pack_gauss_f16(const __half* in, __half* out, long long n, BitMap map) { packGauss(in, out, n, map); }

__global__ void combine_gauss_f32(const float* t, float* c, long long n) { combineGauss(t, c, n); }
__global__ void combine_gauss_f16(const __half* t, __half* c, long long n) { combineGauss(t, c, n); }

__global__ void max_abs_check_f32(const float* x, long long count, unsigned int* result) { maxAbsCheck(x, count, result); }
__global__ void max_abs_check_f16(const __half* x, long long count, unsigned int* result) { maxAbsCheck(x, count, result); }

// Precision changes with a power-of-two scale folded in (the per-tensor exponent moves).
__global__ void f32_to_f16_scaled(const float* in, __half* out, long long count, float scale) {
  GRID_STRIDE(i, count) out[i] = __float2half_rn(in[i] * scale);
}
__global__ void f16_to_f32_scaled(const __half* in, float* out, long long count, float scale) {
  GRID_STRIDE(i, count) out[i] = __half2float(in[i]) * scale;
}

// sum = a * sum + b * term over `count` reals: summing slices in fp32 whatever the storage.
__global__ void axpby_f32_f32(float* sum, const float* term, long long count, float a, float b) {
  GRID_STRIDE(i, count) sum[i] = a * sum[i] + b * term[i];
}
__global__ void axpby_f32_f16(float* sum, const __half* term, long long count, float a, float b) {
  GRID_STRIDE(i, count) sum[i] = a * sum[i] + b * __half2float(term[i]);
}

}  // extern "C"
