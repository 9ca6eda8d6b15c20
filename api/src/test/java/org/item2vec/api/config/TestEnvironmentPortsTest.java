package org.item2vec.api.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The settings every test of this module starts from point at no default port (the API's 8080, Kafka's 9092,
 * the services' 8081 and 8082), so that no test reaches a demo or a developer's broker running there: a test
 * that left Kafka unset published its impressions to {@code localhost:9092}.
 */
class TestEnvironmentPortsTest {
    private static final Set<Integer> DEFAULT_PORTS = Set.of(8080, 8081, 8082, 9092);

    @Test
    void kafkaAndTheServerAreOnNoDefaultPort() {
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            Environment environment = context.getEnvironment().start();
            assertTrue(environment.getActiveNames().contains(Environment.TEST), environment.getActiveNames()::toString);

            String bootstrap = environment.getRequiredProperty("item2vec.kafka.bootstrap-servers", String.class);
            for (String server : bootstrap.split(",")) {
                int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1).trim());
                assertFalse(DEFAULT_PORTS.contains(port), "tests point Kafka at " + bootstrap);
            }
            int serverPort = environment.getRequiredProperty("micronaut.server.port", Integer.class);
            assertFalse(DEFAULT_PORTS.contains(serverPort), "tests start the API on port " + serverPort);
        }
    }
}
