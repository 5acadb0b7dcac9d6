package io.cxengage.connectors.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxengage.connectors.listeners.ListenerRunnerConfig;
import io.cxengage.connectors.listeners.RunnerOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionValuesTest {

  @Test
  void flagsWinOverTheEnvironmentAndDefaultsFillTheRest() {
    OptionValues<RunnerOption> values =
        OptionValues.parse(
            RunnerOption.class,
            Map.of("CX_RUNNER_ID", "env-id", "CX_RECONNECT_MIN_MS", "250", "CX_TOPIC_PREFIX", ""),
            "--runner-id=flag-id");
    assertThat(values.text(RunnerOption.RUNNER_ID)).isEqualTo("flag-id");
    assertThat(values.millis(RunnerOption.RECONNECT_MIN_MS)).isEqualTo(Duration.ofMillis(250));
    assertThat(values.given(RunnerOption.TOPIC_PREFIX)).as("empty means not given").isNull();
    assertThat(values.integer(RunnerOption.ASSIGNMENT_PARTITIONS)).isEqualTo(12);
    assertThat(values.given(RunnerOption.SECRET_KEY)).isNull();
  }

  @Test
  void badInputIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> OptionValues.parse(RunnerOption.class, Map.of(), "--nosuch=1"))
        .hasMessage("unknown option --nosuch");
    assertThatThrownBy(() -> OptionValues.parse(RunnerOption.class, Map.of(), "runner-id"))
        .hasMessage("unknown argument 'runner-id': use --option=value");
    OptionValues<RunnerOption> values =
        OptionValues.parse(RunnerOption.class, Map.of("CX_MAX_EVENT_BYTES", "lots"));
    assertThatThrownBy(() -> values.integer(RunnerOption.MAX_EVENT_BYTES))
        .hasMessage(
            "option max-event-bytes (CX_MAX_EVENT_BYTES) must be a whole number, got 'lots'");
    assertThatThrownBy(() -> ListenerRunnerConfig.from(Map.of()))
        .hasMessageStartingWith("option secret-key (CX_SECRET_KEY) is required");
  }
}
