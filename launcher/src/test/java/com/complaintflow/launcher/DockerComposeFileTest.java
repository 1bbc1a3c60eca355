package com.complaintflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.launcher.stack.ServiceEnvironment;
import com.complaintflow.schemas.topics.TopicName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs in the build, so docker-compose.yml is checked structurally: the
 * services' environment matches what the launcher sets (ServiceEnvironment), host ports do not
 * clash, images are named, build contexts and Dockerfiles exist, dependencies point at services
 * with health checks, and the topic initializer creates exactly the catalog's topics.
 */
class DockerComposeFileTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Map<String, String> BUILT_SERVICES = Map.of(
      "intake", ServiceEnvironment.INTAKE,
      "processor", ServiceEnvironment.PROCESSOR,
      "alert-sink", ServiceEnvironment.ALERT_SINK);

  private static JsonNode services;

  @BeforeAll
  static void parse() throws Exception {
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
    services = compose.get("services");
    assertTrue(services != null && services.isObject(), "docker-compose.yml has services");
  }

  private static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new HashMap<>();
    JsonNode node = service.get("environment");
    if (node == null) {
      return env;
    }
    if (node.isArray()) {
      node.forEach(item -> {
        String[] kv = item.asText().split("=", 2);
        env.put(kv[0], kv.length > 1 ? kv[1] : "");
      });
    } else {
      node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    }
    return env;
  }

  @Test
  void theThreeServicesAreBuiltFromThisRepository() {
    for (Map.Entry<String, String> entry : BUILT_SERVICES.entrySet()) {
      JsonNode service = services.get(entry.getKey());
      assertTrue(service != null, "service " + entry.getKey() + " in docker-compose.yml");
      JsonNode build = service.get("build");
      Path context = ROOT.resolve(build.get("context").asText()).normalize();
      assertTrue(Files.isDirectory(context), "build context " + context);
      Path dockerfile = context.resolve(build.get("dockerfile").asText());
      assertTrue(Files.isRegularFile(dockerfile), "Dockerfile " + dockerfile);
      String module = build.get("args").get("MODULE").asText();
      assertTrue(Files.isRegularFile(context.resolve(module).resolve("pom.xml")), "module " + module + " exists");
      String mainClass = build.get("args").get("MAIN_CLASS").asText();
      assertEquals(ServiceEnvironment.MAIN_CLASSES.get(entry.getValue()), mainClass,
          "same main class as the launcher for " + entry.getKey());
      Path source = context.resolve(module).resolve("src/main/java").resolve(mainClass.replace('.', '/') + ".java");
      assertTrue(Files.isRegularFile(source), "main class source " + source);
    }
  }

  @Test
  void servicesReadEveryEnvironmentVariableTheyAreGiven() {
    for (Map.Entry<String, String> entry : BUILT_SERVICES.entrySet()) {
      for (String name : environment(services.get(entry.getKey())).keySet()) {
        // checked against the service's own ConfigDef (and the key families its main passes through)
        assertTrue(ServiceEnvironment.readsEnv(entry.getValue(), name), entry.getKey() + ": " + name
            + " is not a key the service reads; its ConfigDef has " + ServiceEnvironment.knownEnvNames(entry.getValue()));
      }
    }
  }

  @Test
  void composeConfiguresTheSameKeysAsTheLauncher() {
    for (Map.Entry<String, String> entry : BUILT_SERVICES.entrySet()) {
      Set<String> launcherKeys = new HashSet<>(ServiceEnvironment.toEnvironment(
          ServiceEnvironment.config(entry.getValue(), LauncherFixtures.endpoints(), Path.of("/tmp/x"))).keySet());
      Set<String> composeKeys = environment(services.get(entry.getKey())).keySet();
      assertTrue(composeKeys.containsAll(launcherKeys),
          entry.getKey() + ": compose lacks " + difference(launcherKeys, composeKeys));
    }
  }

  @Test
  void hostPortsDoNotClashAndIntakePortMatchesItsConfig() {
    Map<Integer, String> hostPorts = new HashMap<>();
    Pattern mapping = Pattern.compile("^(?:[\\d.]+:)?(\\d+):(\\d+)(?:/\\w+)?$");
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> service = it.next();
      JsonNode ports = service.getValue().get("ports");
      if (ports == null) {
        continue;
      }
      for (JsonNode port : ports) {
        Matcher m = mapping.matcher(port.asText());
        assertTrue(m.matches(), service.getKey() + ": port mapping " + port.asText() + " as HOST:CONTAINER");
        String earlier = hostPorts.put(Integer.parseInt(m.group(1)), service.getKey());
        assertTrue(earlier == null, "host port " + m.group(1) + " used by " + earlier + " and " + service.getKey());
      }
    }
    String intakePort = environment(services.get("intake")).get("COMPLAINTFLOW_HTTP_PORT");
    assertTrue(services.get("intake").get("ports").toString().contains(":" + intakePort + "\""),
        "intake publishes its COMPLAINTFLOW_HTTP_PORT " + intakePort);
  }

  @Test
  void everyServiceHasAnImageAndAHealthCheckOrRunsOnce() {
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> service = it.next();
      JsonNode image = service.getValue().get("image");
      assertTrue(image != null && image.asText().matches("[\\w./-]+:[\\w.-]+"),
          service.getKey() + " names an image with a tag: " + image);
      boolean oneShot = "no".equals(service.getValue().path("restart").asText());
      assertTrue(oneShot || service.getValue().has("healthcheck"), service.getKey() + " has a health check");
    }
  }

  @Test
  void dependenciesPointAtExistingServicesWithTheRightCondition() {
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> service = it.next();
      JsonNode dependsOn = service.getValue().get("depends_on");
      if (dependsOn == null) {
        continue;
      }
      dependsOn.fields().forEachRemaining(dep -> {
        JsonNode target = services.get(dep.getKey());
        assertTrue(target != null, service.getKey() + " depends on unknown service " + dep.getKey());
        String condition = dep.getValue().path("condition").asText();
        if (condition.equals("service_healthy")) {
          assertTrue(target.has("healthcheck"), dep.getKey() + " needs a health check for " + service.getKey());
        }
      });
    }
  }

  @Test
  void namedVolumesAreDeclared() throws Exception {
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
    Set<String> declared = new HashSet<>();
    compose.get("volumes").fieldNames().forEachRemaining(declared::add);
    assertFalse(declared.isEmpty());
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> service = it.next();
      for (JsonNode volume : service.getValue().path("volumes")) {
        String source = volume.asText().split(":")[0];
        assertTrue(declared.contains(source), service.getKey() + " uses undeclared volume " + source);
      }
    }
  }

  @Test
  void topicInitializerCreatesEveryCatalogTopic() {
    String script = services.get("topics").get("command").get(0).asText();
    List<String> missing = new ArrayList<>();
    for (TopicName topic : TopicName.values()) {
      String line = "create " + topic.defaultName() + (topic.compacted() ? " --config cleanup.policy=compact" : "") + "\n";
      if (!script.contains(line)) {
        missing.add(line.trim());
      }
    }
    assertTrue(missing.isEmpty(), "topics init lacks: " + missing);
    assertEquals(TopicName.values().length, script.lines().filter(l -> l.trim().startsWith("create ")).count());
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> d = new HashSet<>(a);
    d.removeAll(b);
    return d;
  }
}
