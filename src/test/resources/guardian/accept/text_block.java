// accept: a text block template
Object card(UvmObject self, Object... args) {
    String template = """
            Name:  %NAME%
            Items: %COUNT%
            """;
    Object items = self.get("items");
    int count = items instanceof List<?> list ? list.size() : 0;
    return template.replace("%NAME%", String.valueOf(self.get("name"))).replace("%COUNT%", Integer.toString(count));
}
