package com.complaintflow.launcher.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port choice: a fixed port when the user gave one, else one the kernel says is free now. */
final class Ports {
  private Ports() {}

  static int orFree(int requested) {
    return requested > 0 ? requested : free();
  }

  static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free local port: " + e.getMessage(), e);
    }
  }

  /** True when nothing accepts connections on the port yet (a fixed port must be ours to take). */
  static boolean available(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
