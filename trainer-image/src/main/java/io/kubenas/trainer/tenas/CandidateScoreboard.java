package io.kubenas.trainer.tenas;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One pruning round's ranking (docs/algorithms.md §3.4, steps 3 and 4): every active candidate of every layer is
 * ranked by Δκ descending (removing it lowers the NTK condition number most) and by ΔR ascending (removing
 * it loses the fewest linear regions), with dense ranks that share ties; the two ranks are summed, and on
 * each layer the candidate with the lowest sum is pruned.
 *
 * <p>Ties on the lowest sum are broken so the result is deterministic: with the FLOPs tie-breaker the
 * candidate with the most FLOPs goes, otherwise the one with the larger Δκ, then the later in the layer's
 * candidate order. One candidate is pruned per layer per round, as in the TE-NAS reference code.
 */
public final class CandidateScoreboard {

    /** Averaged deltas of removing one candidate. */
    public record Delta(int layer, String candidate, int order, double ntkDelta, double regionsDelta, double flops) {
    }

    /** A delta with its ranks. */
    public record Ranked(Delta delta, int ntkRank, int regionsRank) {
        public int rankSum() {
            return ntkRank + regionsRank;
        }
    }

    private CandidateScoreboard() {
    }

    /** Ranks every delta; the result keeps the input order. */
    public static List<Ranked> rank(List<Delta> deltas) {
        Map<Double, Integer> ntkRanks = denseRanks(deltas.stream().map(Delta::ntkDelta).toList(), true);
        Map<Double, Integer> regionRanks = denseRanks(deltas.stream().map(Delta::regionsDelta).toList(), false);
        List<Ranked> ranked = new ArrayList<>();
        for (Delta d : deltas) {
            ranked.add(new Ranked(d, ntkRanks.get(d.ntkDelta()), regionRanks.get(d.regionsDelta())));
        }
        return ranked;
    }

    /**
     * Dense ranks from 1: equal values share a rank and the next distinct value gets the next integer.
     * {@code descending} gives rank 1 to the largest value.
     */
    public static Map<Double, Integer> denseRanks(List<Double> values, boolean descending) {
        TreeSet<Double> distinct = new TreeSet<>(descending ? Comparator.<Double>reverseOrder() : Comparator.<Double>naturalOrder());
        distinct.addAll(values);
        Map<Double, Integer> ranks = new LinkedHashMap<>();
        int rank = 1;
        for (Double v : distinct) {
            ranks.put(v, rank++);
        }
        return ranks;
    }

    /** The candidate to prune on each layer that has one ranked: layer → ranked entry. */
    public static Map<Integer, Ranked> prunePerLayer(List<Ranked> ranked, boolean flopsTieBreak) {
        Comparator<Ranked> worstFirst = Comparator.comparingInt(Ranked::rankSum);
        if (flopsTieBreak) {
            worstFirst = worstFirst.thenComparing(r -> -r.delta().flops());
        }
        worstFirst = worstFirst.thenComparing(r -> -r.delta().ntkDelta()).thenComparing(r -> -r.delta().order());
        Map<Integer, Ranked> pruned = new LinkedHashMap<>();
        for (Ranked r : ranked.stream().sorted(worstFirst).toList()) {
            pruned.putIfAbsent(r.delta().layer(), r);
        }
        return pruned;
    }
}
