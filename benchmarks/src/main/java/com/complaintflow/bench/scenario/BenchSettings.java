package com.complaintflow.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes of one run. Quick mode is a smoke check (well under 3 minutes on 2 cores); full mode is
 * what BENCHMARKS.md reports.
 *
 * @param records complaints pre-produced for the processor scenarios
 * @param clients clients in the CRM table
 * @param warmups unmeasured repetitions before the measured ones
 * @param repetitions measured repetitions (at least 3)
 * @param alerts alerts for the alert-delivery scenario
 * @param emails messages in the mailbox for the e-mail intake
 * @param httpSeconds measured seconds per HTTP load repetition
 * @param httpConcurrency concurrent requests of the load generator
 */
public record BenchSettings(boolean quick, long records, int clients, int warmups, int repetitions, int alerts,
    int emails, int httpSeconds, int httpConcurrency, long openCasesForBreach) {

  public static BenchSettings of(boolean quick, Long recordsOverride) {
    long records = recordsOverride != null ? recordsOverride : quick ? 2_000 : 1_000_000;
    // about 3.3 complaints per client, as in the full run's 1,000,000 over 300,000 clients
    int clients = (int) Math.max(100, Math.min(300_000, records * 3 / 10));
    return quick
        ? new BenchSettings(true, records, clients, 1, 3, 300, 300, 5, 16, records)
        : new BenchSettings(false, records, clients, 1, 3, 10_000, 10_000, 20, 16, records);
  }

  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("quick", quick);
    m.put("records", records);
    m.put("clients", clients);
    m.put("warmups", warmups);
    m.put("repetitions", repetitions);
    m.put("alerts", alerts);
    m.put("emails", emails);
    m.put("httpSecondsPerRepetition", httpSeconds);
    m.put("httpConcurrency", httpConcurrency);
    return m;
  }
}
