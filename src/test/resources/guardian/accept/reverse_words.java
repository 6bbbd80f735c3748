// accept: StringBuilder and split
Object reverseWords(UvmObject self, Object... args) {
    String text = args.length > 0 ? String.valueOf(args[0]) : "";
    String[] words = text.trim().split("\\s+");
    StringBuilder out = new StringBuilder();
    for (int i = words.length - 1; i >= 0; i--) {
        out.append(words[i]);
        if (i > 0) {
            out.append(' ');
        }
    }
    return out.toString();
}
