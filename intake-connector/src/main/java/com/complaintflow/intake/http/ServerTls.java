package com.complaintflow.intake.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * TLS of the HTTP API: an SSLContext from a key store file, offered with the configured protocol
 * versions. Every failure is a ConfigException that names the setting to change; no message ever
 * holds a password.
 */
public final class ServerTls {
  private ServerTls() {}

  /**
   * What the server needs; the {@code *Key} fields are the configuration keys named in errors.
   *
   * @param keyPassword the private key's password; null: the key store password
   */
  public record Settings(String path, Password storePassword, String type, Password keyPassword, List<String> protocols,
      String pathKey, String storePasswordKey, String typeKey, String keyPasswordKey, String protocolsKey) {}

  /** Loads the key store and checks the protocols; throws ConfigException naming the key at fault. */
  public static SSLContext sslContext(Settings s) {
    if (s.path() == null || s.path().isBlank()) {
      throw new ConfigException(s.pathKey() + " is required when TLS is enabled: the key store (" + s.type()
          + ") holding the server's private key and certificate chain");
    }
    Path path = Path.of(s.path().trim());
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ConfigException(s.pathKey() + ": key store file " + path.toAbsolutePath() + " does not exist or is not readable");
    }
    KeyStore store;
    try {
      store = KeyStore.getInstance(s.type());
    } catch (KeyStoreException e) {
      throw new ConfigException(s.typeKey() + ": unknown key store type '" + s.type() + "' (e.g. PKCS12, JKS)");
    }
    char[] storePassword = chars(s.storePassword());
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, storePassword);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new ConfigException(s.storePasswordKey() + ": wrong password for key store " + path.toAbsolutePath());
      }
      throw new ConfigException(s.pathKey() + ": cannot read " + path.toAbsolutePath() + " as a " + s.type()
          + " key store (check it and " + s.typeKey() + "): " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new ConfigException(s.pathKey() + ": cannot read key store " + path.toAbsolutePath() + ": " + e.getMessage());
    }
    try {
      if (Collections.list(store.aliases()).stream().noneMatch(a -> isKeyEntry(store, a))) {
        throw new ConfigException(s.pathKey() + ": key store " + path.toAbsolutePath()
            + " holds no private key entry (only certificates)");
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      boolean ownKeyPassword = s.keyPassword() != null;
      try {
        kmf.init(store, ownKeyPassword ? chars(s.keyPassword()) : storePassword);
      } catch (UnrecoverableKeyException e) {
        throw new ConfigException((ownKeyPassword ? s.keyPasswordKey() : s.storePasswordKey())
            + ": cannot recover the private key in " + path.toAbsolutePath() + " with this password"
            + (ownKeyPassword ? "" : " (set " + s.keyPasswordKey() + " when the key has its own password)"));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      checkProtocols(context, s);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException(s.pathKey() + ": cannot set up TLS from " + path.toAbsolutePath() + ": " + e.getMessage());
    }
  }

  /** The JDK server's TLS setup: the context with only the configured protocol versions. */
  public static HttpsConfigurator configurator(SSLContext context, List<String> protocols) {
    String[] enabled = protocols.toArray(String[]::new);
    return new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(enabled);
        p.setNeedClientAuth(false);
        params.setSSLParameters(p);
      }
    };
  }

  /** Older versions (SSLv3, TLSv1, TLSv1.1) are refused: the JDK disables them anyway, so they would only fail later. */
  static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private static void checkProtocols(SSLContext context, Settings s) {
    if (s.protocols().isEmpty()) {
      throw new ConfigException(s.protocolsKey() + " must name at least one protocol, e.g. TLSv1.3,TLSv1.2");
    }
    List<String> supported = new ArrayList<>(Arrays.asList(context.getSupportedSSLParameters().getProtocols()));
    supported.retainAll(ALLOWED_PROTOCOLS);
    List<String> unknown = new ArrayList<>(s.protocols());
    unknown.removeAll(supported);
    if (!unknown.isEmpty()) {
      throw new ConfigException(s.protocolsKey() + ": " + unknown + " not allowed; choose from " + supported);
    }
  }

  private static boolean isKeyEntry(KeyStore store, String alias) {
    try {
      return store.isKeyEntry(alias);
    } catch (KeyStoreException e) {
      return false;
    }
  }

  private static char[] chars(Password password) {
    return password == null || password.value() == null ? new char[0] : password.value().toCharArray();
  }
}
