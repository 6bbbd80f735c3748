// rule: forbidden-api
Object localize(UvmObject self, Object... args) {
    Locale.setDefault(Locale.GERMANY);
    return Locale.getDefault().toString();
}
