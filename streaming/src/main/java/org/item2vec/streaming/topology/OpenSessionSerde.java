package org.item2vec.streaming.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.item2vec.events.sessions.ClickEvent;
import org.item2vec.events.sessions.EventType;
import org.item2vec.streaming.events.Click;

/**
 * Compact binary form of an {@link OpenSession} for the session store and its changelog. It is rewritten on
 * every click, so it avoids JSON: the user once, then per click item, time, type, dwell and market.
 */
public final class OpenSessionSerde implements Serde<OpenSession> {
    private static final byte FORMAT_VERSION = 1;

    @Override
    public Serializer<OpenSession> serializer() {
        return (topic, session) -> session == null ? null : write(session);
    }

    @Override
    public Deserializer<OpenSession> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(OpenSession session) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 32 * session.clicks().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeInt(session.latest());
            out.writeInt(session.overflow());
            out.writeInt(session.clicks().size());
            out.writeUTF(session.clicks().isEmpty() ? "" : session.clicks().get(0).user());
            for (Click click : session.clicks()) {
                ClickEvent event = click.event();
                out.writeUTF(event.item());
                out.writeLong(event.timestampMs());
                out.writeByte(event.type().ordinal());
                out.writeLong(event.dwellMs());
                out.writeBoolean(click.market() != null);
                if (click.market() != null) {
                    out.writeUTF(click.market());
                }
            }
        } catch (IOException e) {
            throw new SerializationException("cannot encode an open session", e);
        }
        return bytes.toByteArray();
    }

    static OpenSession read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new SerializationException("unknown open-session format version " + version);
            }
            int latest = in.readInt();
            int overflow = in.readInt();
            int size = in.readInt();
            String user = in.readUTF();
            List<Click> clicks = new ArrayList<>(size);
            EventType[] types = EventType.values();
            for (int i = 0; i < size; i++) {
                String item = in.readUTF();
                long timestamp = in.readLong();
                EventType type = types[in.readByte()];
                long dwell = in.readLong();
                String market = in.readBoolean() ? in.readUTF() : null;
                clicks.add(new Click(new ClickEvent(user, item, timestamp, type, dwell), market));
            }
            return new OpenSession(clicks, latest, overflow);
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new SerializationException("corrupt open-session record", e);
        }
    }
}
