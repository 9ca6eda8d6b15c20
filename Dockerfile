# syntax=docker/dockerfile:1
# One image for every item2vec service: its arguments are bin/item2vec's, e.g.
#   docker run item2vec streaming --bootstrap-servers kafka:9092
# docker-compose.yml runs the streaming, trainer and api services from it.

# Build the CLI jar (cli/target/item2vec.jar) and its runtime libraries (cli/target/lib/).
# The benchmarks are not needed; Maven's downloads stay in a cache between builds.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests -pl cli -am package

FROM eclipse-temurin:17-jre
# An unprivileged user owning the directories the compose file mounts volumes on: a new named volume takes
# the owner of the directory it is mounted on.
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/item2vec item2vec \
    && mkdir -p /var/lib/item2vec/data /var/lib/item2vec/streaming /var/lib/item2vec/api \
    && chown -R item2vec:item2vec /var/lib/item2vec
COPY --from=build /src/cli/target/lib/ /opt/item2vec/lib/
COPY --from=build /src/cli/target/item2vec.jar /opt/item2vec/item2vec.jar
USER item2vec
WORKDIR /var/lib/item2vec
# api, streaming and trainer (health and metrics)
EXPOSE 8080 8081 8082
# The flags of bin/item2vec: the trainer's Vector API (an incubator module on Java 17) and RocksDB's native
# library. The heap follows the container's memory limit; JAVA_TOOL_OPTIONS=-Xmx2g sets it outright.
ENTRYPOINT ["java", "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", \
            "-XX:MaxRAMPercentage=75", "-jar", "/opt/item2vec/item2vec.jar"]
CMD ["--help"]
