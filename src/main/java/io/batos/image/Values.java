package io.batos.image;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The closed set of persistable slot values: normalization, deep copies and deep equality.
 *
 * <p>Persistable values are null, Boolean, Long, Double, String, BigDecimal, byte[], List, Map with
 * String keys, {@link ObjectRef}, {@link MethodSource}, {@link Primitive} and {@link BlobRef}.
 * Integer, Short and Byte normalize to Long and Float to Double, recursively, because code written
 * by a language model says {@code 1}, not {@code 1L}. Lists and maps are the only mutable
 * containers (with byte[]); everything else is immutable and may be shared freely between
 * transactions.
 */
public final class Values {
    private Values() {
    }

    /** Slots whose names start with this prefix are volatile: process-local, never persisted. */
    public static final String VOLATILE_PREFIX = "_v_";

    /** Answers whether a slot name denotes a volatile slot. */
    public static boolean isVolatile(String slot) {
        return slot.startsWith(VOLATILE_PREFIX);
    }

    /**
     * Returns a normalized, private copy of {@code value} fit for a slot, or throws.
     *
     * @throws NotPersistableException naming the slot, the offending type and where it sits
     */
    public static Object normalize(String slot, Object value) {
        return normalize(slot, "", value, 0);
    }

    private static Object normalize(String slot, String path, Object value, int depth) {
        if (depth > 256) {
            throw new ImageException(ImageException.Code.USAGE,
                    "slot '" + slot + "' holds a value nested more than 256 levels deep (a cycle?)");
        }
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof BigDecimal || value instanceof ObjectRef
                || value instanceof MethodSource || value instanceof Primitive || value instanceof BlobRef) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            int i = 0;
            for (Object element : list) {
                copy.add(normalize(slot, path + "[" + i++ + "]", element, depth + 1));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    Object k = entry.getKey();
                    throw new NotPersistableException(slot, path + " key " + k,
                            k == null ? Void.class : k.getClass());
                }
                copy.put(key, normalize(slot, path + "." + key, entry.getValue(), depth + 1));
            }
            return copy;
        }
        throw new NotPersistableException(slot, path, value.getClass());
    }

    /** Answers whether a value is a mutable container that must be copied between transactions. */
    public static boolean isContainer(Object value) {
        if (value == null) {
            return false;
        }
        // Exact classes first: normalized and decoded containers are always these, and on Java 17 a
        // failing interface instanceof costs tens of nanoseconds on the hottest path of a send.
        Class<?> type = value.getClass();
        if (type == ArrayList.class || type == LinkedHashMap.class || type == byte[].class) {
            return true;
        }
        if (type == String.class || type == Long.class || type == Double.class || type == Boolean.class
                || type == ObjectRef.class || type == MethodSource.class || type == Primitive.class) {
            return false;
        }
        return value instanceof List || value instanceof Map || value instanceof byte[];
    }

    /** A deep copy of an already normalized value; immutable values are returned as they are. */
    @SuppressWarnings("unchecked")
    public static Object deepCopy(Object value) {
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(deepCopy(element));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                copy.put(entry.getKey(), deepCopy(entry.getValue()));
            }
            return copy;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        return value;
    }

    /**
     * Deep equality that compares byte arrays by content and maps regardless of order.
     *
     * <p>Used by the commit-time covenant check, which must notice any in-place change.
     */
    public static boolean deepEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey()) || !deepEquals(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Collects every object reference reachable inside a value (for pack's reachability walk). */
    public static void collectRefs(Object value, java.util.function.LongConsumer sink) {
        if (value instanceof ObjectRef ref) {
            sink.accept(ref.oid());
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                collectRefs(element, sink);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Object element : map.values()) {
                collectRefs(element, sink);
            }
        }
    }

    /** Collects every blob reference inside a value (for backup). */
    public static void collectBlobs(Object value, java.util.function.Consumer<BlobRef> sink) {
        if (value instanceof BlobRef ref) {
            sink.accept(ref);
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                collectBlobs(element, sink);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Object element : map.values()) {
                collectBlobs(element, sink);
            }
        }
    }
}
