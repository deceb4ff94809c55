package org.beelms.reference.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The socket address of the client of the request being handled. Jersey's JDK HTTP container does not
 * expose the exchange, but it handles each request synchronously on the exchange's thread, so the
 * wrapping handler can hand the address over in a thread-local. Like beelms core, rate limits key on
 * the socket address (no X-Forwarded-For trust).
 */
public final class ClientAddress {

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private ClientAddress() {
  }

  /** The current client's IP address, or {@code "unknown"} outside a request. */
  public static String current() {
    String address = CURRENT.get();
    return address == null ? "unknown" : address;
  }

  /** Wraps {@code delegate} so that {@link #current()} works while it handles an exchange. */
  public static HttpHandler capturing(HttpHandler delegate) {
    return exchange -> handle(delegate, exchange);
  }

  private static void handle(HttpHandler delegate, HttpExchange exchange) throws IOException {
    InetSocketAddress remote = exchange.getRemoteAddress();
    CURRENT.set(remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress());
    try {
      delegate.handle(exchange);
    } finally {
      CURRENT.remove();
    }
  }
}
