// accept: groupingBy and counting
Object initials(UvmObject self, Object... args) {
    Map<Character, Long> byInitial = Stream.of(args)
            .map(String::valueOf)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.groupingBy(s -> s.charAt(0), TreeMap::new, Collectors.counting()));
    return byInitial.toString();
}
