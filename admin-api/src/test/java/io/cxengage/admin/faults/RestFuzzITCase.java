package io.cxengage.admin.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.admin.AdminApi;
import io.cxengage.admin.ApiClient;
import io.cxengage.admin.TestInstallation;
import io.cxengage.admin.http.Access;
import io.cxengage.admin.http.Route;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and malformed requests on every route of the REST surface: whatever comes in, the answer
 * is never a 500 and never shows a stack trace.
 */
class RestFuzzITCase {

  private static TestInstallation installation;
  private static AdminApi server;
  private static ApiClient admin;
  private static List<Route> routes;

  @BeforeContainer
  static void start() {
    installation = new TestInstallation();
    server = installation.start();
    admin = installation.admin(server);
    admin.post("/1.0/tenants", "{\"id\": \"fz\", \"name\": \"Fuzz\"}");
    admin.post("/1.0/tenants/fz/patterns", "{\"name\": \"p\"}");
    admin.post("/1.0/tenants/fz/templates", "{\"name\": \"t\", \"template\": \"hi\"}");
    routes = server.routes();
  }

  @AfterContainer
  static void stop() {
    installation.close();
  }

  @Property(tries = 400, seed = "17", edgeCases = EdgeCasesMode.MIXIN)
  void noRequestIsAnsweredWithA500OrAStackTrace(
      @ForAll("routes") Route route,
      @ForAll("segments") String segment,
      @ForAll("bodies") String body,
      @ForAll("contentTypes") String contentType) {
    String path =
        "/1.0"
            + route
                .path()
                .replace("{tenant}", segment.isEmpty() ? "fz" : segment)
                .replace("{email}", segment + "@x.example")
                .replace("{type}", segment.isEmpty() ? "twilio" : segment)
                .replace("{id}", segment.isEmpty() ? "PT1" : segment)
                .replace("{ticket}", segment);
    ApiClient client = route.access() == Access.PUBLIC ? new ApiClient(server.port(), null) : admin;
    ApiClient.Response r = client.send(route.method().name(), path, contentType, body);
    assertThat(r.status()).as("%s %s %s -> %s", route.method(), path, body, r).isNotEqualTo(500);
    assertThat(r.body())
        .as("%s %s", route.method(), path)
        .doesNotContain("\tat ", "Exception:", "at io.cxengage");
  }

  @Provide
  Arbitrary<Route> routes() {
    return Arbitraries.of(routes);
  }

  @Provide
  Arbitrary<String> segments() {
    return Arbitraries.oneOf(
        Arbitraries.just(""),
        Arbitraries.of(
            "fz", "PT1", "TM1", "nosuch", "%2F..%2F", "a%00b", "%E2%98%83", "..", "x".repeat(300)),
        Arbitraries.strings().alpha().numeric().ofMaxLength(12));
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> scalars =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .ofMaxLength(40)
                .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
            Arbitraries.bigIntegers()
                .between(
                    new java.math.BigInteger("-1" + "0".repeat(40)),
                    new java.math.BigInteger("1" + "0".repeat(40)))
                .map(Object::toString),
            Arbitraries.of("true", "false", "null", "1e99999", "-0", "NaN"));
    Arbitrary<String> keys =
        Arbitraries.of(
            "name",
            "when",
            "then",
            "status",
            "id",
            "key",
            "template",
            "type",
            "mapping",
            "service",
            "options",
            "tenants",
            "email",
            "x");
    Arbitrary<String> objects =
        Combinators.combine(keys.list().ofMaxSize(5), scalars.list().ofMaxSize(5))
            .as(
                (ks, vs) -> {
                  StringBuilder sb = new StringBuilder("{");
                  for (int i = 0; i < Math.min(ks.size(), vs.size()); i++) {
                    sb.append(i == 0 ? "" : ",")
                        .append('"')
                        .append(ks.get(i))
                        .append("\":")
                        .append(vs.get(i));
                  }
                  return sb.append('}').toString();
                });
    return Arbitraries.oneOf(
        objects,
        objects.map(o -> o.substring(0, Math.max(1, o.length() / 2))),
        scalars,
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.integers().between(1, 400).map(n -> "[".repeat(n) + "]".repeat(n)),
        Arbitraries.integers().between(1, 400).map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)),
        Arbitraries.just("{\"name\":\"" + "x".repeat(70_000) + "\"}"),
        Arbitraries.just(""));
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of(
        "application/json",
        "text/csv",
        "application/x-www-form-urlencoded",
        "text/plain",
        "multipart/form-data; boundary=x");
  }
}
