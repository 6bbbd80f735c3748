package io.batos.memory;

import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;

/**
 * Searches Fractal Memory: Lucene query syntax over the catalog's documents, answering the best
 * cycles first.
 *
 * <pre>{@code
 * try (MemorySearch memory = MemorySearch.open(image)) {
 *     List<Hit> hits = memory.search("outcome:FAILED AND persona:BRICK", 10);
 * }
 * }</pre>
 *
 * <p>A bare word searches {@code text}, which holds everything about a cycle, prompts and responses
 * included; {@code field:value} searches one field (see {@link LuceneDocuments} for the names and
 * {@link MemoryAnalyzers} for how values match: keyword fields whole and case-blind, dates as
 * fixed-width text). Every search first catches the index up with the image (a no-op when nothing
 * was committed since), so a hit is never a document the image no longer holds. Ties in score are
 * ordered by the cycle's last event, newest first, then by cycle id. The snippet is cut from the
 * document's texts as the image holds them (nothing large is stored in the index).
 */
public final class MemorySearch implements AutoCloseable {
    private static final int SNIPPET_CHARS = 160;
    private static final Sort ORDER = new Sort(SortField.FIELD_SCORE,
            new SortField(LuceneDocuments.ENDED_SORT, SortField.Type.STRING, true),
            new SortField(LuceneDocuments.ID_SORT, SortField.Type.STRING));

    private final LivingImage image;
    private final SearchIndex index;
    private final Analyzer analyzer = MemoryAnalyzers.querying();

    private MemorySearch(LivingImage image, SearchIndex index) {
        this.image = image;
        this.index = index;
    }

    /**
     * Opens the search index of {@code image} ({@code vessel/memory-index/}), making, repairing or
     * catching it up first. Only the index is written; the image never is.
     */
    public static MemorySearch open(LivingImage image) {
        return new MemorySearch(image, SearchIndex.open(image));
    }

    /**
     * The best {@code limit} cycles for {@code query}.
     *
     * @throws ImageException USAGE for a query Lucene cannot parse or a limit below 1
     */
    public List<Hit> search(String query, int limit) {
        if (limit < 1) {
            throw new ImageException(ImageException.Code.USAGE, "the limit must be at least 1, not " + limit);
        }
        Query parsed = parse(query);
        index.catchUp();
        CatalogReader catalog = new CatalogReader(image, index.lastCatchUp().lastTx());
        try {
            IndexSearcher searcher = index.searcher();
            try {
                TopFieldDocs top = searcher.search(parsed, limit, ORDER, true);
                StoredFields stored = searcher.storedFields();
                List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc scoreDoc : top.scoreDocs) {
                    Document d = stored.document(scoreDoc.doc);
                    float score = scoreDoc instanceof FieldDoc f && !Float.isNaN(f.score) ? f.score : scoreDoc.score;
                    hits.add(new Hit(d.get(LuceneDocuments.ID), score, d.get(LuceneDocuments.STORED_OUTCOME),
                            d.get(LuceneDocuments.STORED_SELECTOR), snippet(parsed, catalog, d)));
                }
                return hits;
            } catch (IndexSearcher.TooManyClauses e) {
                throw new ImageException(ImageException.Code.USAGE, "query '" + query + "' expands to too many terms;"
                        + " make its wildcards or ranges narrower");
            } finally {
                index.release(searcher);
            }
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "memory search failed: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a query's syntax without an index, so a command can refuse it before opening anything.
     *
     * @throws ImageException USAGE naming what Lucene objected to
     */
    public static void checkSyntax(String query) {
        parse(query, MemoryAnalyzers.querying());
    }

    private Query parse(String query) {
        return parse(query, analyzer);
    }

    /** Parses Lucene query syntax; a mistake is a usage error naming what Lucene objected to. */
    private static Query parse(String query, Analyzer analyzer) {
        if (query == null || query.isBlank()) {
            throw new ImageException(ImageException.Code.USAGE, "empty query (try a word, field:value, or *:* for all)");
        }
        QueryParser parser = new QueryParser(LuceneDocuments.TEXT, analyzer);
        try {
            return parser.parse(query);
        } catch (ParseException | TokenMgrError | IndexSearcher.TooManyClauses e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ImageException(ImageException.Code.USAGE, "bad query '" + query + "': "
                    + message.lines().findFirst().orElse("").strip());
        }
    }

    /** The passage of the document's text that best matches, or its start when no word does. */
    private String snippet(Query query, CatalogReader catalog, Document d) {
        String oid = d.get(LuceneDocuments.OID);
        CycleDocument doc = oid == null ? null : catalog.document(Long.parseLong(oid));
        if (doc == null) {
            return "";
        }
        String text = LuceneDocuments.text(doc, index.texts());
        QueryScorer scorer = new QueryScorer(query);
        Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("**", "**"), scorer);
        highlighter.setTextFragmenter(new SimpleSpanFragmenter(scorer, SNIPPET_CHARS));
        try {
            String best = highlighter.getBestFragment(analyzer, LuceneDocuments.TEXT, text);
            if (best != null && !best.isBlank()) {
                return oneLine(best);
            }
        } catch (IOException | InvalidTokenOffsetsException e) {
            // fall through to the plain start of the text
        }
        String plain = oneLine(text);
        return plain.length() <= SNIPPET_CHARS ? plain : plain.substring(0, SNIPPET_CHARS) + "…";
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /** What the last catch-up did: CURRENT, CAUGHT_UP or REBUILT, and why. */
    String lastCatchUp() {
        SearchIndex.CatchUp c = index.lastCatchUp();
        return c.kind() + (c.reason() == null ? "" : ": " + c.reason());
    }

    SearchIndex index() {
        return index;
    }

    @Override
    public void close() {
        index.close();
    }
}
