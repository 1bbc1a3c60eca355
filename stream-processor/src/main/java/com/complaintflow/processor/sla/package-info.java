/**
 * SLA policies, business-time clocks and their alert schedules: the pure model behind the SLA
 * topology (warnings, breach, escalation levels, the regulatory calendar-day clock). No Kafka
 * here; the topology keeps {@link com.complaintflow.processor.sla.SlaClock} values in case state
 * and indexes {@link com.complaintflow.processor.sla.AlertPoint}s by time.
 */
package com.complaintflow.processor.sla;
