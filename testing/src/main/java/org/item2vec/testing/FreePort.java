package org.item2vec.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** A port for a server that a test starts in another process, which cannot be asked to bind port 0 and say. */
public final class FreePort {
    private FreePort() {
    }

    /** A port that was free a moment ago: the system's pick for a socket opened and closed at once. */
    public static int find() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
