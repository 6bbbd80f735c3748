// rule: covenant
Object pick(UvmObject self, Object... args) {
    boolean left = args.length > 0;
    List<Object> target = left ? (List<Object>) self.get("left") : (List<Object>) self.get("right");
    target.add(args.length);
    return target;
}
