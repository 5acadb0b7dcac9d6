package io.cxengage.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.admin.ApiClient.Response;
import io.cxengage.connectors.json.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CSV upload of file augments: rows in cx.augment-rows, per-row errors, replacement, deletion. */
class CsvUploadITCase {

  private static TestInstallation installation;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    installation = new TestInstallation();
    AdminApi server = installation.start();
    api = installation.admin(server);
    assertThat(api.post("/1.0/tenants", "{\"id\": \"crm\", \"name\": \"CRM\"}").status())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    installation.close();
  }

  @Test
  void rowsAreStoredByJoinKeyAndBadRowsReportedByLine() {
    String au1 = newAugment();
    Response r =
        upload(
            au1,
            "text/csv",
            "id,segment,email\n"
                + "c1,Gold,a@x.example\n"
                + "c2,Silver\n"
                + ",Bronze,b@x.example\n"
                + "\n"
                + "\"c3\",\"Gold, really\",\"c@x.example\"\n");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("rows").asInt()).isEqualTo(2);
    assertThat(r.json().get("rejected"))
        .isEqualTo(
            Json.tree(
                "[{\"line\": 3, \"error\": \"expected 3 fields (id, segment, email), found 2\"},"
                    + " {\"line\": 4, \"error\": \"the join key column 'id' is empty\"}]"));
    Map<String, String> rows = rowsOf("crm/" + au1 + "/");
    assertThat(rows.keySet()).containsExactlyInAnyOrder("crm/" + au1 + "/c1", "crm/" + au1 + "/c3");
    assertThat(Json.tree(rows.get("crm/" + au1 + "/c3")))
        .isEqualTo(
            Json.tree(
                "{\"id\": \"c3\", \"segment\": \"Gold, really\", \"email\": \"c@x.example\"}"));
  }

  @Test
  void aNewUploadReplacesThePreviousRows() {
    String au1 = newAugment();
    String au2 = newAugment();
    assertThat(upload(au1, "text/csv", "id,v\nboth,1\n").status()).isEqualTo(201);
    assertThat(upload(au2, "text/csv", "id,v\nold1,1\nold2,2\nboth,3\n").status()).isEqualTo(201);
    assertThat(upload(au2, "text/csv", "id,v\nboth,30\nnew1,10\n").status()).isEqualTo(201);
    Map<String, String> rows = rowsOf("crm/" + au2 + "/");
    assertThat(rows.keySet())
        .containsExactlyInAnyOrder("crm/" + au2 + "/both", "crm/" + au2 + "/new1");
    assertThat(Json.tree(rows.get("crm/" + au2 + "/both")).get("v").asText()).isEqualTo("30");
    assertThat(api.get("/1.0/tenants/crm/augments/" + au2 + "/file").body())
        .isEqualTo("id,v\nboth,30\nnew1,10\n");
    // another augment's row with the same join value is untouched
    assertThat(rowsOf("crm/" + au1 + "/")).containsOnlyKeys("crm/" + au1 + "/both");
  }

  @Test
  void deletingTheFileOrTheAugmentRemovesItsRows() {
    String au3 = newAugment();
    assertThat(upload(au3, "text/csv", "id,v\nx,1\ny,2\n").status()).isEqualTo(201);
    assertThat(api.delete("/1.0/tenants/crm/augments/" + au3 + "/file").status()).isEqualTo(204);
    assertThat(rowsOf("crm/" + au3 + "/")).isEmpty();
    assertThat(api.get("/1.0/tenants/crm/augments/" + au3 + "/file").status()).isEqualTo(404);
    assertThat(api.delete("/1.0/tenants/crm/augments/" + au3 + "/file").status()).isEqualTo(404);

    assertThat(upload(au3, "text/csv", "id,v\nz,1\n").status()).isEqualTo(201);
    assertThat(api.delete("/1.0/tenants/crm/augments/" + au3).status()).isEqualTo(204);
    assertThat(rowsOf("crm/" + au3 + "/")).isEmpty();
    assertThat(api.get("/1.0/tenants/crm/augments/" + au3).status()).isEqualTo(404);
  }

  @Test
  void aMultipartUploadAndWrongTypesOrEmptyFiles() {
    String au4 = newAugment();
    String boundary = "----cx" + System.nanoTime();
    String multipart =
        "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n"
            + "id,v\nm1,1\nm2,2\n\r\n"
            + "--"
            + boundary
            + "--\r\n";
    Response r = upload(au4, "multipart/form-data; boundary=" + boundary, multipart);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().get("rows").asInt()).isEqualTo(2);
    assertThat(upload(au4, "application/json", "{}").status()).isEqualTo(415);
    Response empty = upload(au4, "text/csv", "");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("error").asText()).contains("header");
    assertThat(upload("AU99", "text/csv", "id\n1\n").status()).isEqualTo(404);
  }

  @Test
  void aLargeFileIsStreamed() {
    String au4 = newAugment();
    int rows = 200_000;
    Enumeration<InputStream> parts =
        new Enumeration<>() {
          int next = -1;

          @Override
          public boolean hasMoreElements() {
            return next < rows;
          }

          @Override
          public InputStream nextElement() {
            String text = next < 0 ? "id,segment,score\n" : "k" + next + ",Gold," + next + "\n";
            next++;
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
          }
        };
    Response r =
        api.send(
            api.request("/1.0/tenants/crm/augments/" + au4 + "/file")
                .header("Content-Type", "text/csv")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new SequenceInputStream(parts))));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().get("rows").asInt()).isEqualTo(rows);
    assertThat(rowsOf("crm/" + au4 + "/")).hasSize(rows);
  }

  private static String newAugment() {
    Response r =
        api.post(
            "/1.0/tenants/crm/augments",
            "{\"name\": \"customers\", \"type\": \"file\", \"service\": \"engine\"}");
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static Response upload(String augment, String type, String body) {
    return api.send("POST", "/1.0/tenants/crm/augments/" + augment + "/file", type, body);
  }

  /** The live rows of an augment, as compaction would keep them. */
  private static Map<String, String> rowsOf(String prefix) {
    return KafkaTopics.latest(
            installation.broker().bootstrapServers(), installation.topics().augmentRows())
        .entrySet()
        .stream()
        .filter(e -> e.getKey().startsWith(prefix) && e.getValue() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
