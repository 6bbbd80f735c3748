// accept: composing lambdas
Object shout(UvmObject self, Object... args) {
    Function<String, String> trim = String::trim;
    Function<String, String> upper = s -> s.toUpperCase(Locale.ROOT);
    Function<String, String> bang = s -> s + "!";
    BiFunction<String, Integer, String> repeat = String::repeat;
    String text = args.length > 0 ? String.valueOf(args[0]) : "hey";
    return repeat.apply(trim.andThen(upper).andThen(bang).apply(text), 2);
}
