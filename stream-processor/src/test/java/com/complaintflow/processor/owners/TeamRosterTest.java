package com.complaintflow.processor.owners;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TeamRosterTest {
  @Test
  void agentsJoinMoveAndLeaveTheirTeamsInIdOrder() {
    TeamRoster roster = new TeamRoster();
    roster.moved("ag-2", null, "service");
    roster.moved("ag-1", null, "service");
    roster.moved("ag-3", null, "billing");
    assertEquals(List.of("ag-1", "ag-2"), List.copyOf(roster.agentsOf("service")));
    roster.moved("ag-2", "service", "billing");
    assertEquals(List.of("ag-1"), List.copyOf(roster.agentsOf("service")));
    assertEquals(List.of("ag-2", "ag-3"), List.copyOf(roster.agentsOf("billing")));
    roster.moved("ag-3", "billing", null);
    assertEquals(List.of("ag-2"), List.copyOf(roster.agentsOf("billing")));
    assertEquals(List.of(), List.copyOf(roster.agentsOf("nobody")));
  }
}
