package com.complaintflow.intake.phone;

import java.time.Instant;
import java.util.Map;

/** A call as any phone system reported it, before normalization (numbers raw, disposition as sent). */
public record CallRecord(
    String callId,
    String callerNumber,
    String callerName,
    String calledNumber,
    String accountId,
    String queue,
    String agentId,
    Instant startedAt,
    Instant answeredAt,
    Instant endedAt,
    Long durationSeconds,
    String disposition,
    String notes,
    String transcript,
    String language,
    Map<String, String> attributes) {}
