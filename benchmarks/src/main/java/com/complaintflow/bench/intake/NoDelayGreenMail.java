package com.complaintflow.bench.intake;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;

/**
 * The e-mail intake's own IMAP server: GreenMail (IMAP only, loopback, a free port) whose client
 * sockets have TCP_NODELAY set. Stock GreenMail writes a response in several small flushes
 * without TCP_NODELAY, so Nagle's algorithm holds each later part until the client's delayed
 * acknowledgement (about 40 ms on Linux): every IMAP command then costs some 40 ms whatever the
 * client does (about 46 ms per fetched message here, against 1.4 ms with TCP_NODELAY), and an
 * intake benchmark on it would measure that stall rather than the intake.
 */
final class NoDelayGreenMail extends GreenMail {
  private AbstractServer imap;

  NoDelayGreenMail() {
    super(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
  }

  @Override
  protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
    Map<String, AbstractServer> services = new HashMap<>();
    for (ServerSetup setup : setups) {
      if (!setup.getProtocol().equals(ServerSetup.PROTOCOL_IMAP)) {
        throw new IllegalArgumentException("only IMAP is offered here, not " + setup.getProtocol());
      }
      imap = new AbstractServer(setup, managers) {
        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
          try {
            socket.setTcpNoDelay(true);
          } catch (SocketException e) {
            throw new UncheckedIOException(e);
          }
          return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), socket);
        }
      };
      services.put(setup.getProtocol(), imap);
    }
    return services;
  }

  /** The IMAP port (chosen at start). */
  int imapPort() {
    return imap.getPort();
  }
}
