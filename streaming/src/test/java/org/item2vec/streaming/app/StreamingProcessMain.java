package org.item2vec.streaming.app;

import java.nio.file.Path;
import java.util.Map;
import org.item2vec.service.config.Settings;
import org.item2vec.streaming.config.StreamingConfig;

/** Runs the streaming application in its own JVM, configured by a settings file, until killed. */
public final class StreamingProcessMain {
    private StreamingProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        StreamingConfig config = StreamingConfig.from(Settings.load(Path.of(args[0]), Map.of(), Map.of()));
        StreamingApp app = new StreamingApp(config, line -> System.out.println(line));
        app.start();
        System.out.println("started");
        app.awaitStop();
    }
}
