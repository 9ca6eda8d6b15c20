package org.item2vec.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.item2vec.learn.vectors.Neighbour;
import org.item2vec.learn.vectors.SimilaritySearch;
import org.item2vec.learn.vectors.SimilaritySearch.Scoring;
import org.item2vec.learn.vectors.Word2VecFormat;

/** {@code item2vec neighbours}: the nearest items of one item, or of each item read from standard input. */
final class NeighboursCommand implements Command {
    static final String VECTORS = "--vectors";
    static final String ITEM = "--item";
    static final String K = "--k";
    static final String MODE = "--mode";

    @Override
    public String name() {
        return "neighbours";
    }

    @Override
    public String summary() {
        return "print the nearest items of an item (cosine, or likely next with --mode next)";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.of(VECTORS, "FILE", null, "vectors in word2vec format (text or binary)", "-vectors"),
                Option.of(ITEM, "ID", null, "the item to query; without it, items are read one per line from stdin"),
                Option.of(K, "N", "10", "how many neighbours", "-k"),
                Option.of(MODE, "similar|next", "similar",
                        "similar: cosine of vectors; next: input·output score (needs the .context file)"));
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        int k = args.integer(K, 1, 10_000);
        Scoring scoring = switch (args.required(MODE).toLowerCase(Locale.ROOT)) {
            case "similar" -> Scoring.SIMILAR;
            case "next" -> Scoring.NEXT;
            default -> throw new UsageException(MODE + " must be similar or next, got '" + args.string(MODE) + "'");
        };
        SimilaritySearch search = new SimilaritySearch(Word2VecFormat.readModel(args.requiredPath(VECTORS)));
        if (scoring == Scoring.NEXT && !search.model().hasOutput()) {
            throw new UsageException("--mode next needs the output vectors file "
                    + Word2VecFormat.contextPathFor(args.requiredPath(VECTORS)));
        }
        if (args.has(ITEM)) {
            return print(search, args.required(ITEM), k, scoring, out, err) ? 0 : 1;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isBlank()) {
                print(search, line.trim(), k, scoring, out, err);
            }
        }
        return 0;
    }

    private static boolean print(SimilaritySearch search, String item, int k, Scoring scoring, PrintStream out,
                                 PrintStream err) {
        int index = search.model().vocabulary().indexOf(item);
        if (index < 0) {
            err.println("item2vec neighbours: unknown item '" + item + "': it is not in the vectors file");
            return false;
        }
        out.println("neighbours of " + item + " (" + scoring.name().toLowerCase(Locale.ROOT) + "):");
        for (Neighbour n : search.search(index, k, scoring)) {
            out.printf(Locale.ROOT, "  %-24s %.4f%n", n.item(), n.score());
        }
        return true;
    }
}
