package com.complaintflow.intake.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** GET /api/v1/openapi.json: the API contract, a file kept beside the code in resources. */
public final class OpenApiHandler implements RouteHandler {
  public static final String RESOURCE = "/openapi/intake-v1.json";
  private final byte[] document;

  public OpenApiHandler() {
    try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the classpath");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    return new ApiResponse(200, "application/json; charset=utf-8", document, new java.util.LinkedHashMap<>());
  }
}
