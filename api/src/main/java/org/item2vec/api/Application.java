package org.item2vec.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** The recommendation API: {@code GET /recommend?item=…} and friends, over the models the trainer publishes. */
@OpenAPIDefinition(info = @Info(title = "item2vec", version = "0.1",
        description = "Similar-item and next-item recommendations from item embeddings learned from clicks."))
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
