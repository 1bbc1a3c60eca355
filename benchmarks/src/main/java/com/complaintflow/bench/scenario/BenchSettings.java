package com.complaintflow.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes of one run. Full mode is what BENCHMARKS.md reports: every scenario 1 unmeasured warm-up
 * and 3 measured repetitions. Quick mode is a smoke check that must finish the whole program in
 * under 3 minutes on 2 shared cores: small sizes, and the scenarios whose every repetition starts
 * a JVM (processor runs, e-mail intake) run fewer repetitions; the output says so.
 *
 * @param records complaints pre-produced for the processor scenarios
 * @param clients clients in the CRM table
 * @param warmups unmeasured repetitions before the measured ones
 * @param repetitions measured repetitions (at least 3 in full mode)
 * @param processorWarmups warm-ups of the throughput/memory/replay series (a JVM pair each)
 * @param processorRepetitions measured repetitions of that series
 * @param alerts alerts for the alert-delivery scenario
 * @param emails messages in the mailbox for the e-mail intake
 * @param emailWarmups warm-ups of the e-mail intake (an intake JVM each)
 * @param emailRepetitions measured repetitions of the e-mail intake
 * @param httpSeconds measured seconds of each side (baseline, subject) per HTTP repetition
 * @param httpConcurrency concurrent requests of the load generator
 * @param breachCases open cases per breach-delay repetition, their deadlines spread over the window
 * @param breachWindowSeconds the window over which one repetition's deadlines fall due
 */
public record BenchSettings(boolean quick, long records, int clients, int warmups, int repetitions,
    int processorWarmups, int processorRepetitions, int alerts, int emails, int emailWarmups, int emailRepetitions,
    int httpSeconds, int httpConcurrency, int breachCases, int breachWindowSeconds) {

  /** Largest breach batch by default: four of them (warm-up + 3) are loaded through the full topology. */
  static final int DEFAULT_BREACH_CASES = 20_000;
  /** Messages per e-mail intake repetition by default (see {@link #of}). */
  static final int DEFAULT_EMAILS = 1_000;

  public static BenchSettings of(boolean quick, Long recordsOverride) {
    return of(quick, recordsOverride, null, null, null);
  }

  public static BenchSettings of(boolean quick, Long recordsOverride, Integer breachCasesOverride,
      Integer emailsOverride, Integer httpSecondsOverride) {
    long records = recordsOverride != null ? recordsOverride : quick ? 500 : 1_000_000;
    // about 3.3 complaints per client, as in the full run's 1,000,000 over 300,000 clients
    int clients = (int) Math.max(100, Math.min(300_000, records * 3 / 10));
    int breachCases = breachCasesOverride != null ? breachCasesOverride
        : quick ? 60 : (int) Math.min(records, DEFAULT_BREACH_CASES);
    // full: about 250 deadlines per second, at least a minute
    int breachWindow = quick ? 2 : Math.max(60, breachCases / 250);
    // not the 10,000 of the issue: GreenMail's IMAP cost per message grows with the square of the
    // folder's size (about 2, 6 and 20 ms per message at 250, 500 and 1,000 messages; 10,000 would
    // take hours per repetition and measure GreenMail alone)
    int emails = emailsOverride != null ? emailsOverride : quick ? 100 : DEFAULT_EMAILS;
    int httpSeconds = httpSecondsOverride != null ? httpSecondsOverride : quick ? 2 : 20;
    return quick
        ? new BenchSettings(true, records, clients, 1, 3, 0, 1, 200, emails, 0, 2, httpSeconds, 16, breachCases,
            breachWindow)
        : new BenchSettings(false, records, clients, 1, 3, 1, 3, 10_000, emails, 1, 3, httpSeconds, 16,
            breachCases, breachWindow);
  }

  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("quick", quick);
    m.put("records", records);
    m.put("clients", clients);
    m.put("warmups", warmups);
    m.put("repetitions", repetitions);
    m.put("processorWarmups", processorWarmups);
    m.put("processorRepetitions", processorRepetitions);
    m.put("alerts", alerts);
    m.put("emails", emails);
    m.put("emailWarmups", emailWarmups);
    m.put("emailRepetitions", emailRepetitions);
    m.put("httpSecondsPerSide", httpSeconds);
    m.put("httpConcurrency", httpConcurrency);
    m.put("breachCases", breachCases);
    m.put("breachWindowSeconds", breachWindowSeconds);
    return m;
  }

  /** What quick mode leaves out of the method, printed with the results; null in full mode. */
  public String reducedRepetitions() {
    if (!quick) {
      return null;
    }
    return String.format("quick mode: throughput/memory/replay run %d warm-up + %d measured repetition(s) and the"
        + " e-mail intake %d + %d (each repetition starts JVMs); the other scenarios 1 + 3. A smoke check, not"
        + " figures to quote", processorWarmups, processorRepetitions, emailWarmups, emailRepetitions);
  }
}
