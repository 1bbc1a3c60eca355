package com.complaintflow.intake.cases;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Case number -> case id, as learnt from the {@code cases} topic. Agent desktops know a case by
 * its number ({@code CF-7003}); records on {@code case-actions} are keyed by the case id
 * ({@code C-1042/CF-7003}), which embeds the client id so the processor finds the case in the
 * client's task without a lookup of its own.
 *
 * <p>Bounded: at most {@code maxCases} entries, the case whose last event is oldest forgotten first.
 * An entry holds two short strings, about 200 bytes with the map's overhead, so the default of
 * 100,000 cases costs about 20 MB of heap.
 */
public final class CaseDirectory {
  private final int maxCases;
  private final Map<String, String> byNumber;
  private volatile boolean caughtUp;

  public CaseDirectory(int maxCases) {
    if (maxCases < 1) {
      throw new IllegalArgumentException("maxCases must be at least 1");
    }
    this.maxCases = maxCases;
    this.byNumber = new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > CaseDirectory.this.maxCases;
      }
    };
  }

  /** Records (or refreshes) a case; a refreshed case becomes the newest. */
  public synchronized void put(String caseNumber, String caseId) {
    byNumber.remove(caseNumber);
    byNumber.put(caseNumber, caseId);
  }

  public synchronized Optional<String> caseId(String caseNumber) {
    return Optional.ofNullable(byNumber.get(caseNumber));
  }

  public synchronized int size() {
    return byNumber.size();
  }

  public int maxCases() {
    return maxCases;
  }

  /** True once the reader has read the topic up to where it ended at start-up. */
  public boolean caughtUp() {
    return caughtUp;
  }

  public void markCaughtUp() {
    caughtUp = true;
  }
}
