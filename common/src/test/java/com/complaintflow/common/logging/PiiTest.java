package com.complaintflow.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class PiiTest {
  @Test
  void masksEmail() {
    assertEquals("i***@e***.com", Pii.email("ivan.petrov@example.com"));
    assertEquals("***", Pii.email("no-at-sign"));
  }

  @Test
  void masksPhoneKeepingCountryAndLastTwo() {
    assertEquals("+7********67", Pii.phone("+7 (495) 123-45-67"));
  }

  @Test
  void textIsOnlyItsLength() {
    assertEquals("[5 chars]", Pii.text("Брак!"));
  }

  @Test
  void scrubsAddressesAndNumbersInsideText() {
    String scrubbed = Pii.scrub("from ivan@mail.ru, call +359 88 123 4567 today");
    assertFalse(scrubbed.contains("ivan@mail.ru"), scrubbed);
    assertFalse(scrubbed.contains("123 4567"), scrubbed);
    assertEquals("from i***@m***.ru, call +3*********67 today", scrubbed);
  }
}
