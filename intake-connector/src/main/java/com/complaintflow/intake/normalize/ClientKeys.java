package com.complaintflow.intake.normalize;

import com.complaintflow.schemas.avro.ContactPoints;

/**
 * The Kafka key of a complaint: the best contact point, already normalized. An account id names
 * the client most reliably, then an email address (lower-cased), then an E.164 phone number.
 * The three forms cannot collide: E.164 starts with '+', an address holds '@'.
 */
public final class ClientKeys {
  private ClientKeys() {}

  public static String of(ContactPoints contact) throws RejectException {
    if (contact.getAccountId() != null) {
      return contact.getAccountId();
    }
    if (contact.getEmail() != null) {
      return contact.getEmail();
    }
    if (contact.getPhone() != null) {
      return contact.getPhone();
    }
    throw new RejectException(Reasons.MISSING_CONTACT_POINT,
        "no email address, phone number or account id to identify the client",
        java.util.List.of(new FieldError("email", Reasons.MISSING_CONTACT_POINT,
            "give at least one of email, phone or accountId")));
  }
}
