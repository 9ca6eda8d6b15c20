package org.item2vec.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class as end-to-end: it starts real brokers, servers or processes of their own and takes
 * seconds to minutes. Such tests run after the unit tests, in the build's integration-test phase (failsafe),
 * so that a unit test failure shows within a minute; {@code mvn verify} runs both.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("end-to-end")
public @interface EndToEnd {
}
