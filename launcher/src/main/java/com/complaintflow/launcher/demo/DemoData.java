package com.complaintflow.launcher.demo;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.ClientTier;
import java.time.Instant;
import java.util.List;

/**
 * The demo's CRM export and staff list: clients (some A-tier) with Russian, English and Bulgarian
 * names, emails and phones; agents in three teams with skills, languages, capacities, statuses and
 * deputies. All addresses are in the demo.local domain or example domains.
 */
final class DemoData {
  static final String DOMAIN = "demo.local";

  /** One sample client: the CRM record and how the client writes. */
  record DemoClient(String id, ClientTier tier, String name, String email, String phone, String language) {
    Client toRecord(Instant now) {
      return Client.newBuilder().setClientId(id).setTier(tier).setName(name).setEmails(List.of(email))
          .setPhones(List.of(phone)).setAccountIds(List.of("ACC-" + id.substring(2))).setLanguage(language)
          .setUpdatedAt(now).build();
    }
  }

  static final DemoClient IVAN = new DemoClient("C-1001", ClientTier.A, "Иван Петров", "ivan.petrov@example.ru", "+74951234567", "ru");
  static final DemoClient MARGARET = new DemoClient("C-1002", ClientTier.A, "Margaret Collins", "m.collins@example.co.uk", "+442079460123", "en");
  static final DemoClient MARIA = new DemoClient("C-1003", ClientTier.B, "Мария Георгиева", "maria.georgieva@example.bg", "+35929876543", "bg");
  static final DemoClient OLGA = new DemoClient("C-1004", ClientTier.B, "Ольга Смирнова", "olga.smirnova@example.ru", "+79161234567", "ru");
  static final DemoClient JOHN = new DemoClient("C-1005", ClientTier.C, "John Miller", "john.miller@example.com", "+12025550143", "en");
  static final DemoClient GEORGI = new DemoClient("C-1006", ClientTier.C, "Георги Димитров", "georgi.dimitrov@example.bg", "+359888123456", "bg");
  static final DemoClient SERGEY = new DemoClient("C-1007", ClientTier.B, "Сергей Кузнецов", "s.kuznetsov@example.ru", "+78125551234", "ru");
  static final DemoClient PETYA = new DemoClient("C-1008", ClientTier.A, "Петя Иванова", "petya.ivanova@example.bg", "+359878555111", "bg");

  static final List<DemoClient> CLIENTS = List.of(IVAN, MARGARET, MARIA, OLGA, JOHN, GEORGI, SERGEY, PETYA);

  static final List<String> TEAMS = List.of("key-accounts", "billing", "service");

  static String supervisor(String team) {
    return team + "-lead@" + DOMAIN;
  }

  static final String HEAD_OF_SERVICE = "head-of-service@" + DOMAIN;

  static List<Agent> agents(Instant now) {
    return List.of(
        agent("AG-101", "Елена Соколова", "key-accounts", List.of(), List.of("ru", "en"), 3, AgentStatus.AVAILABLE, "AG-102", now),
        agent("AG-102", "Daniel Brooks", "key-accounts", List.of(), List.of("en", "bg"), 3, AgentStatus.AVAILABLE, "AG-101", now),
        agent("AG-201", "Николай Орлов", "billing", List.of("BILLING", "RETURNS"), List.of("ru"), 4, AgentStatus.AVAILABLE, "AG-202", now),
        agent("AG-202", "Десислава Петрова", "billing", List.of("BILLING", "RETURNS"), List.of("bg", "en"), 4, AgentStatus.AVAILABLE, "AG-201", now),
        agent("AG-203", "Irina Volkova", "billing", List.of("BILLING"), List.of("ru", "en"), 2, AgentStatus.AWAY, "AG-201", now),
        agent("AG-301", "Алексей Морозов", "service", List.of(), List.of("ru"), 4, AgentStatus.AVAILABLE, "AG-303", now),
        agent("AG-302", "Sarah Thompson", "service", List.of(), List.of("en"), 4, AgentStatus.AVAILABLE, "AG-301", now),
        agent("AG-303", "Иван Тодоров", "service", List.of("PRODUCT_QUALITY", "DELIVERY", "SERVICE", "OTHER"), List.of("bg", "ru"), 4,
            AgentStatus.AVAILABLE, "AG-301", now),
        agent("AG-304", "Tom Walker", "service", List.of(), List.of("en"), 4, AgentStatus.OFFLINE, "AG-302", now));
  }

  private static Agent agent(String id, String name, String team, List<String> skills, List<String> languages,
      int capacity, AgentStatus status, String deputy, Instant now) {
    return Agent.newBuilder().setAgentId(id).setName(name).setTeam(team).setSkills(skills).setLanguages(languages)
        .setCapacity(capacity).setStatus(status).setDeputyId(deputy)
        .setEmail(id.toLowerCase(java.util.Locale.ROOT) + "@" + DOMAIN).setUpdatedAt(now).build();
  }

  private DemoData() {}
}
