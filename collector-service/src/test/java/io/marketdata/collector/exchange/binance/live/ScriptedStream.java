package io.marketdata.collector.exchange.binance.live;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A local WebSocket server (RFC 6455, JDK sockets only, so it behaves the same beside a running
 * Quarkus app) standing in for Binance's stream endpoint: it records each connection's request URI
 * and the client's text messages (SUBSCRIBE/UNSUBSCRIBE), and lets a test push frames (whole or in
 * parts) and close connections. Pings are answered; nothing is sent unless a test sends it.
 */
final class ScriptedStream implements AutoCloseable {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final List<Connection> open = new CopyOnWriteArrayList<>();
    private final List<String> connectedUris = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    ScriptedStream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "scripted-stream-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + server.getLocalPort();
    }

    List<String> connectedUris() {
        return List.copyOf(connectedUris);
    }

    List<String> received() {
        return List.copyOf(received);
    }

    int openConnections() {
        return open.size();
    }

    /** Sends {@code text} to every open connection as one frame. */
    void send(String text) {
        open.forEach(c -> c.frame(0x81, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends {@code text} to every open connection as a text frame plus continuation frames. */
    void sendInParts(String text, int parts) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        int step = Math.max(1, bytes.length / parts);
        for (Connection c : open) {
            synchronized (c) {
                for (int from = 0; from < bytes.length; from += step) {
                    boolean last = from + step >= bytes.length;
                    int opcode = (from == 0 ? 0x1 : 0x0) | (last ? 0x80 : 0);
                    c.frame(opcode, Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + step)));
                }
            }
        }
    }

    /** Closes every open connection with a close frame (the server stays up; clients may reconnect). */
    void closeAll() {
        for (Connection c : open) {
            c.frame(0x88, new byte[] {0x03, (byte) 0xE8}); // 1000 normal closure
            c.close();
        }
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(Connection::close);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> serve(socket), "scripted-stream-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        Connection connection = new Connection(socket);
        try {
            InputStream in = socket.getInputStream();
            String uri = null;
            String key = null;
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                if (uri == null) {
                    uri = line.split(" ")[1];
                } else if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            connectedUris.add(uri);
            open.add(connection);
            readFrames(new DataInputStream(in), connection);
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            // the client went away
        } finally {
            open.remove(connection);
            connection.close();
        }
    }

    /** Client frames are masked; text messages are recorded, pings answered, a close ends the loop. */
    private void readFrames(DataInputStream in, Connection connection) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = new byte[4];
            if ((second & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            int opcode = first & 0x0F;
            if (opcode == 0x8) {
                connection.frame(0x88, payload);
                return;
            } else if (opcode == 0x9) {
                connection.frame(0x8A, payload);
            } else if (opcode == 0x1 || opcode == 0x0) {
                message.write(payload);
                if ((first & 0x80) != 0) {
                    received.add(message.toString(StandardCharsets.UTF_8));
                    message.reset();
                }
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed during the handshake");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** One accepted connection; writes are serialised. */
    private static final class Connection {
        private final Socket socket;

        Connection(Socket socket) {
            this.socket = socket;
        }

        /** An unmasked server frame: {@code head} is FIN/opcode, the payload follows its length. */
        synchronized void frame(int head, byte[] payload) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head);
                if (payload.length < 126) {
                    out.write(payload.length);
                } else if (payload.length < 65_536) {
                    out.write(126);
                    out.write(payload.length >>> 8);
                    out.write(payload.length & 0xFF);
                } else {
                    out.write(127);
                    for (int shift = 56; shift >= 0; shift -= 8) {
                        out.write((int) ((long) payload.length >>> shift) & 0xFF);
                    }
                }
                out.write(payload);
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
