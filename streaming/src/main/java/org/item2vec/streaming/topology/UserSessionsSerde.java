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
 * Compact binary form of a {@link UserSessions} for its store and changelog. It is rewritten on every click, so
 * it avoids JSON: the user once, then per click item, time, type, dwell, market and arrival time.
 */
final class UserSessionsSerde implements Serde<UserSessions> {
    private static final byte FORMAT_VERSION = 1;

    @Override
    public Serializer<UserSessions> serializer() {
        return (topic, sessions) -> sessions == null ? null : write(sessions);
    }

    @Override
    public Deserializer<UserSessions> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(UserSessions sessions) {
        List<UserSessions.PendingClick> clicks = sessions.clicks();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(40 + 40 * clicks.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeLong(sessions.writtenUntil());
            out.writeInt(sessions.overflow());
            out.writeLong(sessions.deadline());
            out.writeInt(clicks.size());
            out.writeUTF(clicks.isEmpty() ? "" : clicks.get(0).click().user());
            for (UserSessions.PendingClick pending : clicks) {
                ClickEvent event = pending.click().event();
                out.writeUTF(event.item());
                out.writeLong(event.timestampMs());
                out.writeByte(event.type().ordinal());
                out.writeLong(event.dwellMs());
                String market = pending.click().market();
                out.writeBoolean(market != null);
                if (market != null) {
                    out.writeUTF(market);
                }
                out.writeLong(pending.arrivalMs());
            }
        } catch (IOException e) {
            throw new SerializationException("cannot encode a user's pending sessions", e);
        }
        return bytes.toByteArray();
    }

    static UserSessions read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new SerializationException("unknown user-sessions format version " + version);
            }
            long writtenUntil = in.readLong();
            int overflow = in.readInt();
            long deadline = in.readLong();
            int size = in.readInt();
            String user = in.readUTF();
            List<UserSessions.PendingClick> clicks = new ArrayList<>(size);
            EventType[] types = EventType.values();
            for (int i = 0; i < size; i++) {
                String item = in.readUTF();
                long timestamp = in.readLong();
                EventType type = types[in.readByte()];
                long dwell = in.readLong();
                String market = in.readBoolean() ? in.readUTF() : null;
                Click click = new Click(new ClickEvent(user, item, timestamp, type, dwell), market);
                clicks.add(new UserSessions.PendingClick(click, in.readLong()));
            }
            return new UserSessions(clicks, writtenUntil, overflow, deadline);
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new SerializationException("corrupt user-sessions record", e);
        }
    }
}
