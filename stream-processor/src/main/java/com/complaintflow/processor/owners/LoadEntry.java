package com.complaintflow.processor.owners;

/** One case counted in an agent's load; team, agent and case are in the store key. */
public record LoadEntry(String clientId) implements LoadValue {}
