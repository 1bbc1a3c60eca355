package com.complaintflow.intake.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The schema registry is reachable when GET {url}/subjects answers 200; mock:// registries always are. */
public final class RegistryHealthCheck implements HealthCheck {
  private final String url;
  private final Duration timeout;
  private final HttpClient client;

  public RegistryHealthCheck(String url, Duration timeout) {
    this.url = url.split(",")[0].trim();
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public String name() {
    return "schemaRegistry";
  }

  @Override
  public Result check() {
    if (url.startsWith("mock://")) {
      return new Result(true, "in-memory");
    }
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/subjects"))
          .timeout(timeout).GET().build();
      int status = client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
      return new Result(status == 200, "HTTP " + status);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted");
    } catch (Exception e) {
      return new Result(false, ProbeFailures.describe(e, timeout));
    }
  }
}
