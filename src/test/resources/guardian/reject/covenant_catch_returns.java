// rule: covenant
Object parse(UvmObject self, Object... args) {
    List<Integer> numbers = (List<Integer>) self.get("numbers");
    try {
        numbers.add(Integer.parseInt(String.valueOf(args[0])));
        self.markChanged();
        return numbers.size();
    } catch (NumberFormatException e) {
        return "not a number";
    }
}
