package com.complaintflow.schemas.serde;

import com.complaintflow.schemas.registry.InMemorySchemaRegistry;
import com.complaintflow.schemas.registry.RestSchemaRegistryClient;
import com.complaintflow.schemas.registry.SchemaRegistryClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One registry client per distinct connection setting, shared by every serde of the process: a
 * Streams application creates many serdes, and each REST client holds an HTTP client and caches
 * that are worth sharing.
 */
public final class SchemaRegistries {
  private record Key(List<String> urls, String userInfo, long timeoutMs, int retries, long backoff) {}

  private static final Map<Key, RestSchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

  private SchemaRegistries() {}

  public static SchemaRegistryClient forConfig(AvroSerdeConfig config) {
    if (config.isMock()) {
      return InMemorySchemaRegistry.forUrl(config.registryUrls().get(0).trim());
    }
    Key key =
        new Key(
            config.registryUrlsWithoutUserInfo(),
            config.userInfo(),
            config.requestTimeout().toMillis(),
            config.maxRetries(),
            config.retryBackoffMs());
    return CLIENTS.computeIfAbsent(
        key,
        k -> new RestSchemaRegistryClient(
            k.urls(), k.userInfo(), config.requestTimeout(), k.retries(), k.backoff()));
  }
}
