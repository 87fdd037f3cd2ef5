package dev.pullpath.snapshot;

/**
 * An IPv4 CIDR block, for the containment questions security group rules raise ("does 10.0.0.0/16
 * admit subnet 10.0.1.0/24?").
 */
public record Cidr(long network, int prefixLength) {

  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR block: " + text);
    }
    String[] octets = text.substring(0, slash).split("\\.");
    if (octets.length != 4) {
      throw new IllegalArgumentException("not an IPv4 CIDR block: " + text);
    }
    long address = 0;
    for (String octet : octets) {
      int value = Integer.parseInt(octet);
      if (value < 0 || value > 255) {
        throw new IllegalArgumentException("not an IPv4 CIDR block: " + text);
      }
      address = (address << 8) | value;
    }
    int length = Integer.parseInt(text.substring(slash + 1));
    if (length < 0 || length > 32) {
      throw new IllegalArgumentException("not an IPv4 CIDR block: " + text);
    }
    return new Cidr(address & mask(length), length);
  }

  /** Whether {@code text} parses as an IPv4 CIDR block. */
  public static boolean isIpv4(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether every address of {@code other} lies in this block. */
  public boolean contains(Cidr other) {
    return other.prefixLength >= prefixLength && (other.network & mask(prefixLength)) == network;
  }

  /** The first address after this block, as an unsigned 32-bit number widened to long. */
  private long end() {
    return network + (1L << (32 - prefixLength));
  }

  /**
   * Whether the union of {@code blocks} holds every address of {@code target}: security group rules and
   * routes add up, so 10.0.1.0/25 and 10.0.1.128/25 together cover 10.0.1.0/24.
   */
  public static boolean unionCovers(java.util.Collection<Cidr> blocks, Cidr target) {
    java.util.List<Cidr> sorted = blocks.stream()
        .sorted(java.util.Comparator.comparingLong(Cidr::network)).toList();
    long reached = target.network;
    for (Cidr block : sorted) {
      if (block.network > reached) {
        break;
      }
      reached = Math.max(reached, block.end());
      if (reached >= target.end()) {
        return true;
      }
    }
    return reached >= target.end();
  }

  /** 0.0.0.0/0, every IPv4 address. */
  public static final Cidr EVERYWHERE = new Cidr(0, 0);

  private static long mask(int length) {
    return length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
  }
}
