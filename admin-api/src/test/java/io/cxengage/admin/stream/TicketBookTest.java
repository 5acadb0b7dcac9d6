package io.cxengage.admin.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.admin.TestInstallation.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TicketBookTest {

  private final MutableClock clock = new MutableClock();
  private final TicketBook book = new TicketBook(clock, Duration.ofMinutes(2));

  @Test
  void aTicketOpensOnceFromItsAddress() {
    String ticket = book.issue("t1", "client", "10.0.0.1");
    assertThat(book.redeem(ticket, "10.0.0.2")).isEmpty();
    assertThat(book.redeem(ticket, "10.0.0.1")).contains(new TicketBook.Grant("t1", "client"));
    assertThat(book.redeem(ticket, "10.0.0.1")).isEmpty();
    assertThat(book.redeem("unknown", "10.0.0.1")).isEmpty();
  }

  @Test
  void aTicketExpiresAfterTwoMinutesAndIsForgotten() {
    String ticket = book.issue("t1", "client", "10.0.0.1");
    clock.advance(Duration.ofMinutes(2));
    assertThat(book.redeem(ticket, "10.0.0.1")).isEmpty();
    book.issue("t1", "client", "10.0.0.1");
    assertThat(book.size()).isEqualTo(1);
  }
}
