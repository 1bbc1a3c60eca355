package com.complaintflow.processor.identity;

import java.util.ArrayList;
import java.util.List;

/** What the processor needs of a CRM client, as kept in the contact-point index. */
public final class ClientRef {
  public String clientId;
  public String tier = "UNKNOWN";
  public String language;
  public String accountManagerId;
  /** Normalized contact points (emails, phones, account ids) this client was indexed under. */
  public List<String> contacts = new ArrayList<>();
}
