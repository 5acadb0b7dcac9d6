package io.cxengage.bench.cep;

/**
 * The SplitMix64 generator of bench-workloads.md: a 64-bit state that starts at the seed; each draw
 * adds the golden gamma to the state and returns the state through the finaliser (wrapping
 * arithmetic, logical shifts). Other engines' harnesses implement the same few lines, so all see
 * exactly the same stream.
 */
public final class SplitMix64 {

  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** The next draw. */
  public long next() {
    state += GAMMA;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The next draw reduced to {@code [0, bound)}, as an unsigned remainder. */
  public int nextBelow(int bound) {
    return (int) Long.remainderUnsigned(next(), bound);
  }
}
