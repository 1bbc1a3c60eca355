package com.complaintflow.launcher.demo;

import com.complaintflow.schemas.avro.CaseStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agents at their desks: once a case has an owner, the owner answers it, in time or late, and
 * resolves it (some with compensation), and the CRM closes a few with the client's satisfaction;
 * some cases are left unanswered so that they breach and escalate. Every action goes through the
 * intake's HTTP endpoint, as an agent desktop would post it.
 */
final class AgentDesk {
  /** What happens to a case, by the order in which cases get an owner. */
  enum Fate {
    IN_TIME(12, 35, 50), LATE(60, 95, -1), UNANSWERED(-1, -1, -1), IN_TIME_REFUND(18, 45, -1), RESOLVED_LATE(-1, 80, 100);

    final int respondAfter;
    final int resolveAfter;
    final int closeAfter;

    Fate(int respondAfter, int resolveAfter, int closeAfter) {
      this.respondAfter = respondAfter;
      this.resolveAfter = resolveAfter;
      this.closeAfter = closeAfter;
    }
  }

  private static final List<Fate> ROTATION = List.of(Fate.IN_TIME, Fate.LATE, Fate.UNANSWERED, Fate.IN_TIME_REFUND,
      Fate.RESOLVED_LATE, Fate.IN_TIME);

  private final Channels channels;
  private final DemoStats stats;
  private final ScheduledExecutorService scheduler;
  private final Set<String> planned = new HashSet<>();
  private final AtomicInteger posted = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private int next;

  AgentDesk(Channels channels, DemoStats stats, ScheduledExecutorService scheduler) {
    this.channels = channels;
    this.stats = stats;
    this.scheduler = scheduler;
  }

  void start() {
    scheduler.scheduleWithFixedDelay(this::planNewCases, 1, 1, TimeUnit.SECONDS);
  }

  int posted() {
    return posted.get();
  }

  int refused() {
    return refused.get();
  }

  private void planNewCases() {
    for (DemoStats.CaseView c : stats.cases()) {
      if (c.owner == null || planned.contains(c.caseId)) {
        continue;
      }
      planned.add(c.caseId);
      Fate fate = ROTATION.get(next++ % ROTATION.size());
      String number = c.caseNumber;
      String owner = c.owner;
      if (fate.respondAfter >= 0) {
        later(fate.respondAfter, number, "RESPONDED", "{\"type\":\"RESPONDED\",\"actor\":\"" + owner + "\","
            + "\"note\":\"" + (fate == Fate.LATE ? "Sorry for the delay, we are on it." : "We have your complaint and are on it.") + "\"}");
      }
      if (fate.resolveAfter >= 0) {
        String resolution = fate == Fate.IN_TIME_REFUND
            ? "{\"rootCause\":\"double charge at the payment provider\",\"summary\":\"refund issued\","
                + "\"compensationType\":\"REFUND\",\"compensationAmount\":\"89.90\",\"currency\":\"EUR\"}"
            : fate == Fate.RESOLVED_LATE
                ? "{\"rootCause\":\"courier delay\",\"summary\":\"delivered with apologies\","
                    + "\"compensationType\":\"DISCOUNT\",\"compensationAmount\":\"500.00\",\"currency\":\"RUB\"}"
                : "{\"rootCause\":\"defective unit\",\"summary\":\"replacement sent\",\"compensationType\":\"REPLACEMENT\"}";
        later(fate.resolveAfter, number, "RESOLVED", "{\"type\":\"RESOLVED\",\"actor\":\"" + owner + "\","
            + "\"resolution\":" + resolution + "}");
      }
      if (fate.closeAfter >= 0) {
        later(fate.closeAfter, number, "CLOSED", "{\"type\":\"CLOSED\",\"actor\":\"crm\",\"satisfaction\":"
            + (fate == Fate.IN_TIME ? 5 : 3) + ",\"comment\":\"" + (fate == Fate.IN_TIME ? "quick and polite" : "took long") + "\"}");
      }
    }
  }

  private void later(int seconds, String caseNumber, String type, String json) {
    scheduler.schedule(() -> post(caseNumber, type, json, 0), seconds, TimeUnit.SECONDS);
  }

  private void post(String caseNumber, String type, String json, int tries) {
    DemoStats.CaseView now = stats.cases().stream().filter(c -> c.caseNumber.equals(caseNumber)).findFirst().orElse(null);
    if (now != null && (now.status == CaseStatus.RESOLVED || now.status == CaseStatus.CLOSED) && !type.equals("CLOSED")) {
      return;
    }
    try {
      Channels.Answer a = channels.caseAction(caseNumber, json, "demo-" + caseNumber + "-" + type);
      if (a.status() == 404 || a.status() == 503 || a.status() == 429) {
        if (tries < 10) {
          scheduler.schedule(() -> post(caseNumber, type, json, tries + 1), 2, TimeUnit.SECONDS);
        }
      } else if (a.ok()) {
        posted.incrementAndGet();
      } else {
        refused.incrementAndGet();
      }
    } catch (Exception e) {
      refused.incrementAndGet();
    }
  }
}
