package com.complaintflow.launcher.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.launcher.LauncherFixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

  @Test
  void everyServiceGetsKafkaAndRegistryAsEnvironmentVariables() {
    for (String service : ServiceEnvironment.MAIN_CLASSES.keySet()) {
      Map<String, String> env = ServiceEnvironment.environment(service, LauncherFixtures.endpoints(), Path.of("/d/" + service));
      assertEquals("localhost:19092", env.get("COMPLAINTFLOW_KAFKA_BOOTSTRAP_SERVERS"), service);
      assertEquals("http://localhost:18081/apis/ccompat/v7", env.get("COMPLAINTFLOW_SCHEMA_REGISTRY_URL"), service);
    }
  }

  @Test
  void everyKeyTheLauncherSetsIsAKnownKey() {
    for (String service : ServiceEnvironment.MAIN_CLASSES.keySet()) {
      Map<String, String> config = ServiceEnvironment.config(service, LauncherFixtures.endpoints(), Path.of("/d"));
      assertTrue(ServiceEnvironment.KNOWN_KEYS.get(service).containsAll(config.keySet()),
          service + ": " + config.keySet() + " vs " + ServiceEnvironment.KNOWN_KEYS.get(service));
    }
  }

  @Test
  void intakeGetsItsPortApiKeyAndMailbox() {
    Map<String, String> env = ServiceEnvironment.environment(ServiceEnvironment.INTAKE, LauncherFixtures.endpoints(), Path.of("/d"));
    assertEquals("18080", env.get("COMPLAINTFLOW_HTTP_PORT"));
    assertEquals("key-1", env.get("COMPLAINTFLOW_HTTP_API_KEYS"));
    assertEquals("complaints", env.get("COMPLAINTFLOW_MAIL_MAILBOXES"));
    assertEquals("3143", env.get("COMPLAINTFLOW_MAIL_COMPLAINTS_PORT"));
    assertEquals("pw-c", env.get("COMPLAINTFLOW_MAIL_COMPLAINTS_PASSWORD"));
  }

  @Test
  void processorStateLivesInItsServiceDirectory() {
    Map<String, String> env = ServiceEnvironment.environment(ServiceEnvironment.PROCESSOR, LauncherFixtures.endpoints(), Path.of("/d/processor"));
    assertEquals(Path.of("/d/processor/state").toString(), env.get("COMPLAINTFLOW_STATE_DIR"));
  }

  @Test
  void unknownServiceIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> ServiceEnvironment.config("billing", LauncherFixtures.endpoints(), Path.of("/d")));
  }
}
