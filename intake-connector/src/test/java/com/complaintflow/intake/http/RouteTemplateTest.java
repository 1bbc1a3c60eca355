package com.complaintflow.intake.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.normalize.RejectException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {
  @Test
  void aPathVariableMatchesOneSegment() {
    Pattern p = IntakeHttpServer.templatePattern(CaseActionHandler.PATH_TEMPLATE);
    assertTrue(p.matcher("/api/v1/cases/CF-7003/actions").matches());
    assertFalse(p.matcher("/api/v1/cases/CF-7003/x/actions").matches());
    assertFalse(p.matcher("/api/v1/cases//actions").matches());
    assertFalse(p.matcher("/api/v1/casesXCF-1/actions").matches());
  }

  @Test
  void caseNumberComesFromThePath() throws Exception {
    assertEquals("CF-7003", CaseActionHandler.caseNumber("/api/v1/cases/CF-7003/actions"));
    RejectException e = assertThrows(RejectException.class,
        () -> CaseActionHandler.caseNumber("/api/v1/cases/<script>/actions"));
    assertEquals("caseNumber", e.fieldErrors().get(0).field());
  }

  @Test
  void onlyNumbersAsTheProcessorWritesThemCanNameACase() {
    for (String ok : new String[] {"CF-0", "CF-7003", "CF-123456789012345678"}) {
      assertTrue(CaseActionHandler.PROCESSOR_NUMBER.matcher(ok).matches(), ok);
    }
    for (String bad : new String[] {"CF-", "CF-07003", "cf-7003", "ABC-1", "CF-7003x", "CF-1234567890123456789"}) {
      assertFalse(CaseActionHandler.PROCESSOR_NUMBER.matcher(bad).matches(), bad);
    }
  }
}
