package com.complaintflow.launcher.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Everything a channel system or a user needs to reach the local stack; written as JSON to
 * {@code <data-dir>/endpoints.json} (and to {@code --endpoints-file}) and read back by
 * {@code tail} and {@code load} as their defaults.
 */
public record Endpoints(
    String kafkaBootstrapServers,
    String schemaRegistryUrl,
    Intake intake,
    Mail mail,
    String dataDir,
    String logDir) {

  /** The intake's HTTP API: base URL (under /api/v1) and the API key the local stack generated. */
  public record Intake(String baseUrl, String healthUrl, String apiKey) {}

  /** The mail server: SMTP to send in, IMAP to read, and the mailboxes with their logins. */
  public record Mail(String smtpHost, int smtpPort, String imapHost, int imapPort,
      Mailbox complaints, List<Mailbox> supervisors, String otherRecipients) {}

  public record Mailbox(String address, String user, String password) {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes atomically, so a reader never sees half a file. */
  public void writeTo(Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    Files.writeString(temp, toJson() + System.lineSeparator());
    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static Endpoints readFrom(Path file) throws IOException {
    return JSON.readValue(file.toFile(), Endpoints.class);
  }
}
