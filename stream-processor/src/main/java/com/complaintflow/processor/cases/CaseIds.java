package com.complaintflow.processor.cases;

/**
 * Case ids are {@code <client id>/<case number>}, e.g. {@code C-1042/CF-7003}. A case action
 * (keyed by case id) is thereby routed to the task that owns the client's cases without a
 * directory lookup; case numbers never contain '/', so the split at the last '/' is exact.
 */
public final class CaseIds {
  private CaseIds() {}

  public static String caseId(String clientId, String caseNumber) {
    return clientId + "/" + caseNumber;
  }

  /** The client id of a case id, or null when the id is not one of ours. */
  public static String clientIdOf(String caseId) {
    if (caseId == null) {
      return null;
    }
    int slash = caseId.lastIndexOf('/');
    if (slash <= 0 || slash == caseId.length() - 1 || !caseId.startsWith("CF-", slash + 1)) {
      return null;
    }
    return caseId.substring(0, slash);
  }

  /** CF-(sequence * stride + partition): unique across partitions while partition < stride. */
  public static String caseNumber(long sequence, int partition, int stride) {
    if (partition >= stride) {
      throw new IllegalStateException("partition " + partition + " >= case.number.partition.stride "
          + stride + ": raise the stride");
    }
    return "CF-" + (sequence * stride + partition);
  }
}
