package io.cxengage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.admin.Option;
import io.cxengage.job.JobSettings;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The README stays true: its configuration reference names every option the code reads. */
class ReadmeTest {

  @Test
  void configurationReferenceNamesEveryOption() throws Exception {
    String readme = Files.readString(EmbeddedEngineITCase.repository().resolve("README.md"));
    for (var o : JobSettings.OPTIONS.entrySet()) {
      assertThat(readme)
          .as("job option %s", o.getKey())
          .contains("`" + o.getValue()[0] + "`")
          .contains("`--" + o.getKey() + "`");
    }
    for (Option o : Option.values()) {
      assertThat(readme).as("admin option %s", o.flag()).contains("`" + o.env() + "`");
    }
    for (io.cxengage.connectors.listeners.RunnerOption o :
        io.cxengage.connectors.listeners.RunnerOption.values()) {
      assertThat(readme).as("listener runner option %s", o.env()).contains("`" + o.env() + "`");
    }
    assertThat(readme).contains("`CX_DATA_DIR`", "`CX_HTTP_PORT`", "`CX_KAFKA_PORT`");
    assertThat(readme.lines().limit(20))
        .anyMatch(l -> l.startsWith("./cxengage run"))
        .anyMatch(l -> l.startsWith("mvn -B verify"));
  }
}
