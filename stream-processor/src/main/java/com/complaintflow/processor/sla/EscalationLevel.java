package com.complaintflow.processor.sla;

import java.util.List;

/**
 * An escalation level: level 1 fires at the breach itself, higher levels when the clock has run
 * {@code afterBreachPercent} of the target beyond the deadline. Recipients are email addresses
 * or the tokens {@code owner} and {@code team-supervisors}, resolved when the alert is built.
 */
public record EscalationLevel(int level, int afterBreachPercent, List<String> recipients) {}
