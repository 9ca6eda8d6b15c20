package org.item2vec.benchmarks;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One persistent HTTP/1.1 connection that sends prepared requests and reads each response to its end, into
 * one reused buffer: a load generator that allocates per request measures its own garbage collector too.
 * Only what the API sends is understood: a status line, headers and a {@code Content-Length} body.
 */
final class KeepAliveConnection implements Closeable {
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    KeepAliveConnection(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A GET request for {@code pathAndQuery}, ready to send as often as needed. */
    static byte[] get(String host, int port, String pathAndQuery) {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one request and reads its whole response; returns the status code. */
    int exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int statusLineEnd = lineEnd();
        int status = parseStatus(statusLineEnd);
        start = statusLineEnd + 2;
        long contentLength = -1;
        while (true) {
            int headerEnd = lineEnd();
            if (headerEnd == start) {
                start += 2;
                break;
            }
            if (startsWithIgnoringCase(CONTENT_LENGTH, headerEnd)) {
                contentLength = parseNumber(start + CONTENT_LENGTH.length, headerEnd);
            }
            start = headerEnd + 2;
        }
        if (contentLength < 0) {
            throw new IOException("a response without Content-Length (status " + status + ") cannot be measured here");
        }
        skip(contentLength);
        return status;
    }

    /** The position of the next CRLF at or after {@code start}, reading more as needed. */
    private int lineEnd() throws IOException {
        int from = start;
        while (true) {
            for (int i = from; i + 1 < end; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    return i;
                }
            }
            from = Math.max(start, end - 1);
            from -= fill();
        }
    }

    /** Reads more bytes after what is buffered, compacting first; returns how far the content moved left. */
    private int fill() throws IOException {
        int moved = start;
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            throw new IOException("a response header line longer than " + buffer.length + " bytes");
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            throw new EOFException("the server closed the connection");
        }
        end += read;
        return moved;
    }

    private void skip(long bytes) throws IOException {
        long remaining = bytes;
        while (remaining > 0) {
            if (start == end) {
                start = 0;
                end = 0;
                fill();
            }
            int taken = (int) Math.min(remaining, end - start);
            start += taken;
            remaining -= taken;
        }
    }

    /** "HTTP/1.1 200 OK": the three digits after the first space. */
    private int parseStatus(int lineEnd) throws IOException {
        int space = start;
        while (space < lineEnd && buffer[space] != ' ') {
            space++;
        }
        if (space + 4 > lineEnd) {
            throw new IOException("not an HTTP status line");
        }
        return (int) parseNumber(space + 1, space + 4);
    }

    private long parseNumber(int from, int to) throws IOException {
        long value = 0;
        boolean digits = false;
        for (int i = from; i < to; i++) {
            byte b = buffer[i];
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                digits = true;
            } else if (b != ' ' && b != '\t') {
                throw new IOException("not a number in a response header");
            }
        }
        if (!digits) {
            throw new IOException("no number in a response header");
        }
        return value;
    }

    private boolean startsWithIgnoringCase(byte[] prefix, int lineEnd) {
        if (lineEnd - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (Character.toLowerCase(buffer[start + i]) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
