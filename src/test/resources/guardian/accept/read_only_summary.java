// accept: reading slots without changing anything
Object summary(UvmObject self, Object... args) {
    StringBuilder out = new StringBuilder();
    for (String slot : self.slotNames()) {
        Object value = self.get(slot);
        out.append(slot).append('=').append(value instanceof List<?> l ? "list of " + l.size() : String.valueOf(value));
        out.append('\n');
    }
    return out.toString();
}
