package com.complaintflow.launcher.demo;

import com.complaintflow.launcher.stack.ServiceEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services' demo configuration, on top of the stack endpoints the launcher sets: SLA targets of
 * seconds instead of hours (so warnings, breaches and escalations happen within a minute or two),
 * a 24x7 calendar for the SLA clocks (they run whatever the hour), an office calendar for one
 * team's alert quiet hours, three teams with supervisors, and quick mailbox polling.
 */
final class DemoSettings {
  static final Duration FIRST_RESPONSE = Duration.ofSeconds(45);
  static final Duration FIRST_RESPONSE_A = Duration.ofSeconds(30);

  /** Routing into the demo's three teams: A-tier clients to key accounts, money matters to billing. */
  static final String ROUTING_RULES = String.join("\n",
      "# demo routing: first match wins",
      "tier=A => key-accounts",
      "category=BILLING|RETURNS => billing",
      "* => service", "");

  static Map<String, String> processor(Path routingRules) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("routing.rules.path", routingRules.toString());
    c.put("routing.default.team", "service");
    c.put("sla.default.calendar", "24x7");
    c.put("sla.punctuation.interval", "100ms");
    c.put("sla.policy.default.first-response", FIRST_RESPONSE.toSeconds() + "s");
    c.put("sla.policy.default.next-response", "60s");
    c.put("sla.policy.default.resolution", "150s");
    c.put("sla.policy.key-clients.tier", "A");
    c.put("sla.policy.key-clients.first-response", FIRST_RESPONSE_A.toSeconds() + "s");
    c.put("sla.policy.key-clients.resolution", "120s");
    c.put("sla.warnings", "50%");
    c.put("sla.warning.recipients", "owner,team-supervisors");
    c.put("sla.escalation.1.recipients", "team-supervisors");
    c.put("sla.escalation.2.after-breach", "50%");
    c.put("sla.escalation.2.recipients", "team-supervisors," + DemoData.HEAD_OF_SERVICE);
    c.put("sla.unassigned.after", "60s");
    c.put("repeat.lookback", "1d");
    c.put("repeat.abandoned-calls.window", "1h");
    c.put("agents.check.interval.ms", "1000");
    for (String team : DemoData.TEAMS) {
      c.put("team." + team + ".supervisors", DemoData.supervisor(team));
    }
    office(c);
    return c;
  }

  static Map<String, String> alertSink() {
    Map<String, String> c = new LinkedHashMap<>();
    // billing's alerts wait for office hours (legal threats and level-2 escalations go at once)
    c.put("team.billing.calendar", "office");
    office(c);
    return c;
  }

  static Map<String, String> intake() {
    return Map.of("mail.poll.interval.ms", "1000");
  }

  /** Sofia office hours: the calendar that shows quiet hours. */
  private static void office(Map<String, String> c) {
    c.put("calendar.office.zone", "Europe/Sofia");
    c.put("calendar.office.hours.weekdays", "09:00-18:00");
  }

  static Map<String, Map<String, String>> all(Path routingRules) {
    return Map.of(ServiceEnvironment.PROCESSOR, processor(routingRules), ServiceEnvironment.ALERT_SINK, alertSink(),
        ServiceEnvironment.INTAKE, intake());
  }

  private DemoSettings() {}
}
