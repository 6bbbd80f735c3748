// rule: forbidden-api
Object quitLater(UvmObject self, Object... args) {
    IntConsumer bye = System::exit;
    bye.accept(0);
    return null;
}
