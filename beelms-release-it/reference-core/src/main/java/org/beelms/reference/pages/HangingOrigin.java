package org.beelms.reference.pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A resource of another origin that never answers ({@code --hanging-third-party}): a second loopback
 * port (another port is another origin) that accepts every connection, reads nothing and writes
 * nothing, like an analytics or captcha host unreachable from where the smoke runs. The connections
 * are held until {@link #close()}.
 */
public final class HangingOrigin implements AutoCloseable {

  private final ServerSocket socket;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final URI script;

  /** Listens on a free port of {@code host}. */
  public HangingOrigin(String host) {
    try {
      socket = new ServerSocket();
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the hanging third-party port on " + host, e);
    }
    String name = socket.getInetAddress().isAnyLocalAddress() ? "127.0.0.1" : socket.getInetAddress().getHostAddress();
    script = URI.create("http://" + name + ":" + socket.getLocalPort() + "/analytics.js");
    Thread accepting = new Thread(this::accept, "beelms-hanging-origin");
    accepting.setDaemon(true);
    accepting.start();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        held.add(socket.accept());
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** The script URL the pages load from it. */
  public URI script() {
    return script;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : held) {
      try {
        s.close();
      } catch (IOException e) {
        // the peer may be gone
      }
    }
  }
}
