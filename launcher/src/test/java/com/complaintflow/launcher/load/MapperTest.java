package com.complaintflow.launcher.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.ClientTier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapperTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  private static Row csvRow(String header, String line) {
    return RowReader.readCsv(header + "\n" + line + "\n").rows().get(0);
  }

  @Test
  void clientIsNormalized() {
    Row row = csvRow("client_id,tier,name,emails,phones,account_ids,account_manager,language",
        "C-1,a,Иван,Ivan.Petrov@Example.COM|ivan.petrov@example.com,8 (495) 123-45-67|+359 2 987 6543,ACC-1,AG-7,RU");
    RecordMapper.Outcome<Client> outcome = new ClientMapper("RU", CLOCK).map(row);
    assertEquals(List.of(), outcome.problems());
    Client client = outcome.mapped().value();
    assertEquals("C-1", outcome.mapped().key());
    assertEquals(ClientTier.A, client.getTier());
    assertEquals(List.of("ivan.petrov@example.com"), client.getEmails(), "lower-cased and de-duplicated");
    assertEquals(List.of("+74951234567", "+35929876543"), client.getPhones(), "E.164");
    assertEquals(List.of("ACC-1"), client.getAccountIds());
    assertEquals("AG-7", client.getAccountManagerId());
    assertEquals("ru", client.getLanguage());
    assertEquals(CLOCK.instant(), client.getUpdatedAt());
  }

  @Test
  void defaultRegionDecidesNumbersWithoutCountryCode() {
    Row row = csvRow("id,phones", "C-2,02 987 6543");
    assertEquals(List.of("+35929876543"), new ClientMapper("BG", CLOCK).map(row).mapped().value().getPhones());
  }

  @Test
  void blankTierIsUnknown() {
    Row row = csvRow("id,tier", "C-3,");
    assertEquals(ClientTier.UNKNOWN, new ClientMapper("RU", CLOCK).map(row).mapped().value().getTier());
  }

  @Test
  void everyProblemOfAClientRowIsReportedAtOnce() {
    Row row = csvRow("client_id,tier,emails,phones,language", ",Z,not-an-email,12,русский");
    RecordMapper.Outcome<Client> outcome = new ClientMapper("RU", CLOCK).map(row);
    assertNull(outcome.mapped());
    assertEquals(List.of("missing-field", "invalid-tier", "invalid-email", "invalid-phone", "invalid-language"),
        outcome.problems().stream().map(RowProblem::reason).toList());
  }

  @Test
  void problemsMaskPersonalData() {
    Row row = csvRow("id,phones", "C-4,+7 495 12");
    String detail = new ClientMapper("RU", CLOCK).map(row).problems().get(0).detail();
    assertTrue(!detail.contains("495 12") && !detail.contains("49512"), detail);
  }

  @Test
  void agentIsNormalizedWithDefaults() {
    Row row = csvRow("agent_id,name,team,skills,languages,deputy_id,email",
        "AG-1,Olga,billing-team,billing|Delivery,ru|EN,AG-2,Olga@Example.com");
    RecordMapper.Outcome<Agent> outcome = new AgentMapper(CLOCK).map(row);
    assertEquals(List.of(), outcome.problems());
    Agent agent = outcome.mapped().value();
    assertEquals(List.of("BILLING", "DELIVERY"), agent.getSkills());
    assertEquals(List.of("ru", "en"), agent.getLanguages());
    assertEquals(AgentMapper.DEFAULT_CAPACITY, agent.getCapacity());
    assertEquals(AgentStatus.AVAILABLE, agent.getStatus());
    assertEquals("AG-2", agent.getDeputyId());
    assertEquals("olga@example.com", agent.getEmail());
  }

  @Test
  void everyProblemOfAnAgentRowIsReportedAtOnce() {
    Row row = csvRow("agent_id,team,skills,capacity,status,email", "AG-9,,cooking,-1,sleeping,nope");
    assertEquals(List.of("missing-field", "invalid-skill", "invalid-capacity", "invalid-status", "invalid-email"),
        new AgentMapper(CLOCK).map(row).problems().stream().map(RowProblem::reason).toList());
  }

  @Test
  void validationKeepsGoodRowsAndWarnsAboutRepeatedIds() {
    RowReader.Result read = RowReader.readCsv("id,tier\nC1,A\nC2,X\nC1,B\n");
    RowValidation.Result<Client> result = RowValidation.validate(read, new ClientMapper("RU", CLOCK));
    assertEquals(2, result.records().size());
    assertEquals(List.of(3), result.errors().stream().map(RowError::line).toList());
    assertEquals(1, result.warnings().size());
    assertTrue(result.warnings().get(0).contains("line 4") && result.warnings().get(0).contains("line 2"),
        result.warnings().get(0));
  }
}
