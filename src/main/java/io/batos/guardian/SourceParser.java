package io.batos.guardian;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import io.batos.code.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns method source text into a {@link ParsedSource}, or into {@code parse} findings.
 *
 * <p>The source is wrapped as the only member of a generated class, {@value #WRAPPER}, whose
 * declaration stands alone on the first line, and parsed by JavaParser's grammar at the Java 17
 * level. JavaParser's language-level validators are deliberately off: each walks the
 * whole tree on its own and together they cost a third of an audit, while what they would add
 * (Java 17's finer restrictions: where {@code var}, {@code yield} or a modifier may stand, newer
 * syntax such as record patterns) javac reports exactly when the method is compiled at install.
 * The guardian's {@code parse} rule is about syntax. Comments are not attributed to nodes and
 * line separators are not detected: no rule needs either.
 *
 * <p>Leading {@code import}/{@code package} lines (before the method) are blanked out, keeping every
 * other character where it was so that positions still match, and handed on as
 * {@link ParsedSource#headers() headers}. Local enums, which JavaParser cannot parse in a block,
 * are parsed apart ({@link LocalEnums}).
 *
 * <p>Thread safety: a {@link JavaParser} is not documented as thread-safe, so each thread gets its
 * own; everything else is immutable.
 */
final class SourceParser {

    /** The rule id of syntax errors. */
    static final String ID = "parse";

    /** The name of the generated class around the method source. */
    static final String WRAPPER = "$GuardianWrapper$";

    private static final String PREFIX = "class " + WRAPPER + " {\n";
    private static final String SUFFIX = "\n}\n";
    private static final int LINE_OFFSET = 1;
    private static final int MAX_ALTERNATIVES = 8;
    private static final List<String> CLOSERS = List.of("\";\"", "\")\"", "\"}\"", "\"]\"", "\",\"");

    private static final Pattern HEADER = Pattern.compile(
            "(import|package)\\s+(static\\s+)?([A-Za-z_$][\\w$]*(?:\\s*\\.\\s*(?:[A-Za-z_$][\\w$]*|\\*))*)\\s*;");
    private static final Pattern LEXICAL = Pattern.compile("at line (\\d+), column (\\d+)");
    private static final Pattern EXPECTED = Pattern.compile("expected one of\\s+(.*)$", Pattern.DOTALL);
    private static final Pattern ALTERNATIVE = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|<[A-Z_]+>");

    private final ThreadLocal<JavaParser> parsers;

    /** A parser of Java 17 syntax without JavaParser's validators (see the class comment). */
    SourceParser() {
        // a configuration per thread too: it holds processors, which need not be thread-safe
        parsers = ThreadLocal.withInitial(() -> {
            ParserConfiguration configuration = new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                    .setAttributeComments(false)
                    .setDetectOriginalLineSeparator(false);
            // the level still steers the grammar (yield, records); the processors only validate,
            // attribute comments, detect line endings and attach resolvers, none of which we use
            configuration.getProcessors().clear();
            return new JavaParser(configuration);
        });
    }

    /**
     * The outcome of parsing: the parsed source, or the problems that stopped it.
     *
     * @param parsed   the parsed source; null when {@code problems} is not empty
     * @param problems {@code parse} findings, in source order
     */
    record Outcome(ParsedSource parsed, List<Finding> problems) {
    }

    /** Parses one method source; never throws for bad input. */
    Outcome parse(String source, String selector) {
        List<ParsedSource.Header> headers = new ArrayList<>();
        String body = blankHeaders(source, headers);
        List<CompilationUnit> lifted = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        CompilationUnit unit;
        try {
            unit = parseWrapped(body, problems);
            if (unit == null && body.contains("enum")) {
                unit = parseLiftingLocalEnums(body, lifted, problems);
            }
        } catch (StackOverflowError e) {
            return new Outcome(null, List.of(Finding.error(ID, "the source is nested too deeply to parse", 1, 1)));
        }
        if (unit != null) {
            return new Outcome(new ParsedSource(source, selector, unit, lifted, LINE_OFFSET, headers), List.of());
        }
        // positions of problems are mapped the same way as those of nodes
        ParsedSource mapper = new ParsedSource(source, selector, new CompilationUnit(), List.of(), LINE_OFFSET, headers);
        List<Finding> findings = new ArrayList<>();
        for (Problem problem : problems) {
            String original = problem.getMessage();
            String message = original;
            Optional<Position> where = problem.getLocation().map(range -> offendingToken(range, original))
                    .flatMap(JavaToken::getRange).map(range -> range.begin);
            Matcher lexical = LEXICAL.matcher(message);
            if (where.isEmpty() && lexical.find()) {
                // a lexical error has no token, only a position in the wrapped text, in its message
                Position at = new Position(Integer.parseInt(lexical.group(1)), Integer.parseInt(lexical.group(2)));
                where = Optional.of(at);
                message = lexical.replaceFirst("at line " + mapper.line(at) + ", column " + mapper.column(at));
            }
            int line = where.map(mapper::line).orElse(1);
            int column = where.map(mapper::column).orElse(1);
            findings.add(Finding.error(ID, shorten(message), line, column));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.error(ID, "the source does not parse as one method", 1, 1));
        }
        findings.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                : Integer.compare(a.column(), b.column()));
        return new Outcome(null, findings);
    }

    /**
     * The token a problem is about: for "Found X" JavaParser's range begins at the last token it
     * accepted, so the offending one is the next token that is not whitespace or a comment.
     */
    private static JavaToken offendingToken(TokenRange range, String message) {
        JavaToken token = range.getBegin();
        if (!message.startsWith("Parse error. Found")) {
            return token;
        }
        Optional<JavaToken> next = token.getNextToken();
        while (next.isPresent() && next.get().getCategory().isWhitespaceOrComment()) {
            next = next.get().getNextToken();
        }
        return next.orElse(token);
    }

    /** Parses the text inside the wrapper; null (and the problems) when it is not a clean parse. */
    private CompilationUnit parseWrapped(String body, List<Problem> problems) {
        ParseResult<CompilationUnit> result = parsers.get().parse(PREFIX + body + SUFFIX);
        Optional<CompilationUnit> unit = result.getResult();
        if (result.isSuccessful() && unit.isPresent() && !unit.get().getTypes().isEmpty()
                && unit.get().getType(0).isClassOrInterfaceDeclaration()) {
            return unit.get();
        }
        problems.addAll(result.getProblems());
        return null;
    }

    /**
     * Parses again with local enums taken out (JavaParser cannot parse them in a block) and each
     * parsed on its own at its own position; null (and the new problems) if that fails too.
     */
    private CompilationUnit parseLiftingLocalEnums(String body, List<CompilationUnit> lifted, List<Problem> problems) {
        List<int[]> spans = LocalEnums.find(body);
        if (spans.isEmpty()) {
            return null;
        }
        List<Problem> again = new ArrayList<>();
        CompilationUnit unit = parseWrapped(LocalEnums.blank(body, spans), again);
        for (int[] span : spans) {
            CompilationUnit alone = parseWrapped(LocalEnums.only(body, span[0], span[1]), again);
            if (alone != null) {
                lifted.add(alone);
            }
        }
        if (unit == null || !again.isEmpty()) {
            problems.clear();
            problems.addAll(again);
            lifted.clear();
            return null;
        }
        return unit;
    }

    /**
     * JavaParser's message, with its list of expected tokens cut to the first few (a syntax error
     * after an identifier can list sixty).
     */
    static String shorten(String message) {
        String oneLine = message.strip();
        Matcher expected = EXPECTED.matcher(oneLine);
        if (!expected.find()) {
            return oneLine.replaceAll("\\s+", " ");
        }
        Matcher alternatives = ALTERNATIVE.matcher(expected.group(1));
        List<String> all = new ArrayList<>();
        while (alternatives.find()) {
            all.add(alternatives.group());
        }
        // the closers are what is usually missing: name them first
        List<String> ordered = new ArrayList<>();
        for (String closer : CLOSERS) {
            if (all.remove(closer)) {
                ordered.add(closer);
            }
        }
        ordered.addAll(all);
        int total = ordered.size();
        List<String> kept = ordered.subList(0, Math.min(MAX_ALTERNATIVES, total));
        String head = oneLine.substring(0, expected.start()).replaceAll("\\s+", " ");
        String list = String.join(" ", kept) + (total > kept.size() ? " … (" + total + " in all)" : "");
        return head + (total == 1 ? "expected " : "expected one of ") + list;
    }

    /** Blanks leading import/package lines (keeping line breaks and columns) and records them. */
    static String blankHeaders(String source, List<ParsedSource.Header> headers) {
        int i = 0;
        int n = source.length();
        StringBuilder blanked = null;
        Matcher matcher = HEADER.matcher(source);
        while (i < n) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n' && source.charAt(i) != '\r') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                if (end < 0) {
                    break;
                }
                i = end + 2;
            } else if (matcher.region(i, n).lookingAt()) {
                if (blanked == null) {
                    blanked = new StringBuilder(source);
                }
                int[] place = lineAndColumn(source, i);
                String name = matcher.group(3).replaceAll("\\s+", "");
                headers.add(new ParsedSource.Header(matcher.group(1), name, place[0], place[1]));
                for (int k = i; k < matcher.end(); k++) {
                    char ch = source.charAt(k);
                    if (ch != '\n' && ch != '\r') {
                        blanked.setCharAt(k, ' ');
                    }
                }
                i = matcher.end();
            } else {
                break;
            }
        }
        return blanked == null ? source : blanked.toString();
    }

    private static int[] lineAndColumn(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
