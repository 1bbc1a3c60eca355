package com.complaintflow.processor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** A case number names its partition only while every partition is below the stride. */
class CaseNumberStrideConfigTest {
  @Test
  void moreInternalPartitionsThanTheStrideStopTheStartNamingBothKeys() {
    ConfigException e = assertThrows(ConfigException.class, () -> new ProcessorConfig(Map.of(
        ProcessorConfig.INTERNAL_PARTITIONS_CONFIG, 12, ProcessorConfig.CASE_NUMBER_STRIDE_CONFIG, 10)));
    assertTrue(e.getMessage().contains(ProcessorConfig.CASE_NUMBER_STRIDE_CONFIG), e.getMessage());
    assertTrue(e.getMessage().contains(ProcessorConfig.INTERNAL_PARTITIONS_CONFIG + " (12)"), e.getMessage());
  }

  @Test
  void asManyPartitionsAsTheStrideIsFine() {
    ProcessorConfig c = new ProcessorConfig(Map.of(
        ProcessorConfig.INTERNAL_PARTITIONS_CONFIG, 10, ProcessorConfig.CASE_NUMBER_STRIDE_CONFIG, 10));
    assertEquals(10, c.caseNumberStride());
    assertEquals(1000, new ProcessorConfig(Map.of()).caseNumberStride());
  }
}
