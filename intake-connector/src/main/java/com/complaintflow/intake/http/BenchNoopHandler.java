package com.complaintflow.intake.http;

import java.util.Map;

/**
 * POST /api/v1/bench/noop, offered only with http.bench.noop.enabled: the benchmarks' baseline. The
 * dispatcher has already done everything a complaint request costs before its handler (API key, body
 * read under the same size limit); this answers 202 without normalizing or producing anything.
 */
public final class BenchNoopHandler implements RouteHandler {
  public static final String PATH = "/api/v1/bench/noop";

  @Override
  public ApiResponse handle(ApiRequest request) {
    return ApiResponse.json(202, Map.of("status", "accepted", "produced", false, "bytes", request.body().length));
  }
}
