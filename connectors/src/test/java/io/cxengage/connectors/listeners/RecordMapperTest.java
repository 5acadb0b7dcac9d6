package io.cxengage.connectors.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.listeners.RecordMapper.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordMapperTest {

  private static final String TWEET =
      "{\"interaction\": {\"type\": \"twitter\", \"author\": {\"username\": \"ann\","
          + " \"link\": \"https://x.example/ann\"}},"
          + " \"twitter\": {\"user\": {\"screen_name\": \"ann_s\", \"followers_count\": 12},"
          + " \"retweet\": {\"count\": 3}},"
          + " \"salience\": {\"content\": {\"sentiment\": -4}},"
          + " \"items\": [{\"sku\": \"A-1\"}, {\"sku\": \"B-2\"}],"
          + " \"odd.key\": \"literal\", \"gone\": null}";

  private static Map<String, String> mapping(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void mapsDottedPathsOfTheSeedsDatasiftExample() {
    Outcome outcome =
        RecordMapper.map(
            Json.tree(TWEET),
            mapping(
                "username", "interaction.author.username",
                "sentiment", "salience.content.sentiment",
                "id", "twitter.user.screen_name",
                "followers", "twitter.user.followers_count"),
            "id",
            "LI1");

    assertThat(outcome).isInstanceOf(Outcome.Mapped.class);
    assertThat(((Outcome.Mapped) outcome).event())
        .isEqualTo(
            Json.tree(
                "{\"listener\": \"LI1\", \"username\": \"ann\", \"sentiment\": -4,"
                    + " \"id\": \"ann_s\", \"followers\": 12}"));
  }

  @Test
  void indexesArraysByNumberAndPrefersALiteralKeyWithDots() {
    Outcome outcome =
        RecordMapper.map(
            Json.tree(TWEET),
            mapping("id", "items.1.sku", "first", "items.0.sku", "odd", "odd.key"),
            "id",
            "LI2");

    assertThat(((Outcome.Mapped) outcome).event().toString())
        .isEqualTo("{\"listener\":\"LI2\",\"id\":\"B-2\",\"first\":\"A-1\",\"odd\":\"literal\"}");
  }

  @Test
  void leavesOutAttributesWhosePathLeadsNowhereOrToNull() {
    Outcome outcome =
        RecordMapper.map(
            Json.tree(TWEET),
            mapping(
                "id", "twitter.user.screen_name",
                "nothing", "no.such.path",
                "gone", "gone",
                "beyond", "items.7.sku",
                "through", "twitter.user.screen_name.deeper"),
            "id",
            "LI1");

    assertThat(((Outcome.Mapped) outcome).event().toString())
        .isEqualTo("{\"listener\":\"LI1\",\"id\":\"ann_s\"}");
  }

  @Test
  void aMappingThatDefinesListenerItselfWins() {
    Outcome outcome =
        RecordMapper.map(
            Json.tree("{\"Id\": \"006A\", \"Source\": \"web\"}"),
            mapping("user", "Id", "listener", "Source"),
            "user",
            "LI9");

    assertThat(((Outcome.Mapped) outcome).event().get("listener").asText()).isEqualTo("web");
  }

  @Test
  void aMappingWithoutTheKeyAttributeIsAProblemThatNamesIt() {
    assertThat(RecordMapper.mappingProblem(mapping("stage", "StageName"), "user"))
        .contains(
            "the mapping has no entry for the tenant's key attribute 'user': add \"user\":"
                + " \"<path in the record>\" to the listener's mapping");
    assertThat(RecordMapper.mappingProblem(Map.of(), "id"))
        .contains("the listener has no mapping; map at least the tenant's key attribute 'id'");
    assertThat(RecordMapper.mappingProblem(mapping("user", "user__c"), "user")).isEmpty();
  }

  @Test
  void aRecordWithoutTheKeyValueIsUnmappableWithTheReason() {
    Outcome missing =
        RecordMapper.map(
            Json.tree("{\"StageName\": \"won\"}"),
            mapping("user", "user__c", "stage", "StageName"),
            "user",
            "LI2");
    Outcome object =
        RecordMapper.map(
            Json.tree("{\"user__c\": {\"a\": 1}}"), mapping("user", "user__c"), "user", "LI2");

    assertThat(missing)
        .isEqualTo(
            new Outcome.Unmappable(
                "the key attribute 'user' is mapped to 'user__c', which in this record is missing,"
                    + " not a string or a number"));
    assertThat(((Outcome.Unmappable) object).reason()).contains("is an object");
  }

  @Test
  void numericKeysAreKeptAsNumbers() {
    Outcome outcome =
        RecordMapper.map(
            Json.tree("{\"account\": {\"number\": 4711}}"),
            mapping("id", "account.number"),
            "id",
            "LI1");

    assertThat(((Outcome.Mapped) outcome).event().get("id").isNumber()).isTrue();
  }

  @Test
  void aRecordThatIsNotAnObjectIsUnmappable() {
    assertThat(RecordMapper.map(Json.tree("[1,2]"), mapping("id", "0"), "id", "LI1"))
        .isEqualTo(
            new Outcome.Unmappable("the record is not a JSON object but an array; nothing to map"));
  }
}
