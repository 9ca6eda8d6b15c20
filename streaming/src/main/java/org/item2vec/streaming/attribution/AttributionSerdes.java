package org.item2vec.streaming.attribution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.item2vec.events.json.BadMessageException;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.experiment.events.ExperimentMessages;

/**
 * How the attribution job's values look in its stores, changelogs and internal topics. The per-user state is
 * rewritten on every event of the user, so it is a compact binary form (a format version first); impressions and
 * counts keep the JSON of the experiment topics.
 */
final class AttributionSerdes {
    private static final byte FORMAT_VERSION = 1;
    private static final byte IMPRESSION = 'I';
    private static final byte ENGAGEMENT = 'E';

    private AttributionSerdes() {
    }

    /** Count changes and totals, as {@link ExperimentMessages} writes them (negative values for decreases). */
    static Serde<ExperimentCounts> experimentCounts() {
        return Serdes.serdeFrom(
                (topic, counts) -> counts == null ? null : ExperimentMessages.toJson(counts),
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    try {
                        return ExperimentMessages.counts(bytes);
                    } catch (BadMessageException e) {
                        throw new SerializationException("unreadable experiment counts: " + e.getMessage());
                    }
                });
    }

    /** Impressions and engagements on their way to the user's task: a tag byte, then the event. */
    static Serde<UserEvent> userEvents() {
        return serde("user event", AttributionSerdes::writeUserEvent, AttributionSerdes::readUserEvent);
    }

    static Serde<RecentActivity> recentActivity() {
        return serde("recent activity", AttributionSerdes::writeRecentActivity, AttributionSerdes::readRecentActivity);
    }

    static Serde<ExperimentUser> experimentUser() {
        return serde("experiment user", AttributionSerdes::writeExperimentUser, AttributionSerdes::readExperimentUser);
    }

    private interface Writer<T> {
        void write(T value, DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException, BadMessageException;
    }

    private static <T> Serde<T> serde(String what, Writer<T> writer, Reader<T> reader) {
        return Serdes.serdeFrom((topic, value) -> value == null ? null : encode(what, value, writer),
                (topic, bytes) -> bytes == null ? null : decode(what, bytes, reader));
    }

    private static <T> byte[] encode(String what, T value, Writer<T> writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            writer.write(value, out);
        } catch (IOException e) {
            throw new SerializationException("cannot encode " + what, e);
        }
        return bytes.toByteArray();
    }

    private static <T> T decode(String what, byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new SerializationException("unknown " + what + " format version " + version);
            }
            return reader.read(in);
        } catch (IOException | BadMessageException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new SerializationException("corrupt " + what + " record", e);
        }
    }

    private static void writeUserEvent(UserEvent event, DataOutputStream out) throws IOException {
        if (event instanceof ImpressionShown shown) {
            out.writeByte(IMPRESSION);
            byte[] json = ExperimentMessages.toJson(shown.impression());
            out.writeInt(json.length);
            out.write(json);
        } else if (event instanceof Engagement engagement) {
            out.writeByte(ENGAGEMENT);
            out.writeUTF(engagement.user());
            out.writeUTF(engagement.item());
            out.writeLong(engagement.timestampMs());
            out.writeByte(engagement.type().ordinal());
        }
    }

    private static UserEvent readUserEvent(DataInputStream in) throws IOException, BadMessageException {
        byte tag = in.readByte();
        if (tag == IMPRESSION) {
            return new ImpressionShown(ExperimentMessages.impression(in.readNBytes(in.readInt())));
        }
        if (tag == ENGAGEMENT) {
            return new Engagement(in.readUTF(), in.readUTF(), in.readLong(), Engagement.Type.values()[in.readByte()]);
        }
        throw new IOException("unknown user event tag " + tag);
    }

    private static void writeRecentActivity(RecentActivity recent, DataOutputStream out) throws IOException {
        out.writeLong(recent.nextImpressionId());
        out.writeInt(recent.impressions().size());
        for (HeldImpression impression : recent.impressions()) {
            out.writeLong(impression.id());
            out.writeUTF(impression.experiment());
            out.writeUTF(impression.variant());
            writeStrings(impression.items(), out);
            writeStrings(impression.teams(), out);
            out.writeLong(impression.timestampMs());
            writeCounts(impression.clicks(), out);
            writeCounts(impression.bookings(), out);
        }
        out.writeInt(recent.engagements().size());
        for (HeldEngagement engagement : recent.engagements()) {
            out.writeUTF(engagement.item());
            out.writeLong(engagement.timestampMs());
            out.writeByte(engagement.type().ordinal());
            out.writeInt(engagement.creditedTo().size());
            for (Map.Entry<String, Long> credit : engagement.creditedTo().entrySet()) {
                out.writeUTF(credit.getKey());
                out.writeLong(credit.getValue());
            }
        }
    }

    private static RecentActivity readRecentActivity(DataInputStream in) throws IOException {
        long nextImpressionId = in.readLong();
        int impressionCount = in.readInt();
        List<HeldImpression> impressions = new ArrayList<>(impressionCount);
        for (int i = 0; i < impressionCount; i++) {
            impressions.add(new HeldImpression(in.readLong(), in.readUTF(), in.readUTF(), readStrings(in),
                    readStrings(in), in.readLong(), readCounts(in), readCounts(in)));
        }
        int engagementCount = in.readInt();
        List<HeldEngagement> engagements = new ArrayList<>(engagementCount);
        for (int i = 0; i < engagementCount; i++) {
            String item = in.readUTF();
            long timestampMs = in.readLong();
            Engagement.Type type = Engagement.Type.values()[in.readByte()];
            int creditCount = in.readInt();
            Map<String, Long> creditedTo = new TreeMap<>();
            for (int c = 0; c < creditCount; c++) {
                creditedTo.put(in.readUTF(), in.readLong());
            }
            engagements.add(new HeldEngagement(item, timestampMs, type, creditedTo));
        }
        return new RecentActivity(nextImpressionId, impressions, engagements);
    }

    private static void writeExperimentUser(ExperimentUser user, DataOutputStream out) throws IOException {
        writeStrings(user.exposed(), out);
        writeCounts(user.clicks(), out);
        writeCounts(user.bookings(), out);
        writeCounts(user.interleavedClicks(), out);
    }

    private static ExperimentUser readExperimentUser(DataInputStream in) throws IOException {
        return new ExperimentUser(new TreeSet<>(readStrings(in)), readCounts(in), readCounts(in), readCounts(in));
    }

    private static void writeStrings(Collection<String> strings, DataOutputStream out) throws IOException {
        out.writeInt(strings.size());
        for (String string : strings) {
            out.writeUTF(string);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<String> strings = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            strings.add(in.readUTF());
        }
        return strings;
    }

    private static void writeCounts(TeamCounts counts, DataOutputStream out) throws IOException {
        out.writeInt(counts.asMap().size());
        for (Map.Entry<String, Long> count : counts.asMap().entrySet()) {
            out.writeUTF(count.getKey());
            out.writeLong(count.getValue());
        }
    }

    private static TeamCounts readCounts(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            counts.put(in.readUTF(), in.readLong());
        }
        return new TeamCounts(counts);
    }
}
