// accept: final parameters and @SuppressWarnings
@SuppressWarnings("unchecked")
Object firstItem(final UvmObject self, final Object... args) {
    List<Object> items = (List<Object>) self.get("items");
    return items == null || items.isEmpty() ? null : items.get(0);
}
