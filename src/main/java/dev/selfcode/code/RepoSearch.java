package dev.selfcode.code;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.QueryBuilder;

import dev.selfcode.embedding.Embedder;

/**
 * One repository's chunks at one commit, held in memory: a BM25 index of their identifier words and an HNSW graph of
 * their embeddings (Lucene). Built from the database when the commit changes; searched many times.
 */
final class RepoSearch {

    /** The most hits each side (keyword, vector) proposes before their scores are fused. */
    static final int CANDIDATES = 100;

    /** The fewest: a small request still fuses over a pool wide enough for either side's best to meet. */
    static final int MIN_CANDIDATES = 40;

    /** How many hits each side proposes for a request of {@code limit} results. */
    static int candidates(int limit) {
        return Math.min(CANDIDATES, Math.max(MIN_CANDIDATES, limit * 8));
    }

    /** Segments a search may grow to by updates before it is built anew (each has its own HNSW graph to search). */
    static final int MAX_SEGMENTS = 8;
    /** Share of deleted documents (records gone or changed) a search may carry before it is built anew. */
    static final double MAX_DELETED = 0.25;

    private static final String ID = "id";
    private static final String KEY = "key";
    private static final String PATH = "path";
    private static final String WORDS = "words";
    private static final String VECTOR = "vector";

    /** Code words lower-cased, English stop words dropped, stemmed: "Creates groups" finds {@code createGroup}. */
    static final Analyzer ANALYZER = new Analyzer() {

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream s = new LowerCaseFilter(source);
            s = new StopFilter(s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            return new TokenStreamComponents(source, new PorterStemFilter(s));
        }
    };

    /** A stored chunk as the search needs it; {@code vector} may be null (not embedded yet). */
    record Row(long id, String path, String symbol, String content, float[] vector) {

        /**
         * What of its record this row's document depends on and may change while the record keeps its id: a re-index
         * rewrites a kept record's symbol and vector, never its path or content (new content is a new record).
         */
        String version() {
            return version(symbol, vector != null);
        }

        static String version(String symbol, boolean embedded) {
            return (embedded ? "v:" : "-:") + symbol;
        }
    }

    /** A record id with its raw BM25 score, its cosine similarity and the fused score. */
    record Hit(long id, double keyword, double vector, double combined) {
    }

    /** Which score orders the hits: the fused one, or one side alone (to measure what each side finds). */
    enum Rank {
        COMBINED, KEYWORD, VECTOR
    }

    final String sha;
    final int size;
    private final IndexSearcher searcher;
    private final ByteBuffersDirectory dir;
    /** Per record id in this search, the {@link Row#version} its document was made from. */
    private final Map<Long, String> versions;

    private RepoSearch(String sha, ByteBuffersDirectory dir, Map<Long, String> versions) throws IOException {
        DirectoryReader reader = DirectoryReader.open(dir);
        this.sha = sha;
        this.size = reader.numDocs();
        this.searcher = new IndexSearcher(reader);
        this.dir = dir;
        this.versions = versions;
    }

    static RepoSearch build(String sha, Iterator<Row> rows) throws IOException {
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        Map<Long, String> versions = new HashMap<>();
        // One large buffer: a single segment, so the HNSW graph is built once and never merged.
        IndexWriterConfig config = new IndexWriterConfig(ANALYZER).setRAMBufferSizeMB(512);
        try (IndexWriter writer = new IndexWriter(dir, config)) {
            add(writer, rows, versions);
        }
        return new RepoSearch(sha, dir, versions);
    }

    /** What an update of this search to another commit would do: records to delete, to read and add. */
    record Change(List<Long> delete, List<Long> add) {
    }

    /**
     * What moving this search to the records {@code current} (id -> {@link Row#version}) takes, or empty when a new
     * build is the better buy: the deleted documents would pass {@link #MAX_DELETED} of the index, or its segments
     * {@link #MAX_SEGMENTS}.
     */
    Optional<Change> change(Map<Long, String> current) {
        List<Long> delete = new ArrayList<>();
        List<Long> add = new ArrayList<>();
        versions.forEach((id, version) -> {
            if (!version.equals(current.get(id))) {
                delete.add(id);
            }
        });
        current.forEach((id, version) -> {
            if (!version.equals(versions.get(id))) {
                add.add(id);
            }
        });
        IndexReader reader = searcher.getIndexReader();
        int deleted = reader.numDeletedDocs() + delete.size();
        if (reader.leaves().size() >= MAX_SEGMENTS || deleted > MAX_DELETED * (reader.maxDoc() + add.size())) {
            return Optional.empty();
        }
        return Optional.of(new Change(delete, add));
    }

    /**
     * The search at commit {@code sha}: this one's documents less the records {@code change} deletes, plus
     * {@code rows} (the records it adds) in a new segment; the graphs of unchanged records are kept, not rebuilt.
     * This search stays as it was for whoever still holds it.
     */
    RepoSearch update(String sha, Change change, Iterator<Row> rows) throws IOException {
        if (change.delete().isEmpty() && change.add().isEmpty()) {
            return new RepoSearch(sha, dir, versions); // only restamped: the same documents
        }
        Map<Long, String> next = new HashMap<>(versions);
        change.delete().forEach(next::remove);
        IndexWriterConfig config = new IndexWriterConfig(ANALYZER).setRAMBufferSizeMB(512)
                .setOpenMode(IndexWriterConfig.OpenMode.APPEND).setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(dir, config)) {
            for (Long id : change.delete()) {
                writer.deleteDocuments(new Term(KEY, Long.toString(id)));
            }
            add(writer, rows, next);
        }
        return new RepoSearch(sha, dir, next);
    }

    private static void add(IndexWriter writer, Iterator<Row> rows, Map<Long, String> versions) throws IOException {
        while (rows.hasNext()) {
            Row r = rows.next();
            Document d = new Document();
            d.add(new StoredField(ID, r.id()));
            d.add(new StringField(KEY, Long.toString(r.id()), Field.Store.NO));
            d.add(new StringField(PATH, r.path(), Field.Store.NO));
            d.add(new TextField(WORDS, CodeWords.document(r.path(), r.symbol(), r.content()), Field.Store.NO));
            if (r.vector() != null && r.vector().length == Embedder.DIMENSIONS) {
                d.add(new KnnFloatVectorField(VECTOR, unit(r.vector()), VectorSimilarityFunction.DOT_PRODUCT));
            }
            writer.addDocument(d);
            versions.put(r.id(), r.version());
        }
    }

    /** How many segments the index has (each update adds one). */
    int segments() {
        return searcher.getIndexReader().leaves().size();
    }

    /** The best {@code limit} chunks for a request, by fused keyword and vector score. */
    List<Hit> search(String request, float[] requestVector, Optional<String> excludePath, int limit, Rank rank)
            throws IOException {
        return search(request, () -> requestVector, excludePath, limit, rank);
    }

    /**
     * As above, the request's vector asked for only once the keyword side is done: a caller still embedding the
     * request on another thread overlaps the two.
     */
    List<Hit> search(String request, Supplier<float[]> requestVector, Optional<String> excludePath, int limit,
            Rank rank) throws IOException {
        int candidates = candidates(limit);
        Optional<Query> exclude = excludePath.map(p -> new TermQuery(new Term(PATH, p)));
        Query keyword = new QueryBuilder(ANALYZER).createBooleanQuery(WORDS, CodeWords.query(request));
        Map<Integer, double[]> found = new HashMap<>(); // doc -> {keyword, vector}, NaN while unknown
        Weight weight = null;
        if (keyword != null) {
            // Only the best few are wanted, not how many match: with the hit count capped at them, Lucene skips the
            // blocks of documents that cannot make the cut (the default counts the first thousand exactly).
            TopScoreDocCollectorManager best = new TopScoreDocCollectorManager(candidates, null, candidates);
            for (ScoreDoc sd : searcher.search(without(keyword, exclude), best).scoreDocs) {
                found.computeIfAbsent(sd.doc, d -> new double[]{Double.NaN, Double.NaN})[0] = sd.score;
            }
            // Made now, while the request may still be embedded elsewhere: it scores the vector side's finds.
            weight = searcher.createWeight(searcher.rewrite(keyword), ScoreMode.COMPLETE, 1f);
        }
        Bits[] accepted = accepted(exclude);
        float[] vector = requestVector.get();
        float[] unitRequest = vector == null ? null : unit(vector);
        if (unitRequest != null) {
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            for (int i = 0; i < leaves.size(); i++) {
                LeafReaderContext leaf = leaves.get(i);
                TopDocs near = leaf.reader().searchNearestVectors(VECTOR, unitRequest, candidates, accepted[i],
                        Integer.MAX_VALUE);
                for (ScoreDoc sd : near.scoreDocs) {
                    // Lucene scores a dot product of unit vectors as (1 + cosine) / 2.
                    found.computeIfAbsent(leaf.docBase + sd.doc,
                            d -> new double[]{Double.NaN, Double.NaN})[1] = 2.0 * sd.score - 1;
                }
            }
        }
        fillIn(found, weight, unitRequest);
        List<Hit> hits = fuse(found);
        if (rank != Rank.COMBINED) {
            hits.sort(Comparator.comparingDouble((Hit h) -> rank == Rank.KEYWORD ? h.keyword() : h.vector())
                    .reversed().thenComparingLong(Hit::id));
        }
        List<Hit> out = new ArrayList<>();
        for (Hit h : hits.subList(0, Math.min(limit, hits.size()))) {
            long id = searcher.storedFields().document((int) h.id()).getField(ID).numericValue().longValue();
            out.add(new Hit(id, h.keyword(), h.vector(), h.combined()));
        }
        return out;
    }

    /**
     * Per leaf, the documents the vector side may propose: the live ones outside the excluded file. Each leaf of many
     * proposes its own best, as {@link org.apache.lucene.search.KnnFloatVectorQuery} does before it merges them.
     */
    private Bits[] accepted(Optional<Query> exclude) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Bits[] out = new Bits[leaves.size()];
        Weight excluded = exclude.isEmpty()
                ? null
                : searcher.createWeight(searcher.rewrite(exclude.get()), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (int i = 0; i < out.length; i++) {
            LeafReader reader = leaves.get(i).reader();
            Bits live = reader.getLiveDocs();
            Scorer scorer = excluded == null ? null : excluded.scorer(leaves.get(i));
            if (scorer == null) {
                out[i] = live;
                continue;
            }
            FixedBitSet bits = new FixedBitSet(reader.maxDoc());
            bits.set(0, reader.maxDoc());
            DocIdSetIterator it = scorer.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                bits.clear(doc);
            }
            if (live != null) {
                for (int doc = 0; doc < reader.maxDoc(); doc++) {
                    if (!live.get(doc)) {
                        bits.clear(doc);
                    }
                }
            }
            out[i] = bits;
        }
        return out;
    }

    /** The exact score of each side for the candidates only the other side proposed. */
    private void fillIn(Map<Integer, double[]> found, Weight weight, float[] request) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<Integer> docs = found.keySet().stream().sorted().toList();
        int leafIndex = -1;
        Scorer scorer = null;
        FloatVectorValues vectors = null;
        for (int doc : docs) {
            int li = ReaderUtil.subIndex(doc, leaves);
            LeafReaderContext leaf = leaves.get(li);
            if (li != leafIndex) {
                leafIndex = li;
                scorer = weight == null ? null : weight.scorer(leaf);
                vectors = leaf.reader().getFloatVectorValues(VECTOR);
            }
            double[] s = found.get(doc);
            int local = doc - leaf.docBase;
            if (Double.isNaN(s[0])) {
                s[0] = scorer != null && advance(scorer.iterator(), local) ? scorer.score() : 0;
            }
            if (Double.isNaN(s[1])) {
                s[1] = request != null && vectors != null && advance(vectors, local)
                        ? dot(request, vectors.vectorValue())
                        : 0;
            }
        }
    }

    private static boolean advance(DocIdSetIterator it, int target) throws IOException {
        return (it.docID() < target ? it.advance(target) : it.docID()) == target;
    }

    /** Min-max normalises each side over the candidates and weighs them (see {@link HybridScore}). */
    private static List<Hit> fuse(Map<Integer, double[]> found) {
        double[] kw = found.values().stream().mapToDouble(s -> s[0]).toArray();
        double[] vec = found.values().stream().mapToDouble(s -> s[1]).toArray();
        HybridScore fusion = new HybridScore(kw, vec);
        List<Hit> hits = new ArrayList<>();
        found.forEach((doc, s) -> hits.add(new Hit(doc, s[0], s[1], fusion.combine(s[0], s[1]))));
        hits.sort(Comparator.comparingDouble(Hit::combined).reversed().thenComparing(
                Comparator.comparingDouble(Hit::keyword).reversed()).thenComparingLong(Hit::id));
        return hits;
    }

    private static Query without(Query query, Optional<Query> exclude) {
        if (exclude.isEmpty()) {
            return query;
        }
        return new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                .add(exclude.get(), BooleanClause.Occur.MUST_NOT).build();
    }

    private static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }

    /** A unit-length copy (the dot product of unit vectors is their cosine); null for an all-zero vector. */
    static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        if (n == 0) {
            return null;
        }
        float[] out = new float[v.length];
        double len = Math.sqrt(n);
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / len);
        }
        return out;
    }
}
