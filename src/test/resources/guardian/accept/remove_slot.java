// accept: removing a slot, then marking
Object forget(UvmObject self, Object... args) {
    String slot = args.length > 0 ? String.valueOf(args[0]) : "scratch";
    boolean had = self.remove(slot);
    self.markChanged();
    return had;
}
