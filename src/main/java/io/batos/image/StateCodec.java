package io.batos.image;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes an object's slots as CBOR, with private tags for the image's own value types.
 *
 * <p>CBOR keeps the log compact and self-describing: any CBOR tool can read a record, and a new
 * value type only needs a new tag. The format version lives in the log header ({@link LogFile}),
 * so a future encoding can be told apart from this one.
 *
 * <p>Tags (private range): 27001 object reference (integer oid), 27002 method source (text), 27003
 * primitive (text), 27004 blob (text {@code sha256:size}), 27005 decimal (text, exact).
 */
public final class StateCodec {
    /** Version of this encoding, recorded in the log header. */
    public static final int FORMAT_VERSION = 1;

    static final int TAG_REF = 27001;
    static final int TAG_METHOD = 27002;
    static final int TAG_PRIMITIVE = 27003;
    static final int TAG_BLOB = 27004;
    static final int TAG_DECIMAL = 27005;

    private static final CBORFactory FACTORY = CBORFactory.builder().build();

    private StateCodec() {
    }

    /**
     * Whether encoded state may hold a method: looks for the method tag's bytes without decoding.
     * A string that happens to contain them gives a false positive, which only costs a look.
     */
    static boolean mayHoldMethod(byte[] state) {
        // CBOR major type 6 with a two-byte argument: 0xD9, then 27002 big-endian (0x69 0x7A).
        for (int i = 0; i + 2 < state.length; i++) {
            if (state[i] == (byte) 0xD9 && state[i + 1] == (byte) 0x69 && state[i + 2] == (byte) 0x7A) {
                return true;
            }
        }
        return false;
    }

    /** Encodes normalized slots (insertion order kept) to bytes. */
    public static byte[] encode(Map<String, Object> slots) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + slots.size() * 24);
        try (CBORGenerator gen = (CBORGenerator) FACTORY.createGenerator(out)) {
            gen.writeStartObject(slots.size());
            for (Map.Entry<String, Object> entry : slots.entrySet()) {
                gen.writeFieldName(entry.getKey());
                write(gen, entry.getValue());
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot encode object state: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Decodes bytes written by {@link #encode} into a fresh, mutable slot map. */
    public static Map<String, Object> decode(byte[] bytes) {
        try (CBORParser parser = (CBORParser) FACTORY.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("object state is not a CBOR map");
            }
            return readMap(parser);
        } catch (IOException | RuntimeException e) {
            throw new ImageException(ImageException.Code.VERIFY_FAILED,
                    "cannot decode object state: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(CBORGenerator gen, Object value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof String s) {
            gen.writeString(s);
        } else if (value instanceof Long l) {
            gen.writeNumber(l.longValue());
        } else if (value instanceof Double d) {
            gen.writeNumber(d.doubleValue());
        } else if (value instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (value instanceof ObjectRef ref) {
            gen.writeTag(TAG_REF);
            gen.writeNumber(ref.oid());
        } else if (value instanceof List<?> list) {
            gen.writeStartArray(list, list.size());
            for (Object element : list) {
                write(gen, element);
            }
            gen.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            gen.writeStartObject(map, map.size());
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                gen.writeFieldName(entry.getKey());
                write(gen, entry.getValue());
            }
            gen.writeEndObject();
        } else if (value instanceof byte[] bytes) {
            gen.writeBinary(bytes);
        } else if (value instanceof BigDecimal decimal) {
            gen.writeTag(TAG_DECIMAL);
            gen.writeString(decimal.toString());
        } else if (value instanceof MethodSource method) {
            gen.writeTag(TAG_METHOD);
            gen.writeString(method.source());
        } else if (value instanceof Primitive primitive) {
            gen.writeTag(TAG_PRIMITIVE);
            gen.writeString(primitive.name());
        } else if (value instanceof BlobRef blob) {
            gen.writeTag(TAG_BLOB);
            gen.writeString(blob.sha256() + ":" + blob.size());
        } else {
            throw new NotPersistableException("?", "", value.getClass());
        }
    }

    private static Map<String, Object> readMap(CBORParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.FIELD_NAME) {
                throw new IOException("expected a slot name, found " + token);
            }
            String name = parser.currentName();
            parser.nextToken();
            map.put(name, readValue(parser));
        }
        return map;
    }

    private static Object readValue(CBORParser parser) throws IOException {
        int tag = parser.getCurrentTag();
        JsonToken token = parser.currentToken();
        switch (token) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT:
                long number = parser.getLongValue();
                return tag == TAG_REF ? new ObjectRef(number) : (Object) number;
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_STRING:
                String text = parser.getText();
                switch (tag) {
                    case TAG_METHOD:
                        return new MethodSource(text);
                    case TAG_PRIMITIVE:
                        return new Primitive(text);
                    case TAG_DECIMAL:
                        return new BigDecimal(text);
                    case TAG_BLOB:
                        int colon = text.indexOf(':');
                        return new BlobRef(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
                    default:
                        return text;
                }
            case VALUE_EMBEDDED_OBJECT:
                return parser.getBinaryValue();
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(parser));
                }
                return list;
            case START_OBJECT:
                return readMap(parser);
            default:
                throw new IOException("unexpected CBOR token " + token);
        }
    }
}
