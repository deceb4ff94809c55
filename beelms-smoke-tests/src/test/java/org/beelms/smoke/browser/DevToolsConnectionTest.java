package org.beelms.smoke.browser;

import org.beelms.smoke.client.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DevTools connection and its WebSocket client against a real socket speaking RFC 6455 the way Chromium does
 * (server frames unmasked, large messages fragmented, pings): what a browser test would only show as a hang.
 */
class DevToolsConnectionTest {
    private static final Pattern KEY = Pattern.compile("Sec-WebSocket-Key: (\\S+)");

    private ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger pongs = new java.util.concurrent.atomic.AtomicInteger();

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** A one-connection WebSocket server; {@code reply} answers each text message the client sends. */
    private URI serve(BiConsumer<String, Peer> reply) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                Peer peer = new Peer(s);
                peer.handshake();
                String message;
                while ((message = peer.readText()) != null) {
                    received.add(message);
                    reply.accept(message, peer);
                }
            } catch (IOException e) {
                // the test closed it
            }
        }, "fake-devtools");
        t.setDaemon(true);
        t.start();
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/devtools/browser/test");
    }

    @Test
    void aCommandIsAnsweredByIdAndEventsReachTheListenerThroughFragmentsAndPings() throws Exception {
        String big = "x".repeat(200_000); // a screenshot-sized answer, sent in 3 fragments
        URI endpoint = serve((text, peer) -> {
            int id = ((Number) ((Map<?, ?>) Json.parse(text).orElseThrow()).get("id")).intValue();
            peer.ping();
            peer.text("{\"method\":\"Page.domContentEventFired\",\"params\":{\"timestamp\":1},\"sessionId\":\"S1\"}");
            peer.fragmented("{\"id\":" + id + ",\"result\":{\"data\":\"" + big + "\"}}", 3);
        });
        LinkedBlockingQueue<DevTools.Event> events = new LinkedBlockingQueue<>();
        try (DevTools cdp = DevTools.connect(endpoint, Duration.ofSeconds(5))) {
            cdp.onEvent(events::add);
            Map<String, Object> result = cdp.send("S1", "Page.captureScreenshot", Map.of("format", "png"),
                    Duration.ofSeconds(5));
            assertEquals(big, result.get("data"));
            DevTools.Event event = events.poll(5, TimeUnit.SECONDS);
            assertNotNull(event);
            assertEquals("Page.domContentEventFired", event.method());
            assertEquals("S1", event.sessionId());
            cdp.send("Page.enable", Map.of(), Duration.ofSeconds(5)); // the server reads the pong before this
            assertTrue(pongs.get() >= 1, "the client answers a ping with a pong");
        }
        Map<?, ?> sent = (Map<?, ?>) Json.parse(received.get(0)).orElseThrow();
        assertEquals("Page.captureScreenshot", sent.get("method"));
        assertEquals("S1", sent.get("sessionId"));
        assertEquals(Map.of("format", "png"), sent.get("params"));
    }

    @Test
    void theBrowsersErrorIsTheExceptionsMessage() throws Exception {
        URI endpoint = serve((text, peer) -> {
            Object id = ((Map<?, ?>) Json.parse(text).orElseThrow()).get("id");
            peer.text("{\"id\":" + id + ",\"error\":{\"code\":-32000,\"message\":\"Cannot find context with "
                    + "specified id\"}}");
        });
        try (DevTools cdp = DevTools.connect(endpoint, Duration.ofSeconds(5))) {
            DevToolsException e = assertThrows(DevToolsException.class, () -> cdp.send("Runtime.evaluate",
                    Map.of("expression", "1"), Duration.ofSeconds(5)));
            assertEquals("Runtime.evaluate: Cannot find context with specified id", e.getMessage());
        }
    }

    @Test
    void aCommandWithoutAnswerIsBoundedAndAClosedConnectionFailsAtOnce() throws Exception {
        URI endpoint = serve((text, peer) -> {
            if (text.contains("Browser.close")) {
                peer.close();
            }
        });
        try (DevTools cdp = DevTools.connect(endpoint, Duration.ofSeconds(5))) {
            long started = System.nanoTime();
            DevToolsException silent = assertThrows(DevToolsException.class, () -> cdp.send("Page.enable", Map.of(),
                    Duration.ofMillis(300)));
            assertInstanceOf(DevToolsException.Timeout.class, silent);
            assertTrue(silent.getMessage().contains("Page.enable got no answer from the browser within PT0.3S"),
                    silent.getMessage());
            started = System.nanoTime();
            DevToolsException gone = assertThrows(DevToolsException.class, () -> cdp.send("Browser.close", Map.of(),
                    Duration.ofSeconds(30)));
            assertInstanceOf(DevToolsException.Closed.class, gone, gone.getMessage());
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(),
                    "a closed connection must not wait out the command's timeout");
            assertInstanceOf(DevToolsException.Closed.class, assertThrows(DevToolsException.class,
                    () -> cdp.send("Page.enable", Map.of(), Duration.ofSeconds(30))));
        }
    }

    @Test
    void anEndpointThatRefusesTheUpgradeIsNamed() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                new DataInputStream(s.getInputStream()).readNBytes(10);
                s.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // closed
            }
        });
        t.setDaemon(true);
        t.start();
        URI endpoint = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/devtools/browser/x");
        DevToolsException e = assertThrows(DevToolsException.class, () -> DevTools.connect(endpoint,
                Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains(endpoint + " refused the WebSocket upgrade: HTTP/1.1 403 Forbidden"),
                e.getMessage());
    }

    /** The server's side of one connection. */
    private final class Peer {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        void handshake() throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            Matcher m = KEY.matcher(head);
            if (!m.find()) {
                throw new IOException("no key");
            }
            String accept;
            try {
                accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                        (m.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IOException(e);
            }
            out.write(("HTTP/1.1 101 WebSocket Protocol Handshake\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** The next text message the client sent (client frames are masked), or null at close. */
        String readText() throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                if ((b1 & 0x80) == 0) {
                    throw new IOException("a client frame must be masked");
                }
                byte[] mask = in.readNBytes(4);
                byte[] payload = in.readNBytes((int) length);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
                if ((b0 & 0x0F) == 0x8) {
                    return null;
                }
                if ((b0 & 0x0F) == 0xA) {
                    pongs.incrementAndGet();
                    continue; // the answer to ping()
                }
                message.write(payload);
                if ((b0 & 0x80) != 0) {
                    return message.toString(StandardCharsets.UTF_8);
                }
            }
        }

        void text(String text) {
            fragmented(text, 1);
        }

        void fragmented(String text, int parts) {
            byte[] all = text.getBytes(StandardCharsets.UTF_8);
            int size = (all.length + parts - 1) / parts;
            for (int i = 0; i < parts; i++) {
                int from = i * size;
                int to = Math.min(all.length, from + size);
                byte[] part = java.util.Arrays.copyOfRange(all, from, to);
                frame((i == parts - 1 ? 0x80 : 0) | (i == 0 ? 0x1 : 0x0), part);
            }
        }

        void ping() {
            frame(0x89, "are you there".getBytes(StandardCharsets.US_ASCII));
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closed already
            }
        }

        private void frame(int first, byte[] payload) {
            try {
                ByteArrayOutputStream f = new ByteArrayOutputStream();
                f.write(first);
                if (payload.length < 126) {
                    f.write(payload.length);
                } else if (payload.length <= 0xFFFF) {
                    f.write(126);
                    f.write(payload.length >>> 8);
                    f.write(payload.length);
                } else {
                    f.write(127);
                    for (int shift = 56; shift >= 0; shift -= 8) {
                        f.write((int) ((long) payload.length >>> shift));
                    }
                }
                f.write(payload);
                synchronized (this) {
                    out.write(f.toByteArray());
                    out.flush();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
