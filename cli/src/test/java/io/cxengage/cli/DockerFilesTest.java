package io.cxengage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cxengage.admin.Option;
import io.cxengage.connectors.listeners.RunnerOption;
import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.job.JobSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cluster shape in {@code docker/} stays consistent with the code, without a Docker engine: the
 * compose file names existing Dockerfiles, two-stage builds on the Flink version of the build, and
 * only options the services know.
 */
class DockerFilesTest {

  static final Path DOCKER = EmbeddedEngineITCase.repository().resolve("docker");

  private static JsonNode compose() throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(DOCKER.resolve("compose.yaml").toFile());
  }

  @Test
  void composeRunsKafkaFlinkTheAdminApiAndTheRunnerFromExistingDockerfiles() throws Exception {
    JsonNode services = compose().get("services");
    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .contains("kafka", "jobmanager", "taskmanager", "admin-api", "listener-runner");
    for (String name : names) {
      JsonNode build = services.get(name).get("build");
      if (build != null) {
        Path dockerfile = DOCKER.getParent().resolve(build.get("dockerfile").asText());
        assertThat(dockerfile).as("dockerfile of %s", name).exists();
      } else {
        assertThat(services.get(name).has("image")).as("image of %s", name).isTrue();
      }
    }
  }

  @Test
  void everyDockerfileBuildsInTwoStagesAndTheJobRunsOnTheBuildsFlink() throws Exception {
    String flinkVersion = parentProperty("flink.version");
    try (var files = Files.list(DOCKER)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().startsWith("Dockerfile")).toList()) {
        List<String> from =
            Files.readAllLines(f).stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).as("stages of %s", f.getFileName()).hasSize(2);
        assertThat(from.get(0)).as("build stage of %s", f.getFileName()).contains(" AS build");
      }
    }
    assertThat(Files.readString(DOCKER.resolve("Dockerfile.job")))
        .contains("FROM flink:" + flinkVersion + "-java17");
  }

  @Test
  void servicesUseOnlyOptionsTheyKnow() throws Exception {
    Set<String> known = new HashSet<>();
    for (String[] o : JobSettings.OPTIONS.values()) {
      known.add(o[0]);
    }
    for (Option o : Option.values()) {
      known.add(o.env());
    }
    for (RunnerOption o : RunnerOption.values()) {
      known.add(o.env());
    }
    JsonNode services = compose().get("services");
    services
        .fieldNames()
        .forEachRemaining(
            name -> {
              JsonNode env = services.get(name).get("environment");
              if (env != null && !name.equals("kafka")) {
                env.fieldNames()
                    .forEachRemaining(
                        var -> {
                          if (var.startsWith("CX_")) {
                            assertThat(known).as("%s of service %s", var, name).contains(var);
                          }
                        });
              }
            });
    JsonNode command = services.get("jobmanager").get("command");
    for (JsonNode arg : command) {
      String a = arg.asText();
      if (a.startsWith("--") && !a.equals("--job-classname")) {
        assertThat(JobSettings.OPTIONS).as("job flag %s", a).containsKey(a.substring(2));
      }
    }
  }

  @Test
  void theDefaultsFileHoldsAUsableSecretKey() throws Exception {
    Properties env = new Properties();
    try (var r = Files.newBufferedReader(DOCKER.resolve(".env"))) {
      env.load(r);
    }
    SecretCipher cipher = SecretCipher.fromBase64(env.getProperty("CX_SECRET_KEY"));
    assertThat(cipher.decrypt(cipher.encrypt("x"))).isEqualTo("x");
    assertThat(env.getProperty("CX_ADMIN_CLIENT_SECRET")).hasSizeGreaterThanOrEqualTo(12);
  }

  private static String parentProperty(String name) throws Exception {
    String pom = Files.readString(DOCKER.getParent().resolve("pom.xml"));
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
