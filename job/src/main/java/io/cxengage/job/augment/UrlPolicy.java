package io.cxengage.job.augment;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs an API augment may call, so that a tenant cannot use an augment to probe the services
 * around the job. Only {@code http} and {@code https}; a host is resolved and refused when any of
 * its addresses is internal — loopback, unspecified, link-local, site-local (10/8, 172.16/12,
 * 192.168/16), IPv6 unique-local (fc00::/7), shared (100.64/10), multicast, or an address of the
 * machine the job runs on — unless the allow-list names it. The deny-list refuses more (say, the
 * public addresses of the cluster), and wins over the allow-list.
 *
 * <p>Entries of both lists are host names, addresses or CIDR ranges ({@code 10.1.0.0/16}). The
 * check resolves the host just before the request is made, which leaves the DNS answer's lifetime
 * in the JVM's cache as the window for a rebinding trick; redirects are never followed. Build it
 * where the job runs (in {@code open}), so that "this machine" is the task manager.
 */
public final class UrlPolicy {

  /** Resolves a host name to its addresses. */
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private static final List<Range> INTERNAL =
      List.of(range("fc00::/7"), range("100.64.0.0/10"), range("0.0.0.0/8"));

  private final List<String> allowNames = new ArrayList<>();
  private final List<Range> allowRanges = new ArrayList<>();
  private final List<String> denyNames = new ArrayList<>();
  private final List<Range> denyRanges = new ArrayList<>();
  private final Resolver resolver;
  private final List<InetAddress> own;

  /**
   * @param own the addresses of the machine the job runs on ({@link #ownAddresses()})
   * @throws IllegalArgumentException naming an entry that is neither a host, an address nor a range
   */
  public UrlPolicy(
      List<String> allow, List<String> deny, Resolver resolver, List<InetAddress> own) {
    parse(allow, allowNames, allowRanges);
    parse(deny, denyNames, denyRanges);
    this.resolver = resolver;
    this.own = List.copyOf(own);
  }

  /** The policy with the system's DNS and the addresses of this machine's interfaces. */
  public static UrlPolicy system(List<String> allow, List<String> deny) {
    return new UrlPolicy(allow, deny, InetAddress::getAllByName, ownAddresses());
  }

  /**
   * The URL to call, or why it may not be called. Resolves the host: call it off the task thread.
   */
  public URI check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new AugmentFailure("the augment's url is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new AugmentFailure("only http and https URLs are called, not '" + scheme + "'");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new AugmentFailure("the augment's url has no host");
    }
    String name = bare(host);
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(name);
    } catch (UnknownHostException e) {
      throw new AugmentFailure("the host " + name + " is unknown");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    boolean allowed = allowNames.contains(lower);
    for (InetAddress a : addresses) {
      if (denyNames.contains(lower) || in(denyRanges, a)) {
        throw new AugmentFailure("the host " + name + " is on the deny-list (augment-api-deny)");
      }
      if (!allowed && !in(allowRanges, a) && internal(a)) {
        throw new AugmentFailure(
            "the host "
                + name
                + " has the internal address "
                + a.getHostAddress()
                + " (allow it with augment-api-allow)");
      }
    }
    return uri;
  }

  private boolean internal(InetAddress a) {
    return a.isLoopbackAddress()
        || a.isAnyLocalAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()
        || in(INTERNAL, a)
        || own.contains(a);
  }

  /** Every address of this machine's network interfaces (empty if they cannot be listed). */
  public static List<InetAddress> ownAddresses() {
    List<InetAddress> out = new ArrayList<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        out.addAll(Collections.list(ni.getInetAddresses()));
      }
    } catch (SocketException | NullPointerException e) {
      // no interfaces to list: the address rules still apply
    }
    return out;
  }

  private static void parse(List<String> entries, List<String> names, List<Range> ranges) {
    for (String raw : entries) {
      String e = raw.trim();
      if (e.isEmpty()) {
        continue;
      }
      if (e.contains("/") || Range.isLiteral(e)) {
        ranges.add(range(e));
      } else if (e.matches("[A-Za-z0-9.-]+")) {
        names.add(e.toLowerCase(Locale.ROOT));
      } else {
        throw new IllegalArgumentException(
            "'" + e + "' is neither a host name, an address nor a CIDR range");
      }
    }
  }

  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static boolean in(List<Range> ranges, InetAddress a) {
    for (Range r : ranges) {
      if (r.contains(a)) {
        return true;
      }
    }
    return false;
  }

  private static Range range(String cidr) {
    return Range.parse(cidr);
  }

  /** An address range: the first {@code bits} bits of {@code base}. */
  private record Range(byte[] base, int bits) {

    static boolean isLiteral(String s) {
      return s.matches("[0-9.]+") && s.chars().filter(c -> c == '.').count() == 3
          || s.contains(":");
    }

    static Range parse(String text) {
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      if (!isLiteral(address)) {
        throw new IllegalArgumentException("'" + text + "' is not an address or a CIDR range");
      }
      byte[] base;
      try {
        // a literal: no DNS lookup happens
        base = InetAddress.getByName(bare(address)).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("'" + text + "' is not an address or a CIDR range");
      }
      int bits = base.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > base.length * 8) {
          throw new IllegalArgumentException("'" + text + "' has a bad prefix length");
        }
      }
      return new Range(base, bits);
    }

    boolean contains(InetAddress a) {
      byte[] x = a.getAddress();
      if (x.length != base.length) {
        return false;
      }
      if (bits == 0) {
        return true;
      }
      int shift = base.length * 8 - bits;
      return new BigInteger(1, x)
          .shiftRight(shift)
          .equals(new BigInteger(1, base).shiftRight(shift));
    }
  }
}
