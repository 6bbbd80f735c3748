// accept: a labeled loop, pure
Object findPair(UvmObject self, Object... args) {
    int target = args.length > 0 && args[0] instanceof Number n ? n.intValue() : 10;
    int[] values = {1, 4, 6, 9, 3};
    String found = "none";
    search:
    for (int i = 0; i < values.length; i++) {
        for (int j = i + 1; j < values.length; j++) {
            if (values[i] + values[j] == target) {
                found = values[i] + "+" + values[j];
                break search;
            }
        }
    }
    return found;
}
