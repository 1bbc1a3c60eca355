package com.complaintflow.processor.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CompensationType;
import com.complaintflow.schemas.avro.Resolution;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the bytes of the case-number-pending store's values (src/test/resources/golden/case-number-pending.hex). */
class PendingActionsSerdeTest {
  static List<PendingActionsSerde.Pending> sample() {
    CaseAction resolved = CaseAction.newBuilder().setActionId("a-1").setCaseId("").setCaseNumber("CF-7003")
        .setType(CaseActionType.RESOLVED).setActor("AG-12").setAt(Instant.parse("2026-03-01T09:30:00Z"))
        .setNote("called back").setResolution(Resolution.newBuilder().setRootCause("courier").setSummary("refund")
            .setCompensationType(CompensationType.REFUND).setCompensationAmount(new BigDecimal("1500.50"))
            .setCurrency("RUB").build())
        .build();
    CaseAction closed = CaseAction.newBuilder().setActionId("a-2").setCaseId("").setCaseNumber("CF-7003")
        .setType(CaseActionType.CLOSED).setActor("crm").setAt(Instant.parse("2026-03-01T10:00:00Z"))
        .setSatisfaction(4).build();
    return List.of(new PendingActionsSerde.Pending(1_772_357_400_000L, "case-actions", 2, 41L, resolved),
        new PendingActionsSerde.Pending(1_772_359_200_000L, null, null, null, closed));
  }

  @Test
  void heldActionsAreWrittenAsPinned() throws Exception {
    String golden;
    try (InputStream in = PendingActionsSerdeTest.class.getResourceAsStream("/golden/case-number-pending.hex")) {
      golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow();
    }
    PendingActionsSerde serde = new PendingActionsSerde();
    assertEquals(golden, HexFormat.of().formatHex(serde.encode(sample())));
    assertEquals(sample(), serde.decode(HexFormat.of().parseHex(golden)));
  }
}
