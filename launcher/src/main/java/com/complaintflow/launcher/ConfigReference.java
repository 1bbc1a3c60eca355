package com.complaintflow.launcher;

import com.complaintflow.common.config.ConfigDocs;
import com.complaintflow.launcher.stack.ServiceEnvironment;
import com.complaintflow.schemas.serde.AvroSerdeConfig;

/**
 * docs/configuration.md, generated from the configuration definitions themselves
 * ({@code ./complaintflow config-docs > docs/configuration.md}); ConfigReferenceTest fails when
 * the checked-in file differs, so it cannot go stale.
 */
public final class ConfigReference {
  public static final String REGENERATE = "./complaintflow config-docs > docs/configuration.md";

  private ConfigReference() {}

  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# Configuration reference\n\n")
        .append("<!-- Generated from the services' ConfigDefs: do not edit; regenerate with\n     ")
        .append(REGENERATE).append("\n-->\n\n")
        .append("Every service reads a properties file (its only argument, or `--config FILE` of\n")
        .append("`./complaintflow intake|processor|alert-sink`) and environment variables, which win:\n")
        .append("`COMPLAINTFLOW_` + the key upper-cased with every character other than a letter or digit as `_`\n")
        .append("(`kafka.bootstrap.servers` is `COMPLAINTFLOW_KAFKA_BOOTSTRAP_SERVERS`). Besides the keys listed,\n")
        .append("each service takes open-ended key families, described under it. From the environment such a\n")
        .append("key has its `_` read as `.`, so a key family whose names hold `-` or `_` (SLA policies, team\n")
        .append("names like `key-accounts`) must be given in the properties file.\n\n");
    section(out, "Avro serde (every service)", "Each service hands these keys from its properties file to its Avro"
        + " serdes. From the environment every service reads `schema.registry.url`; the intake and the processor"
        + " also the other `schema.registry.*` keys.", ConfigDocs.markdown(AvroSerdeConfig.CONFIG_DEF));
    section(out, "Intake connector (`intake`)", "Also: `kafka.*` (any Kafka client setting, prefix removed),"
        + " `topic.<name>` (topic renames, e.g. `topic.complaints`), and per mailbox named in `mail.mailboxes`:"
        + " `mail.<mailbox>.host`, `.port`, `.protocol` (imap, imaps), `.starttls`, `.user`, `.password`,"
        + " `.folder`, `.processed.folder`, `.failed.folder`.",
        ConfigDocs.markdown(ServiceEnvironment.definition(ServiceEnvironment.INTAKE)));
    section(out, "Stream processor (`processor`)", "Also: `kafka.*` (Kafka Streams and client settings, prefix"
        + " removed), `topic.<name>`, and the SLA, calendar and team families (`sla.policy.<name>.*`, `sla.warnings`,"
        + " `sla.escalation.<level>.*`, `calendar.<name>.*`, `team.<team>.*`) described in"
        + " stream-processor/README.md.",
        ConfigDocs.markdown(ServiceEnvironment.definition(ServiceEnvironment.PROCESSOR)));
    section(out, "Alert sink (`alert-sink`)", "Also: `kafka.*`, `topic.<name>`, `team.<team>.calendar`,"
        + " `team.<team>.recipients` and `calendar.<name>.*` (see alert-sink/README.md).",
        ConfigDocs.markdown(ServiceEnvironment.definition(ServiceEnvironment.ALERT_SINK)));
    return out.toString();
  }

  private static void section(StringBuilder out, String title, String intro, String table) {
    out.append("## ").append(title).append("\n\n").append(intro).append("\n\n").append(table).append("\n");
  }
}
