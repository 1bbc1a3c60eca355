package com.complaintflow.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final ConfigDef DEF = new ConfigDef()
      .define("kafka.bootstrap.servers", ConfigDef.Type.STRING, "localhost:9092",
          ConfigDef.Importance.HIGH, "Kafka bootstrap servers.")
      .define("http.port", ConfigDef.Type.INT, 8080, ConfigDef.Importance.MEDIUM, "HTTP port.");

  @Test
  void environmentWinsOverFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("svc.properties");
    Files.writeString(file, "kafka.bootstrap.servers=file:9092\nhttp.port=9000\n");
    Map<String, Object> values = ConfigLoader.load(DEF, file,
        Map.of("COMPLAINTFLOW_KAFKA_BOOTSTRAP_SERVERS", "env:9092",
            "COMPLAINTFLOW_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "OTHER", "x"), "kafka.");
    assertEquals("env:9092", values.get("kafka.bootstrap.servers"));
    assertEquals("9000", values.get("http.port"));
    assertEquals("SCRAM-SHA-512", values.get("kafka.sasl.mechanism"));
  }

  @Test
  void docsListEveryKeyWithItsEnvironmentVariable() {
    String docs = ConfigDocs.markdown(DEF);
    assertTrue(docs.contains("`COMPLAINTFLOW_HTTP_PORT`"), docs);
    assertTrue(docs.contains("`localhost:9092`"), docs);
  }
}
