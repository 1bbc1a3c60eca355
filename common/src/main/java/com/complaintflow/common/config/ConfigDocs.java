package com.complaintflow.common.config;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/** Renders a {@link ConfigDef} as a Markdown table for the README (generated, not hand-copied). */
public final class ConfigDocs {
  private ConfigDocs() {}

  public static String markdown(ConfigDef definition) {
    StringBuilder out = new StringBuilder();
    out.append("| key | environment variable | type | default | description |\n");
    out.append("|---|---|---|---|---|\n");
    List<ConfigDef.ConfigKey> keys = definition.configKeys().values().stream()
        .sorted((a, b) -> a.name.compareTo(b.name)).toList();
    for (ConfigDef.ConfigKey key : keys) {
      out.append("| `").append(key.name).append("` | `").append(ConfigLoader.envName(key.name))
          .append("` | ").append(key.type.name().toLowerCase(java.util.Locale.ROOT))
          .append(" | ").append(defaultOf(key))
          .append(" | ").append(key.documentation == null ? "" : key.documentation.replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String defaultOf(ConfigDef.ConfigKey key) {
    if (!key.hasDefault()) {
      return "(required)";
    }
    Object value = key.defaultValue;
    if (value instanceof Password) {
      return "(secret)";
    }
    if (value instanceof List<?> list) {
      value = String.join(",", list.stream().map(Object::toString).toList());
    }
    String text = String.valueOf(value);
    return text.isEmpty() ? "\"\"" : "`" + text + "`";
  }
}
