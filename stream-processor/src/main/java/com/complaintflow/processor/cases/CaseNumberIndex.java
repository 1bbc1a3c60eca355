package com.complaintflow.processor.cases;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Case number -> case id for the cases of one case task (store {@value #STORE}), so that an action
 * naming its case only by number ({@code CF-7003}, what agents see) finds the case. The case task
 * writes the entry when it opens the case and deletes it when it forgets the case; a number lives
 * in exactly one task, the one of partition {@code number % case.number.partition.stride}
 * ({@link CaseIds#caseNumber}), which is where {@link CaseActionRouter} sends such actions.
 *
 * <p><b>Cases of the previous release.</b> The release before this index opened cases without an
 * entry. A task that starts with cases and without the marker key {@value #BACKFILLED_KEY} walks its
 * case store (its keys are case ids, {@code <client id>/<case number>}) in bounded steps
 * ({@link #walk}, driven by {@link CaseNumberResolver}'s punctuation, so that no transaction stays
 * open long), enters every case and then writes the marker; until then a miss is not final and the
 * resolver holds the action back. A task that starts with an empty case store is marked at once
 * ({@link #taskStarted}), so new installations never walk. A rollback to the previous release
 * followed by a new upgrade would leave the cases opened in between without an entry (the marker
 * is already set): a tombstone for the marker key on the store's changelog, written while the
 * processor is stopped, makes the next start walk again.
 *
 * <p><b>Format</b> (pinned by {@code CaseNumberIndexFormatTest}, bytes in
 * {@code src/test/resources/golden/case-number-index.hex}): key = the case number in UTF-8
 * ({@code CF-7003} = {@code 43 46 2d 37 30 30 33}); value = the client id in UTF-8 ({@code C-1042}),
 * the case id being {@code <client id>/<case number>} ({@link CaseIds#caseId}). The marker's value
 * is {@code "1"}. No version byte: both are plain strings, and a later format can be told apart by
 * a first byte below 0x20, which no client id starts with.
 */
public final class CaseNumberIndex {
  private static final Logger log = LoggerFactory.getLogger(CaseNumberIndex.class);

  public static final String STORE = "case-number-index";
  /** Set once the task's cases of the previous release have been entered; no case number starts with '~'. */
  public static final String BACKFILLED_KEY = "~backfilled";
  /** Serde of keys and values (UTF-8 strings). */
  public static final Serde<String> SERDE = Serdes.String();

  private final KeyValueStore<String, String> index;
  private final KeyValueStore<String, ?> cases;
  /** The last case id the walk entered (in memory: a restart walks again from the start). */
  private String cursor;
  private int entered;
  private long walkStarted;

  /**
   * @param cases the task's case store keyed by case id, for the one-time back-fill; null where
   *     only entries are written (the case manager)
   */
  public CaseNumberIndex(KeyValueStore<String, String> index, KeyValueStore<String, ?> cases) {
    this.index = index;
    this.cases = cases;
  }

  /**
   * At the start of the task: a task whose case store is empty (a new installation, or a task that
   * never had a case) holds nothing of the previous release, so it is marked as back-filled and a
   * miss never walks the store. Stores are restored before the task starts, so an upgraded task
   * with cases is not marked here.
   */
  public void taskStarted() {
    if (complete()) {
      return;
    }
    try (KeyValueIterator<String, ?> it = cases.all()) {
      if (it.hasNext()) {
        return;
      }
    }
    index.put(BACKFILLED_KEY, "1");
  }

  /** A case was opened in this task. */
  public void opened(String caseNumber, String caseId) {
    index.put(caseNumber, clientOf(caseId));
  }

  /** A case was deleted from this task's stores. */
  public void forgotten(String caseNumber) {
    index.delete(caseNumber);
  }

  /** The id of the case with this number in this task, or null when the index has no such case (yet: see {@link #complete}). */
  public String caseId(String caseNumber) {
    String clientId = index.get(caseNumber);
    return clientId == null ? null : CaseIds.caseId(clientId, caseNumber);
  }

  /** True once every case of the task is in the index, so that a miss means no such case. */
  public boolean complete() {
    return cases == null || index.get(BACKFILLED_KEY) != null;
  }

  /**
   * Enters up to {@code max} cases of the case store, going on from where the last call stopped
   * (from the start after a restart: entries already there are skipped); sets the marker after the
   * last one. Bounded so that no transaction stays open long however many cases the task holds.
   *
   * @return true when the walk is complete
   */
  public boolean walk(int max) {
    if (complete()) {
      return true;
    }
    if (walkStarted == 0) {
      walkStarted = System.nanoTime();
    }
    int seen = 0;
    try (KeyValueIterator<String, ?> it = cursor == null ? cases.all() : cases.range(cursor, null)) {
      while (it.hasNext()) {
        String caseId = it.next().key;
        if (caseId.equals(cursor)) {
          continue;
        }
        if (seen == max) {
          return false;
        }
        seen++;
        cursor = caseId;
        String number = numberOf(caseId);
        if (number != null && index.get(number) == null) {
          index.put(number, clientOf(caseId));
          entered++;
        }
      }
    }
    index.put(BACKFILLED_KEY, "1");
    log.info("event=case-number-index-backfilled cases={} ms={}", entered,
        (System.nanoTime() - walkStarted) / 1_000_000);
    return true;
  }

  /** The client id inside a case id ({@code <client id>/<case number>}); the case manager makes only such ids. */
  private static String clientOf(String caseId) {
    String clientId = CaseIds.clientIdOf(caseId);
    if (clientId == null) {
      throw new IllegalArgumentException("not a case id: " + caseId);
    }
    return clientId;
  }

  /** The case number of one of our case ids, or null. */
  static String numberOf(String caseId) {
    return CaseIds.clientIdOf(caseId) == null ? null : caseId.substring(caseId.lastIndexOf('/') + 1);
  }
}
