package com.complaintflow.intake.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.complaintflow.intake.normalize.FieldError;
import com.complaintflow.intake.normalize.RejectException;
import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CompensationType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CaseActionReaderTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final CaseActionReader reader = new CaseActionReader(1000);

  private Map<String, String> errors(String body) {
    RejectException e = assertThrows(RejectException.class, () -> reader.read(body, NOW));
    return e.fieldErrors().stream().collect(Collectors.toMap(FieldError::field, FieldError::reason));
  }

  @Test
  void resolvedWithCompensationAsDecimalString() throws Exception {
    CaseAction a = reader.read("{\"type\":\"resolved\",\"actor\":\"AG-1\",\"time\":\"2026-03-01T12:30:00+03:00\","
        + "\"note\":\"done\",\"resolution\":{\"rootCause\":\"courier\",\"summary\":\"refunded\","
        + "\"compensationType\":\"REFUND\",\"compensationAmount\":\"1500.5\",\"currency\":\"rub\"}}", NOW);
    assertEquals(CaseActionType.RESOLVED, a.getType());
    assertEquals("AG-1", a.getActor());
    assertEquals(Instant.parse("2026-03-01T09:30:00Z"), a.getAt());
    assertEquals("done", a.getNote());
    assertEquals(CompensationType.REFUND, a.getResolution().getCompensationType());
    assertEquals(new BigDecimal("1500.50"), a.getResolution().getCompensationAmount());
    assertEquals("RUB", a.getResolution().getCurrency());
  }

  @Test
  void amountAsJsonNumberIsExactAndTimeDefaultsToReceipt() throws Exception {
    CaseAction a = reader.read("{\"type\":\"RESOLVED\",\"actor\":\"AG-1\",\"resolution\":{\"compensationType\":"
        + "\"discount\",\"compensationAmount\":0.1,\"currency\":\"EUR\"}}", NOW);
    assertEquals(new BigDecimal("0.10"), a.getResolution().getCompensationAmount());
    assertEquals(NOW, a.getAt());
  }

  @Test
  void closedCarriesSatisfactionAndComment() throws Exception {
    CaseAction a = reader.read("{\"type\":\"CLOSED\",\"actor\":\"crm\",\"satisfaction\":4,\"comment\":\"ok\"}", NOW);
    assertEquals(4, a.getSatisfaction());
    assertEquals("ok", a.getSatisfactionComment());
    assertNull(a.getResolution());
  }

  @Test
  void reassignNeedsItsTarget() throws Exception {
    assertEquals("AG-7", reader.read("{\"type\":\"REASSIGN\",\"actor\":\"sup-1\",\"targetAgentId\":\"AG-7\"}", NOW)
        .getTargetAgentId());
    assertEquals(Map.of("targetAgentId", "missing-field"), errors("{\"type\":\"REASSIGN\",\"actor\":\"sup-1\"}"));
  }

  @Test
  void everyBadFieldIsNamedAtOnce() {
    Map<String, String> e = errors("{\"type\":\"RESOLVED\",\"time\":\"yesterday\",\"satisfaction\":9,"
        + "\"targetAgentId\":\"AG-2\",\"resolution\":{\"compensationType\":\"GOLD\",\"compensationAmount\":\"1.234\","
        + "\"currency\":\"XXQ\"}}");
    assertEquals(Map.of("actor", "missing-field", "time", "invalid-field", "satisfaction", "invalid-field",
        "targetAgentId", "invalid-field", "resolution.compensationType", "invalid-field",
        "resolution.compensationAmount", "invalid-field", "resolution.currency", "invalid-field"), e);
  }

  @Test
  void typeIsRequiredAndMustBeKnown() {
    assertEquals(Map.of("type", "missing-field"), errors("{\"actor\":\"AG-1\"}"));
    assertEquals(Map.of("type", "invalid-field"), errors("{\"type\":\"UNKNOWN\",\"actor\":\"AG-1\"}"));
    assertEquals(Map.of("type", "invalid-field"), errors("{\"type\":5,\"actor\":\"AG-1\"}"));
  }

  @Test
  void resolvedNeedsAResolutionAndAmountsNeedCurrencyAndStayPositive() {
    assertEquals(Map.of("resolution", "missing-field"), errors("{\"type\":\"RESOLVED\",\"actor\":\"AG-1\"}"));
    assertEquals(Map.of("resolution.currency", "missing-field"), errors("{\"type\":\"RESOLVED\",\"actor\":\"AG-1\","
        + "\"resolution\":{\"compensationType\":\"REFUND\",\"compensationAmount\":10}}"));
    assertEquals(Map.of("resolution.compensationAmount", "invalid-field"), errors("{\"type\":\"RESOLVED\","
        + "\"actor\":\"AG-1\",\"resolution\":{\"compensationType\":\"REFUND\",\"compensationAmount\":-1,\"currency\":\"RUB\"}}"));
    assertEquals(Map.of("resolution.compensationAmount", "invalid-field"), errors("{\"type\":\"RESOLVED\","
        + "\"actor\":\"AG-1\",\"resolution\":{\"compensationType\":\"REFUND\",\"compensationAmount\":\"1e20\",\"currency\":\"RUB\"}}"));
  }

  @Test
  void fieldsOfAnotherTypeAreRefused() {
    assertEquals(Map.of("resolution", "invalid-field", "comment", "invalid-field"),
        errors("{\"type\":\"RESPONDED\",\"actor\":\"AG-1\",\"resolution\":{},\"comment\":\"x\"}"));
  }

  @Test
  void notJsonIsInvalidJson() {
    RejectException e = assertThrows(RejectException.class, () -> reader.read("type=RESOLVED", NOW));
    assertEquals("invalid-json", e.reason());
    RejectException array = assertThrows(RejectException.class, () -> reader.read("[1]", NOW));
    assertEquals("invalid-json", array.reason());
  }
}
