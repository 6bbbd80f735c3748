// accept: parents, oid and slot names
Object describeSelf(UvmObject self, Object... args) {
    List<UvmObject> parents = self.parents();
    String parentIds = parents.stream().map(p -> "@" + p.oid()).collect(Collectors.joining(", "));
    return "@" + self.oid() + " with " + self.slotNames().size() + " slots, parents [" + parentIds + "]";
}
