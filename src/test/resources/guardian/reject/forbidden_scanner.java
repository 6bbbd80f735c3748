// rule: forbidden-api
Object firstWord(UvmObject self, Object... args) {
    Scanner scanner = new Scanner(String.valueOf(args[0]));
    return scanner.next();
}
