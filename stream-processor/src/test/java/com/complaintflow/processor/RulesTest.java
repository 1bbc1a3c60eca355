package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.rules.Classification;
import com.complaintflow.processor.rules.ClassificationRules;
import com.complaintflow.processor.rules.RoutingRules;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Priority;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesTest {
  private final ClassificationRules rules = ClassificationRules.load("");

  @Test
  void stemsMatchInflectedWords() {
    assertEquals(Category.PRODUCT_QUALITY, rules.classify(null, "Пришёл телевизор с браком").category());
    assertEquals(Category.DELIVERY, rules.classify(null, "Пратката закъснява с две седмици").category());
    assertEquals(Category.RETURNS, rules.classify("Refund", "I want my money back").category());
    assertEquals(Category.OTHER, rules.classify(null, "Здравствуйте").category());
  }

  @Test
  void legalThreatsInThreeLanguagesAreUrgent() {
    for (String text : List.of("Подам в суд", "Обращусь в Роспотребнадзор", "My lawyer will contact you",
        "We will sue", "Ще сезирам Комисия за защита на потребителите", "Ще подам жалба в КЗП",
        "Ще се обърна към адвокат")) {
      Classification c = rules.classify(null, text);
      assertTrue(c.legal(), text);
      assertEquals(Priority.URGENT, c.priority(), text);
    }
    assertFalse(rules.classify(null, "suede shoes are fine").legal(), "=sue is a whole word");
  }

  @Test
  void keyClientsGetOneLevelMore() {
    assertEquals(Priority.HIGH, new Classification(Category.OTHER, Priority.NORMAL, false).raisedForKeyClient().priority());
    assertEquals(Priority.URGENT, new Classification(Category.OTHER, Priority.URGENT, true).raisedForKeyClient().priority());
  }

  @Test
  void routingFirstMatchWinsWithADefault() {
    RoutingRules routing = RoutingRules.parse(List.of(
        "tier=A => key-accounts",
        "category=BILLING language=bg => billing-bg",
        "category=BILLING|RETURNS => billing",
        "channel=PHONE => phone-desk"), "service");
    assertEquals("key-accounts", routing.teamFor(Category.BILLING, "bg", ClientTier.A, Channel.WEB));
    assertEquals("billing-bg", routing.teamFor(Category.BILLING, "bg-BG", ClientTier.B, Channel.WEB));
    assertEquals("billing", routing.teamFor(Category.RETURNS, "ru", ClientTier.C, Channel.PHONE));
    assertEquals("phone-desk", routing.teamFor(Category.SERVICE, null, ClientTier.UNKNOWN, Channel.PHONE));
    assertEquals("service", routing.teamFor(Category.SERVICE, "en", ClientTier.B, Channel.EMAIL));
  }

  @Test
  void badRuleFilesAreReportedWithEveryProblem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RoutingRules.parse(List.of("colour=red => x", "category=BILLING"), "s"));
    assertTrue(e.getMessage().contains("colour=red") && e.getMessage().contains("no '=> team'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ClassificationRules.parse(List.of("category.NOPE: x")));
  }
}
