package io.cxengage.job.augment;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.connectors.config.AugmentDocument;
import io.cxengage.connectors.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentTest {

  @Test
  void augmentsApplyInTheOrderOfTheNumbersInTheirIds() {
    List<String> ids = new ArrayList<>(List.of("AU10", "AU2", "AU1", "AU002", "AX1", "AU"));
    ids.sort(Augment.ID_ORDER);
    assertThat(ids).containsExactly("AU", "AU1", "AU002", "AU2", "AU10", "AX1");
  }

  @Test
  void aFileAugmentJoinsOnTheFirstColumnOfItsUpload() {
    AugmentDocument doc =
        new AugmentDocument(
            "ignored",
            "n",
            "file",
            "engine",
            null,
            null,
            new AugmentDocument.Options(null, List.of()),
            1L);
    Augment a = Augment.of("AU3", doc, "user").orElseThrow();
    assertThat(a.id()).isEqualTo("AU3");
    assertThat(a.type()).isEqualTo(Augment.Type.FILE);
    assertThat(a.service()).isEqualTo(Augment.Service.ENGINE);
    assertThat(a.joinAttribute().name()).isEqualTo("user");
    assertThat(a.attributes()).as("an empty list merges everything").isNull();
    assertThat(a.usable()).isTrue();
    assertThat(Augment.of("AU3", doc, null).orElseThrow().usable())
        .as("nothing uploaded yet")
        .isFalse();
  }

  @Test
  void theOriginalsAugmentServiceFieldNamesTheServiceWhenServiceIsMissing() {
    AugmentDocument doc =
        new AugmentDocument(
            "AU1",
            "n",
            "API",
            null,
            null,
            "notification",
            new AugmentDocument.Options(" http://x/y ", null),
            1L);
    Augment a = Augment.of("AU1", doc, "ignored").orElseThrow();
    assertThat(a.service()).isEqualTo(Augment.Service.NOTIFICATION);
    assertThat(a.url()).isEqualTo("http://x/y");
    assertThat(a.joinAttribute()).isNull();
    assertThat(a.usable()).isTrue();
  }

  @Test
  void anUnknownTypeOrServiceIsNotAnAugment() {
    assertThat(
            Augment.of(
                "AU1", new AugmentDocument("AU1", "n", "ftp", "engine", null, null, null, 1L), "u"))
        .isEmpty();
    assertThat(
            Augment.of(
                "AU1", new AugmentDocument("AU1", "n", "file", "radio", null, null, null, 1L), "u"))
        .isEmpty();
  }

  @Test
  void limitKeepsTheNamedAttributesAndNeverTheJoinColumn() {
    var row =
        Json.tree("{\"user\":\"ann\",\"tier\":\"gold\",\"phone\":\"+1555\",\"city\":\"Oslo\"}");
    assertThat(Augment.limit(row, "user", null))
        .isEqualTo(Json.tree("{\"tier\":\"gold\",\"phone\":\"+1555\",\"city\":\"Oslo\"}"));
    assertThat(Augment.limit(row, "user", List.of("tier", "user", "missing")))
        .isEqualTo(Json.tree("{\"tier\":\"gold\"}"));
  }
}
