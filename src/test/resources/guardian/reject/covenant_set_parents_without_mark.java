// rule: covenant
Object orphan(UvmObject self, Object... args) {
    self.setParents(List.of());
    return self;
}
