package com.complaintflow.processor.cases;

/** A case's resolution as stored in state; amount kept as decimal text, never as a double. */
public final class ResolutionData {
  public String rootCause;
  public String summary;
  public String compensationType;
  public String compensationAmount;
  public String currency;
}
