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

  /**
   * The n of a case number {@code CF-<n>} as {@link #caseNumber} writes it (decimal, no sign, no
   * leading zero, at most 18 digits), or -1 for anything else.
   */
  public static long numberOf(String caseNumber) {
    if (caseNumber == null || caseNumber.length() < 4 || caseNumber.length() > 21 || !caseNumber.startsWith("CF-")
        || (caseNumber.charAt(3) == '0' && caseNumber.length() > 4)) {
      return -1;
    }
    long n = 0;
    for (int i = 3; i < caseNumber.length(); i++) {
      char ch = caseNumber.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      n = n * 10 + (ch - '0');
    }
    return n;
  }

  /**
   * The partition of the client-keyed topics whose case task allocated {@code CF-<n>}: n % stride
   * (see {@link #caseNumber}; holds while internal.topic.partitions <= stride, which
   * ProcessorConfig enforces, and while the stride is not changed).
   */
  public static int partitionOf(long n, int stride) {
    return (int) (n % stride);
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
