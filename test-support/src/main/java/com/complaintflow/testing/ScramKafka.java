package com.complaintflow.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft broker whose client listener accepts only SASL/SCRAM-authenticated
 * clients ({@code SASL_PLAINTEXT}), with the users given to {@link #withUser}, started once per
 * test class:
 *
 * <pre>
 *   &#64;RegisterExtension static final ScramKafka kafka = new ScramKafka().withUser("svc", "secret");
 *   ... kafka.bootstrapServers()          // the SASL listener: what the code under test is given
 *   ... kafka.jaasConfig("svc", "secret") // its sasl.jaas.config
 *   ... kafka.internal().createTopic(...) // set-up and observation, no authentication
 * </pre>
 *
 * <p>The broker has a second, unauthenticated listener: the test kit's own, used for inter-broker
 * traffic, to create the SCRAM credentials (SCRAM users live in the cluster metadata, so a first
 * user cannot be created over SCRAM) and by {@link #internal()} for the test's set-up and checks.
 * Authentication only, no authorizer: an authenticated user may do anything.
 */
public final class ScramKafka implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  /** The listener that requires SCRAM; {@link #bootstrapServers()} points at it. */
  public static final String SASL_LISTENER = "SASL_CLIENTS";
  // The test kit's listener names (TestKitDefaults, which is not on the compile classpath): its
  // broker listener stays PLAINTEXT and carries the inter-broker and set-up traffic.
  private static final String KIT_BROKER_LISTENER = "EXTERNAL";
  private static final String KIT_CONTROLLER_LISTENER = "CONTROLLER";
  private static final int ITERATIONS = 4096;
  private static final Duration CREDENTIALS_TIMEOUT = Duration.ofSeconds(30);

  private final ScramMechanism mechanism;
  private final Map<String, String> users = new LinkedHashMap<>();
  private final EmbeddedKafka broker = new EmbeddedKafka();
  private boolean started;

  /** SCRAM-SHA-256. */
  public ScramKafka() {
    this(ScramMechanism.SCRAM_SHA_256);
  }

  public ScramKafka(ScramMechanism mechanism) {
    if (mechanism == null || mechanism == ScramMechanism.UNKNOWN) {
      throw new IllegalArgumentException("a SCRAM mechanism is required: " + mechanism);
    }
    this.mechanism = mechanism;
    String name = mechanism.mechanismName();
    broker.withBrokerProperty("listeners", KIT_BROKER_LISTENER + "://localhost:0,"
            + KIT_CONTROLLER_LISTENER + "://localhost:0," + SASL_LISTENER + "://localhost:0")
        .withBrokerProperty("listener.security.protocol.map", KIT_BROKER_LISTENER + ":PLAINTEXT,"
            + KIT_CONTROLLER_LISTENER + ":PLAINTEXT," + SASL_LISTENER + ":" + SecurityProtocol.SASL_PLAINTEXT.name)
        .withBrokerProperty("sasl.enabled.mechanisms", name)
        // the server side of SCRAM needs a login module too; the credentials come from the metadata
        .withBrokerProperty("listener.name." + SASL_LISTENER.toLowerCase(Locale.ROOT) + "."
            + name.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required;");
  }

  /**
   * A SCRAM user created when the broker starts. Names and passwords are written into a JAAS
   * line between double quotes, so neither may hold a quote or a backslash.
   */
  public ScramKafka withUser(String user, String password) {
    for (String s : List.of(user, password)) {
      if (s.isEmpty() || s.contains("\"") || s.contains("\\")) {
        throw new IllegalArgumentException("a SCRAM user name or password must be non-empty, without quotes or backslashes");
      }
    }
    users.put(user, password);
    return this;
  }

  /** Adds or overrides a broker property; call before the class's tests start. */
  public ScramKafka withBrokerProperty(String key, String value) {
    broker.withBrokerProperty(key, value);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    broker.beforeEach(context);
  }

  public void start() throws Exception {
    if (started) {
      return;
    }
    broker.start();
    started = true;
    if (users.isEmpty()) {
      return;
    }
    List<UserScramCredentialAlteration> upserts = new ArrayList<>();
    users.forEach((user, password) -> upserts.add(
        new UserScramCredentialUpsertion(user, new ScramCredentialInfo(mechanism, ITERATIONS), password)));
    broker.admin().alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
    // The controller has committed the credentials; the broker's SCRAM cache follows the metadata
    // log a moment later, and a client that connects before then is refused.
    for (Map.Entry<String, String> user : users.entrySet()) {
      awaitAuthenticates(user.getKey(), user.getValue());
    }
  }

  public void stop() throws Exception {
    started = false;
    broker.stop();
  }

  /** The SCRAM listener, {@code localhost:port}. */
  public String bootstrapServers() {
    requireStarted();
    return broker.bootstrapServers(SASL_LISTENER);
  }

  /** {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}, for {@code sasl.mechanism}. */
  public String mechanism() {
    return mechanism.mechanismName();
  }

  /** The {@code sasl.jaas.config} value of a client that logs in as {@code user}. */
  public static String jaasConfig(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
        + "\" password=\"" + password + "\";";
  }

  /** Client settings for the SCRAM listener as {@code user}: bootstrap servers and security. */
  public Map<String, Object> clientProps(String user, String password) {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name);
    props.put(SaslConfigs.SASL_MECHANISM, mechanism());
    props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
    return props;
  }

  /**
   * The same broker over its unauthenticated listener, with {@link EmbeddedKafka}'s helpers
   * (topics, producer and consumer settings, reading a topic): for a test's set-up and checks,
   * never for the code under test.
   */
  public EmbeddedKafka internal() {
    requireStarted();
    return broker;
  }

  private void awaitAuthenticates(String user, String password) throws Exception {
    Map<String, Object> props = clientProps(user, password);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    long deadline = System.nanoTime() + CREDENTIALS_TIMEOUT.toNanos();
    while (true) {
      try (Admin admin = Admin.create(props)) {
        admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes().get();
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof SaslAuthenticationException) || System.nanoTime() > deadline) {
          throw new IllegalStateException("SCRAM user " + user + " cannot log in to " + bootstrapServers()
              + " within " + CREDENTIALS_TIMEOUT + ": " + e.getCause(), e.getCause());
        }
      }
      Thread.sleep(100);
    }
  }

  private void requireStarted() {
    if (!started) {
      throw new IllegalStateException(
          "ScramKafka not started: register it with @RegisterExtension on a static field");
    }
  }

  @Override
  public String toString() {
    return "ScramKafka[" + (started ? bootstrapServers() + " " + mechanism() : "stopped") + "]";
  }
}
