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
// elements per run, stages it in shared memory (TileStage; rows padded by one against bank
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

// How a tile is staged in shared memory: fp32 in two planes; fp16 as one (re, im) __half2 per
// element, so that a pair of neighbours costs two shared-memory stores and two loads instead of
// four each. With fp16's twice as many elements per byte the shared-memory instructions bounded
// the fp16 kernel (Nsight Compute on an H200: 68% SM throughput at 48% of DRAM bandwidth for a
// 2^28 reversal). Both use 4-byte words at the same padded offsets.
template <typename T> struct TileStage;
template <> struct TileStage<float> {
  float re[SIDE * (SIDE + 1)], im[SIDE * (SIDE + 1)];
  __device__ __forceinline__ void put(int s, float r, float i) { re[s] = r; im[s] = i; }
  __device__ __forceinline__ void get(int s, float& r, float& i) const { r = re[s]; i = im[s]; }
};
template <> struct TileStage<__half> {
  __half2 v[SIDE * (SIDE + 1)];
  __device__ __forceinline__ void put(int s, __half r, __half i) { v[s] = __halves2half2(r, i); }
  __device__ __forceinline__ void get(int s, __half& r, __half& i) const { r = __low2half(v[s]); i = __high2half(v[s]); }
};

template <typename T>
__device__ void permuteTiled(const T* in, T* out, long long n, const BitMap& map, const TransposeTile& tile) {
  typedef typename PairOf<T>::type P;
  __shared__ TileStage<T> stage;
  // a bit map is OR-separable, so offsets within a tile are one lookup per 6-bit half
  __shared__ long long inLo[SIDE], inHi[SIDE], outHi[SIDE];
  __shared__ int slotLo[SIDE], slotHi[SIDE];
  // Each block takes a contiguous range of tiles, so going to the next tile toggles the tile
  // number's trailing ones and the zero above them: its output base and input offset change by one
  // prefix of these tables. Computing both per tile from the tile number took a loop over the rest
  // bits and one over the map's segments, as many instructions as moving the tile's data where
  // every bit is its own segment (reversal, random permutations).
  __shared__ long long togglesOut[MAX_SEGMENTS], togglesIn[MAX_SEGMENTS];
  const int t = threadIdx.x;
  if (t < tile.restCount) {
    long long o = 0;
    for (int b = 0; b <= t; b++) o |= 1LL << tile.rest[b];
    togglesOut[t] = o;
    togglesIn[t] = mapOffset(map, o);
  }
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
  const long long perBlock = (tiles + gridDim.x - 1) / gridDim.x;
  const long long first = blockIdx.x * perBlock;
  const long long last = min(tiles, first + perBlock);
  long long base = 0;
  for (int b = 0; b < tile.restCount; b++) base |= ((first >> b) & 1LL) << tile.rest[b];
  long long inBase = mapOffset(map, base);
  for (long long r = first; r < last; r++) {
    if (r > first) {
      const int c = __ffsll(~(r - 1)) - 1;
      base ^= togglesOut[c];
      inBase ^= togglesIn[c];
    }
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
      stage.put(s0, vr[j].x, vi[j].x);
      stage.put(s1, vr[j].y, vi[j].y);
    }
    __syncthreads();
#pragma unroll
    for (int j = 0; j < PAIRS_PER_THREAD; j++) {
      int q = j * TILE_THREADS + t;
      int k = ((q >> 5) << SIDE_BITS) | ((q & 31) << 1);
      int s = k + (k >> SIDE_BITS);
      long long dst = base | (k & (SIDE - 1)) | outHi[k >> SIDE_BITS];
      P wr, wi;
      stage.get(s, wr.x, wi.x);
      stage.get(s + 1, wr.y, wi.y);
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
__device__ __forceinline__ void reportMaxAbs(float m, unsigned int bad, unsigned int* result) {
  for (int off = 16; off > 0; off >>= 1) {
    m = fmaxf(m, __shfl_down_sync(0xffffffffu, m, off));
    bad |= __shfl_down_sync(0xffffffffu, bad, off);
  }
  if ((threadIdx.x & 31) == 0) {
    atomicMax(&result[0], __float_as_uint(m));
    if (bad) atomicOr(&result[1], 1u);
  }
}

template <typename T>
__device__ void maxAbsCheck(const T* x, long long count, unsigned int* result) {
  float m = 0.0f;
  unsigned int bad = 0;
  GRID_STRIDE(i, count) {
    float v = toF<T>(x[i]);
    if (!isfinite(v)) bad = 1; else m = fmaxf(m, fabsf(v));
  }
  reportMaxAbs(m, bad, result);
}

// A contraction whose result is small (ComplexGemm.isSmallOutput: at most 2^7 elements) but whose
// contracted dimension is long (the last steps of a tree, down to one amplitude): a GEMM library
// runs such shapes on a handful of blocks (a 4 x 32 result from 2^24 contracted values took 28 ms
// through cuBLAS on an H200), so this is a grid-wide reduction instead. Canonical positions are
// i * K + k in A and k * N + j in B; the maps take them to the stored offsets. The result is cut
// into tiles of 4 x 4 (blockIdx.z: rows, blockIdx.y: columns); each thread sums a stretch of k
// for its block's tile in fp32 registers, warps reduce, and lane 0 adds alpha times the warp's
// sums into `acc` (2 M N floats, zeroed by the caller, planar [re | im] in [i][j] order).
#define SMALL 4
template <typename T>
__device__ void smallProduct(const T* a, long long na, const T* b, long long nb, float* acc, int log2K,
                             int log2M, int log2N, float alpha, const BitMap& mapA, const BitMap& mapB) {
  __shared__ MapTable tableA, tableB;
  buildTable(mapA, tableA);
  buildTable(mapB, tableB);
  const int M = 1 << log2M, N = 1 << log2N;
  const int i0 = blockIdx.z * SMALL, j0 = blockIdx.y * SMALL;
  const int m = min(SMALL, M - i0), n = min(SMALL, N - j0);
  float re[SMALL][SMALL], im[SMALL][SMALL];
  // offsets add over disjoint position bits: the tile's rows of A and columns of B once, then
  // two lookups a contracted value (with eight, the 4 x 32 result above took 8.6 ms)
  long long rowA[SMALL], colB[SMALL];
#pragma unroll
  for (int i = 0; i < SMALL; i++) {
    rowA[i] = lookup(tableA, (long long)min(i0 + i, M - 1) << log2K);
    colB[i] = lookup(tableB, min(j0 + i, N - 1));
  }
#pragma unroll
  for (int i = 0; i < SMALL; i++)
#pragma unroll
    for (int j = 0; j < SMALL; j++) re[i][j] = im[i][j] = 0.0f;
  long long K = 1LL << log2K;
  GRID_STRIDE(k, K) {
    float ar[SMALL], ai[SMALL], br[SMALL], bi[SMALL];
    const long long ak = lookup(tableA, k), bk = lookup(tableB, k << log2N);
#pragma unroll
    for (int i = 0; i < SMALL; i++) {
      if (i < m) {
        ar[i] = toF<T>(a[ak + rowA[i]]);
        ai[i] = toF<T>(a[na + ak + rowA[i]]);
      }
    }
#pragma unroll
    for (int j = 0; j < SMALL; j++) {
      if (j < n) {
        br[j] = toF<T>(b[bk + colB[j]]);
        bi[j] = toF<T>(b[nb + bk + colB[j]]);
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
          atomicAdd(&acc[(i0 + i) * N + j0 + j], alpha * r);
          atomicAdd(&acc[M * N + (i0 + i) * N + j0 + j], alpha * q);
        }
      }
}

// A contraction C = L . S of a large tensor L with a small one S (a gate, a few qubits' worth of a
// tensor: at most 2^11 elements, 2^6 contracted): one pass that reads L once and writes C once,
// where the GEMM path ran a permutation of L, the expansion of S and a skinny GEMM that cuBLAS
// runs far below the memory bandwidth. SmallOperandTile.java says how L is cut into tiles; per
// tile the block stages L's values (every contracted value of 2^freeCount free positions) in
// shared memory as fp32 (re, im) pairs (fp16 pairs for the tensor-core form), then each thread computes outputs (free
// position q, S-free value phi) with fp32 accumulation and writes them in C's order (L's free
// bits, then S's free bits), consecutive threads at consecutive offsets. S sits in shared memory
// in [kappa][phi] order as fp32; the phi values of a thread's outputs do not change from tile to
// tile, so with up to 2^4 contracted values its columns are held in registers. A tile is 16 KiB of
// L (4096 fp16 or 2048 fp32 elements; staged, it takes 34 or 17 KiB of dynamic shared memory);
// while a tile is computed, each thread already holds its 64 bytes of the next one (two 16-byte
// loads per plane) in registers. Each block takes a contiguous range of tiles, so the next tile's
// offset is one carry step over the tile bits. With `check` non-null the kernel also
// does the complex-half check: the largest |stored part| of C and whether any is NaN/Inf, as
// max_abs_check does.
#define SK_MAX_TILE_BITS 12
#define SK_TILE_BYTES (16 * 1024)
#define SK_MAX_K 6
#define SK_MAX_SMALL 2048
#define SK_THREADS 256
#define SK_REGISTER_K 4
// at most 80 registers a thread: 3 blocks of 256 threads per multiprocessor (Kernels.java's
// BLOCKS_PER_MULTIPROCESSOR). On an H200, 4 blocks (64 registers, spilling) took 40% longer a
// slice, 2 blocks (no spills) about the same (docs/benchmarks.md); the tensor-core form, whose
// fp16 pairs (18 KiB) sit behind a ring of raw tiles (32 KiB), spills nothing at 3 either
#define SK_BLOCKS_PER_SM 3
// the tensor-core form and fp32 read tiles with cp.async into a ring of raw tiles in shared memory,
// this many tiles ahead (SmallOperandTile.RING_STAGES): a block keeps two tiles in flight while it
// computes, and holds none of them in registers
#define SK_RING_STAGES 2
// log2 of the largest small operand whose TF32 split fits `small` (16 bytes an element)
#define SK_TF32_PRESPLIT_BITS 9

extern "C" {

struct SmallOperandTile {
  int lowBits;
  int highCount;
  int highPos[SK_MAX_K];
  int kTile[SK_MAX_K];
  int freeCount;
  int freeTile[SK_MAX_TILE_BITS];
  int restCount;
  int rest[MAX_SEGMENTS];
  int log2Out;
};

}  // extern "C"

// How a tile is read: 16 bytes of one plane per load. Staged as fp32 (re, im) pairs, so the inner
// loop converts nothing, with one pair of padding every 16 (128 bytes), which keeps strided reads
// of the tile free of bank conflicts.
#define SK_PAD(j) ((j) + ((j) >> 4))
template <typename T> struct Chunk;
template <> struct Chunk<float> {
  static constexpr int N = 4;  // elements per 16-byte load of one plane
  static __device__ __forceinline__ void put(float2* staged, int e, const uint4& re, const uint4& im) {
    staged[SK_PAD(e)] = make_float2(__uint_as_float(re.x), __uint_as_float(im.x));
    staged[SK_PAD(e + 1)] = make_float2(__uint_as_float(re.y), __uint_as_float(im.y));
    staged[SK_PAD(e + 2)] = make_float2(__uint_as_float(re.z), __uint_as_float(im.z));
    staged[SK_PAD(e + 3)] = make_float2(__uint_as_float(re.w), __uint_as_float(im.w));
  }
};
template <> struct Chunk<__half> {
  static constexpr int N = 8;
  static __device__ __forceinline__ void put(float2* staged, int e, const uint4& re, const uint4& im) {
    const unsigned int r[4] = {re.x, re.y, re.z, re.w}, i[4] = {im.x, im.y, im.z, im.w};
#pragma unroll
    for (int w = 0; w < 4; w++) {
      float2 rw = __half22float2(*reinterpret_cast<const __half2*>(&r[w]));
      float2 iw = __half22float2(*reinterpret_cast<const __half2*>(&i[w]));
      staged[SK_PAD(e + 2 * w)] = make_float2(rw.x, iw.x);
      staged[SK_PAD(e + 2 * w + 1)] = make_float2(rw.y, iw.y);
    }
  }
};

// The tensor-core form stages a tile as fp16 (re, im) pairs, one 32-bit word each: a lane's A
// fragment register is then one shared load, with no conversion there and back through fp32 (the
// CUDA-core form's fp32 staging cost the tensor-core form two conversions and a pack per value).
// Padding: 4 words every 32, which keeps a chunk's 8 words in two aligned 16-byte stores and
// spreads the rows of a fragment read (8 rows 32 words apart) over distinct banks.
#define SK_HALF_PAD(j) ((j) + (((j) >> 5) << 2))
__device__ __forceinline__ void putHalfPairs(unsigned int* staged, int e, const uint4& re, const uint4& im) {
  unsigned int* at = staged + SK_HALF_PAD(e);
  *reinterpret_cast<uint4*>(at) = make_uint4(__byte_perm(re.x, im.x, 0x5410), __byte_perm(re.x, im.x, 0x7632),
                                             __byte_perm(re.y, im.y, 0x5410), __byte_perm(re.y, im.y, 0x7632));
  *reinterpret_cast<uint4*>(at + 4) = make_uint4(__byte_perm(re.z, im.z, 0x5410), __byte_perm(re.z, im.z, 0x7632),
                                                 __byte_perm(re.w, im.w, 0x5410), __byte_perm(re.w, im.w, 0x7632));
}

// The tensor-core form of complex64 stages a tile as fp32 (re, im) pairs without padding, the
// pair index's bits 2-3 XORed with bits 4-5 and 6-7: the 8 rows of a fragment read (4 contracted
// values each, rows 2^3 to 2^6 pairs apart where the contracted bits are the tile's lowest) then
// fall on distinct banks, and 4 consecutive pairs stay together (one chunk's two 16-byte stores).
// The map is linear over XOR, so SK_SWIZZLE(j | k) = SK_SWIZZLE(j) ^ SK_SWIZZLE(k) for disjoint
// bits j and k: a fragment's address is an XOR of precomputed parts.
#define SK_SWIZZLE(j) ((j) ^ (((((j) >> 4) ^ ((j) >> 6)) & 3) << 2))
__device__ __forceinline__ void putSwizzledPairs(float2* staged, int e, const uint4& re, const uint4& im) {
  float4* at = reinterpret_cast<float4*>(staged + SK_SWIZZLE(e));
  at[0] = make_float4(__uint_as_float(re.x), __uint_as_float(im.x), __uint_as_float(re.y), __uint_as_float(im.y));
  at[1] = make_float4(__uint_as_float(re.z), __uint_as_float(im.z), __uint_as_float(re.w), __uint_as_float(im.w));
}

// G consecutive elements of one plane in one store (G = 1, 2 or 4)
template <typename T, int G> __device__ __forceinline__ void storeGroup(T* p, const float* v);
template <> __device__ __forceinline__ void storeGroup<float, 1>(float* p, const float* v) { p[0] = v[0]; }
template <> __device__ __forceinline__ void storeGroup<float, 2>(float* p, const float* v) {
  *reinterpret_cast<float2*>(p) = make_float2(v[0], v[1]);
}
template <> __device__ __forceinline__ void storeGroup<float, 4>(float* p, const float* v) {
  *reinterpret_cast<float4*>(p) = make_float4(v[0], v[1], v[2], v[3]);
}
template <> __device__ __forceinline__ void storeGroup<__half, 1>(__half* p, const float* v) { p[0] = __float2half_rn(v[0]); }
template <> __device__ __forceinline__ void storeGroup<__half, 2>(__half* p, const float* v) {
  *reinterpret_cast<__half2*>(p) = __floats2half2_rn(v[0], v[1]);
}
template <> __device__ __forceinline__ void storeGroup<__half, 4>(__half* p, const float* v) {
  __half2 a = __floats2half2_rn(v[0], v[1]), b = __floats2half2_rn(v[2], v[3]);
  uint2 w;
  w.x = *reinterpret_cast<unsigned int*>(&a);
  w.y = *reinterpret_cast<unsigned int*>(&b);
  *reinterpret_cast<uint2*>(p) = w;
}

// The tensor-core form (complex-half; complex64 below): per tile,
// C[q][phi] = sum_kappa L[q][kappa] S[kappa][phi]
// is the real product of L's rows, interleaved as (re, im) per kappa, with the 4M block form of S,
// B[2 kappa + p][2 phi + o] = (Sr, Si ; -Si, Sr)[p][o], in fp16 with fp32 accumulation
// (mma.sync m16n8k16: 8 contracted values a step). L's values and S's are fp16 already,
// so the products are exact and only the accumulation order differs from the CUDA-core form.
// A warp computes 16 free positions x 4 phi values per mma sequence; B sits in shared memory in
// fragment order (one 8-byte read per lane), A is read from the staged fp16 pairs. Used from 2^4
// contracted values on (Kernels.SMALL_OPERAND_TENSOR_CORE_BITS), and at 2^3 where the small
// operand has two n tiles or more (with one, 2^3 saved nothing on an H200 over the CUDA cores).
__device__ __forceinline__ unsigned int packHalf2(float lo, float hi) {
  __half2 h = __floats2half2_rn(lo, hi);
  return *reinterpret_cast<unsigned int*>(&h);
}
__device__ __forceinline__ void mma16816(float* d, unsigned int a0, unsigned int a1, unsigned int a2, unsigned int a3,
                                         unsigned int b0, unsigned int b1) {
  // not volatile, as mma1688 below
  asm("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
      "{%0,%1,%2,%3};\n"
      : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
      : "r"(a0), "r"(a1), "r"(a2), "r"(a3), "r"(b0), "r"(b1));
}

// The tensor-core form of complex64 (3xTF32): the same product with fp32 values, each split into
// a TF32 part and the TF32 rounding of its remainder, x = big + small; a product is big big + big
// small + small big (mma.sync m16n8k8: 4 contracted values a step), which leaves out only small
// small, about 2^-22 of it, so the result keeps close to fp32 accuracy where a single TF32
// product would lose about 3 decimal digits. In a step the real k index kk stands for contracted
// value kk mod 4 and part kk / 4 (re, then im): a lane's A fragment registers a0/a2 (and a1/a3)
// are then the (re, im) pair of one staged value, one 8-byte read.
__device__ __forceinline__ void splitTf32(float x, unsigned int& big, unsigned int& small) {
  asm("cvt.rna.tf32.f32 %0, %1;\n" : "=r"(big) : "f"(x));
  asm("cvt.rna.tf32.f32 %0, %1;\n" : "=r"(small) : "f"(x - __uint_as_float(big)));
}
// not volatile: it has outputs, and the compiler may then interleave the products of independent
// accumulators instead of waiting for each one in program order
__device__ __forceinline__ void mma1688(float* d, const unsigned int* a, const unsigned int* b) {
  asm("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};\n"
      : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
      : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}

// The power of two the host takes as a tensor's magnitude (CudaBackend.magnitude): the unbiased
// exponent of its largest part (Java's Math.getExponent, -127 for subnormals), 0 for zero.
__device__ __forceinline__ int magnitudeOf(float m) {
  return m > 0.0f ? (int)((__float_as_uint(m) >> 23) & 0xff) - 127 : 0;
}

// (ar, ai) += v w as four fused multiply-adds: written as sums of products, the compiler emitted a
// multiply, a fused multiply-add and an add per part (Nsight Compute on an H200: 302M unfused and
// 168M fused fp32 instructions in a 2^29-element gate step), and fp16 gates were bound by issue.
__device__ __forceinline__ void complexFma(float& ar, float& ai, float2 v, float2 w) {
  ar = fmaf(v.x, w.x, ar);
  ar = fmaf(-v.y, w.y, ar);
  ai = fmaf(v.x, w.y, ai);
  ai = fmaf(v.y, w.x, ai);
}

__device__ __forceinline__ void cpAsync16(void* shared, const void* global) {
  const unsigned int at = (unsigned int)__cvta_generic_to_shared(shared);
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16;\n" ::"r"(at), "l"(global));
}
__device__ __forceinline__ void cpAsyncCommit() { asm volatile("cp.async.commit_group;\n" ::); }
template <int N> __device__ __forceinline__ void cpAsyncWait() { asm volatile("cp.async.wait_group %0;\n" ::"n"(N)); }

// K: contracted bits; G: consecutive outputs (same free position, consecutive phi) per thread,
// which share their reads of the tile and leave in one store per plane; TC: the tensor-core form
// (Kernels.smallOperandOnTensorCores: K >= 3 in fp16, 4 in fp32; log2Out >= 2, at most 7 in fp16;
// freeCount >= 4; G unused): fp16 products for fp16, 3xTF32 for fp32.
template <typename T, int K, int G, bool TC = false>
__device__ void smallOperand(const T* L, long long nL, const T* S, long long nS, const BitMap& mapS, T* C, long long nC,
                             float alpha, const SmallOperandTile& tile, unsigned int* check, const float* maxL,
                             const float* maxS) {
  constexpr int V = Chunk<T>::N;
  constexpr int TILE = SK_TILE_BYTES / (2 * sizeof(T));
  // 16-byte chunks of a full tile per thread
  constexpr int CHUNKS = TILE / V / SK_THREADS;
  // SK_PAD(TILE) pairs, sized by the launch (SmallOperandTile.stagedBytes)
  extern __shared__ __align__(16) float2 staged[];
  unsigned int* stagedHalf = reinterpret_cast<unsigned int*>(staged);
  __shared__ float2 small[SK_MAX_SMALL];
  // free positions of a tile: in the tensor-core form (2^3 or more contracted values) at most 2^9
  __shared__ unsigned short freeDep[TC ? 1 << (SK_MAX_TILE_BITS - 3) : 1 << SK_MAX_TILE_BITS];
  __shared__ long long highOff[1 << SK_MAX_K];
  __shared__ int kDep[1 << SK_MAX_K];
  // complex contracted values per mma step: 8 in fp16 (m16n8k16), 4 in TF32 (m16n8k8)
  constexpr bool TF32 = TC && sizeof(T) == 4;
  constexpr int KSTEP_BITS = TF32 ? 2 : 3;
  __shared__ int kStep[1 << (SK_MAX_K - KSTEP_BITS)];
  const int t = threadIdx.x;
  // complex-half operands whose largest part the host has not read yet (CudaBackend's deferred
  // checks): alpha also removes their magnitudes, as the host does for those it knows
  if (maxL != nullptr) alpha = ldexpf(alpha, -magnitudeOf(*maxL));
  if (maxS != nullptr) alpha = ldexpf(alpha, -magnitudeOf(*maxS));
  const int f = tile.log2Out;
  const int tf = tile.freeCount;
  const int low = tile.lowBits;
  // tensor-core form: S's block form in B-fragment order, [k step][n tile][lane], in place of `small`
  static_assert(!TC || K >= 3, "the tensor-core form takes at least 8 contracted values");
  constexpr int KSTEPS = TC ? 1 << (K - KSTEP_BITS) : 1;
  uint2* bFrag = reinterpret_cast<uint2*>(small);
  // TF32 with a small operand of at most 2^9 elements: B's values already split, {big of rows tq
  // and tq + 4, small of both} a lane, which saves the unit six instructions an n tile and k step
  uint4* bSplit = reinterpret_cast<uint4*>(small);
  const bool presplit = TF32 && K + f <= SK_TF32_PRESPLIT_BITS;
  if constexpr (TC) {
    const int nTiles = 1 << (f - 2);
    for (int i = t; i < KSTEPS * nTiles * 32; i += SK_THREADS) {
      const int lane = i & 31, nt = (i >> 5) & (nTiles - 1), ks = (i >> 5) >> (f - 2);
      // column c = lane >> 2 of n tile n of a unit's group of ntg: plane o = c / 4, phi = 4 ntg group
      // + 2 ntg ((c / 2) mod 2) + 2 n + (c mod 2). The accumulator lane (g, tq) holds columns 2 tq
      // and 2 tq + 1, so over the group's n tiles it holds 2 ntg consecutive phi values of one
      // plane for rows g and g + 8: two stores of whole runs, no exchange between lanes
      // In TF32 with four n tiles a unit, n tiles 2m and 2m + 1 take 4 consecutive phi values of
      // one plane instead, 8 m + 4 ((c / 2) mod 2) + 2 (n mod 2) + (c mod 2): a lane's two 16-byte
      // stores of a row then go to two sectors that its neighbour (tq xor 1) fills up in the same
      // instruction, where 8 consecutive values filled half of each sector per instruction
      const int ntgBits = min(2, f - 2), c = lane >> 2, o = c >> 2, n = nt & ((1 << ntgBits) - 1);
      const int phi = ((nt >> ntgBits) << (ntgBits + 2)) + (c & 1) +
                      (TF32 && ntgBits == 2 ? ((n >> 1) << 3) + (((c >> 1) & 1) << 2) + ((n & 1) << 1)
                                            : (((c >> 1) & 1) << (ntgBits + 1)) + (n << 1));
      unsigned int w[2];
      if constexpr (TF32) {
        // rows tq (re) and tq + 4 (im) of contracted value ks 4 + tq, split here or in fp32 (the
        // kernel splits them as it uses them)
        const int kappa = ks * 4 + (lane & 3);
        long long off = mapOffset(mapS, ((long long)kappa << f) | phi);
        const float sr = toF<T>(S[off]), si = toF<T>(S[nS + off]);
        const float b0 = o == 0 ? sr : si, b1 = o == 0 ? -si : sr;
        if (presplit) {
          uint4 v;
          splitTf32(b0, v.x, v.z);
          splitTf32(b1, v.y, v.w);
          bSplit[i] = v;
          continue;
        }
        w[0] = __float_as_uint(b0);
        w[1] = __float_as_uint(b1);
      } else {
#pragma unroll
        for (int h = 0; h < 2; h++) {
          const int kappa = ks * 8 + (lane & 3) + 4 * h;
          long long off = mapOffset(mapS, ((long long)kappa << f) | phi);
          float sr = toF<T>(S[off]), si = toF<T>(S[nS + off]);
          w[h] = o == 0 ? packHalf2(sr, -si) : packHalf2(si, sr);
        }
      }
      bFrag[i] = make_uint2(w[0], w[1]);
    }
  } else {
    for (int i = t; i < ((1 << K) << f); i += SK_THREADS) {
      long long off = mapOffset(mapS, i);
      small[i] = make_float2(toF<T>(S[off]), toF<T>(S[nS + off]));
    }
  }
  // the tensor-core form keeps the free positions as staged offsets: SK_HALF_PAD(j | k) =
  // SK_HALF_PAD(j) + SK_HALF_PAD(k) and SK_SWIZZLE(j | k) = SK_SWIZZLE(j) ^ SK_SWIZZLE(k) for
  // disjoint bits j and k, so a fragment's address is a sum (fp16) or an XOR (TF32) of parts
  auto stagedAt = [](int j) { return TF32 ? SK_SWIZZLE(j) : TC ? SK_HALF_PAD(j) : j; };
  for (int q = t; q < (1 << tf); q += SK_THREADS) {
    int j = 0;
    for (int b = 0; b < tf; b++) j |= ((q >> b) & 1) << tile.freeTile[b];
    freeDep[q] = (unsigned short)stagedAt(j);
  }
  if (t < (1 << tile.highCount)) {
    long long o = 0;
    for (int b = 0; b < tile.highCount; b++) o |= (long long)((t >> b) & 1) << tile.highPos[b];
    highOff[t] = o;
  }
  if (t < (1 << K)) {
    int j = 0;
    for (int b = 0; b < K; b++) j |= ((t >> b) & 1) << tile.kTile[b];
    kDep[t] = j;
    if (TC && (t & ((1 << KSTEP_BITS) - 1)) == 0) kStep[t >> KSTEP_BITS] = stagedAt(j);
  }
  __syncthreads();
  // a thread's outputs share their phi values: 256 G is a multiple of 2^f
  const int phi0 = (t * G) & ((1 << f) - 1);
  constexpr bool inRegisters = !TC && K <= SK_REGISTER_K;
  constexpr int held = inRegisters ? 1 << K : 1;
  float2 sv[G][held];
  int kd[held];
  if constexpr (inRegisters) {
#pragma unroll
    for (int k = 0; k < held; k++) {
      kd[k] = kDep[k];
#pragma unroll
      for (int g = 0; g < G; g++) sv[g][k] = small[(k << f) | (phi0 + g)];
    }
  }
  // fp16 tensor-core form with at most 2^5 contracted values: a warp always takes the same n tiles
  // (units u = warp + 8 j, and a row block's 2^unitNtBits <= 8 units, as the small operand has at
  // most 2^7 free values there: Kernels.smallOperandOnTensorCores), so it holds their B
  // fragments in registers for the whole kernel instead of reading them from shared memory for
  // every unit (Nsight Compute on an H200: those reads were half of the kernel's shared-memory
  // wavefronts, and L1 was its busiest unit)
  constexpr bool B_HELD = TC && !TF32 && KSTEPS <= 4;
  uint2 bHeld[B_HELD ? KSTEPS : 1][4];
  if constexpr (B_HELD) {
    const int ntgBits = min(2, f - 2), unitNtBits = f - 2 - ntgBits;
    const int nt0 = ((t >> 5) & ((1 << unitNtBits) - 1)) << ntgBits;
#pragma unroll
    for (int ks = 0; ks < KSTEPS; ks++) {
#pragma unroll
      for (int n = 0; n < 4; n++)
        if (n < (1 << ntgBits)) bHeld[ks][n] = bFrag[((ks << (f - 2)) << 5) + (nt0 + n) * 32 + (t & 31)];
    }
  }
  const int elements = 1 << (low + tile.highCount);
  const int lowMask = (1 << low) - 1;
  const int groups = 1 << (tf + f - (31 - __clz(G)));
  // this block's tiles: a contiguous range; a tile's offset is its number's bits deposited on the rest bits
  const long long tiles = 1LL << tile.restCount;
  const long long per = (tiles + gridDim.x - 1) / gridDim.x;
  const long long first = blockIdx.x * per;
  const long long last = min(tiles, first + per);
  long long restMask = 0, base = 0;
  for (int b = 0; b < tile.restCount; b++) {
    restMask |= 1LL << tile.rest[b];
    base |= ((first >> b) & 1LL) << tile.rest[b];
  }
  // tiles read in 16-byte chunks (runs of at least V elements) travel ahead of the one computed
  const bool chunked = low >= (31 - __clz(V));
  auto step = [&](long long at) { return ((at | ~restMask) + 1) & restMask; };
  // the tensor-core form and fp32 read tiles through a ring of raw tiles in shared memory (cp.async,
  // SK_RING_STAGES tiles ahead); fp16 on the CUDA cores, whose staged fp32 pairs take 34 KiB, holds
  // a thread's chunks of the next tile in registers instead
  constexpr bool RING = TC || sizeof(T) == 4;
  uint4 cr[RING ? 1 : CHUNKS], ci[RING ? 1 : CHUNKS];
  auto fetch = [&](long long at) {
#pragma unroll
    for (int c = 0; c < CHUNKS; c++) {
      int e = (c * SK_THREADS + t) * V;
      if (!RING && e < elements) {
        long long src = at + (e & lowMask) + highOff[e >> low];
        cr[c] = *reinterpret_cast<const uint4*>(L + src);
        ci[c] = *reinterpret_cast<const uint4*>(L + nL + src);
      }
    }
  };
  // the ring of raw tiles (both planes) behind the staged pairs; a thread copies
  // and later converts the same chunks, so it needs no barrier to see its own copies
  T* raw = TF32 ? reinterpret_cast<T*>(staged + TILE)
           : TC ? reinterpret_cast<T*>(stagedHalf + SK_HALF_PAD(TILE)) : reinterpret_cast<T*>(staged + SK_PAD(TILE));
  auto rawChunk = [&](int stage, int plane, int e) { return raw + (2 * stage + plane) * TILE + e; };
  auto issue = [&](long long at, int stage) {
#pragma unroll
    for (int c = 0; c < CHUNKS; c++) {
      int e = (c * SK_THREADS + t) * V;
      if (e < elements) {
        long long src = at + (e & lowMask) + highOff[e >> low];
        cpAsync16(rawChunk(stage, 0, e), L + src);
        cpAsync16(rawChunk(stage, 1, e), L + nL + src);
      }
    }
    cpAsyncCommit();
  };
  float m = 0.0f, z = 0.0f;
  // the tensor-core form's check, on packed fp16 values (half the instructions of the fp32 one)
  const __half2 zero2 = __float2half2_rn(0.0f);
  __half2 hm = zero2, hz = zero2;
  long long ahead = base;  // with the ring: the offset of the last tile asked for
  // the next tile into a stage, or an empty group past the last one (so that waiting for all but
  // the newest SK_RING_STAGES - 1 groups always means the tile about to be converted)
  auto issueNext = [&](bool any, int stage) {
    if (any) {
      ahead = step(ahead);
      issue(ahead, stage);
    } else {
      cpAsyncCommit();
    }
  };
  if (chunked && first < last) {
    if constexpr (RING) {
      issue(base, 0);
#pragma unroll
      for (int k = 1; k < SK_RING_STAGES; k++) issueNext(first + k < last, k);
    } else {
      fetch(base);
    }
  }
  for (long long r = first; r < last; r++) {
    if (chunked) {
      const int stage = (int)((r - first) % SK_RING_STAGES);
      if constexpr (RING) cpAsyncWait<SK_RING_STAGES - 1>();
#pragma unroll
      for (int c = 0; c < CHUNKS; c++) {
        int e = (c * SK_THREADS + t) * V;
        if (e < elements) {
          if constexpr (TF32) {
            putSwizzledPairs(staged, e, *reinterpret_cast<const uint4*>(rawChunk(stage, 0, e)),
                             *reinterpret_cast<const uint4*>(rawChunk(stage, 1, e)));
          } else if constexpr (TC) {
            putHalfPairs(stagedHalf, e, *reinterpret_cast<const uint4*>(rawChunk(stage, 0, e)),
                         *reinterpret_cast<const uint4*>(rawChunk(stage, 1, e)));
          } else if constexpr (RING) {
            Chunk<T>::put(staged, e, *reinterpret_cast<const uint4*>(rawChunk(stage, 0, e)),
                          *reinterpret_cast<const uint4*>(rawChunk(stage, 1, e)));
          } else {
            Chunk<T>::put(staged, e, cr[c], ci[c]);
          }
        }
      }
      // the stage just converted takes the tile SK_RING_STAGES ahead
      if constexpr (RING) issueNext(r + SK_RING_STAGES < last, stage);
    } else {
      for (int e = t; e < elements; e += SK_THREADS) {
        long long src = base + (e & lowMask) + highOff[e >> low];
        if constexpr (TF32) {
          staged[SK_SWIZZLE(e)] = make_float2(toF<T>(L[src]), toF<T>(L[nL + src]));
        } else if constexpr (TC) {
          stagedHalf[SK_HALF_PAD(e)] = __byte_perm(__half_as_ushort(L[src]), __half_as_ushort(L[nL + src]), 0x5410);
        } else {
          staged[SK_PAD(e)] = make_float2(toF<T>(L[src]), toF<T>(L[nL + src]));
        }
      }
    }
    __syncthreads();
    const long long next = step(base);
    if (!RING && chunked && r + 1 < last) fetch(next);
    const long long outBase = r << (tf + f);
    if constexpr (TC) {
      // unit u: 16 free positions (row block) x 4 ntg phi values (ntg consecutive n tiles, up to
      // 4); the warps of a block work side by side on the same rows. A unit's n tiles share
      // their A fragments, and a lane leaves with 2 ntg consecutive values of one plane for each
      // of its two rows, so a lane pair fills whole 32-byte sectors with four n tiles (with one
      // n tile a unit and 8-byte stores a step at 2^4 contracted values was bound by its stores
      // in L1, Nsight Compute on an H200)
      const int lane = t & 31, g = lane >> 2, tq = lane & 3;
      const int ntgBits = min(2, f - 2), ntg = 1 << ntgBits;
      const int unitNtBits = f - 2 - ntgBits;
      const int units = 1 << (tf - 4 + unitNtBits);
      // fp16: contracted value ks 8 + tq (+ 4) is at word kStep[ks] + kq0 (kq1) of a row; TF32:
      // contracted value ks 4 + tq at pair kStep[ks] ^ kq0 ^ row
      const int kq0 = stagedAt(kDep[tq]), kq1 = TF32 ? 0 : stagedAt(kDep[tq + 4]);
      for (int u = t >> 5; u < units; u += SK_THREADS / 32) {
        const int nt0 = (u & ((1 << unitNtBits) - 1)) << ntgBits, rb = u >> unitNtBits;
        const int r0 = freeDep[rb * 16 + g], r1 = freeDep[rb * 16 + g + 8];
        const uint2* bUnit = bFrag + nt0 * 32 + lane;
        float d[4][4];
#pragma unroll
        for (int n = 0; n < 4; n++) d[n][0] = d[n][1] = d[n][2] = d[n][3] = 0.0f;
        if constexpr (TF32) {
          const int p0 = r0 ^ kq0, p1 = r1 ^ kq0;
          // unrolled 8 steps at a time: 2^6 contracted values fully unrolled spilled at 80 registers
#pragma unroll 8
          for (int ks = 0; ks < KSTEPS; ks++) {
            const int sk = kStep[ks];
            const float2 x0 = staged[p0 ^ sk], x1 = staged[p1 ^ sk];
            unsigned int aBig[4], aSmall[4];
            splitTf32(x0.x, aBig[0], aSmall[0]);
            splitTf32(x1.x, aBig[1], aSmall[1]);
            splitTf32(x0.y, aBig[2], aSmall[2]);
            splitTf32(x1.y, aBig[3], aSmall[3]);
            const int bAt = ((ks << (f - 2)) << 5) + nt0 * 32 + lane;
            unsigned int bBig[4][2], bSmall[4][2];
#pragma unroll
            for (int n = 0; n < 4; n++) {
              if (n < ntg) {
                if (presplit) {
                  const uint4 b = bSplit[bAt + n * 32];
                  bBig[n][0] = b.x;
                  bBig[n][1] = b.y;
                  bSmall[n][0] = b.z;
                  bSmall[n][1] = b.w;
                } else {
                  const uint2 b = bFrag[bAt + n * 32];
                  splitTf32(__uint_as_float(b.x), bBig[n][0], bSmall[n][0]);
                  splitTf32(__uint_as_float(b.y), bBig[n][1], bSmall[n][1]);
                }
              }
            }
            // the three products of an accumulator in separate passes over the n tiles, so that
            // consecutive mma.sync instructions do not wait for each other
#pragma unroll
            for (int n = 0; n < 4; n++)
              if (n < ntg) mma1688(d[n], aSmall, bBig[n]);
#pragma unroll
            for (int n = 0; n < 4; n++)
              if (n < ntg) mma1688(d[n], aBig, bSmall[n]);
#pragma unroll
            for (int n = 0; n < 4; n++)
              if (n < ntg) mma1688(d[n], aBig, bBig[n]);
          }
        } else {
          const unsigned int* a00 = stagedHalf + r0 + kq0;
          const unsigned int* a10 = stagedHalf + r1 + kq0;
          const unsigned int* a01 = stagedHalf + r0 + kq1;
          const unsigned int* a11 = stagedHalf + r1 + kq1;
#pragma unroll
          for (int ks = 0; ks < KSTEPS; ks++) {
            const int sk = kStep[ks];
            const unsigned int a0 = a00[sk], a1 = a10[sk], a2 = a01[sk], a3 = a11[sk];
            const uint2* bk = bUnit + ((ks << (f - 2)) << 5);
#pragma unroll
            for (int n = 0; n < 4; n++) {
              if (n < ntg) {
                uint2 b;
                if constexpr (B_HELD) b = bHeld[ks][n];
                else b = bk[n * 32];
                mma16816(d[n], a0, a1, a2, a3, b.x, b.y);
              }
            }
          }
        }
        // lane (g, tq): plane tq / 2, phi 2 ntg (tq mod 2) + 2 n + {0, 1} of row g (d[n][0..1])
        // and row g + 8 (d[n][2..3]); in TF32 with four n tiles phi 4 (tq mod 2) + 2 n + {0, 1}
        // for n = 0, 1 and 8 more for n = 2, 3
        const bool split = TF32 && ntg == 4;
        T* row = C + outBase + ((long long)(rb * 16 + g) << f) + nt0 * 4 + ((tq & 1) << (split ? 2 : ntgBits + 1)) +
                 ((tq >> 1) ? nC : 0);
        if constexpr (TF32) {
#pragma unroll
          for (int r = 0; r < 2; r++) {
            float v[8];
#pragma unroll
            for (int n = 0; n < 4; n++) {
              if (n < ntg) {
                v[2 * n] = d[n][2 * r] * alpha;
                v[2 * n + 1] = d[n][2 * r + 1] * alpha;
                if (check != nullptr) {
                  m = fmaxf(m, fmaxf(fabsf(v[2 * n]), fabsf(v[2 * n + 1])));
                  z = fmaf(v[2 * n], 0.0f, fmaf(v[2 * n + 1], 0.0f, z));
                }
              }
            }
            float4* at = reinterpret_cast<float4*>(row + ((long long)(8 * r) << f));
            if (ntg == 4) {
              at[0] = make_float4(v[0], v[1], v[2], v[3]);
              at[2] = make_float4(v[4], v[5], v[6], v[7]);
            } else if (ntg == 2) {
              at[0] = make_float4(v[0], v[1], v[2], v[3]);
            } else {
              *reinterpret_cast<float2*>(at) = make_float2(v[0], v[1]);
            }
          }
        } else {
          // fp16: the check runs on the stored values: the largest of the rounded parts is the
          // rounded largest part, and x * 0 is NaN exactly for NaN and Inf
          unsigned int w[2][4];
#pragma unroll
          for (int n = 0; n < 4; n++) {
            if (n < ntg) {
#pragma unroll
              for (int r = 0; r < 2; r++) {
                const __half2 h = __floats2half2_rn(d[n][2 * r] * alpha, d[n][2 * r + 1] * alpha);
                if (check != nullptr) {
                  hm = __hmax2(hm, __habs2(h));
                  hz = __hfma2(h, zero2, hz);
                }
                w[r][n] = *reinterpret_cast<const unsigned int*>(&h);
              }
            }
          }
#pragma unroll
          for (int r = 0; r < 2; r++) {
            T* at = row + ((long long)(8 * r) << f);
            if (ntg == 4) *reinterpret_cast<uint4*>(at) = make_uint4(w[r][0], w[r][1], w[r][2], w[r][3]);
            else if (ntg == 2) *reinterpret_cast<uint2*>(at) = make_uint2(w[r][0], w[r][1]);
            else *reinterpret_cast<unsigned int*>(at) = w[r][0];
          }
        }
      }
    } else
    for (int gi = t; gi < groups; gi += SK_THREADS) {
      const int o = gi * G;
      const int jq = freeDep[o >> f];
      float ar[G], ai[G];
#pragma unroll
      for (int g = 0; g < G; g++) ar[g] = ai[g] = 0.0f;
      if constexpr (inRegisters) {
#pragma unroll
        for (int k = 0; k < held; k++) {
          float2 v = staged[SK_PAD(jq | kd[k])];
#pragma unroll
          for (int g = 0; g < G; g++) complexFma(ar[g], ai[g], v, sv[g][k]);
        }
      } else {
#pragma unroll 4
        for (int k = 0; k < (1 << K); k++) {
          float2 v = staged[SK_PAD(jq | kDep[k])];
#pragma unroll
          for (int g = 0; g < G; g++) complexFma(ar[g], ai[g], v, small[(k << f) | (phi0 + g)]);
        }
      }
#pragma unroll
      for (int g = 0; g < G; g++) {
        ar[g] *= alpha;
        ai[g] *= alpha;
      }
      storeGroup<T, G>(C + outBase + o, ar);
      storeGroup<T, G>(C + nC + outBase + o, ai);
      if (check != nullptr) {
        // rounding is monotonic, so the largest stored part is the rounded largest value; x * 0
        // is NaN exactly for NaN and Inf
#pragma unroll
        for (int g = 0; g < G; g++) {
          m = fmaxf(m, fmaxf(fabsf(ar[g]), fabsf(ai[g])));
          z = fmaf(ar[g], 0.0f, fmaf(ai[g], 0.0f, z));
        }
      }
    }
    base = next;
    __syncthreads();
  }
  if (check != nullptr) {
    if constexpr (TC && !TF32) {
      m = fmaxf(__low2float(hm), __high2float(hm));
      z = __low2float(hz) + __high2float(hz);
    }
    unsigned int bad = isnan(z) ? 1u : 0u;
    for (int off = 16; off > 0; off >>= 1) {
      m = fmaxf(m, __shfl_down_sync(0xffffffffu, m, off));
      bad |= __shfl_down_sync(0xffffffffu, bad, off);
    }
    if ((t & 31) == 0) {
      // the stored largest part: what the rounding to the storage type made of it (Inf on overflow)
      float stored = toF<T>(fromF<T>(m));
      if (!isfinite(stored)) bad = 1;
      else atomicMax(&check[0], __float_as_uint(stored));
      if (bad) atomicOr(&check[1], 1u);
    }
  }
}

// A batch of small uploads (UploadBatch.java): block i moves tensor i's fp32 values from the
// staging ring into its storage in the memory pool, all of them in one launch
#define UPLOAD_BATCH 192
struct UploadBatch {
  long long target[UPLOAD_BATCH];  // byte offset in the pool
  int reals[UPLOAD_BATCH];
  int source[UPLOAD_BATCH];        // float offset in the ring
  int count;
};
template <typename T>
__device__ void fromStaging(char* pool, const float* ring, const UploadBatch& batch) {
  T* out = reinterpret_cast<T*>(pool + batch.target[blockIdx.x]);
  const float* in = ring + batch.source[blockIdx.x];
  for (int e = threadIdx.x; e < batch.reals[blockIdx.x]; e += blockDim.x) out[e] = fromF<T>(in[e]);
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

// kernel variants: k contracted bits, 2^g outputs per thread (SmallOperandProduct.groupBits);
// _tc: the tensor-core forms (fp16 products for complex-half, 3xTF32 for complex64;
// Kernels.smallOperandOnTensorCores says when)
#define SMALL_OPERAND_KERNEL(NAME, T, K, G, TC)                                                              \
  __global__ void __launch_bounds__(SK_THREADS, SK_BLOCKS_PER_SM)                                            \
      NAME(const T* L, long long nL, const T* S, long long nS, BitMap mapS, T* C, long long nC, float alpha, \
           SmallOperandTile tile, unsigned int* check, const float* maxL, const float* maxS) {                \
    smallOperand<T, K, G, TC>(L, nL, S, nS, mapS, C, nC, alpha, tile, check, maxL, maxS);                    \
  }
SMALL_OPERAND_KERNEL(small_operand_f32_k0_g0, float, 0, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f32_k0_g1, float, 0, 2, false)
SMALL_OPERAND_KERNEL(small_operand_f32_k0_g2, float, 0, 4, false)
SMALL_OPERAND_KERNEL(small_operand_f32_k1_g0, float, 1, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f32_k1_g1, float, 1, 2, false)
SMALL_OPERAND_KERNEL(small_operand_f32_k1_g2, float, 1, 4, false)
SMALL_OPERAND_KERNEL(small_operand_f32_k2_g0, float, 2, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f32_k2_g1, float, 2, 2, false)
SMALL_OPERAND_KERNEL(small_operand_f32_k2_g2, float, 2, 4, false)
SMALL_OPERAND_KERNEL(small_operand_f32_k3_g0, float, 3, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f32_k3_g1, float, 3, 2, false)
SMALL_OPERAND_KERNEL(small_operand_f32_k4_g0, float, 4, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f32_k5_g0, float, 5, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f32_k6_g0, float, 6, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k0_g0, __half, 0, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k0_g1, __half, 0, 2, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k0_g2, __half, 0, 4, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k1_g0, __half, 1, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k1_g1, __half, 1, 2, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k1_g2, __half, 1, 4, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k2_g0, __half, 2, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k2_g1, __half, 2, 2, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k2_g2, __half, 2, 4, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k3_g0, __half, 3, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k3_g1, __half, 3, 2, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k4_g0, __half, 4, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k5_g0, __half, 5, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k6_g0, __half, 6, 1, false)
SMALL_OPERAND_KERNEL(small_operand_f16_k3_tc, __half, 3, 1, true)
SMALL_OPERAND_KERNEL(small_operand_f16_k4_tc, __half, 4, 1, true)
SMALL_OPERAND_KERNEL(small_operand_f16_k5_tc, __half, 5, 1, true)
SMALL_OPERAND_KERNEL(small_operand_f16_k6_tc, __half, 6, 1, true)
SMALL_OPERAND_KERNEL(small_operand_f32_k4_tc, float, 4, 1, true)
SMALL_OPERAND_KERNEL(small_operand_f32_k5_tc, float, 5, 1, true)
SMALL_OPERAND_KERNEL(small_operand_f32_k6_tc, float, 6, 1, true)

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
__global__ void from_staging_f32(char* pool, const float* ring, UploadBatch batch) { fromStaging<float>(pool, ring, batch); }
__global__ void from_staging_f16(char* pool, const float* ring, UploadBatch batch) { fromStaging<__half>(pool, ring, batch); }

__global__ void f32_to_f16_scaled(const float* in, __half* out, long long count, float scale) {
  GRID_STRIDE(i, count) out[i] = __float2half_rn(in[i] * scale);
}
// fp16 to fp32 times `scale`; where `max` is non-null (an operand of the deferred GEMM step of
// complex-half, CudaBackend.contractDeferredGemm, whose largest part is still on the device) also
// divided by its magnitude there. f32_to_f16_normalized stores that step's fp32 product back in
// fp16 divided by the magnitude of its largest part (`max`, written by max_abs_check_f32), with
// the complex-half check of what was stored.
__global__ void f16_to_f32_scaled(const __half* in, float* out, long long count, float scale, const float* max) {
  if (max != nullptr) scale = ldexpf(scale, -magnitudeOf(*max));
  GRID_STRIDE(i, count) out[i] = __half2float(in[i]) * scale;
}
__global__ void f32_to_f16_normalized(const float* in, __half* out, long long count, const float* max,
                                      unsigned int* check) {
  const float scale = ldexpf(1.0f, -magnitudeOf(*max));
  float m = 0.0f;
  unsigned int bad = 0;
  GRID_STRIDE(i, count) {
    const __half h = __float2half_rn(in[i] * scale);
    out[i] = h;
    const float v = __half2float(h);
    if (!isfinite(v)) bad = 1; else m = fmaxf(m, fabsf(v));
  }
  reportMaxAbs(m, bad, check);
}

// sum = a * sum + b * term over `count` reals: summing slices in fp32 whatever the storage.
__global__ void axpby_f32_f32(float* sum, const float* term, long long count, float a, float b) {
  GRID_STRIDE(i, count) sum[i] = a * sum[i] + b * term[i];
}
__global__ void axpby_f32_f16(float* sum, const __half* term, long long count, float a, float b) {
  GRID_STRIDE(i, count) sum[i] = a * sum[i] + b * __half2float(term[i]);
}

}  // extern "C"
