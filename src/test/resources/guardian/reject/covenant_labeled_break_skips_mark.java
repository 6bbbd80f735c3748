// rule: covenant
Object clean(UvmObject self, Object... args) {
    List<List<Object>> rows = (List<List<Object>>) self.get("rows");
    outer:
    for (List<Object> row : rows) {
        for (Object cell : row) {
            if (cell == null) {
                row.remove(cell);
                break outer;
            }
        }
        self.markChanged();
    }
    return rows.size();
}
