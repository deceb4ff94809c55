package org.beelms.smoke.browser;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The smallest WebSocket client (RFC 6455) the DevTools connection needs: a {@code ws://} loopback endpoint, text
 * messages (fragmented or not), ping/pong and close. Not {@code java.net.http.WebSocket}: its client keeps a selector
 * thread in native code until the client is garbage-collected (there is no {@code close()} before Java 21), and the
 * JVM waits up to 300 ms at exit for such a thread; it also loads some 900 JDK classes a short run pays for. Here one
 * daemon thread reads the socket, and closing the socket ends it.
 */
final class WebSocketClient implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private volatile boolean closing;

    private WebSocketClient(Socket socket, OutputStream out, DataInputStream in) {
        this.socket = socket;
        this.out = out;
        this.in = in;
    }

    /**
     * Connects and upgrades (bounded by {@code timeout}), then reads messages on a daemon thread: each text message
     * to {@code onText}; {@code onClosed} once with the reason when the connection ends, whoever ended it.
     */
    static WebSocketClient connect(URI endpoint, Duration timeout, Consumer<String> onText, Consumer<String> onClosed)
            throws IOException {
        if (!"ws".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IOException("not a ws:// endpoint: " + endpoint);
        }
        int port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(in);
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("the DevTools endpoint " + endpoint + " refused the WebSocket upgrade: "
                        + head.lines().findFirst().orElse(""));
            }
            if (!head.toLowerCase(Locale.ROOT).contains("sec-websocket-accept: " + accept(key).toLowerCase(Locale.ROOT))) {
                throw new IOException("the DevTools endpoint " + endpoint + " answered the upgrade with a wrong "
                        + "Sec-WebSocket-Accept");
            }
            socket.setSoTimeout(0); // the reader waits for events as long as the browser runs; commands are bounded
            WebSocketClient client = new WebSocketClient(socket, out, in);
            Thread reader = new Thread(() -> client.read(onText, onClosed), "beelms-devtools-reader");
            reader.setDaemon(true);
            reader.start();
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one text message (one masked frame, as a client must). */
    void send(String text) throws IOException {
        frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        closing = true;
        try {
            frame(0x8, new byte[] {0x03, (byte) 0xE8}); // 1000: normal closure
        } catch (IOException e) {
            // the browser went first
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    private synchronized void frame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    private void read(Consumer<String> onText, Consumer<String> onClosed) {
        String why = "closed";
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = null;
                if ((b1 & 0x80) != 0) {
                    mask = new byte[4];
                    in.readFully(mask);
                }
                if (length > Integer.MAX_VALUE - 16) {
                    throw new IOException("a frame of " + length + " bytes");
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                if (mask != null) {
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i & 3];
                    }
                }
                switch (opcode) {
                    case 0x0, 0x1, 0x2 -> {
                        message.write(payload);
                        if (fin) {
                            String text = message.toString(StandardCharsets.UTF_8);
                            message.reset();
                            onText.accept(text);
                        }
                    }
                    case 0x8 -> {
                        why = "closed by the browser";
                        close();
                        return;
                    }
                    case 0x9 -> frame(0xA, payload);
                    default -> {
                        // pong or reserved: nothing to do
                    }
                }
            }
        } catch (EOFException e) {
            why = "the browser ended the connection";
        } catch (IOException e) {
            why = closing ? "closed by the smoke run" : "failed: " + e.getMessage();
        } finally {
            onClosed.accept(why);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
            if (head.length() > 16_384) {
                break;
            }
        }
        throw new IOException("the DevTools endpoint closed the connection during the WebSocket upgrade");
    }

    private static String accept(String key) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}
