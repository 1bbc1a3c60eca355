package com.complaintflow.processor.sla;

import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.SlaTarget;
import java.time.Instant;
import java.util.List;

/**
 * A moment at which a case's clock raises an alert: a warning, the breach (escalation level 1)
 * or a higher escalation level. {@code label} tells warnings apart (75%, -15m).
 */
public record AlertPoint(
    AlertKind kind, SlaTarget target, int level, String label, Instant at, Instant dueAt,
    List<String> recipients) {}
