package com.complaintflow.processor.cases;

import com.complaintflow.processor.identity.ClientRef;

/**
 * The state of one client's case task and its outputs, as {@link CaseDecider} sees them while it
 * decides one input (or one due deadline). {@link CaseManager} implements it on the task's Kafka
 * Streams stores; a unit test on plain maps.
 */
interface CaseTx {
  /** The processing clock (wall-clock time of the task), ms. */
  long now();

  /** The task's partition (case numbers embed it). */
  int partition();

  /** The client's state, null when the client has none yet. */
  ClientState loadClient(String clientId);

  void saveClient(ClientState client);

  /** A case of the task, null when unknown. */
  CaseState loadCase(String caseId);

  /** Saves the case; its deadline-index entry moves to {@code nextMoment} (null: none). */
  void saveCase(CaseState c, Long nextMoment);

  void deleteCase(String caseId);

  /** The next value of the task's case-number sequence (1, 2, ...). */
  long nextSequence();

  /** The case number a client's e-mail Message-ID (normalised) belongs to, or null. */
  String messageCase(String clientId, String messageId);

  void indexMessage(String clientId, String messageId, String caseNumber);

  /** Forgets every Message-ID of the client that belongs to the case. */
  void forgetMessages(String clientId, String caseNumber);

  /** The known client's reference data (tier, language), null for a provisional client. */
  ClientRef clientRef(String clientId);

  /** A new case number belongs to the case id (case actions may name the number alone). */
  void caseOpened(String caseNumber, String caseId);

  /** The case is forgotten (pruned from the client's history). */
  void caseForgotten(String caseNumber);

  /** An output record. */
  void forward(String key, CaseOutput output, long timestamp);
}
