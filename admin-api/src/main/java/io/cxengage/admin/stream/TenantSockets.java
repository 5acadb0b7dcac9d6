package io.cxengage.admin.stream;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSockets open on this instance, by tenant. The HTTP layer adds and removes sockets as
 * clients connect and leave; the relay thread hands each message to the tenant's sockets.
 */
public final class TenantSockets {

  private final Map<String, Set<StreamSocket>> byTenant = new ConcurrentHashMap<>();

  public void add(StreamSocket socket) {
    byTenant.compute(
        socket.tenant(),
        (tenant, sockets) -> {
          Set<StreamSocket> set = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
          set.add(socket);
          return set;
        });
  }

  /** Forgets a socket; a tenant without sockets is forgotten too. */
  public void remove(StreamSocket socket) {
    byTenant.computeIfPresent(
        socket.tenant(),
        (tenant, sockets) -> {
          sockets.remove(socket);
          return sockets.isEmpty() ? null : sockets;
        });
  }

  /**
   * Hands a message to every socket of the tenant; a socket that turns out closed or too slow is
   * forgotten.
   *
   * @return the number of sockets it was handed to (0: no socket, the message is dropped)
   */
  int deliver(String tenant, String text, long nowNanos) {
    Set<StreamSocket> sockets = byTenant.get(tenant);
    if (sockets == null) {
      return 0;
    }
    int handed = 0;
    for (StreamSocket socket : sockets) {
      if (socket.send(text, nowNanos)) {
        handed++;
      } else {
        remove(socket);
      }
    }
    return handed;
  }

  /** Pings every socket that was sent nothing for {@code intervalNanos}. */
  void pingIdle(long nowNanos, long intervalNanos) {
    for (Set<StreamSocket> sockets : byTenant.values()) {
      for (StreamSocket socket : sockets) {
        socket.pingIfIdle(nowNanos, intervalNanos);
      }
    }
  }

  /** Closes every socket (the server is stopping). */
  public void closeAll(int status, String reason) {
    for (Set<StreamSocket> sockets : byTenant.values()) {
      for (StreamSocket socket : sockets) {
        socket.close(status, reason);
      }
    }
    byTenant.clear();
  }

  /** Open sockets per tenant, sorted by tenant. */
  public Map<String, Integer> openByTenant() {
    Map<String, Integer> open = new TreeMap<>();
    byTenant.forEach((tenant, sockets) -> open.put(tenant, sockets.size()));
    return open;
  }

  /** Open sockets of one tenant. */
  public int open(String tenant) {
    Set<StreamSocket> sockets = byTenant.get(tenant);
    return sockets == null ? 0 : sockets.size();
  }
}
