/**
 * The statistics of an experiment report, in plain double arithmetic with no library behind it.
 *
 * <ul>
 *   <li>{@link org.item2vec.experiment.stats.TwoProportionTest}: an A/B comparison of two conversion rates
 *       (difference, relative lift, their 95 % intervals and a z-test).</li>
 *   <li>{@link org.item2vec.experiment.stats.SampleRatioCheck}: whether users were split between variants in the
 *       configured proportions, the first thing to check before trusting any other number of a report.</li>
 *   <li>{@link org.item2vec.experiment.stats.InterleavingPreference} and
 *       {@link org.item2vec.experiment.stats.SignTest}: which ranker users prefer in a team-draft interleaving.</li>
 *   <li>{@link org.item2vec.experiment.stats.Normal} and {@link org.item2vec.experiment.stats.ChiSquare}: the two
 *       distributions the tests above need.</li>
 * </ul>
 *
 * <p>Nothing here returns NaN or an infinity: a quantity that is undefined for the given counts is absent
 * ({@code Optional.empty()} or {@code null}), as each class documents, so a report can be written as JSON as is.
 */
package org.item2vec.experiment.stats;
