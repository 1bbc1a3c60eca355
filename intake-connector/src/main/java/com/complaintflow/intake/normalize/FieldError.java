package com.complaintflow.intake.normalize;

/** One invalid field of an input: its name, a machine-readable reason and a message for people. */
public record FieldError(String field, String reason, String message) {}
