package com.complaintflow.launcher.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.alerts.AlertSinkConfig;
import com.complaintflow.common.config.ConfigLoader;
import com.complaintflow.intake.IntakeConfig;
import com.complaintflow.launcher.LauncherFixtures;
import com.complaintflow.processor.config.ProcessorConfig;
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
      for (String key : config.keySet()) {
        assertTrue(ServiceEnvironment.isKnownKey(service, key), service + " does not read " + key
            + "; its ConfigDef has " + ServiceEnvironment.KNOWN_KEYS.get(service));
        assertTrue(ServiceEnvironment.readsEnv(service, ConfigLoader.envName(key)),
            service + " does not read " + ConfigLoader.envName(key) + " from the environment");
      }
    }
  }

  @Test
  void knownKeysComeFromTheServicesOwnConfigDefinitions() {
    assertEquals(IntakeConfig.CONFIG_DEF.names(), ServiceEnvironment.KNOWN_KEYS.get(ServiceEnvironment.INTAKE));
    assertEquals(ProcessorConfig.DEFINITION.names(), ServiceEnvironment.KNOWN_KEYS.get(ServiceEnvironment.PROCESSOR));
    assertEquals(AlertSinkConfig.CONFIG.names(), ServiceEnvironment.KNOWN_KEYS.get(ServiceEnvironment.ALERT_SINK));
    assertTrue(ServiceEnvironment.isKnownKey(ServiceEnvironment.INTAKE, "mail.support.processed.folder"));
    assertTrue(ServiceEnvironment.isKnownKey(ServiceEnvironment.ALERT_SINK, "kafka.security.protocol"));
    assertFalse(ServiceEnvironment.isKnownKey(ServiceEnvironment.INTAKE, "mail.support.colour"));
    assertFalse(ServiceEnvironment.isKnownKey(ServiceEnvironment.PROCESSOR, "smtp.host"));
    assertTrue(ServiceEnvironment.readsEnv(ServiceEnvironment.ALERT_SINK, "COMPLAINTFLOW_TEAM_BILLING_RECIPIENTS"));
    assertFalse(ServiceEnvironment.readsEnv(ServiceEnvironment.INTAKE, "COMPLAINTFLOW_SMTP_HOST"));
    assertFalse(ServiceEnvironment.readsEnv(ServiceEnvironment.INTAKE, "COMPLAINTFLOW_MAIL_SUPPORT_COLOUR"));
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
