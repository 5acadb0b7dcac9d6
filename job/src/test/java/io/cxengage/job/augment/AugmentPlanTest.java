package io.cxengage.job.augment;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.connectors.config.AugmentDocument;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.config.TenantDocument;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.eval.AttributePath;
import io.cxengage.job.config.ConfigView;
import io.cxengage.job.model.ConfigUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AugmentPlanTest {

  private static Augment file(String id, String join) {
    return new Augment(
        id, Augment.Type.FILE, Augment.Service.ENGINE, null, null, new AttributePath(join));
  }

  @Test
  void eachFileAugmentLooksUpTheValueOfItsOwnJoinAttribute() {
    AugmentPlan plan =
        AugmentPlan.of(
            "t",
            List.of(file("AU1", "user"), file("AU2", "account.id")),
            Json.tree("{\"user\":\"ann\",\"account\":{\"id\":42}}"));
    assertThat(plan.viaRows()).isTrue();
    assertThat(plan.lookups())
        .extracting(AugmentPlan.FileLookup::rowKey)
        .containsExactly("t/AU1/ann", "t/AU2/42");
    assertThat(plan.lookups())
        .extracting(AugmentPlan.FileLookup::joinAttribute)
        .containsExactly("user", "account.id");
    assertThat(plan.calls()).isEmpty();
  }

  @Test
  void aSubjectWithoutTheJoinAttributeStillPassesTheFileStageToKeepItsCustomersOrder() {
    AugmentPlan plan =
        AugmentPlan.of("t", List.of(file("AU1", "email")), Json.tree("{\"user\":\"ann\"}"));
    assertThat(plan.viaRows()).isTrue();
    assertThat(plan.lookups()).isEmpty();
  }

  @Test
  void anObjectIsNoJoinValue() {
    AugmentPlan plan =
        AugmentPlan.of("t", List.of(file("AU1", "user")), Json.tree("{\"user\":{\"a\":1}}"));
    assertThat(plan.lookups()).isEmpty();
  }

  @Test
  void apiAugmentsAreCalledWithoutTheFileStage() {
    Augment api =
        new Augment(
            "AU5", Augment.Type.API, Augment.Service.ENGINE, "http://x", List.of("segment"), null);
    AugmentPlan plan = AugmentPlan.of("t", List.of(api), Json.tree("{\"user\":\"ann\"}"));
    assertThat(plan.viaRows()).isFalse();
    assertThat(plan.calls())
        .containsExactly(new AugmentPlan.ApiCall("AU5", "http://x", List.of("segment")));
  }

  @Test
  void noUsableAugmentNoPlan() {
    assertThat(AugmentPlan.of("t", List.of(), Json.tree("{}"))).isNull();
  }

  @Test
  void theConfigurationViewListsUsableAugmentsPerServiceInIdOrder() {
    ConfigView view = new ConfigView();
    long[] offset = {0};
    java.util.function.BiConsumer<ConfigKey, Object> put =
        (k, doc) ->
            view.apply(
                new ConfigUpdate(k.toString(), doc == null ? null : Json.write(doc), offset[0]++));
    put.accept(ConfigKey.tenant("t"), new TenantDocument("t", "t", null, 1L));
    for (String id : List.of("AU10", "AU2", "AU3")) {
      put.accept(
          ConfigKey.of("t", ConfigKind.AUGMENT, id),
          new AugmentDocument(id, id, "file", "engine", null, null, null, 1L));
    }
    put.accept(
        ConfigKey.of("t", ConfigKind.AUGMENT, "AU4"),
        new AugmentDocument(
            "AU4",
            "n",
            "api",
            "notification",
            null,
            null,
            new AugmentDocument.Options("http://x", null),
            1L));
    put.accept(
        ConfigKey.of("t", ConfigKind.AUGMENT_FILE, "AU10"),
        Json.tree("{\"state\":\"complete\",\"columns\":[\"user\",\"tier\"]}"));
    put.accept(
        ConfigKey.of("t", ConfigKind.AUGMENT_FILE, "AU2"),
        Json.tree("{\"state\":\"uploading\",\"columns\":[\"email\",\"phone\"]}"));

    var tenant = view.existing("t").orElseThrow();
    assertThat(tenant.augments(Augment.Service.ENGINE))
        .as("AU3 has no upload")
        .extracting(Augment::id, a -> a.joinAttribute().name())
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("AU2", "email"),
            org.assertj.core.api.Assertions.tuple("AU10", "user"));
    assertThat(tenant.augments(Augment.Service.NOTIFICATION))
        .extracting(Augment::id)
        .containsExactly("AU4");

    put.accept(ConfigKey.of("t", ConfigKind.AUGMENT_FILE, "AU10"), null);
    put.accept(ConfigKey.of("t", ConfigKind.AUGMENT, "AU4"), null);
    assertThat(tenant.augments(Augment.Service.ENGINE))
        .extracting(Augment::id)
        .containsExactly("AU2");
    assertThat(tenant.augments(Augment.Service.NOTIFICATION)).isEmpty();
    assertThat(tenant.augmentService("AU3")).contains(Augment.Service.ENGINE);
    assertThat(tenant.augmentService("AU4")).isEmpty();
  }
}
