package com.complaintflow.alerts.mail;

import com.complaintflow.alerts.AlertSinkConfig;
import com.complaintflow.alerts.AlertSinkConfig.SmtpSecurity;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through one SMTP connection that is kept open between messages and reopened after any
 * failure (a broken connection would otherwise fail every later message too).
 */
public final class SmtpMailSender implements MailSender {
  private static final Logger log = LoggerFactory.getLogger(SmtpMailSender.class);

  private final Session session;
  private final String protocol;
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private Transport transport;

  public SmtpMailSender(AlertSinkConfig config) {
    SmtpSecurity security = config.smtpSecurity();
    this.protocol = security == SmtpSecurity.SMTPS ? "smtps" : "smtp";
    this.host = config.smtpHost();
    this.port = config.smtpPort();
    this.username = config.smtpUsername();
    this.password = config.smtpPassword().value();
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.put("mail.transport.protocol", protocol);
    props.put(p + "host", host);
    props.put(p + "port", Integer.toString(port));
    props.put(p + "connectiontimeout", Long.toString(config.smtpConnectTimeout().toMillis()));
    props.put(p + "timeout", Long.toString(config.smtpReadTimeout().toMillis()));
    props.put(p + "writetimeout", Long.toString(config.smtpWriteTimeout().toMillis()));
    props.put(p + "auth", Boolean.toString(!username.isEmpty()));
    try {
      props.put(p + "from", AlertEmailComposer.address(config.mailFrom()).getAddress());
    } catch (jakarta.mail.internet.AddressException e) {
      throw new IllegalArgumentException(AlertSinkConfig.MAIL_FROM_CONFIG + " is not a valid address", e);
    }
    if (security == SmtpSecurity.STARTTLS) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    if (security != SmtpSecurity.NONE) {
      props.put(p + "ssl.checkserveridentity", "true");
      if (!config.smtpSslTrust().isBlank()) {
        props.put(p + "ssl.trust", config.smtpSslTrust());
      }
    }
    this.session = Session.getInstance(props);
    log.info("event=smtp-configured host={} port={} security={} auth={}", host, port, security,
        !username.isEmpty());
  }

  @Override
  public Session session() {
    return session;
  }

  @Override
  public synchronized void send(MimeMessage message, InternetAddress recipient) throws MessagingException {
    message.saveChanges();
    try {
      transport().sendMessage(message, new Address[] {recipient});
    } catch (MessagingException | RuntimeException e) {
      disconnect();
      throw e;
    }
  }

  private Transport transport() throws MessagingException {
    if (transport != null && transport.isConnected()) {
      return transport;
    }
    disconnect();
    Transport fresh = session.getTransport(protocol);
    if (username.isEmpty()) {
      fresh.connect();
    } else {
      fresh.connect(host, port, username, password);
    }
    transport = fresh;
    return transport;
  }

  private void disconnect() {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException e) {
        // the connection is being discarded anyway
      }
      transport = null;
    }
  }

  @Override
  public synchronized void close() {
    disconnect();
  }
}
