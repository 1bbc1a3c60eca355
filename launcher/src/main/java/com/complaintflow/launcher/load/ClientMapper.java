package com.complaintflow.launcher.load;

import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.ClientTier;
import java.time.Clock;

/**
 * A CRM row to a {@link Client}, keyed by client id. Columns (any case, '_' or '-' ignored):
 * clientId (or id, required), tier (A, B, C; blank = UNKNOWN), name, emails (or email),
 * phones (or phone), accountIds (or accountId), accountManagerId (or accountManager), language.
 * Several emails, phones or account ids go in one cell separated by '|' (or ';' in a
 * comma-separated file), or as a JSON array.
 */
public final class ClientMapper implements RecordMapper<Client> {
  private final String defaultRegion;
  private final Clock clock;

  public ClientMapper(String defaultRegion, Clock clock) {
    this.defaultRegion = defaultRegion;
    this.clock = clock;
  }

  @Override
  public String noun() {
    return "client";
  }

  @Override
  public Outcome<Client> map(Row row) {
    FieldRules rules = new FieldRules(defaultRegion);
    String clientId = rules.required(row.text("clientId", "id"), "clientId");
    ClientTier tier = rules.symbol(row.text("tier"), ClientTier.class, ClientTier.UNKNOWN, "tier", "invalid-tier");
    var emails = rules.emails(row.list("emails", "email"), "emails");
    var phones = rules.phones(row.list("phones", "phone"), "phones");
    String language = rules.language(row.text("language", "lang"), "language");
    if (!rules.problems().isEmpty()) {
      return Outcome.failed(rules.problems());
    }
    Client client = Client.newBuilder()
        .setClientId(clientId)
        .setTier(tier)
        .setName(row.text("name"))
        .setEmails(emails)
        .setPhones(phones)
        .setAccountIds(row.list("accountIds", "accountId"))
        .setAccountManagerId(row.text("accountManagerId", "accountManager"))
        .setLanguage(language)
        .setUpdatedAt(clock.instant())
        .build();
    return Outcome.ok(new Mapped<>(row.line(), clientId, client));
  }
}
