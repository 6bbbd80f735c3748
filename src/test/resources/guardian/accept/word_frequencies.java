// accept: a local map mutated freely
Object frequencies(UvmObject self, Object... args) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Object arg : args) {
        for (String word : String.valueOf(arg).toLowerCase().split("\\W+")) {
            if (!word.isEmpty()) {
                counts.merge(word, 1, Integer::sum);
            }
        }
    }
    return counts;
}
