// rule: covenant
Object addScore(UvmObject self, Object... args) {
    int points = args.length > 0 && args[0] instanceof Number n ? n.intValue() : 1;
    ((int[]) self.get("scores"))[0] += points;
    return points;
}
