// rule: covenant
Object shuffleIn(UvmObject self, Object... args) {
    List<Object> xs = (List<Object>) self.get("items");
    List<Object> ys = new ArrayList<>();
    ys = xs;
    ys.clear();
    return "cleared";
}
