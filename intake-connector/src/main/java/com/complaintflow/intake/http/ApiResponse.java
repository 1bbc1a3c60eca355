package com.complaintflow.intake.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response: status, content type, body bytes and extra headers. */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
  static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  public static ApiResponse json(int status, Object body) {
    try {
      return new ApiResponse(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body), new LinkedHashMap<>());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response body not serializable", e);
    }
  }

  public static ApiResponse raw(int status, String contentType, String body) {
    return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
  }

  public ApiResponse withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
