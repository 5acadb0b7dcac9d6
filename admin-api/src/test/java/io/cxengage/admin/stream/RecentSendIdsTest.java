package io.cxengage.admin.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentSendIdsTest {

  @Test
  void aRepeatIsRecognisedWhileItsIdIsAmongTheMostRecent() {
    RecentSendIds ids = new RecentSendIds(3);
    assertThat(ids.firstTime("a")).isTrue();
    assertThat(ids.firstTime("b")).isTrue();
    assertThat(ids.firstTime("a")).isFalse();
    assertThat(ids.firstTime("c")).isTrue();
    assertThat(ids.firstTime("d")).isTrue();

    assertThat(ids.size()).isEqualTo(3);
    assertThat(ids.firstTime("a")).isTrue(); // forgotten: the oldest of four
    assertThat(ids.firstTime("d")).isFalse();
  }
}
