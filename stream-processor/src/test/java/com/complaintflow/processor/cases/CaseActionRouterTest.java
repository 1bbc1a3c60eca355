package com.complaintflow.processor.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseActionType;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where case actions go on case-actions-by-client, and what counts as a case number. */
class CaseActionRouterTest {
  private static CaseAction action(String caseId, String caseNumber) {
    return CaseAction.newBuilder().setActionId("a").setCaseId(caseId).setCaseNumber(caseNumber)
        .setType(CaseActionType.RESPONDED).setActor("ag-1").setAt(Instant.EPOCH).build();
  }

  @Test
  void everyNumberATaskAllocatesIsSentToThatTasksPartition() {
    for (int stride : new int[] {6, 7, 1000}) {
      CaseActionRouter.Partitioner partitioner = new CaseActionRouter.Partitioner(stride);
      for (int partition = 0; partition < 6; partition++) {
        for (long seq = 1; seq < 2_000; seq += 37) {
          String number = CaseIds.caseNumber(seq, partition, stride);
          assertEquals(Optional.of(Set.of(partition)),
              partitioner.partitions("t", number, action("", number), 6), number + " stride " + stride);
        }
      }
    }
  }

  @Test
  void actionsByCaseIdAndNumbersWithoutAPartitionArePartitionedByTheirKey() {
    CaseActionRouter.Partitioner partitioner = new CaseActionRouter.Partitioner(1000);
    // by case id: like every client-keyed record (the producer's murmur2 of the key)
    assertEquals(Optional.empty(), partitioner.partitions("t", "C-1", action("C-1/CF-1003", "CF-1003"), 6));
    // partition 999 of 6: no task allocates it, goes anywhere and is rejected there
    assertEquals(Optional.empty(), partitioner.partitions("t", "CF-1999", action("", "CF-1999"), 6));
    assertEquals(Optional.empty(), partitioner.partitions("t", "", action("", null), 6));
    assertEquals(Optional.empty(), partitioner.partitions("t", "", null, 6));
  }

  @Test
  void caseNumbersAreReadExactlyAsTheyAreWritten() {
    assertEquals(7003, CaseIds.numberOf("CF-7003"));
    assertEquals(0, CaseIds.numberOf("CF-0"));
    assertEquals(999_999_999_999_999_999L, CaseIds.numberOf("CF-999999999999999999"));
    for (String bad : new String[] {null, "", "CF-", "CF-07003", "cf-7003", "CF-70a3", "CF--1", "CF-+1",
        "XX-7003", "CF-1000000000000000000", "C-1/CF-7003"}) {
      assertEquals(-1, CaseIds.numberOf(bad), String.valueOf(bad));
    }
    assertEquals(3, CaseIds.partitionOf(CaseIds.numberOf(CaseIds.caseNumber(42, 3, 1000)), 1000));
  }

  @Test
  void onlyARoutedActionWithoutCaseIdIsAddressedByNumber() {
    assertEquals("CF-1003", CaseActionRouter.addressedNumber(action("", "CF-1003")));
    assertNull(CaseActionRouter.addressedNumber(action("C-1/CF-1003", "CF-1003")));
    assertNull(CaseActionRouter.addressedNumber(action("", "ABC")));
    assertNull(CaseActionRouter.addressedNumber(null));
  }
}
