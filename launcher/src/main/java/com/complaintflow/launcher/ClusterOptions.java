package com.complaintflow.launcher;

import com.complaintflow.launcher.stack.Endpoints;
import com.complaintflow.launcher.stack.LocalStack;
import com.complaintflow.launcher.stack.StackOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where tail and load connect: the given --bootstrap-server / --schema-registry-url, else the
 * running local stack of --data-dir (its endpoints.json).
 */
public final class ClusterOptions {
  @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: the running local stack's)")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      description = "Confluent-compatible schema registry URL (default: the running local stack's)")
  String schemaRegistryUrl;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "data directory of the local stack whose endpoints to use (default: ${DEFAULT-VALUE})")
  Path dataDir = StackOptions.defaultDataDir();

  /** Resolved endpoints: flags first, then the local stack's file. */
  public record Resolved(String bootstrapServers, String schemaRegistryUrl) {}

  public Resolved resolve() throws IOException {
    String bootstrap = bootstrapServers;
    String registry = schemaRegistryUrl;
    if (bootstrap == null || registry == null) {
      Path file = dataDir.resolve(LocalStack.ENDPOINTS_FILE);
      if (!Files.exists(file)) {
        throw new IOException("no running local stack found (" + file + " is missing): start one with"
            + " ./complaintflow local, or give --bootstrap-server and --schema-registry-url");
      }
      Endpoints endpoints = Endpoints.readFrom(file);
      bootstrap = bootstrap != null ? bootstrap : endpoints.kafkaBootstrapServers();
      registry = registry != null ? registry : endpoints.schemaRegistryUrl();
    }
    return new Resolved(bootstrap, registry);
  }
}
