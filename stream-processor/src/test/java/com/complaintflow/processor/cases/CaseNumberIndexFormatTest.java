package com.complaintflow.processor.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes of the case-number-index store (key and value as its changelog holds them):
 * src/test/resources/golden/case-number-index.hex, one "key value" pair of hex per line: the case
 * number and the client id of its case.
 */
class CaseNumberIndexFormatTest {
  @Test
  void entriesAreTheUtf8OfNumberAndClientId() throws Exception {
    List<String> golden;
    try (InputStream in = CaseNumberIndexFormatTest.class.getResourceAsStream("/golden/case-number-index.hex")) {
      golden = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
    List<String[]> entries = List.of(new String[] {"CF-7003", "C-1042"},
        new String[] {"CF-12000", "P-0123456789abcdef"},
        new String[] {CaseNumberIndex.BACKFILLED_KEY, "1"});
    assertEquals(entries.size(), golden.size());
    for (int i = 0; i < entries.size(); i++) {
      String[] e = entries.get(i);
      byte[] key = CaseNumberIndex.SERDE.serializer().serialize("t", e[0]);
      byte[] value = CaseNumberIndex.SERDE.serializer().serialize("t", e[1]);
      assertEquals(golden.get(i), HexFormat.of().formatHex(key) + " " + HexFormat.of().formatHex(value));
      String[] hex = golden.get(i).split(" ");
      assertEquals(e[0], CaseNumberIndex.SERDE.deserializer().deserialize("t", HexFormat.of().parseHex(hex[0])));
      assertEquals(e[1], CaseNumberIndex.SERDE.deserializer().deserialize("t", HexFormat.of().parseHex(hex[1])));
    }
  }
}
