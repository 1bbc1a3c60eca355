package com.complaintflow.intake.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A self-signed server key store made with the JDK's keytool, and a client context trusting only its certificate. */
public final class SelfSignedKeyStore {
  public static final String ALIAS = "intake";

  private SelfSignedKeyStore() {}

  /** A key store of {@code type} (PKCS12, JKS) with an EC key for CN=localhost, IP 127.0.0.1. */
  public static Path create(Path dir, String password, String type) throws Exception {
    Path file = dir.resolve("server-" + System.nanoTime() + "." + type.toLowerCase(java.util.Locale.ROOT));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", type, "-keystore", file.toString(),
        "-storepass", password, "-keypass", password, "-noprompt"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(file)) {
      p.destroyForcibly();
      throw new IllegalStateException("keytool failed: " + out);
    }
    return file;
  }

  /** A client TLS context that trusts the certificate in {@code keyStore} and nothing else. */
  public static SSLContext clientTrusting(Path keyStore, String password, String type) throws Exception {
    KeyStore server = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(keyStore)) {
      server.load(in, password.toCharArray());
    }
    Certificate cert = server.getCertificate(ALIAS);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
