namespace Audio2Midi.Training.Evaluation;

/// <summary>
/// Maximum-cardinality bipartite matching (Hopcroft–Karp) between reference and estimated notes, done
/// the way mir_eval.util._bipartite_match does it: the same graph layout (estimated notes on the left,
/// visited in order of first hit when the reference × estimate hit matrix is scanned row by row), the
/// same greedy start, and the same order of layer building and augmenting-path search. The size of a
/// maximum matching is unique, but which pairs it holds is not; following mir_eval's order exactly
/// makes the pairs (and so the onset-error and latency figures taken from them) the ones it reports.
/// </summary>
internal static class BipartiteMatching
{
    private const int FirstLayer = -1; // pred[u] of a left vertex that is free (mir_eval's `unmatched` flag)

    /// <summary>
    /// Matches reference notes to estimated notes where <paramref name="hit"/>(ref, est) is true.
    /// Returns (reference index, estimate index) pairs sorted by reference index.
    /// </summary>
    public static List<(int Ref, int Est)> Match(int referenceCount, int estimateCount, Func<int, int, bool> hit)
    {
        // Graph input, as mir_eval builds it from np.where(hit_matrix): left vertex = estimate index,
        // inserted in order of first appearance in a row-major scan; neighbours in ascending ref order.
        var order = new List<int>();
        var graph = new Dictionary<int, List<int>>();
        for (int r = 0; r < referenceCount; r++)
        {
            for (int e = 0; e < estimateCount; e++)
            {
                if (!hit(r, e))
                    continue;
                if (!graph.TryGetValue(e, out var neighbours))
                {
                    neighbours = [];
                    graph[e] = neighbours;
                    order.Add(e);
                }
                neighbours.Add(r);
            }
        }

        var matching = Solve(order, graph);
        var pairs = new List<(int Ref, int Est)>(matching.Count);
        foreach (var (v, u) in matching)
            pairs.Add((v, u));
        pairs.Sort((a, b) => a.Ref.CompareTo(b.Ref));
        return pairs;
    }

    /// <summary>Returns the matching as right vertex (reference) → left vertex (estimate).</summary>
    private static Dictionary<int, int> Solve(List<int> order, Dictionary<int, List<int>> graph)
    {
        // Greedy start.
        var matching = new Dictionary<int, int>();
        foreach (int u in order)
        {
            foreach (int v in graph[u])
            {
                if (matching.TryAdd(v, u))
                    break;
            }
        }

        while (true)
        {
            // Layer the residual graph. preds[v]: left neighbours of v in the previous layer;
            // pred[u]: right neighbour of u in the previous layer (FirstLayer for free left vertices).
            var preds = new Dictionary<int, List<int>>();
            var unmatched = new List<int>();
            var pred = new Dictionary<int, int>();
            foreach (int u in order)
                pred[u] = FirstLayer;
            foreach (int u in matching.Values)
                pred.Remove(u);
            var layer = new List<int>();
            foreach (int u in order)
            {
                if (pred.ContainsKey(u))
                    layer.Add(u);
            }

            while (layer.Count > 0 && unmatched.Count == 0)
            {
                var newLayerOrder = new List<int>();
                var newLayer = new Dictionary<int, List<int>>();
                foreach (int u in layer)
                {
                    foreach (int v in graph[u])
                    {
                        if (preds.ContainsKey(v))
                            continue;
                        if (!newLayer.TryGetValue(v, out var list))
                        {
                            list = [];
                            newLayer[v] = list;
                            newLayerOrder.Add(v);
                        }
                        list.Add(u);
                    }
                }

                layer = [];
                foreach (int v in newLayerOrder)
                {
                    preds[v] = newLayer[v];
                    if (matching.TryGetValue(v, out int mu))
                    {
                        layer.Add(mu);
                        pred[mu] = v;
                    }
                    else
                    {
                        unmatched.Add(v);
                    }
                }
            }

            // No augmenting path left: the matching is maximum.
            if (unmatched.Count == 0)
                return matching;

            foreach (int v in unmatched)
                Augment(v, preds, pred, matching);
        }
    }

    /// <summary>Searches back through the layers from free right vertex <paramref name="v"/> for an augmenting path.</summary>
    private static bool Augment(int v, Dictionary<int, List<int>> preds, Dictionary<int, int> pred, Dictionary<int, int> matching)
    {
        if (!preds.Remove(v, out var candidates))
            return false;
        foreach (int u in candidates)
        {
            if (!pred.Remove(u, out int pu))
                continue;
            if (pu == FirstLayer || Augment(pu, preds, pred, matching))
            {
                matching[v] = u;
                return true;
            }
        }
        return false;
    }
}
