package com.complaintflow.launcher.demo;

import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.CaseStatus;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.ClientTier;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The demo's terminal view, refreshed every few seconds, and its closing summary. */
final class LiveView {
  private final DemoStats stats;
  private final Mailboxes mailboxes;
  private final DemoTraffic traffic;
  private final AgentDesk desk;
  private final boolean ansi;

  LiveView(DemoStats stats, Mailboxes mailboxes, DemoTraffic traffic, AgentDesk desk, boolean ansi) {
    this.stats = stats;
    this.mailboxes = mailboxes;
    this.traffic = traffic;
    this.desk = desk;
    this.ansi = ansi;
  }

  void render(PrintStream out, Duration elapsed, Duration total) {
    StringBuilder b = new StringBuilder();
    if (ansi) {
      b.append("\033[H\033[2J");
    }
    b.append(String.format("ComplaintFlow demo  %s%s   (Ctrl-C stops everything)%n", format(elapsed),
        total == null ? "" : " / " + format(total)));
    b.append(String.format("Complaints  %s   rejected inputs %d%n", channels(), stats.complaintRejects()));
    List<DemoStats.CaseView> cases = stats.cases();
    Map<String, Map<String, Integer>> open = new TreeMap<>();
    for (DemoStats.CaseView c : cases) {
      if (c.status == CaseStatus.RESOLVED || c.status == CaseStatus.CLOSED) {
        continue;
      }
      open.computeIfAbsent(c.team == null ? "(routing)" : c.team, t -> new TreeMap<>())
          .merge(c.owner == null ? "queue" : c.owner, 1, Integer::sum);
    }
    b.append(String.format("Cases       %d opened, %d open, %d resolved%n", cases.size(),
        open.values().stream().mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum()).sum(), stats.resolved()));
    open.forEach((team, owners) -> b.append(String.format("  %-13s %s%n", team, owners)));
    b.append("Next first-response deadlines (demo policy: ").append(DemoSettings.FIRST_RESPONSE_A.toSeconds())
        .append(" s for A-tier, ").append(DemoSettings.FIRST_RESPONSE.toSeconds()).append(" s otherwise):\n");
    Instant now = Instant.now();
    List<String[]> due = new ArrayList<>();
    cases.stream().filter(c -> !c.responded && c.openedAt != null && c.status != CaseStatus.RESOLVED
            && c.status != CaseStatus.CLOSED)
        .sorted(Comparator.comparing(this::dueAt))
        .limit(5)
        .forEach(c -> {
          long left = Duration.between(now, dueAt(c)).toSeconds();
          due.add(new String[] {c.caseNumber, c.team == null ? "-" : c.team, c.owner == null ? "queue" : c.owner,
              left >= 0 ? "in " + left + " s" : "BREACHED " + (-left) + " s ago"});
        });
    if (due.isEmpty()) {
      b.append("  (none waiting for a first response)\n");
    }
    due.forEach(d -> b.append(String.format("  %-9s %-13s %-7s %s%n", (Object[]) d)));
    b.append(String.format("Alerts      %s%n", alerts()));
    b.append(String.format("Alert mail  %s%n", mail()));
    b.append(String.format("Agents      %d actions posted over HTTP, %d refused by the pipeline%n", desk.posted(),
        stats.actionRejects()));
    out.print(b);
    out.flush();
  }

  void summary(PrintStream out, Duration elapsed) {
    Map<AlertKind, Integer> alerts = stats.alertsByKind();
    long assigned = stats.cases().stream().filter(c -> c.owner != null).count();
    out.println();
    out.println("==> ComplaintFlow demo summary after " + format(elapsed));
    out.printf("  %-30s %d (%s)%n", "complaints", stats.complaints(), channels());
    out.printf("  %-30s %d%n", "rejected inputs", stats.complaintRejects());
    out.printf("  %-30s %d opened, %d assigned to owners%n", "cases", stats.cases().size(), assigned);
    out.printf("  %-30s %d%n", "SLA warnings", alerts.getOrDefault(AlertKind.SLA_WARNING, 0));
    out.printf("  %-30s %d%n", "SLA breaches", alerts.getOrDefault(AlertKind.SLA_BREACH, 0));
    out.printf("  %-30s %d%n", "SLA escalations", alerts.getOrDefault(AlertKind.SLA_ESCALATION, 0));
    out.printf("  %-30s %d%n", "repeat alerts", alerts.getOrDefault(AlertKind.REPEAT_COMPLAINT, 0)
        + alerts.getOrDefault(AlertKind.REOPENED_REPEAT, 0));
    out.printf("  %-30s %d%n", "legal-threat alerts", alerts.getOrDefault(AlertKind.LEGAL_THREAT, 0));
    out.printf("  %-30s %d%n", "unassigned alerts", alerts.getOrDefault(AlertKind.UNASSIGNED, 0));
    out.printf("  %-30s %s%n", "alert emails received", mail());
    out.printf("  %-30s %d (%d with an SLA breach recorded)%n", "resolved cases", stats.resolved(),
        stats.resolvedWithBreach());
    out.printf("  %-30s %d posted, %d refused by the pipeline%n", "agent actions (HTTP)", desk.posted(),
        stats.actionRejects());
    for (String problem : traffic.problems()) {
      out.println("  note: " + problem);
    }
    out.flush();
  }

  private String channels() {
    Map<Channel, Integer> by = stats.complaintsByChannel();
    return String.format("email %d, web %d, phone %d", by.getOrDefault(Channel.EMAIL, 0), by.getOrDefault(Channel.WEB, 0),
        by.getOrDefault(Channel.PHONE, 0));
  }

  private String alerts() {
    Map<AlertKind, Integer> by = stats.alertsByKind();
    if (by.isEmpty()) {
      return "none yet";
    }
    List<String> parts = new ArrayList<>();
    by.forEach((k, n) -> parts.add(k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + n));
    return String.join(", ", parts);
  }

  private String mail() {
    List<String> parts = new ArrayList<>();
    int total = 0;
    for (String team : DemoData.TEAMS) {
      int n = mailboxes.count(DemoData.supervisor(team));
      total += n;
      parts.add(team + " " + n);
    }
    int head = mailboxes.count(DemoData.HEAD_OF_SERVICE);
    total += head;
    parts.add("head of service " + head);
    return total + " in supervisors' mailboxes (" + String.join(", ", parts) + ")";
  }

  private Instant dueAt(DemoStats.CaseView c) {
    return c.openedAt.plus(c.tier == ClientTier.A ? DemoSettings.FIRST_RESPONSE_A : DemoSettings.FIRST_RESPONSE);
  }

  static String format(Duration d) {
    return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
  }
}
