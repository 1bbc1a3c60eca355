package com.complaintflow.schemas.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/** How a subject is named for a topic and schema; Confluent's three strategies. */
public enum SubjectNameStrategy {
  TOPIC_NAME,
  RECORD_NAME,
  TOPIC_RECORD_NAME;

  public String subject(String topic, boolean isKey, Schema schema) {
    return switch (this) {
      case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
      case RECORD_NAME -> schema.getFullName();
      case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
    };
  }

  /** Accepts our names and Confluent's class names (e.g. io.confluent...TopicNameStrategy). */
  public static SubjectNameStrategy parse(String value) {
    String simple = value.substring(value.lastIndexOf('.') + 1);
    return switch (simple) {
      case "TopicNameStrategy" -> TOPIC_NAME;
      case "RecordNameStrategy" -> RECORD_NAME;
      case "TopicRecordNameStrategy" -> TOPIC_RECORD_NAME;
      default -> throw new ConfigException(
          "subject.name.strategy", value,
          "use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    };
  }
}
