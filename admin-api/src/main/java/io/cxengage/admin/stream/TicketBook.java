package io.cxengage.admin.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stream tickets (api.md, GSE): a ticket opens one WebSocket of one tenant, once, within its
 * lifetime (2 minutes), from the IP address that asked for it. Kept in memory on the instance that
 * issued it; the WebSocket relay redeems them.
 */
public final class TicketBook {

  /** What a redeemed ticket grants. */
  public record Grant(String tenant, String clientId) {}

  private record Ticket(String tenant, String clientId, String ip, Instant expires) {}

  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration lifetime;

  public TicketBook(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** Issues a ticket for a tenant to the client at {@code ip}. */
  public String issue(String tenant, String clientId, String ip) {
    Instant now = clock.instant();
    tickets.values().removeIf(t -> !now.isBefore(t.expires()));
    String ticket = UUID.randomUUID().toString();
    tickets.put(ticket, new Ticket(tenant, clientId, ip, now.plus(lifetime)));
    return ticket;
  }

  /**
   * Redeems a ticket: empty when it is unknown, already used, expired or presented from another IP
   * address. A ticket is consumed by its first redemption attempt from the right address.
   */
  public Optional<Grant> redeem(String ticket, String ip) {
    if (ticket == null) {
      return Optional.empty();
    }
    Ticket found = tickets.get(ticket);
    if (found == null || !found.ip().equals(ip) || !tickets.remove(ticket, found)) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(found.expires())) {
      return Optional.empty();
    }
    return Optional.of(new Grant(found.tenant(), found.clientId()));
  }

  /** The number of tickets held, expired ones included until the next issue. */
  public int size() {
    return tickets.size();
  }
}
