package com.complaintflow.intake.mail;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * One mailbox, configured by {@code mail.<name>.*} keys:
 * <ul>
 *   <li>{@code host} (required), {@code port} (default 993 for imaps, 143 for imap)</li>
 *   <li>{@code protocol}: imaps (default) or imap; {@code starttls}: true to require STARTTLS on imap</li>
 *   <li>{@code user}, {@code password} (secret: give it through the environment,
 *       COMPLAINTFLOW_MAIL_&lt;NAME&gt;_PASSWORD)</li>
 *   <li>{@code folder} (default INBOX), {@code processed.folder} (default Processed),
 *       {@code failed.folder} (default Failed); missing folders are created</li>
 * </ul>
 */
public record MailboxSettings(String name, String protocol, String host, int port, boolean startTls, String user,
    String password, String folder, String processedFolder, String failedFolder) {

  public static MailboxSettings from(String name, Map<String, ?> config) {
    String p = "mail." + name + ".";
    String protocol = get(config, p + "protocol", "imaps").toLowerCase(Locale.ROOT);
    if (!protocol.equals("imap") && !protocol.equals("imaps")) {
      throw new ConfigException(p + "protocol", protocol, "must be imap or imaps");
    }
    String host = get(config, p + "host", "");
    if (host.isBlank()) {
      throw new ConfigException(p + "host", host, "required for mailbox " + name);
    }
    int port;
    try {
      port = Integer.parseInt(get(config, p + "port", protocol.equals("imaps") ? "993" : "143"));
    } catch (NumberFormatException e) {
      throw new ConfigException(p + "port", config.get(p + "port"), "must be a port number");
    }
    return new MailboxSettings(name, protocol, host, port, Boolean.parseBoolean(get(config, p + "starttls", "false")),
        get(config, p + "user", ""), get(config, p + "password", ""), get(config, p + "folder", "INBOX"),
        get(config, p + "processed.folder", "Processed"), get(config, p + "failed.folder", "Failed"));
  }

  private static String get(Map<String, ?> config, String key, String dflt) {
    Object v = config.get(key);
    if (v == null) {
      // a mailbox name with '-' or '_' has environment variables that do not map back to its keys,
      // so they arrive here unresolved: secrets references are resolved the same way as in the loader
      v = com.complaintflow.common.config.ConfigLoader.resolveVariables(key,
          System.getenv(com.complaintflow.common.config.ConfigLoader.envName(key)));
    }
    return v == null ? dflt : v.toString().trim();
  }

  @Override
  public String toString() {
    return "MailboxSettings[" + name + " " + protocol + "://" + host + ":" + port + "/" + folder + "]";
  }
}
