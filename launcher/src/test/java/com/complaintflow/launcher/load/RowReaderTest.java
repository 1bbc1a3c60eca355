package com.complaintflow.launcher.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RowReaderTest {

  @Test
  void csvWithQuotesEscapesAndALineBreakInsideAField() {
    RowReader.Result result = RowReader.readCsv(
        "id,name,note\n"
            + "1,\"Smith, John\",\"says \"\"hi\"\"\"\n"
            + "2,Multi,\"first\nsecond\"\n"
            + "3,After,plain\n");
    assertEquals(List.of(), result.errors());
    assertEquals(3, result.rows().size());
    assertEquals("Smith, John", result.rows().get(0).text("name"));
    assertEquals("says \"hi\"", result.rows().get(0).text("note"));
    assertEquals("first\nsecond", result.rows().get(1).text("note"));
    assertEquals(2, result.rows().get(0).line());
    assertEquals(3, result.rows().get(1).line());
    assertEquals(5, result.rows().get(2).line(), "line numbers count the line break inside the quotes");
  }

  @Test
  void semicolonDelimiterIsDetectedAndListsSplitOnCommaOrPipe() {
    RowReader.Result result = RowReader.readCsv("Client ID;Emails\r\nC1;a@x.com, b@x.com|c@x.com\r\n");
    Row row = result.rows().get(0);
    assertEquals("C1", row.text("clientId"), "header names match loosely");
    assertEquals(List.of("a@x.com", "b@x.com", "c@x.com"), row.list("emails"));
  }

  @Test
  void wrongColumnCountAndUnclosedQuoteAreRowErrorsAndOtherRowsStillLoad() {
    RowReader.Result result = RowReader.readCsv("id,name\n1,one\n2\n3,three\n4,\"open\n");
    assertEquals(2, result.rows().size());
    assertEquals(2, result.errors().size());
    assertEquals(3, result.errors().get(0).line());
    assertEquals("wrong-column-count", result.errors().get(0).problems().get(0).reason());
    assertEquals(5, result.errors().get(1).line());
    assertEquals("invalid-csv", result.errors().get(1).problems().get(0).reason());
  }

  @Test
  void textAfterAClosingQuoteIsAnError() {
    RowReader.Result result = RowReader.readCsv("id,name\n1,\"a\"b\n");
    assertEquals("invalid-csv", result.errors().get(0).problems().get(0).reason());
  }

  @Test
  void blankLinesAreSkipped() {
    RowReader.Result result = RowReader.readCsv("\nid,name\n\n1,one\n\n");
    assertEquals(1, result.rows().size());
    assertEquals(4, result.rows().get(0).line());
  }

  @Test
  void jsonLinesWithArraysAndBadLines() {
    RowReader.Result result = RowReader.readJsonLines(
        "{\"clientId\":\"C1\",\"emails\":[\"a@x.com\",\"b@x.com\"],\"tier\":\"A\"}\n"
            + "{not json}\n"
            + "\n"
            + "[1,2]\n"
            + "{\"clientId\":\"C2\",\"nested\":{\"a\":1}}\n"
            + "{\"client_id\":\"C3\",\"emails\":\"c@x.com;d@x.com\",\"capacity\":5}\n");
    assertEquals(2, result.rows().size());
    assertEquals(List.of("a@x.com", "b@x.com"), result.rows().get(0).list("emails"));
    assertEquals(List.of("c@x.com", "d@x.com"), result.rows().get(1).list("emails"));
    assertEquals("5", result.rows().get(1).text("capacity"));
    assertEquals(6, result.rows().get(1).line());
    assertEquals(List.of(2, 4, 5), result.errors().stream().map(RowError::line).toList());
    assertTrue(result.errors().stream().allMatch(e -> e.problems().get(0).reason().startsWith("invalid-")));
  }

  @Test
  void formatIsChosenByExtensionThenContent() {
    assertEquals(RowFormat.CSV, RowFormat.AUTO.resolve(java.nio.file.Path.of("a.csv"), "{"));
    assertEquals(RowFormat.JSONL, RowFormat.AUTO.resolve(java.nio.file.Path.of("a.jsonl"), "id,name"));
    assertEquals(RowFormat.JSONL, RowFormat.AUTO.resolve(java.nio.file.Path.of("export"), "  {\"a\":1}"));
    assertEquals(RowFormat.CSV, RowFormat.AUTO.resolve(java.nio.file.Path.of("export"), "id,name"));
    assertEquals(RowFormat.CSV, RowFormat.CSV.resolve(java.nio.file.Path.of("a.jsonl"), "{"));
  }
}
