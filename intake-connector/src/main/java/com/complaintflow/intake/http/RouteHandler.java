package com.complaintflow.intake.http;

import com.complaintflow.intake.normalize.RejectException;

/** Handles one route. A RejectException becomes an error response (status from its reason) and a reject record. */
@FunctionalInterface
public interface RouteHandler {
  ApiResponse handle(ApiRequest request) throws RejectException;
}
