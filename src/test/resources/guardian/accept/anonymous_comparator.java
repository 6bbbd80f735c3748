// accept: an anonymous class
Object byLength(UvmObject self, Object... args) {
    List<String> words = new ArrayList<>();
    for (Object arg : args) {
        words.add(String.valueOf(arg));
    }
    words.sort(new Comparator<String>() {
        @Override
        public int compare(String a, String b) {
            int byLength = Integer.compare(a.length(), b.length());
            return byLength != 0 ? byLength : a.compareTo(b);
        }
    });
    return words;
}
