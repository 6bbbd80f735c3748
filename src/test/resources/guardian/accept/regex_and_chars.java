// accept: regular expressions and characters
Object slug(UvmObject self, Object... args) {
    String text = args.length > 0 ? String.valueOf(args[0]) : "Hello, World!";
    String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    boolean valid = slug.matches("[a-z0-9-]*");
    long vowels = slug.chars().filter(c -> "aeiou".indexOf(c) >= 0).count();
    return slug + (valid ? "" : "?") + " (" + vowels + " vowels)";
}
