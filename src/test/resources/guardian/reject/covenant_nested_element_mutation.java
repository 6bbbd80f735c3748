// rule: covenant
Object addToFirstRow(UvmObject self, Object... args) {
    List<List<Object>> rows = (List<List<Object>>) self.get("rows");
    rows.get(0).add(args[0]);
    return rows.get(0).size();
}
