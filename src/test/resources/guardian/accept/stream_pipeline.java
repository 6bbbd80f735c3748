// accept: a stream filter-map-collect
Object evens(UvmObject self, Object... args) {
    return Arrays.stream(args)
            .filter(Objects::nonNull)
            .map(String::valueOf)
            .filter(s -> s.chars().allMatch(Character::isDigit) && !s.isEmpty())
            .map(Long::parseLong)
            .filter(n -> n % 2 == 0)
            .collect(Collectors.toList());
}
