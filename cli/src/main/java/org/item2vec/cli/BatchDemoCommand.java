package org.item2vec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.item2vec.events.sessions.ClickEvent;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.learn.corpus.CorpusBuilder;
import org.item2vec.learn.corpus.CorpusFiles;
import org.item2vec.learn.corpus.InputFormat;
import org.item2vec.learn.corpus.ItemMarkets;
import org.item2vec.learn.sgns.SgnsTrainer;
import org.item2vec.learn.sgns.TrainingConfig;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vectors.Neighbour;
import org.item2vec.learn.vectors.SimilaritySearch;
import org.item2vec.learn.vectors.Word2VecFormat;
import org.item2vec.trainer.demo.DemoMarketplace;
import org.item2vec.trainer.demo.DemoMarketplace.Listing;

/**
 * {@code item2vec demo-batch}: generates a small marketplace click log, trains on it in batch (Airbnb's
 * booked-item context and market negatives on) and prints the neighbours of a few listings next to their
 * attributes. No Kafka, no services: the quickest look at what the embeddings learn.
 */
final class BatchDemoCommand implements Command {
    static final String DIR = "--dir";
    static final String USERS = "--users";
    static final String SEED = "--seed";

    @Override
    public String name() {
        return "demo-batch";
    }

    @Override
    public String summary() {
        return "generate a demo marketplace, train on its clicks in batch and print similar listings";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.of(DIR, "DIR", Path.of(System.getProperty("java.io.tmpdir"), "item2vec-demo-batch").toString(),
                        "where the demo click log, items and vectors are written"),
                Option.of(USERS, "N", "3000", "simulated users"),
                Option.of(SEED, "N", "1", "random seed of data and training"));
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Path dir = args.requiredPath(DIR);
        long seed = args.longValue(SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        DemoMarketplace demo = DemoMarketplace.generate(args.integer(USERS, 10, 1_000_000), seed);
        Files.createDirectories(dir);
        Path clicks = dir.resolve("clicks.csv");
        Path items = dir.resolve("items.csv");
        writeClicks(demo, clicks);
        writeItems(demo, items);
        out.printf("wrote %,d clicks of a %d-listing marketplace to %s and %s%n", demo.clicks().size(),
                demo.listings().size(), clicks, items);

        TrainingConfig config = TrainingConfig.builder().dim(32).window(5).negative(5).sample(0).minCount(1)
                .marketNegatives(2).epochs(15).seed(seed).build();
        CorpusFiles.Loaded loaded = CorpusFiles.load(clicks, InputFormat.CLICKS, SessionRules.DEFAULT,
                CorpusBuilder.DEFAULT_MAX_SESSION_LENGTH, config.minCount());
        out.printf("%,d sessions cut from the clicks (30-minute gap); training %d-dim vectors ...%n",
                loaded.corpus().sessionCount(), config.dim());
        SgnsTrainer.Result result = new SgnsTrainer(config)
                .markets(ItemMarkets.read(items).indexFor(loaded.corpus().vocabulary()))
                .onProgress(status -> err.println(status.format()), Duration.ofSeconds(2))
                .train(loaded.corpus());
        Embeddings model = result.embeddings();
        Path vectors = dir.resolve("vectors.txt");
        Word2VecFormat.writeModel(model, vectors, Word2VecFormat.Encoding.TEXT);
        out.printf(Locale.ROOT, "trained in %.1f s; vectors in %s%n%n", result.status().elapsed().toMillis() / 1000.0,
                vectors);

        printNeighbours(demo, new SimilaritySearch(model), out);
        out.println();
        out.println("next: bin/item2vec neighbours --vectors " + vectors + " --item " + demo.listings().get(0).id());
        return 0;
    }

    private static void printNeighbours(DemoMarketplace demo, SimilaritySearch search, PrintStream out) {
        int k = 5;
        int resembling = 0;
        int sameMarket = 0;
        int total = 0;
        for (Listing listing : demo.listings()) {
            int index = search.model().vocabulary().indexOf(listing.id());
            if (index < 0) {
                continue;
            }
            List<Neighbour> neighbours = search.search(index, k, SimilaritySearch.Scoring.SIMILAR);
            boolean show = demo.listings().indexOf(listing) % 60 == 0;
            if (show) {
                out.println("listing " + describe(listing) + " — most similar:");
            }
            for (Neighbour n : neighbours) {
                Listing other = demo.listing(n.item());
                total++;
                sameMarket += other.market().equals(listing.market()) ? 1 : 0;
                resembling += other.resembles(listing) ? 1 : 0;
                if (show) {
                    out.printf(Locale.ROOT, "    %.3f  %s%n", n.score(), describe(other));
                }
            }
        }
        out.printf(Locale.ROOT, "%nover all listings' top %d: %.0f %% in the same market, %.0f %% also in the same "
                        + "neighbourhood with the same room type (chance: about %.0f %%)%n",
                k, 100.0 * sameMarket / total, 100.0 * resembling / total, 100.0 / DemoMarketplace.MARKETS.size() / 8);
    }

    private static String describe(Listing l) {
        return String.format(Locale.ROOT, "%s (%s, neighbourhood %d, %s, price bucket %d)", l.id(), l.market(),
                l.neighbourhood(), l.type(), l.priceBucket());
    }

    private static void writeClicks(DemoMarketplace demo, Path path) throws IOException {
        StringBuilder csv = new StringBuilder("user,item,timestamp,type\n");
        for (ClickEvent click : demo.clicks()) {
            csv.append(click.user()).append(',').append(click.item()).append(',').append(click.timestampMs())
                    .append(',').append(click.type().name().toLowerCase(Locale.ROOT)).append('\n');
        }
        Files.writeString(path, csv, StandardCharsets.UTF_8);
    }

    private static void writeItems(DemoMarketplace demo, Path path) throws IOException {
        StringBuilder csv = new StringBuilder("item,market,neighbourhood,type,price_bucket\n");
        for (Listing l : demo.listings()) {
            csv.append(l.id()).append(',').append(l.market()).append(',').append(l.neighbourhood()).append(',')
                    .append(l.type()).append(',').append(l.priceBucket()).append('\n');
        }
        Files.writeString(path, csv, StandardCharsets.UTF_8);
    }
}
