package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.testing.LogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The identity stage logs per event only at DEBUG (a provisional client, a duplicate complaint),
 * and even then without the contact points or the text of the complaint.
 */
class IdentityLoggingTest {
  private static final String IDENTITY = "com.complaintflow.processor.identity";

  @Test
  void perEventLinesAreDebugAndCarryNoPersonalData() throws Exception {
    try (TopologyFixture f = new TopologyFixture();
        LogCapture logs = LogCapture.start(Map.of(IDENTITY, Level.DEBUG))) {
      Complaint byMail = f.complaint(Channel.WEB, "maria.ivanova@example.org", null, "Брак",
          "Товар пришел с браком, звоните +74951234567").build();
      f.send(byMail);
      f.send(byMail); // a replay: dropped by the deduplicator
      f.send(f.complaint(Channel.PHONE, null, "+359888123456", null, "звонок: снова брак").build());

      List<String> identity = logs.lines().stream().filter(l -> l.contains(" " + IDENTITY + ".")).toList();
      assertEquals(2, identity.stream().filter(l -> l.contains("event=provisional-client")).count(), identity::toString);
      assertEquals(1, identity.stream().filter(l -> l.contains("event=duplicate-complaint")).count(), identity::toString);
      assertTrue(identity.stream().allMatch(l -> l.startsWith("DEBUG ")), identity::toString);
      String all = logs.text();
      for (String personal : List.of("maria.ivanova", "example.org", "74951234567", "359888123456", "браком")) {
        assertFalse(all.contains(personal), personal + " logged: " + all);
      }
    }
  }
}
