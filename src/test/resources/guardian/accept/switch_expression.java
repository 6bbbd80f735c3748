// accept: a switch expression on a string
Object describe(UvmObject self, Object... args) {
    String kind = args.length > 0 ? String.valueOf(args[0]) : "";
    int legs = switch (kind) {
        case "bird" -> 2;
        case "cat", "dog" -> 4;
        case "spider" -> {
            int pairs = 4;
            yield pairs * 2;
        }
        default -> 0;
    };
    return kind + " has " + legs + " legs";
}
