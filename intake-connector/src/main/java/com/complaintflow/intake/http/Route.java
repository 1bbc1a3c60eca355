package com.complaintflow.intake.http;

import com.complaintflow.schemas.avro.Channel;

/**
 * One endpoint. {@code channel} is where rejected requests are recorded (null: not recorded,
 * e.g. /health); {@code authenticated} routes need an API key.
 */
public record Route(String method, String path, Channel channel, boolean authenticated, RouteHandler handler) {}
