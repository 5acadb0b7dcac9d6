package io.cxengage.admin.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong now = new AtomicLong();
  private final RateLimiter limiter = new RateLimiter(now::get);

  @Test
  void admitsABurstOfOneSecondThenAsksToWait() {
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.acquire("t", 1, 10).admitted()).isTrue();
    }
    RateLimiter.Decision refused = limiter.acquire("t", 1, 10);
    assertThat(refused.admitted()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    now.addAndGet(100_000_000L); // 0.1 s refills one event
    assertThat(limiter.acquire("t", 1, 10).admitted()).isTrue();
  }

  @Test
  void aBatchLargerThanTheBurstIsAdmittedAndPaidOff() {
    assertThat(limiter.acquire("t", 35, 10).admitted()).isTrue();
    RateLimiter.Decision refused = limiter.acquire("t", 1, 10);
    assertThat(refused.admitted()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(3); // 25 in debt + 1 at 10/s
    now.addAndGet(2_600_000_000L);
    assertThat(limiter.acquire("t", 1, 10).admitted()).isTrue();
  }

  @Test
  void tenantsHaveTheirOwnBuckets() {
    assertThat(limiter.acquire("a", 100, 10).admitted()).isTrue();
    assertThat(limiter.acquire("a", 1, 10).admitted()).isFalse();
    assertThat(limiter.acquire("b", 1, 10).admitted()).isTrue();
  }
}
