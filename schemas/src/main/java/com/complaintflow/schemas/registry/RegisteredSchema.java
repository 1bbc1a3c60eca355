package com.complaintflow.schemas.registry;

import org.apache.avro.Schema;

/** A schema as a registry holds it under a subject. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {}
