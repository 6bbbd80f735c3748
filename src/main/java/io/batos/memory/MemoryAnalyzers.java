package io.batos.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * How Fractal Memory's fields turn into terms, the same way when indexing and when parsing a
 * query (so {@code selector:isPrime} finds what was indexed as {@code isPrime}).
 *
 * <ul>
 *   <li>Keyword fields ({@code event_type}, {@code persona}, {@code state}, {@code outcome},
 *       {@code mission_type}, {@code selector}, {@code rule}, {@code severity}, {@code cycle_id},
 *       {@code parent_cycle}, {@code mission_brief_hash}): the whole value is one term, lower-cased,
 *       so {@code outcome:FAILED} and {@code outcome:failed} both match exactly FAILED, and
 *       {@code selector:fib*} is a prefix of whole selectors, never of words inside them.</li>
 *   <li>Date fields ({@code date} yyyy-MM-dd, {@code started} and {@code ended} as
 *       yyyy-MM-ddTHH:mm:ss.SSSZ): one term each, case kept, so ranges such as
 *       {@code started:[2026-01-01 TO 2026-02-01]} compare as text, which for these fixed-width
 *       forms is time order.</li>
 *   <li>Text fields (the default {@code text}, and {@code prompt}, {@code response},
 *       {@code finding}, {@code note}): runs of letters and digits, lower-cased (so the dots and
 *       brackets of code separate words, {@code java.io.File} is three); when indexing, identifiers are also
 *       split at case changes and digits with the original kept, so {@code markChanged} is found
 *       by {@code markchanged}, {@code mark} and {@code changed} alike.</li>
 * </ul>
 */
final class MemoryAnalyzers {
    static final Set<String> KEYWORDS = Set.of(LuceneDocuments.EVENT_TYPE, LuceneDocuments.PERSONA,
            LuceneDocuments.STATE, LuceneDocuments.OUTCOME, LuceneDocuments.MISSION_TYPE, LuceneDocuments.SELECTOR,
            LuceneDocuments.RULE, LuceneDocuments.SEVERITY, LuceneDocuments.CYCLE_ID, LuceneDocuments.PARENT_CYCLE,
            LuceneDocuments.MISSION_BRIEF_HASH);
    static final Set<String> EXACT = Set.of(LuceneDocuments.DATE, LuceneDocuments.STARTED, LuceneDocuments.ENDED,
            LuceneDocuments.ID, LuceneDocuments.OID, LuceneDocuments.SHARD);

    private MemoryAnalyzers() {
    }

    /** The analyzer an index writer uses. */
    static Analyzer indexing() {
        return perField(new WordsAnalyzer(true));
    }

    /** The analyzer the query parser (and the snippet highlighter) uses. */
    static Analyzer querying() {
        return perField(new WordsAnalyzer(false));
    }

    private static Analyzer perField(Analyzer words) {
        Map<String, Analyzer> fields = new HashMap<>();
        Analyzer keyword = new LowerKeywordAnalyzer();
        Analyzer exact = new KeywordAnalyzer();
        KEYWORDS.forEach(f -> fields.put(f, keyword));
        EXACT.forEach(f -> fields.put(f, exact));
        return new PerFieldAnalyzerWrapper(words, fields);
    }

    /** A whole value as one lower-cased term. */
    static final class LowerKeywordAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new KeywordTokenizer();
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }

        @Override
        protected TokenStream normalize(String field, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }

    /** Words, lower-cased; for indexing also split inside identifiers (original kept). */
    static final class WordsAnalyzer extends Analyzer {
        private static final int SPLIT = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
                | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
                | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS | WordDelimiterGraphFilter.PRESERVE_ORIGINAL
                | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;
        private final boolean split;

        WordsAnalyzer(boolean split) {
            this.split = split;
        }

        @Override
        protected TokenStreamComponents createComponents(String field) {
            // Letters and digits only: code's punctuation ("self.markChanged();") separates words.
            Tokenizer source = CharTokenizer.fromTokenCharPredicate(Character::isLetterOrDigit);
            TokenStream stream = source;
            if (split) {
                // Graph output flattened, as an index needs; queries stay unsplit, so no graph there.
                stream = new FlattenGraphFilter(new WordDelimiterGraphFilter(stream, SPLIT, null));
            }
            return new TokenStreamComponents(source, new LowerCaseFilter(stream));
        }

        @Override
        protected TokenStream normalize(String field, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }
}
