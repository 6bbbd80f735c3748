// accept: a local enum with a final field
Object level(UvmObject self, Object... args) {
    enum Level {
        LOW("calm"), HIGH("busy");

        private final String word;

        Level(String word) {
            this.word = word;
        }
    }
    int load = args.length;
    Level level = load > 2 ? Level.HIGH : Level.LOW;
    return level.name().toLowerCase() + ": " + level.word;
}
